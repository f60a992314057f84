package dev.assayer.finding;

import dev.assayer.activity.ActivityLog;
import dev.assayer.catalog.CatalogService;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.finding.internal.FindingRepository;
import dev.assayer.finding.internal.FindingRepository.FindingRow;
import dev.assayer.finding.internal.FindingRepository.Visibility;
import dev.assayer.finding.internal.FindingRules;
import dev.assayer.finding.internal.FindingRules.Assessment;
import dev.assayer.finding.internal.FindingRules.Caller;
import dev.assayer.finding.internal.FindingRules.Progress;
import dev.assayer.finding.internal.FindingRules.Response;
import dev.assayer.finding.internal.Problems;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Findings and their corrective actions (issue 4 §8).
 *
 * <h2>Raising a finding from fieldwork</h2>
 * An auditor's test calls {@link #raise(CurrentUser, UUID, FindingDraft)} with the auditor's own
 * {@link CurrentUser} (inside the engagement), e.g. from a deviation:
 * <pre>{@code
 * findings.raise(auditor, engagementId, FindingDraft.of("Access not removed within 3 days",
 *         "1 of 25 sampled leavers kept access for 9 days", Severity.MEDIUM,
 *         FindingSource.deviation(deviation.id(), "Deviation 2 in test of CC6.2-01, item CHG-1042"),
 *         List.of("CC6.2-01"), List.of("CC6.2")));
 * }</pre>
 * The finding then carries the firm's id; one deviation or test of design raises at most one
 * finding ({@link #fromSource} finds it again). Members of the organization raise their own
 * (internal) findings the same way, with ENGAGEMENT_WRITE and an optional engagement.
 *
 * <h2>Who does what</h2>
 * Reading: members of the organization with CONTROL_READ see all its findings; an auditor inside an
 * engagement sees that engagement's findings raised by their firm or by the organization. Another
 * organization's finding (or one the auditor may not see) is "not found". The assessment belongs to
 * the side that raised the finding; the response and the moves OPEN → IN_REMEDIATION →
 * READY_FOR_RETEST to the organization; the side that raised it closes it by a passing re-test
 * ({@link #recordRetest}); management (ENGAGEMENT_WRITE) may accept the risk instead. Nothing is
 * deleted; every change is in the activity log and every status change in the finding's history.
 */
@Service
public class FindingService {

    static final String ENTITY = "finding";

    private final FindingRepository repo;
    private final ControlService controls;
    private final CatalogService catalog;
    private final EngagementService engagements;
    private final IdentityService identity;
    private final ActivityLog activity;
    private final Clock clock;

    public FindingService(FindingRepository repo, ControlService controls, CatalogService catalog,
            EngagementService engagements, IdentityService identity, ActivityLog activity, Optional<Clock> clock) {
        this.repo = repo;
        this.controls = controls;
        this.catalog = catalog;
        this.engagements = engagements;
        this.identity = identity;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ------------------------------------------------------------------------------------ reading

    /** The findings the user may see, most urgent first (by due date, none last; then ref). */
    @Transactional(readOnly = true)
    public List<Finding> list(CurrentUser user, FindingFilter filter) {
        Visibility v = readable(user);
        FindingFilter f = filter == null ? FindingFilter.all() : filter;
        return views(user.orgId(), repo.list(user.orgId(), v, f, today()));
    }

    /** The findings of one engagement the user may see; 404 for an engagement of another organization or outside the auditor's. */
    @Transactional(readOnly = true)
    public List<Finding> listForEngagement(CurrentUser user, UUID engagementId, FindingFilter filter) {
        Visibility v = readable(user);
        requireEngagement(user, engagementId);
        FindingFilter f = filter == null ? FindingFilter.all() : filter;
        return views(user.orgId(), repo.list(user.orgId(), v, new FindingFilter(f.status(), f.severity(), f.overdue(),
                engagementId), today()));
    }

    /** One finding with its actions, status history and re-tests; 404 when the user may not see it. */
    @Transactional(readOnly = true)
    public Finding get(CurrentUser user, UUID id) {
        return load(user.orgId(), row(user, id));
    }

    /** The findings the user may see that were raised from one source record (e.g. a deviation's id), oldest first. */
    @Transactional(readOnly = true)
    public List<Finding> fromSource(CurrentUser user, SourceType type, UUID sourceId) {
        Visibility v = readable(user);
        if (type == null || sourceId == null) {
            return List.of();
        }
        return views(user.orgId(), repo.bySource(user.orgId(), v, type, sourceId));
    }

    /**
     * For the dashboard (no permission check; the caller shows them to members of {@code orgId}):
     * the organization's findings still being worked on (OPEN or IN_REMEDIATION) whose due date is
     * before {@code today}, oldest due date first.
     */
    @Transactional(readOnly = true)
    public List<Finding> overdue(UUID orgId, LocalDate today) {
        return views(orgId, repo.list(orgId, Visibility.ALL, new FindingFilter(null, null, true, null), today), today);
    }

    /** The overdue findings the user may see (an auditor: those of their engagement). */
    @Transactional(readOnly = true)
    public List<Finding> overdue(CurrentUser user, LocalDate today) {
        Visibility v = readable(user);
        return views(user.orgId(), repo.list(user.orgId(), v, new FindingFilter(null, null, true, null), today), today);
    }

    /** What the user may do to the finding now (for pages that show forms per side). */
    public FindingRights rights(CurrentUser user, Finding f) {
        Caller c = caller(user, f.firmId(), f.engagementId());
        boolean auditor = f.auditorFinding();
        boolean open = !f.status().isFinal();
        return new FindingRights(open && FindingRules.canEditAssessment(auditor, c), open && FindingRules.canRespond(c),
                open && FindingRules.canRetest(auditor, c), open && FindingRules.canAcceptRisk(c),
                FindingRules.targets(auditor, c, f.status()));
    }

    // ------------------------------------------------------------------------------------ raising

    /**
     * Raises a finding; it starts OPEN with the next ref of the organization (F-001, F-002, …).
     *
     * <ul>
     * <li>An auditor inside an engagement (FIELDWORK_WRITE) raises the firm's finding for that
     * engagement ({@code engagementId} null means the auditor's engagement; another one is 404).
     * The draft's owner and due date must be null: they are the organization's to set (403).</li>
     * <li>A member of the organization with ENGAGEMENT_WRITE raises an internal finding;
     * {@code engagementId} is optional. DEVIATION and TEST_OF_DESIGN sources are the firm's (400).</li>
     * </ul>
     * A deviation or test of design with an id raises at most one finding (409 names the existing one).
     */
    @Transactional
    public Finding raise(CurrentUser user, UUID engagementId, FindingDraft draft) {
        boolean byFirm = user.inEngagement();
        UUID engagement = engagementId;
        if (byFirm) {
            user.require(Permission.FIELDWORK_WRITE);
            engagement = engagementId == null ? user.scope().engagementId() : engagementId;
            user.requireEngagement(engagement);
        } else {
            user.require(Permission.ENGAGEMENT_WRITE);
        }
        if (engagement != null) {
            requireEngagement(user, engagement);
        }
        if (draft == null) {
            throw ApiProblem.invalidField("body", "a JSON finding is required");
        }
        if (byFirm) {
            Problems notYours = new Problems();
            if (draft.ownerId() != null) {
                notYours.add("ownerId", "is set by the organization, not by the audit firm");
            }
            if (draft.dueDate() != null) {
                notYours.add("dueDate", "is set by the organization, not by the audit firm");
            }
            notYours.throwForbiddenIfAny("The organization answers the auditor's finding");
        }
        UUID orgId = user.orgId();
        Problems p = new Problems();
        Assessment a = FindingRules.assessment(p, draft.title(), draft.description(), draft.severity(), draft.source(),
                draft.controls(), draft.criteria(), byFirm, ref -> controls.resolve(orgId, ref), unknownCriteria(orgId));
        Response r = FindingRules.response(p, null, draft.ownerId(), draft.dueDate(), null, isMember(orgId));
        p.throwIfAny();
        FindingSource src = a.source();
        if (src.id() != null && src.type().auditorOnly()) {
            List<FindingRow> existing = repo.bySource(orgId, Visibility.ALL, src.type(), src.id());
            if (!existing.isEmpty()) {
                throw ApiProblem.conflict("Finding " + existing.getFirst().ref() + " was already raised from this "
                        + src.type().label().toLowerCase(java.util.Locale.ROOT) + "; update it instead");
            }
        }
        Instant now = now();
        UUID id = UUID.randomUUID();
        FindingRow row = new FindingRow(id, FindingRules.nextRef(repo.refs(orgId)), engagement,
                byFirm ? user.scope().firmId() : null, byFirm ? user.scope().firmName() : null, a.title(),
                a.description(), a.severity(), src, a.controlIds(), a.criteria(), null, r.ownerId(), r.dueDate(), null,
                FindingStatus.OPEN, null, null, null, user.userId(), user.label(), 0, now, now);
        repo.insert(orgId, row);
        repo.insertChange(orgId, id, null, FindingStatus.OPEN, "Raised" + (src.ref() == null ? "" : " from " + src.ref()),
                user.userId(), user.label(), now);
        Finding created = load(orgId, repo.find(orgId, Visibility.ALL, id).orElseThrow());
        activity.record(user, ENTITY, id, "raised", null, created);
        return created;
    }

    // ----------------------------------------------------------------------------------- updating

    /**
     * Replaces the groups of fields the user's side owns (see {@link FindingUpdate}); a value in the
     * other side's group that differs from the current one is refused with 403 naming the field and
     * changes nothing. A missing {@code version} is a 400 and a stale one a 409 (both after the check of
     * who asks); a closed or risk-accepted finding is not edited.
     */
    @Transactional
    public Finding update(CurrentUser user, UUID id, FindingUpdate update, Long version) {
        FindingRow row = row(user, id);
        UUID orgId = user.orgId();
        Finding before = load(orgId, row);
        Caller c = caller(user, row.firmId(), row.engagementId());
        boolean auditor = row.firmId() != null;
        boolean assess = FindingRules.canEditAssessment(auditor, c);
        boolean respond = FindingRules.canRespond(c);
        if (!assess && !respond) {
            throw ApiProblem.forbidden(noChangeReason(user, auditor));
        }
        if (update == null) {
            throw ApiProblem.invalidField("body", "a JSON finding is required");
        }
        if (version == null) {
            throw ApiProblem.invalidField("version",
                    "is required: send the version you edited (from GET /api/v1/findings/" + id + ")");
        }
        requireOpen(before);
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Finding " + before.ref(), version, before.version());
        }
        Problems foreign = new Problems();
        if (!assess) {
            FindingRules.assessmentChanges(before, update).forEach(f -> foreign.add(f, auditor
                    ? "belongs to the audit firm that raised the finding" : "is set by the organization's management"));
        }
        if (!respond) {
            FindingRules.responseChanges(before, update).forEach(f -> foreign.add(f, "is the organization's response"));
        }
        foreign.throwForbiddenIfAny(auditor && !assess
                ? "The audit firm's assessment of its finding is not changed by the organization"
                : "These fields are not yours to change");
        Problems p = new Problems();
        Assessment a = assess
                ? FindingRules.assessment(p, update.title(), update.description(), update.severity(), update.source(),
                        update.controls(), update.criteria(), auditor, ref -> controls.resolve(orgId, ref),
                        unknownCriteria(orgId))
                : new Assessment(row.title(), row.description(), row.severity(), row.source(), row.controlIds(),
                        row.criteria());
        Response r = respond
                ? FindingRules.response(p, update.rootCause(), update.ownerId(), update.dueDate(),
                        update.correctiveActionPlan(), isMember(orgId))
                : new Response(row.rootCause(), row.ownerId(), row.dueDate(), row.plan());
        p.throwIfAny();
        FindingRow next = new FindingRow(row.id(), row.ref(), row.engagementId(), row.firmId(), row.firmName(), a.title(),
                a.description(), a.severity(), a.source(), a.controlIds(), a.criteria(), r.rootCause(), r.ownerId(),
                r.dueDate(), r.plan(), row.status(), row.acceptedBy(), row.acceptanceReason(), row.acceptedAt(),
                row.raisedBy(), row.raisedByLabel(), row.version(), row.createdAt(), row.updatedAt());
        write(user, next, version, before);
        Finding after = load(orgId, repo.find(orgId, Visibility.ALL, id).orElseThrow());
        activity.record(user, ENTITY, id, "updated", before, after);
        return after;
    }

    // ------------------------------------------------------------------------------------ actions

    /** Adds a corrective action (the organization's side; while the finding is open or in remediation). */
    @Transactional
    public CorrectiveAction addAction(CurrentUser user, UUID findingId, ActionDraft draft) {
        FindingRow row = row(user, findingId);
        UUID orgId = user.orgId();
        Caller c = caller(user, row.firmId(), row.engagementId());
        if (!FindingRules.canRespond(c)) {
            throw ApiProblem.forbidden("Corrective actions are the organization's: " + noChangeReason(user, row.firmId() != null));
        }
        if (row.status() != FindingStatus.OPEN && row.status() != FindingStatus.IN_REMEDIATION) {
            throw ApiProblem.conflict("Actions are added while a finding is open or in remediation (it is "
                    + row.status().label().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (draft == null) {
            throw ApiProblem.invalidField("body", "a JSON action is required");
        }
        Problems p = new Problems();
        String text = p.text("description", draft.description(), Problems.ACTION, true);
        if (draft.ownerId() != null && !isMember(orgId).test(draft.ownerId())) {
            p.add("ownerId", "is not a member of this organization");
        }
        p.throwIfAny();
        Finding before = load(orgId, row);
        UUID actionId = UUID.randomUUID();
        Instant now = now();
        repo.insertAction(orgId, findingId, actionId, text, draft.ownerId(), draft.dueDate(), user.label(), now);
        write(user, row, row.version(), before);
        Finding after = load(orgId, repo.find(orgId, Visibility.ALL, findingId).orElseThrow());
        CorrectiveAction added = after.actions().stream().filter(a -> a.id().equals(actionId)).findFirst().orElseThrow();
        activity.record(user, ENTITY, findingId, "action-added", null, added);
        return added;
    }

    /** Marks an action done on {@code doneOn} (null: today; not in the future), once. */
    @Transactional
    public CorrectiveAction markActionDone(CurrentUser user, UUID findingId, UUID actionId, LocalDate doneOn, String note) {
        FindingRow row = row(user, findingId);
        UUID orgId = user.orgId();
        Caller c = caller(user, row.firmId(), row.engagementId());
        if (!FindingRules.canRespond(c)) {
            throw ApiProblem.forbidden("Corrective actions are the organization's: " + noChangeReason(user, row.firmId() != null));
        }
        Finding before = load(orgId, row);
        requireOpen(before);
        CorrectiveAction action = before.actions().stream().filter(a -> a.id().equals(actionId)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Action " + actionId));
        if (action.done()) {
            throw ApiProblem.conflict("Action " + action.number() + " was already marked done on " + action.doneOn());
        }
        LocalDate on = doneOn == null ? today() : doneOn;
        Problems p = new Problems();
        if (on.isAfter(today())) {
            p.add("doneOn", "must not be in the future");
        }
        String text = p.text("note", note, Problems.ACTION, false);
        p.throwIfAny();
        if (!repo.markDone(orgId, findingId, actionId, on, user.userId(), user.label(), text)) {
            throw ApiProblem.conflict("Action " + action.number() + " was already marked done");
        }
        write(user, row, row.version(), before);
        Finding after = load(orgId, repo.find(orgId, Visibility.ALL, findingId).orElseThrow());
        CorrectiveAction done = after.actions().stream().filter(a -> a.id().equals(actionId)).findFirst().orElseThrow();
        activity.record(user, ENTITY, findingId, "action-done", action, done);
        return done;
    }

    // ------------------------------------------------------------------------------------- status

    /**
     * Moves the finding: the organization to IN_REMEDIATION (needs owner, due date and plan) and
     * READY_FOR_RETEST (needs root cause, every action done), or back to IN_REMEDIATION from
     * READY_FOR_RETEST (with a note); management to RISK_ACCEPTED ({@code approverId}: a member
     * with ENGAGEMENT_WRITE; {@code note}: the reason). CLOSED is reached only by {@link #recordRetest}.
     * {@code version}, when given, must be current (409 otherwise).
     */
    @Transactional
    public Finding changeStatus(CurrentUser user, UUID id, FindingStatus to, String note, UUID approverId, Long version) {
        FindingRow row = row(user, id);
        UUID orgId = user.orgId();
        Finding before = load(orgId, row);
        Caller c = caller(user, row.firmId(), row.engagementId());
        long open = before.actions().stream().filter(a -> !a.done()).count();
        FindingRules.checkTransition(row.firmId() != null, c, row.status(), to, note, approverId != null,
                new Progress(row.ownerId() != null, row.dueDate() != null, row.plan() != null, row.rootCause() != null,
                        open));
        if (version != null && version != row.version()) {
            throw ApiProblem.staleVersion("Finding " + row.ref(), version, row.version());
        }
        String why = note == null || note.isBlank() ? null : note.strip();
        UUID acceptedBy = row.acceptedBy();
        String reason = row.acceptanceReason();
        Instant acceptedAt = row.acceptedAt();
        Instant now = now();
        if (to == FindingStatus.RISK_ACCEPTED) {
            Member approver = identity.member(orgId, approverId)
                    .filter(m -> m.active() && m.role().can(Permission.ENGAGEMENT_WRITE))
                    .orElseThrow(() -> ApiProblem.invalidField("approverId",
                            "must be an active admin or compliance manager of this organization"));
            acceptedBy = approver.userId();
            reason = why;
            acceptedAt = now;
        }
        FindingRow next = withStatus(row, to, acceptedBy, reason, acceptedAt);
        write(user, next, row.version(), before);
        repo.insertChange(orgId, id, row.status(), to, why, user.userId(), user.label(), now);
        Finding after = load(orgId, repo.find(orgId, Visibility.ALL, id).orElseThrow());
        activity.record(user, ENTITY, id, "status-changed", before, after);
        return after;
    }

    /**
     * Records a re-test of a finding that is ready for re-test: PASS closes it, FAIL returns it to
     * IN_REMEDIATION. A firm's finding is re-tested only by that firm ({@code testId} and
     * {@code testRef} required); the organization's own finding by its management ({@code note}
     * required: what was verified).
     */
    @Transactional
    public Finding recordRetest(CurrentUser user, UUID id, RetestDraft draft) {
        FindingRow row = row(user, id);
        UUID orgId = user.orgId();
        Finding before = load(orgId, row);
        boolean auditor = row.firmId() != null;
        Caller c = caller(user, row.firmId(), row.engagementId());
        FindingStatus to = FindingRules.afterRetest(auditor, c, row.status(), draft);
        Instant now = now();
        String testRef = draft.testRef() == null || draft.testRef().isBlank() ? null : draft.testRef().strip();
        String note = draft.note() == null || draft.note().isBlank() ? null : draft.note().strip();
        Retest retest = new Retest(UUID.randomUUID(), draft.testId(), testRef, draft.result(), note,
                user.inEngagement() ? user.scope().firmId() : null, user.userId(), user.label(), now);
        repo.insertRetest(orgId, id, retest);
        write(user, withStatus(row, to, row.acceptedBy(), row.acceptanceReason(), row.acceptedAt()), row.version(), before);
        String summary = "Re-test " + (testRef == null ? "" : testRef + " ") + draft.result().name().toLowerCase(java.util.Locale.ROOT)
                + (note == null ? "" : ": " + note);
        repo.insertChange(orgId, id, row.status(), to, summary.length() > Problems.TEXT
                ? summary.substring(0, Problems.TEXT) : summary, user.userId(), user.label(), now);
        Finding after = load(orgId, repo.find(orgId, Visibility.ALL, id).orElseThrow());
        activity.record(user, ENTITY, id, "retest-recorded", before, after);
        return after;
    }

    // ------------------------------------------------------------------------------------ helpers

    /** Who may read what: an auditor inside an engagement (FIELDWORK_READ) or a member with CONTROL_READ. */
    private static Visibility readable(CurrentUser user) {
        if (user.inEngagement()) {
            user.require(Permission.FIELDWORK_READ);
            return new Visibility(user.scope().engagementId(), user.scope().firmId());
        }
        user.require(Permission.CONTROL_READ);
        return Visibility.ALL;
    }

    private void requireEngagement(CurrentUser user, UUID engagementId) {
        user.requireEngagement(engagementId);
        if (engagements.find(user.orgId(), engagementId).isEmpty()) {
            throw ApiProblem.notFound("Engagement " + engagementId);
        }
    }

    private FindingRow row(CurrentUser user, UUID id) {
        Visibility v = readable(user);
        return repo.find(user.orgId(), v, id).orElseThrow(() -> ApiProblem.notFound("Finding " + id));
    }

    private static Caller caller(CurrentUser user, UUID firmId, UUID engagementId) {
        boolean auditorFinding = firmId != null;
        if (user.inEngagement()) {
            boolean raisingFirm = auditorFinding && user.can(Permission.FIELDWORK_WRITE)
                    && firmId.equals(user.scope().firmId()) && user.scope().engagementId().equals(engagementId);
            return new Caller(raisingFirm, false, false);
        }
        if (user.role().firmRole()) {
            return Caller.NOBODY;
        }
        boolean management = user.can(Permission.ENGAGEMENT_WRITE);
        boolean responder = auditorFinding ? user.can(Permission.FIELDWORK_RESPOND) : management;
        return new Caller(false, responder, management);
    }

    private static String noChangeReason(CurrentUser user, boolean auditorFinding) {
        if (user.inEngagement()) {
            return auditorFinding ? "the audit firm changes only its own assessment and records re-tests"
                    : "the organization's own findings are changed by the organization only";
        }
        return "the role " + user.role().label() + " may not change "
                + (auditorFinding ? "an audit firm's finding (fieldwork_respond is needed)"
                        : "the organization's own findings (engagement_write is needed)");
    }

    private static void requireOpen(Finding f) {
        if (f.status().isFinal()) {
            throw ApiProblem.conflict("Finding " + f.ref() + " is " + f.status().label().toLowerCase(java.util.Locale.ROOT)
                    + "; it is no longer changed");
        }
    }

    private void write(CurrentUser user, FindingRow next, long version, Finding before) {
        if (!repo.update(user.orgId(), next, version, now())) {
            long current = repo.find(user.orgId(), Visibility.ALL, next.id()).map(FindingRow::version).orElse(version);
            throw ApiProblem.staleVersion("Finding " + before.ref(), version, current);
        }
    }

    private static FindingRow withStatus(FindingRow r, FindingStatus status, UUID acceptedBy, String reason,
            Instant acceptedAt) {
        return new FindingRow(r.id(), r.ref(), r.engagementId(), r.firmId(), r.firmName(), r.title(), r.description(),
                r.severity(), r.source(), r.controlIds(), r.criteria(), r.rootCause(), r.ownerId(), r.dueDate(), r.plan(),
                status, acceptedBy, reason, acceptedAt, r.raisedBy(), r.raisedByLabel(), r.version(), r.createdAt(),
                r.updatedAt());
    }

    private Function<List<String>, List<String>> unknownCriteria(UUID orgId) {
        return ids -> {
            List<String> notCriteria = catalog.unknownCriteria(ids);
            return notCriteria.isEmpty() ? notCriteria : catalog.unknownObjectives(orgId, notCriteria);
        };
    }

    private java.util.function.Predicate<UUID> isMember(UUID orgId) {
        return userId -> identity.member(orgId, userId).isPresent();
    }

    private Finding load(UUID orgId, FindingRow row) {
        Names names = new Names(orgId);
        return view(row, repo.actions(orgId, row.id()).stream().map(a -> named(a.action(), names)).toList(),
                repo.history(orgId, row.id()).stream().map(FindingRepository.ChangeRow::change).toList(),
                repo.retests(orgId, row.id()).stream().map(FindingRepository.RetestRow::retest).toList(),
                controls.refs(orgId), names, today());
    }

    private List<Finding> views(UUID orgId, List<FindingRow> rows) {
        return views(orgId, rows, today());
    }

    private List<Finding> views(UUID orgId, List<FindingRow> rows, LocalDate today) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Names names = new Names(orgId);
        Map<UUID, List<CorrectiveAction>> actions = repo.actions(orgId, null).stream().collect(Collectors.groupingBy(
                FindingRepository.ActionRow::findingId,
                Collectors.mapping(a -> named(a.action(), names), Collectors.toList())));
        Map<UUID, List<StatusChange>> history = repo.history(orgId, null).stream().collect(Collectors.groupingBy(
                FindingRepository.ChangeRow::findingId,
                Collectors.mapping(FindingRepository.ChangeRow::change, Collectors.toList())));
        Map<UUID, List<Retest>> retests = repo.retests(orgId, null).stream().collect(Collectors.groupingBy(
                FindingRepository.RetestRow::findingId,
                Collectors.mapping(FindingRepository.RetestRow::retest, Collectors.toList())));
        Map<UUID, String> refs = controls.refs(orgId);
        return rows.stream().map(r -> view(r, actions.getOrDefault(r.id(), List.of()), history.getOrDefault(r.id(), List.of()),
                retests.getOrDefault(r.id(), List.of()), refs, names, today)).toList();
    }

    private static CorrectiveAction named(CorrectiveAction a, Names names) {
        return new CorrectiveAction(a.id(), a.number(), a.description(), a.ownerId(), names.of(a.ownerId()), a.dueDate(),
                a.doneOn(), a.doneBy(), a.doneByLabel(), a.doneNote(), a.createdBy(), a.createdAt());
    }

    private static Finding view(FindingRow r, List<CorrectiveAction> actions, List<StatusChange> history,
            List<Retest> retests, Map<UUID, String> refs, Names names, LocalDate today) {
        List<String> controlRefs = r.controlIds().stream().map(i -> refs.getOrDefault(i, i.toString())).toList();
        RiskAcceptance acceptance = r.acceptedBy() == null ? null
                : new RiskAcceptance(r.acceptedBy(), names.of(r.acceptedBy()), r.acceptanceReason(), r.acceptedAt());
        return new Finding(r.id(), r.ref(), r.engagementId(), r.firmId(), r.firmName(), r.title(), r.description(),
                r.severity(), r.source(), r.controlIds(), controlRefs, r.criteria(), r.rootCause(), r.ownerId(),
                names.of(r.ownerId()), r.dueDate(), r.plan(), r.status(), acceptance,
                FindingRules.overdue(r.status(), r.dueDate(), today), actions, history, retests, r.raisedBy(),
                r.raisedByLabel(), r.version(), r.createdAt(), r.updatedAt());
    }

    /** Member names of one organization, looked up once each. */
    private final class Names {
        private final UUID orgId;
        private final Map<UUID, String> cache = new HashMap<>();

        Names(UUID orgId) {
            this.orgId = orgId;
        }

        String of(UUID userId) {
            if (userId == null) {
                return null;
            }
            return cache.computeIfAbsent(userId, u -> identity.member(orgId, u).map(Member::name).orElse("former member"));
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
