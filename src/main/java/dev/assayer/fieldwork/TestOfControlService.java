package dev.assayer.fieldwork;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.Control;
import dev.assayer.control.ControlService;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.internal.testing.SampleSource;
import dev.assayer.fieldwork.internal.testing.TestRepository;
import dev.assayer.fieldwork.internal.testing.TestRepository.DeviationRow;
import dev.assayer.fieldwork.internal.testing.TestRepository.Scope;
import dev.assayer.fieldwork.internal.testing.TestRepository.TestRow;
import dev.assayer.fieldwork.internal.testing.TestRules;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tests of controls (issue 4 §3 and §7): an audit firm's test plans for the controls of a client
 * engagement, results per item and attribute, deviations, the evaluation, the auditor's conclusion,
 * sign-offs, review notes and reopening.
 *
 * <p>The auditor's side needs {@link Permission#FIELDWORK_READ} / {@code _WRITE} / {@code _REVIEW}
 * and acts inside the engagement ({@link CurrentUser#scope()}); every row is scoped by client
 * organization, engagement and firm, so another engagement's or firm's test is "not found". The
 * client's side ({@link Permission#FIELDWORK_RESPOND}) reads the deviations of its engagement and
 * writes only the management response; it never reads or changes a test, result, conclusion or
 * review note. Nothing is deleted: a deviation whose failures were corrected is withdrawn.
 *
 * <p>Assayer never concludes: the conclusion and the report wording stay null until an auditor
 * writes them; the evaluation only shows figures. A test signed off by its reviewer is locked until
 * reopened (who and why are recorded, and the sign-offs are cleared); any change after the
 * preparer's sign-off clears that sign-off.
 */
@Service
public class TestOfControlService {

    static final String ENTITY = "control-test";
    static final int MAX_EXTENSION = 1000;

    private final TestRepository repo;
    private final ControlService controls;
    private final EngagementService engagements;
    private final EvidenceService evidence;
    private final FirmSettingsService firms;
    private final SampleSource samples;
    private final ActivityLog activity;
    private final Clock clock;

    public TestOfControlService(TestRepository repo, ControlService controls, EngagementService engagements,
            EvidenceService evidence, FirmSettingsService firms, SampleSource samples, ActivityLog activity,
            Optional<Clock> clock) {
        this.repo = repo;
        this.controls = controls;
        this.engagements = engagements;
        this.evidence = evidence;
        this.firms = firms;
        this.samples = samples;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ------------------------------------------------------------------------------------ reading

    /** The firm's tests in the engagement, in the order they were planned. */
    @Transactional(readOnly = true)
    public List<TestSummary> list(CurrentUser user, UUID engagementId) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_READ);
        Map<UUID, Control> byId = controlsById(user);
        Map<UUID, int[]> tallies = repo.tallies(c.scope());
        return repo.listTests(c.scope()).stream().map(r -> summary(r, byId.get(r.controlId()), tallies.get(r.id())))
                .toList();
    }

    /**
     * Every control of the client (except those marked not applicable), by ref, with its tests and
     * status: not planned, planned, in progress, concluded or reviewed (the least advanced test).
     */
    @Transactional(readOnly = true)
    public List<ControlTestStatus> overview(CurrentUser user, UUID engagementId) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_READ);
        Map<UUID, int[]> tallies = repo.tallies(c.scope());
        Map<UUID, List<TestRow>> byControl = repo.listTests(c.scope()).stream()
                .collect(Collectors.groupingBy(TestRow::controlId));
        List<TestKind> kinds = kinds(c.engagement());
        List<ControlTestStatus> out = new ArrayList<>();
        for (Control control : inScope(controls.all(user.orgId()))) {
            List<TestSummary> tests = byControl.getOrDefault(control.id(), List.of()).stream()
                    .sorted(Comparator.comparing(TestRow::kind))
                    .map(r -> summary(r, control, tallies.get(r.id()))).toList();
            TestStatus status = tests.stream().map(TestSummary::status).min(Comparator.naturalOrder())
                    .orElse(TestStatus.NOT_PLANNED);
            List<TestKind> missing = kinds.stream()
                    .filter(k -> tests.stream().noneMatch(t -> t.kind() == k)).toList();
            out.add(new ControlTestStatus(control.id(), control.ref(), control.title(), status, tests, missing));
        }
        return out;
    }

    /** One test with its items, results, deviations, evaluation, sign-offs, review notes and history. */
    @Transactional(readOnly = true)
    public TestOfControl get(CurrentUser user, UUID engagementId, UUID testId) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_READ);
        return view(user, c.scope(), load(c.scope(), testId));
    }

    /** The deviations of one test (withdrawn ones included). */
    @Transactional(readOnly = true)
    public List<Deviation> deviations(CurrentUser user, UUID engagementId, UUID testId) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_READ);
        TestRow r = load(c.scope(), testId);
        Control control = control(user, r.controlId());
        Map<UUID, List<String>> items = repo.deviationItems(c.scope());
        return repo.deviations(c.scope(), testId).stream()
                .map(d -> deviation(d, r.controlId(), control, r.kind(), items)).toList();
    }

    /**
     * The deviations of an engagement, for both sides: an auditor sees every deviation of the firm's
     * tests; the client ({@link Permission#FIELDWORK_RESPOND}) sees the open deviations any firm
     * found in its engagement, to respond to them.
     */
    @Transactional(readOnly = true)
    public List<Deviation> engagementDeviations(CurrentUser user, UUID engagementId) {
        Scope scope;
        boolean client;
        if (user.scope() != null && user.can(Permission.FIELDWORK_READ)) {
            scope = auditor(user, engagementId, Permission.FIELDWORK_READ).scope();
            client = false;
        } else {
            scope = client(user, engagementId);
            client = true;
        }
        Map<UUID, Object[]> tests = repo.testControls(scope.orgId(), engagementId);
        Map<UUID, Control> byId = controlsById(user);
        Map<UUID, List<String>> items = repo.deviationItems(scope);
        return repo.deviations(scope, null).stream()
                .filter(d -> !client || d.status() == DeviationStatus.OPEN)
                .map(d -> {
                    Object[] t = tests.get(d.testId());
                    UUID controlId = (UUID) t[0];
                    return deviation(d, controlId, byId.get(controlId), (TestKind) t[1], items);
                }).toList();
    }

    /**
     * For the report module (issue 6; no permission check — the caller checks its own): every test of
     * the engagement by any firm, with its results, deviations and history, in the order planned.
     * Items, the evaluation and review notes are not read ({@code items} and {@code reviewNotes} are
     * empty, {@code evaluation} is null): the report shows only what the auditor recorded.
     */
    @Transactional(readOnly = true)
    public List<TestOfControl> forReport(UUID orgId, UUID engagementId) {
        Map<UUID, Control> byId = controls.all(orgId).stream()
                .collect(Collectors.toMap(Control::id, Function.identity()));
        List<TestOfControl> out = new ArrayList<>();
        for (UUID firmId : repo.firmsOf(orgId, engagementId)) {
            Scope s = new Scope(orgId, engagementId, firmId);
            Map<UUID, List<String>> devItems = repo.deviationItems(s);
            for (TestRow r : repo.listTests(s)) {
                Control control = byId.get(r.controlId());
                List<ItemResult> results = repo.results(s, r.id());
                List<Deviation> deviations = repo.deviations(s, r.id()).stream()
                        .map(d -> deviation(d, r.controlId(), control, r.kind(), devItems)).toList();
                out.add(new TestOfControl(r.id(), r.engagementId(), r.firmId(), r.controlId(), ref(control),
                        controlTitle(control), r.kind(), status(r, !results.isEmpty()), r.procedures(), r.attributes(),
                        r.populationDescription(), r.sampleId(), r.manualItems(), r.sizing(), List.of(), results,
                        deviations, null, r.conclusion(), r.resultWording(), r.concludedBy(), r.concludedAt(),
                        r.preparer(), r.reviewer(), List.of(), r.extensions(), repo.history(s, r.id()),
                        r.reviewer() != null, r.createdBy(), r.createdAt(), r.updatedAt(), r.version()));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ planning

    /**
     * Plans a test of one control. A test of operating effectiveness needs a Type II engagement; one
     * test per control and kind. A null plan starts empty (sizing by the control's frequency for a
     * test of operating effectiveness).
     */
    @Transactional
    public TestOfControl create(CurrentUser user, UUID engagementId, UUID controlId, TestKind kind, TestPlan plan) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_WRITE);
        if (controlId == null) {
            throw ApiProblem.invalidField("controlId", "is required: the control to test");
        }
        if (kind == null) {
            throw ApiProblem.invalidField("kind", "is required: DESIGN or OPERATING_EFFECTIVENESS");
        }
        Control control = controlsById(user).get(controlId);
        if (control == null) {
            throw ApiProblem.invalidField("controlId", "is not a control of this organization");
        }
        if (!kinds(c.engagement()).contains(kind)) {
            throw ApiProblem.invalidField("kind", "a test of operating effectiveness needs a Type II engagement; "
                    + c.engagement().name() + " is " + c.engagement().kindLabel());
        }
        if (repo.listTests(c.scope()).stream().anyMatch(t -> t.controlId().equals(controlId) && t.kind() == kind)) {
            throw ApiProblem.conflict("The " + kind.label().toLowerCase() + " of " + control.ref() + " is already planned");
        }
        TestPlan p = plan == null ? defaultPlan(control, kind) : plan;
        TestRules.ValidPlan valid = normalize(user, c.scope(), p);
        UUID id = UUID.randomUUID();
        Instant now = now();
        repo.insertTest(c.scope(), id, controlId, kind, valid, user.label(), now);
        repo.history(c.scope(), id, user.label(), "planned", kind.label() + " of " + control.ref(), now);
        TestRow created = load(c.scope(), id);
        activity.record(user, ENTITY, id, "planned", null, logView(created, control));
        return view(user, c.scope(), created);
    }

    /**
     * Roll-forward of the firm's test plans: inside the next period's engagement, the auditor copies
     * the plans the firm wrote in a prior engagement of the same client — procedures, attributes,
     * population description and sizing method — as new planned tests with no sample, no results and
     * no conclusion. Controls already planned here (same kind) and kinds this engagement cannot have
     * are skipped. Only the firm's own prior workpapers are read.
     */
    @Transactional
    public List<TestSummary> copyPlansFrom(CurrentUser user, UUID engagementId, UUID priorEngagementId) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_WRITE);
        if (priorEngagementId == null) {
            throw ApiProblem.invalidField("priorEngagementId", "is required: the engagement whose plans to copy");
        }
        if (priorEngagementId.equals(engagementId)) {
            throw ApiProblem.invalidField("priorEngagementId", "is this engagement; choose the prior period's engagement");
        }
        Engagement prior = engagements.find(user.orgId(), priorEngagementId)
                .orElseThrow(() -> ApiProblem.notFound("Engagement " + priorEngagementId));
        Scope priorScope = new Scope(user.orgId(), priorEngagementId, c.scope().firmId());
        List<TestRow> priorTests = repo.listTests(priorScope);
        if (priorTests.isEmpty()) {
            throw ApiProblem.conflict("Your firm has no test plans in " + prior.name() + "; nothing was copied");
        }
        List<TestRow> existing = repo.listTests(c.scope());
        Map<UUID, Control> byId = controlsById(user);
        List<TestSummary> created = new ArrayList<>();
        Instant now = now();
        for (TestRow r : priorTests) {
            Control control = byId.get(r.controlId());
            if (control == null || !kinds(c.engagement()).contains(r.kind())
                    || existing.stream().anyMatch(t -> t.controlId().equals(r.controlId()) && t.kind() == r.kind())) {
                continue;
            }
            TestOfControl was = view(user, priorScope, r);
            TestRules.ValidPlan valid = normalize(user, c.scope(), new TestPlan(was.procedures(), was.attributes(),
                    was.populationDescription(), null, List.of(), was.sizing()));
            UUID id = UUID.randomUUID();
            repo.insertTest(c.scope(), id, control.id(), r.kind(), valid, user.label(), now);
            repo.history(c.scope(), id, user.label(), "planned", r.kind().label() + " of " + control.ref()
                    + " (rolled forward from " + prior.name() + ")", now);
            TestRow row = load(c.scope(), id);
            activity.record(user, ENTITY, id, "planned", null, logView(row, control));
            created.add(summary(row, control, null));
        }
        return created;
    }

    /**
     * "Create test plans for all controls": a test of design for every control in scope and, in a
     * Type II engagement, a test of operating effectiveness sized by the control's frequency — only
     * the ones not planned yet. Procedures and attributes are left for the auditor to write.
     */
    @Transactional
    public List<TestSummary> planAll(CurrentUser user, UUID engagementId) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_WRITE);
        List<TestRow> existing = repo.listTests(c.scope());
        List<TestSummary> created = new ArrayList<>();
        Instant now = now();
        for (Control control : inScope(controls.all(user.orgId()))) {
            for (TestKind kind : kinds(c.engagement())) {
                if (existing.stream().anyMatch(t -> t.controlId().equals(control.id()) && t.kind() == kind)) {
                    continue;
                }
                TestRules.ValidPlan valid = normalize(user, c.scope(), defaultPlan(control, kind));
                UUID id = UUID.randomUUID();
                repo.insertTest(c.scope(), id, control.id(), kind, valid, user.label(), now);
                repo.history(c.scope(), id, user.label(), "planned", kind.label() + " of " + control.ref()
                        + " (plan all controls)", now);
                TestRow row = load(c.scope(), id);
                activity.record(user, ENTITY, id, "planned", null, logView(row, control));
                created.add(summary(row, control, null));
            }
        }
        return created;
    }

    /**
     * Replaces a test's plan. {@code version} is the version edited (stale: 409). Attributes and
     * items that already have results cannot be dropped. Refused on a reviewed test until reopened.
     */
    @Transactional
    public TestOfControl update(CurrentUser user, UUID engagementId, UUID testId, TestPlan plan, long version) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_WRITE);
        TestRow before = load(c.scope(), testId);
        requireUnlocked(before);
        requireVersion(before, version);
        TestRules.ValidPlan valid = normalize(user, c.scope(), plan);
        List<ItemResult> results = repo.results(c.scope(), testId);
        Set<String> codes = valid.attributes().stream().map(TestAttribute::code).collect(Collectors.toSet());
        Set<String> orphanCodes = results.stream().map(ItemResult::attribute).filter(a -> !codes.contains(a))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        Set<String> refs = items(user, valid.sampleId(), valid.manualItems(), null).stream().map(TestItem::ref)
                .collect(Collectors.toSet());
        Set<String> orphanItems = results.stream().filter(r -> !refs.contains(r.itemRef())).map(ItemResult::key)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        if (!orphanCodes.isEmpty()) {
            errors.add(new ApiProblem.FieldError("attributes", "results are recorded for attribute "
                    + String.join(", ", orphanCodes) + "; keep it in the plan"));
        }
        if (!orphanItems.isEmpty()) {
            errors.add(new ApiProblem.FieldError(valid.sampleId() == null && before.sampleId() != null ? "sampleId"
                    : "manualItems", "results are recorded for item " + String.join(", ", orphanItems)
                    + "; keep it in the plan"));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(409, "Conflict", errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        Instant now = now();
        if (!repo.updatePlan(c.scope(), testId, version, valid, now)) {
            throw ApiProblem.staleVersion(title(before), version, load(c.scope(), testId).version());
        }
        TestRow after = load(c.scope(), testId);
        repo.history(c.scope(), testId, user.label(), "plan updated", planDetail(after), now);
        clearPreparerAfterChange(user, c.scope(), before, now);
        Control control = control(user, after.controlId());
        activity.record(user, ENTITY, testId, "plan-updated", logView(before, control), logView(after, control));
        return view(user, c.scope(), load(c.scope(), testId));
    }

    // ------------------------------------------------------------------------------------ results

    /**
     * Records (or replaces) the result of one item and attribute. A FAIL needs a note and belongs to
     * a deviation: the one named, else the one this item already failed under, else a new one
     * described by the note. Linked evidence must be client evidence the auditor can see.
     */
    @Transactional
    public ItemResult recordResult(CurrentUser user, UUID engagementId, UUID testId, ResultDraft draft) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_WRITE);
        Scope s = c.scope();
        TestRow test = load(s, testId);
        requireUnlocked(test);
        if (draft == null) {
            throw ApiProblem.invalidField("body", "a JSON result is required");
        }
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        TestItem item = resolveItem(user, test, draft, errors);
        String attribute = draft.attribute() == null ? null : draft.attribute().strip().toUpperCase(java.util.Locale.ROOT);
        if (attribute == null || attribute.isEmpty()) {
            errors.add(new ApiProblem.FieldError("attribute", "is required: the code of the attribute checked (A, B, …)"));
        } else if (test.attributes().stream().noneMatch(a -> a.code().equals(attribute))) {
            errors.add(new ApiProblem.FieldError("attribute", "'" + draft.attribute() + "' is not an attribute of this test ("
                    + test.attributes().stream().map(TestAttribute::code).collect(Collectors.joining(", ")) + ")"));
        }
        if (draft.outcome() == null) {
            errors.add(new ApiProblem.FieldError("outcome", "is required: PASS, FAIL or NOT_APPLICABLE"));
        }
        String note = draft.note() == null || draft.note().isBlank() ? null : draft.note().strip();
        if (note != null && note.length() > 4000) {
            errors.add(new ApiProblem.FieldError("note", "at most 4000 characters"));
        }
        if (draft.outcome() == ResultOutcome.FAIL && note == null) {
            errors.add(new ApiProblem.FieldError("note", "is required for a failed attribute: describe what was found"));
        }
        List<UUID> evidenceIds = new ArrayList<>();
        for (int i = 0; i < draft.evidenceIds().size(); i++) {
            UUID id = draft.evidenceIds().get(i);
            if (id == null || evidenceIds.contains(id)) {
                continue;
            }
            try {
                evidence.get(user, id);
                evidenceIds.add(id);
            } catch (ApiProblem p) {
                errors.add(new ApiProblem.FieldError("evidenceIds[" + i + "]",
                        "no evidence " + id + " visible in this engagement"));
            }
        }
        DeviationRow named = null;
        if (draft.deviationId() != null) {
            named = repo.findDeviation(s, draft.deviationId()).filter(d -> d.testId().equals(testId)).orElse(null);
            if (named == null) {
                errors.add(new ApiProblem.FieldError("deviationId", "is not a deviation of this test"));
            } else if (draft.outcome() != ResultOutcome.FAIL) {
                errors.add(new ApiProblem.FieldError("deviationId", "only a failed attribute belongs to a deviation"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        Instant now = now();
        lockForChange(s, testId, now); // results of one test are recorded one at a time
        List<ItemResult> all = repo.results(s, testId);
        ItemResult existing = all.stream().filter(r -> r.itemRef().equals(item.ref()) && r.attribute().equals(attribute))
                .findFirst().orElse(null);
        if (existing != null && draft.version() == null) {
            throw ApiProblem.conflict("A result for " + item.key() + " / " + attribute + " is already recorded (version "
                    + existing.version() + "); send its version to replace it");
        }
        if (existing != null && existing.version() != draft.version()) {
            throw ApiProblem.staleVersion("The result for " + item.key() + " / " + attribute, draft.version(),
                    existing.version());
        }
        UUID deviationId = null;
        if (draft.outcome() == ResultOutcome.FAIL) {
            if (named != null) {
                deviationId = named.id();
            } else if (existing != null && existing.deviationId() != null) {
                deviationId = existing.deviationId();
            } else {
                deviationId = all.stream().filter(r -> r.itemRef().equals(item.ref()) && r.deviationId() != null)
                        .map(ItemResult::deviationId).findFirst().orElse(null);
            }
            if (deviationId == null) {
                deviationId = UUID.randomUUID();
                int seq = repo.nextDeviationSeq(s, testId);
                repo.insertDeviation(s, testId, deviationId, seq, note, user.label(), now);
                repo.history(s, testId, user.label(), "deviation opened", "D" + seq + ": " + item.key() + " / "
                        + attribute, now);
            } else {
                UUID devId = deviationId;
                DeviationRow d = repo.findDeviation(s, devId).orElseThrow();
                if (d.status() == DeviationStatus.WITHDRAWN) {
                    repo.setDeviationStatus(s, devId, DeviationStatus.OPEN, now);
                    repo.history(s, testId, user.label(), "deviation reopened", "D" + d.seq(), now);
                }
            }
        }
        ItemResult saved = new ItemResult(existing == null ? UUID.randomUUID() : existing.id(), item.ref(), item.row(),
                item.key(), attribute, draft.outcome(), note, evidenceIds, deviationId, user.label(), now,
                existing == null ? 0 : existing.version() + 1);
        if (existing == null) {
            repo.insertResult(s, testId, saved);
        } else if (!repo.updateResult(s, testId, saved, existing.version())) {
            throw ApiProblem.staleVersion("The result for " + item.key() + " / " + attribute, existing.version(),
                    existing.version() + 1);
        }
        if (existing != null && existing.deviationId() != null && !existing.deviationId().equals(deviationId)
                && repo.failedResultsOf(s, existing.deviationId()) == 0) {
            DeviationRow d = repo.findDeviation(s, existing.deviationId()).orElseThrow();
            repo.setDeviationStatus(s, d.id(), DeviationStatus.WITHDRAWN, now);
            repo.history(s, testId, user.label(), "deviation withdrawn", "D" + d.seq()
                    + ": no failed attribute belongs to it any more", now);
        }
        repo.history(s, testId, user.label(), existing == null ? "result recorded" : "result changed",
                item.key() + " / " + attribute + ": " + draft.outcome().label()
                        + (existing == null ? "" : " (was " + existing.outcome().label() + ")")
                        + (note == null ? "" : " — " + note), now);
        clearPreparerAfterChange(user, s, test, now);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("test", testId.toString());
        log.put("version", saved.version());
        activity.record(user, "control-test-result", saved.id(), existing == null ? "recorded" : "changed", null, log);
        return saved;
    }

    // ------------------------------------------------------------------------------------ deviations

    /** The auditor's fields of a deviation: description, cause, isolated or systemic, compensating controls. */
    @Transactional
    public Deviation updateDeviation(CurrentUser user, UUID engagementId, UUID testId, UUID deviationId,
            DeviationDraft draft, long version) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_WRITE);
        TestRow test = load(c.scope(), testId);
        requireUnlocked(test);
        DeviationRow before = repo.findDeviation(c.scope(), deviationId).filter(d -> d.testId().equals(testId))
                .orElseThrow(() -> ApiProblem.notFound("Deviation " + deviationId));
        if (draft == null) {
            throw ApiProblem.invalidField("body", "a JSON deviation is required");
        }
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        DeviationDraft valid = new DeviationDraft(text("description", draft.description(), errors),
                text("cause", draft.cause(), errors), draft.nature(),
                text("compensatingControls", draft.compensatingControls(), errors));
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Deviation D" + before.seq(), version, before.version());
        }
        Instant now = now();
        lockForChange(c.scope(), testId, now);
        if (!repo.updateDeviation(c.scope(), deviationId, version, valid, now)) {
            throw ApiProblem.staleVersion("Deviation D" + before.seq(), version,
                    repo.findDeviation(c.scope(), deviationId).map(DeviationRow::version).orElse(version));
        }
        repo.history(c.scope(), testId, user.label(), "deviation updated", "D" + before.seq()
                + (valid.nature() == null ? "" : " (" + valid.nature().label().toLowerCase() + ")"), now);
        clearPreparerAfterChange(user, c.scope(), test, now);
        Map<String, Object> log = Map.of("test", testId.toString(), "deviation", "D" + before.seq());
        activity.record(user, "control-test-deviation", deviationId, "updated", null, log);
        Control control = control(user, test.controlId());
        return deviation(repo.findDeviation(c.scope(), deviationId).orElseThrow(), test.controlId(), control, test.kind(),
                repo.deviationItems(c.scope()));
    }

    /**
     * The client's management response to a deviation of its engagement. Only the client writes it
     * ({@link Permission#FIELDWORK_RESPOND}); it is the client's record, so it can be given while the
     * auditor's workpaper is locked. {@code version} is the deviation's version the client read.
     */
    @Transactional
    public Deviation respond(CurrentUser user, UUID engagementId, UUID deviationId, String response, long version) {
        Scope scope = client(user, engagementId);
        UUID[] owner = repo.deviationOwner(scope.orgId(), engagementId, deviationId)
                .orElseThrow(() -> ApiProblem.notFound("Deviation " + deviationId));
        DeviationRow before = repo.findDeviation(scope, deviationId).orElseThrow();
        if (before.status() != DeviationStatus.OPEN) {
            throw ApiProblem.conflict("The auditor withdrew this deviation; there is nothing to respond to");
        }
        String text = response == null ? null : response.strip();
        if (text == null || text.isEmpty()) {
            throw ApiProblem.invalidField("response", "is required: management's response to the deviation");
        }
        if (text.length() > 4000) {
            throw ApiProblem.invalidField("response", "at most 4000 characters");
        }
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Deviation D" + before.seq(), version, before.version());
        }
        Instant now = now();
        Scope firmScope = new Scope(scope.orgId(), engagementId, owner[1]);
        repo.lock(firmScope, owner[0]);
        if (!repo.respond(scope.orgId(), engagementId, deviationId, version, text, user.label(), now)) {
            throw ApiProblem.staleVersion("Deviation D" + before.seq(), version,
                    repo.findDeviation(scope, deviationId).map(DeviationRow::version).orElse(version));
        }
        repo.history(firmScope, owner[0], user.label(), "management response", "D" + before.seq() + ": " + text, now);
        activity.record(user, "control-test-deviation", deviationId, "management-response",
                before.managementResponse() == null ? null : Map.of("response", before.managementResponse()),
                Map.of("response", text));
        Map<UUID, Control> byId = controlsById(user);
        TestKind kind = (TestKind) repo.testControls(scope.orgId(), engagementId).get(owner[0])[1];
        return deviation(repo.findDeviation(scope, deviationId).orElseThrow(), owner[2], byId.get(owner[2]), kind,
                repo.deviationItems(scope));
    }

    /**
     * Asks for more items after a deviation. When the linked sample can be extended by the sample
     * service, it is (the new items appear in the test); otherwise the request is recorded for the
     * auditor to act on (e.g. items listed manually).
     */
    @Transactional
    public TestOfControl requestExtension(CurrentUser user, UUID engagementId, UUID testId, int additional,
            String reason) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_WRITE);
        TestRow test = load(c.scope(), testId);
        requireUnlocked(test);
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        if (additional < 1 || additional > MAX_EXTENSION) {
            errors.add(new ApiProblem.FieldError("additionalItems", "must be from 1 to " + MAX_EXTENSION));
        }
        String why = text("reason", reason, errors);
        if (why == null) {
            errors.add(new ApiProblem.FieldError("reason", "is required: why the sample is extended"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        Instant now = now();
        lockForChange(c.scope(), testId, now);
        boolean performed = test.sampleId() != null && samples.extend(user, test.sampleId(), additional, why).isPresent();
        List<SampleExtensionRequest> extensions = new ArrayList<>(test.extensions());
        extensions.add(new SampleExtensionRequest(additional, why, user.label(), now, performed));
        repo.setExtensions(c.scope(), testId, extensions);
        repo.history(c.scope(), testId, user.label(), performed ? "sample extended" : "sample extension requested",
                additional + (additional == 1 ? " item: " : " items: ") + why, now);
        clearPreparerAfterChange(user, c.scope(), test, now);
        activity.record(user, ENTITY, testId, performed ? "sample-extended" : "sample-extension-requested", null,
                Map.of("additionalItems", additional));
        return view(user, c.scope(), load(c.scope(), testId));
    }

    // ------------------------------------------------------------------------------------ conclusion and sign-off

    /**
     * Records the auditor's conclusion and the result wording for the report. Refused while every
     * procedure is an inquiry (inquiry alone is never sufficient evidence).
     */
    @Transactional
    public TestOfControl conclude(CurrentUser user, UUID engagementId, UUID testId, Conclusion conclusion,
            String resultWording, long version) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_WRITE);
        TestRow before = load(c.scope(), testId);
        requireUnlocked(before);
        requireVersion(before, version);
        TestRules.requireConcludable(before.procedures(), conclusion, resultWording);
        Instant now = now();
        touch(c.scope(), before, version, now);
        repo.setConclusion(c.scope(), testId, conclusion, resultWording.strip(), user.label(), now);
        repo.history(c.scope(), testId, user.label(), "concluded", conclusion.label() + ": " + resultWording.strip(), now);
        clearPreparerAfterChange(user, c.scope(), before, now);
        activity.record(user, ENTITY, testId, "concluded", null, Map.of("version", version + 1));
        return view(user, c.scope(), load(c.scope(), testId));
    }

    /** The preparer signs off a concluded test ({@link Permission#FIELDWORK_WRITE}). */
    @Transactional
    public TestOfControl signOffAsPreparer(CurrentUser user, UUID engagementId, UUID testId, long version) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_WRITE);
        TestRow before = load(c.scope(), testId);
        requireUnlocked(before);
        requireVersion(before, version);
        TestRules.requirePreparerSignOff(before.conclusion(), before.preparer());
        Instant now = now();
        touch(c.scope(), before, version, now);
        repo.setPreparer(c.scope(), testId, new SignOff(user.userId(), user.label(), now));
        repo.history(c.scope(), testId, user.label(), "signed off as preparer", null, now);
        activity.record(user, ENTITY, testId, "signed-off-preparer", null, Map.of("version", version + 1));
        return view(user, c.scope(), load(c.scope(), testId));
    }

    /**
     * The reviewer signs off ({@link Permission#FIELDWORK_REVIEW}): another person than the
     * preparer, after the preparer, with every review note cleared. The test is then locked.
     */
    @Transactional
    public TestOfControl signOffAsReviewer(CurrentUser user, UUID engagementId, UUID testId, long version) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_REVIEW);
        TestRow before = load(c.scope(), testId);
        requireVersion(before, version);
        long open = repo.notes(c.scope(), testId).stream().filter(n -> !n.cleared()).count();
        TestRules.requireReviewerSignOff(before.preparer(), before.reviewer(), user.userId(), open);
        Instant now = now();
        touch(c.scope(), before, version, now);
        repo.setReviewer(c.scope(), testId, new SignOff(user.userId(), user.label(), now));
        repo.history(c.scope(), testId, user.label(), "signed off as reviewer", "workpaper locked", now);
        activity.record(user, ENTITY, testId, "signed-off-reviewer", null, Map.of("version", version + 1));
        return view(user, c.scope(), load(c.scope(), testId));
    }

    /**
     * Reopens a reviewed test so it can change again ({@link Permission#FIELDWORK_REVIEW}): records
     * who and why, and clears both sign-offs.
     */
    @Transactional
    public TestOfControl reopen(CurrentUser user, UUID engagementId, UUID testId, String reason, long version) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_REVIEW);
        TestRow before = load(c.scope(), testId);
        if (before.reviewer() == null) {
            throw ApiProblem.conflict("The test is not signed off by a reviewer, so it is not locked: change it directly");
        }
        String why = reason == null ? null : reason.strip();
        if (why == null || why.isEmpty()) {
            throw ApiProblem.invalidField("reason", "is required: why the reviewed test is reopened");
        }
        if (why.length() > 4000) {
            throw ApiProblem.invalidField("reason", "at most 4000 characters");
        }
        requireVersion(before, version);
        Instant now = now();
        touch(c.scope(), before, version, now);
        repo.setReviewer(c.scope(), testId, null);
        repo.setPreparer(c.scope(), testId, null);
        repo.history(c.scope(), testId, user.label(), "reopened", why, now);
        repo.history(c.scope(), testId, user.label(), "sign-offs cleared", "preparer " + before.preparer().by()
                + ", reviewer " + before.reviewer().by(), now);
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("preparedBy", before.preparer().by());
        was.put("reviewedBy", before.reviewer().by());
        activity.record(user, ENTITY, testId, "reopened", was, Map.of("reason", why));
        return view(user, c.scope(), load(c.scope(), testId));
    }

    // ------------------------------------------------------------------------------------ review notes

    /** A reviewer's note ({@link Permission#FIELDWORK_REVIEW}). */
    @Transactional
    public ReviewNote addReviewNote(CurrentUser user, UUID engagementId, UUID testId, String text) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_REVIEW);
        TestRow test = load(c.scope(), testId);
        requireUnlocked(test);
        String t = text == null ? null : text.strip();
        if (t == null || t.isEmpty()) {
            throw ApiProblem.invalidField("text", "is required: what the preparer should look at");
        }
        if (t.length() > 4000) {
            throw ApiProblem.invalidField("text", "at most 4000 characters");
        }
        Instant now = now();
        lockForChange(c.scope(), testId, now);
        UUID id = UUID.randomUUID();
        repo.insertNote(c.scope(), testId, id, t, user.userId(), user.label(), now);
        ReviewNote note = repo.findNote(c.scope(), testId, id).orElseThrow();
        repo.history(c.scope(), testId, user.label(), "review note added", note.ref() + ": " + t, now);
        activity.record(user, "control-test-review-note", id, "added", null, Map.of("test", testId.toString()));
        return note;
    }

    /** The preparer's response to a review note ({@link Permission#FIELDWORK_WRITE}). */
    @Transactional
    public ReviewNote respondToReviewNote(CurrentUser user, UUID engagementId, UUID testId, UUID noteId,
            String response) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_WRITE);
        TestRow test = load(c.scope(), testId);
        requireUnlocked(test);
        ReviewNote note = repo.findNote(c.scope(), testId, noteId)
                .orElseThrow(() -> ApiProblem.notFound("Review note " + noteId));
        if (note.cleared()) {
            throw ApiProblem.conflict("Review note " + note.ref() + " is already cleared");
        }
        String t = response == null ? null : response.strip();
        if (t == null || t.isEmpty()) {
            throw ApiProblem.invalidField("response", "is required: how the note was addressed");
        }
        if (t.length() > 4000) {
            throw ApiProblem.invalidField("response", "at most 4000 characters");
        }
        Instant now = now();
        lockForChange(c.scope(), testId, now);
        repo.respondToNote(c.scope(), testId, noteId, t, user.label(), now);
        repo.history(c.scope(), testId, user.label(), "review note answered", note.ref() + ": " + t, now);
        activity.record(user, "control-test-review-note", noteId, "answered", null, Map.of("test", testId.toString()));
        return repo.findNote(c.scope(), testId, noteId).orElseThrow();
    }

    /** The reviewer clears a review note ({@link Permission#FIELDWORK_REVIEW}). */
    @Transactional
    public ReviewNote clearReviewNote(CurrentUser user, UUID engagementId, UUID testId, UUID noteId) {
        Ctx c = auditor(user, engagementId, Permission.FIELDWORK_REVIEW);
        TestRow test = load(c.scope(), testId);
        requireUnlocked(test);
        ReviewNote note = repo.findNote(c.scope(), testId, noteId)
                .orElseThrow(() -> ApiProblem.notFound("Review note " + noteId));
        if (note.cleared()) {
            throw ApiProblem.conflict("Review note " + note.ref() + " is already cleared");
        }
        Instant now = now();
        lockForChange(c.scope(), testId, now);
        repo.clearNote(c.scope(), testId, noteId, user.label(), now);
        repo.history(c.scope(), testId, user.label(), "review note cleared", note.ref(), now);
        activity.record(user, "control-test-review-note", noteId, "cleared", null, Map.of("test", testId.toString()));
        return repo.findNote(c.scope(), testId, noteId).orElseThrow();
    }

    // ------------------------------------------------------------------------------------ helpers

    private record Ctx(Scope scope, Engagement engagement) {
    }

    /** An audit firm's user inside this engagement with {@code p}; anyone else gets 403/404. */
    private Ctx auditor(CurrentUser user, UUID engagementId, Permission p) {
        user.require(p);
        if (user.scope() == null) {
            throw ApiProblem.notFound("Engagement " + engagementId);
        }
        user.requireEngagement(engagementId);
        Engagement e = engagements.find(user.orgId(), engagementId)
                .orElseThrow(() -> ApiProblem.notFound("Engagement " + engagementId));
        return new Ctx(new Scope(user.orgId(), engagementId, user.scope().firmId()), e);
    }

    /** A member of the client organization who responds to fieldwork, for one of its engagements. */
    private Scope client(CurrentUser user, UUID engagementId) {
        user.require(Permission.FIELDWORK_RESPOND);
        user.requireEngagement(engagementId);
        engagements.find(user.orgId(), engagementId).orElseThrow(() -> ApiProblem.notFound("Engagement " + engagementId));
        return new Scope(user.orgId(), engagementId, null);
    }

    private static List<TestKind> kinds(Engagement e) {
        return e.reportType() == ReportType.TYPE2 ? List.of(TestKind.DESIGN, TestKind.OPERATING_EFFECTIVENESS)
                : List.of(TestKind.DESIGN);
    }

    private static List<Control> inScope(List<Control> all) {
        return all.stream().filter(c -> c.status() != ImplementationStatus.NOT_APPLICABLE)
                .sorted(Comparator.comparing(Control::ref)).toList();
    }

    private TestPlan defaultPlan(Control control, TestKind kind) {
        if (kind == TestKind.DESIGN) {
            return TestPlan.empty();
        }
        ControlFrequency f = TestRules.frequencyOf(control.frequency(), control.nature());
        return new TestPlan(List.of(), List.of(), null, null, List.of(),
                f == null ? TestSizing.none() : TestSizing.byFrequency(f, null));
    }

    private TestRules.ValidPlan normalize(CurrentUser user, Scope s, TestPlan plan) {
        FirmFrequencyTable table = firms.table(s.firmId());
        TestRules.ValidPlan valid = TestRules.normalize(plan, table.table(), table.defaultConfidence());
        if (valid.sampleId() != null) {
            samples.find(user, valid.sampleId())
                    .filter(x -> x.engagementId() == null || x.engagementId().equals(s.engagementId()))
                    .orElseThrow(() -> ApiProblem.invalidField("sampleId", "no sample " + valid.sampleId()
                            + " in this engagement"));
        }
        return valid;
    }

    private TestRow load(Scope s, UUID testId) {
        return repo.findTest(s, testId).orElseThrow(() -> ApiProblem.notFound("Test " + testId));
    }

    private static void requireUnlocked(TestRow r) {
        if (r.reviewer() != null) {
            throw ApiProblem.conflict("The test was signed off by its reviewer (" + r.reviewer().by()
                    + ") and is locked: reopen it, with a reason, to change it");
        }
    }

    /**
     * Bumps the test's version and locks its row, then checks again that no reviewer signed it off
     * meanwhile (for changes that carry no test version).
     */
    private void lockForChange(Scope s, UUID testId, Instant now) {
        repo.touch(s, testId, null, now);
        requireUnlocked(load(s, testId));
    }

    private void requireVersion(TestRow r, long version) {
        if (r.version() != version) {
            throw ApiProblem.staleVersion(title(r), version, r.version());
        }
    }

    private void touch(Scope s, TestRow r, long version, Instant now) {
        if (!repo.touch(s, r.id(), version, now)) {
            throw ApiProblem.staleVersion(title(r), version, load(s, r.id()).version());
        }
    }

    /** A change after the preparer's sign-off voids it: the preparer signs the workpaper as it is. */
    private void clearPreparerAfterChange(CurrentUser user, Scope s, TestRow before, Instant now) {
        SignOff preparer = load(s, before.id()).preparer();
        if (preparer != null) {
            repo.setPreparer(s, before.id(), null);
            repo.history(s, before.id(), user.label(), "preparer sign-off cleared",
                    "the workpaper changed after " + preparer.by() + " signed it off", now);
        }
    }

    private static String title(TestRow r) {
        return "The " + r.kind().label().toLowerCase();
    }

    private static String text(String field, String value, List<ApiProblem.FieldError> errors) {
        String t = value == null ? null : value.strip();
        if (t == null || t.isEmpty()) {
            return null;
        }
        if (t.length() > 4000) {
            errors.add(new ApiProblem.FieldError(field, "at most 4000 characters"));
        }
        return t;
    }

    private Map<UUID, Control> controlsById(CurrentUser user) {
        return controls.all(user.orgId()).stream().collect(Collectors.toMap(Control::id, Function.identity()));
    }

    private Control control(CurrentUser user, UUID controlId) {
        return controlsById(user).get(controlId);
    }

    /** The sample's items (in row order) then the manual items; {@code problems} collects a sample that cannot be read. */
    private List<TestItem> items(CurrentUser user, UUID sampleId, List<ManualItem> manual, List<String> problems) {
        List<TestItem> out = new ArrayList<>();
        if (sampleId != null) {
            Optional<Sample> sample = samples.find(user, sampleId);
            if (sample.isEmpty()) {
                if (problems != null) {
                    problems.add("The linked sample " + sampleId + " could not be read.");
                }
            } else {
                for (SampleItem i : sample.get().items()) {
                    out.add(new TestItem(TestItem.sampleRef(i.row()), i.row(), i.key(), null, i.how(), i.extension(),
                            false));
                }
            }
        }
        for (ManualItem m : manual) {
            out.add(new TestItem(TestItem.manualRef(m.key()), null, m.key(), m.description(), "listed", false, true));
        }
        return out;
    }

    private TestItem resolveItem(CurrentUser user, TestRow test, ResultDraft draft, List<ApiProblem.FieldError> errors) {
        List<TestItem> items = items(user, test.sampleId(), test.manualItems(), null);
        String key = draft.key() == null || draft.key().isBlank() ? null : draft.key().strip();
        if (draft.row() != null) {
            TestItem item = items.stream().filter(i -> draft.row().equals(i.row())).findFirst().orElse(null);
            if (item == null) {
                errors.add(new ApiProblem.FieldError("row", "row " + draft.row() + " is not an item of the linked sample"));
                return null;
            }
            if (key != null && !key.equals(item.key())) {
                errors.add(new ApiProblem.FieldError("key", "row " + draft.row() + " has key '" + item.key() + "', not '"
                        + key + "'"));
            }
            return item;
        }
        if (key == null) {
            errors.add(new ApiProblem.FieldError("key", "is required: the item's key (or its sample row)"));
            return null;
        }
        List<TestItem> matches = items.stream().filter(i -> i.key().equals(key)).toList();
        Optional<TestItem> manual = matches.stream().filter(TestItem::manual).findFirst();
        if (manual.isPresent()) {
            return manual.get();
        }
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        errors.add(new ApiProblem.FieldError("key", matches.isEmpty() ? "no item '" + key + "' in this test"
                : "several sample rows have key '" + key + "': name the row"));
        return null;
    }

    private TestOfControl view(CurrentUser user, Scope s, TestRow r) {
        Control control = control(user, r.controlId());
        List<String> problems = new ArrayList<>();
        List<TestItem> items = items(user, r.sampleId(), r.manualItems(), problems);
        List<ItemResult> results = repo.results(s, r.id());
        Map<UUID, List<String>> devItems = repo.deviationItems(s);
        List<Deviation> deviations = repo.deviations(s, r.id()).stream()
                .map(d -> deviation(d, r.controlId(), control, r.kind(), devItems)).toList();
        TestEvaluation evaluation = TestRules.evaluate(items, r.attributes(), results, r.sizing());
        if (!problems.isEmpty()) {
            List<String> remarks = new ArrayList<>(problems);
            remarks.addAll(evaluation.remarks());
            evaluation = new TestEvaluation(evaluation.items(), evaluation.itemsTested(), evaluation.resultsRecorded(),
                    evaluation.resultsExpected(), evaluation.deviations(), evaluation.deviationsByAttribute(),
                    evaluation.plannedSampleSize(), evaluation.allowedDeviations(), evaluation.confidencePercent(),
                    evaluation.upperLimitPercent(), evaluation.tolerableRatePercent(), evaluation.exceedsTolerableRate(),
                    remarks);
        }
        return new TestOfControl(r.id(), r.engagementId(), r.firmId(), r.controlId(), ref(control), controlTitle(control),
                r.kind(), status(r, !results.isEmpty()), r.procedures(), r.attributes(), r.populationDescription(),
                r.sampleId(), r.manualItems(), r.sizing(), items, results, deviations, evaluation, r.conclusion(),
                r.resultWording(), r.concludedBy(), r.concludedAt(), r.preparer(), r.reviewer(), repo.notes(s, r.id()),
                r.extensions(), repo.history(s, r.id()), r.reviewer() != null, r.createdBy(), r.createdAt(),
                r.updatedAt(), r.version());
    }

    private static TestStatus status(TestRow r, boolean anyResult) {
        return r.reviewer() != null ? TestStatus.REVIEWED
                : r.conclusion() != null ? TestStatus.CONCLUDED
                : anyResult ? TestStatus.IN_PROGRESS
                : TestStatus.PLANNED;
    }

    private static TestSummary summary(TestRow r, Control control, int[] tally) {
        boolean any = tally != null && tally[0] > 0;
        return new TestSummary(r.id(), r.engagementId(), r.controlId(), ref(control), controlTitle(control), r.kind(),
                status(r, any), r.sizing().sampleSize(), tally == null ? 0 : tally[1], r.conclusion(),
                r.preparer() == null ? null : r.preparer().by(), r.preparer() == null ? null : r.preparer().at(),
                r.reviewer() == null ? null : r.reviewer().by(), r.reviewer() == null ? null : r.reviewer().at(),
                r.version());
    }

    private static Deviation deviation(DeviationRow d, UUID controlId, Control control, TestKind kind,
            Map<UUID, List<String>> items) {
        return new Deviation(d.id(), d.engagementId(), d.testId(), controlId, ref(control), controlTitle(control), kind,
                "D" + d.seq(), items.getOrDefault(d.id(), List.of()), d.description(), d.cause(), d.nature(),
                d.compensatingControls(), d.managementResponse(), d.respondedBy(), d.respondedAt(), d.status(),
                d.createdBy(), d.createdAt(), d.version());
    }

    private static String ref(Control c) {
        return c == null ? "?" : c.ref();
    }

    private static String controlTitle(Control c) {
        return c == null ? "?" : c.title();
    }

    private static String planDetail(TestRow r) {
        return r.procedures().size() + " procedure(s), " + r.attributes().size() + " attribute(s)"
                + (r.sizing().method() == null ? "" : ", " + r.sizing().method().label().toLowerCase()
                        + (r.sizing().sampleSize() == null ? "" : " " + r.sizing().sampleSize() + " item(s)"))
                + (r.sampleId() == null ? "" : ", sample " + r.sampleId())
                + (r.manualItems().isEmpty() ? "" : ", " + r.manualItems().size() + " listed item(s)");
    }

    /** What the client's activity log keeps of a test: which control and kind, the version — not the workpaper. */
    private static Map<String, Object> logView(TestRow r, Control control) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("control", ref(control));
        m.put("kind", r.kind().name());
        m.put("firm", r.firmId().toString());
        m.put("version", r.version());
        return m;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
