package dev.assayer.report;

import dev.assayer.report.internal.OfficerSignOff;
import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.SystemChange;
import dev.assayer.engagement.SystemChangeService;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceContent;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.finding.Finding;
import dev.assayer.finding.FindingService;
import dev.assayer.incident.Incident;
import dev.assayer.incident.IncidentService;
import dev.assayer.report.ReportDocument.Section;
import dev.assayer.report.internal.ReportJson;
import dev.assayer.report.internal.bridge.BridgeFacts;
import dev.assayer.report.internal.bridge.BridgeFacts.Fact;
import dev.assayer.report.internal.bridge.BridgeLetterAssembler;
import dev.assayer.report.internal.bridge.BridgeLetterRepository;
import dev.assayer.report.internal.render.ReportRenderer;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bridge letters (issue 6 §5): after an engagement's period end (or as-of date), management drafts a
 * letter covering the following days up to a chosen date (at most 12 months after the period end,
 * not after today). The draft lists the facts recorded for that time: changes to the system
 * ({@link SystemChangeService}) and to controls (the controls' activity log), significant incidents,
 * and the open findings, each with date and source; where nothing was recorded it says so. Each
 * draft is frozen (PDF, DOCX and canonical JSON stored as evidence, the PDF's SHA-256 recorded) and
 * a named officer signs one version once: the signature refers to the draft's SHA-256, and the
 * signed letter (the same document with the officer's statement and signature) is stored as evidence too.
 *
 * <p>Who: {@link Permission#REPORT_READ} reads (an audit firm's user only inside the engagement, and only
 * the metadata: the files are evidence effective on {@code coversTo}, after the period the firm examines);
 * {@link Permission#REPORT_GENERATE} and {@link Permission#EVIDENCE_UPLOAD} draft;
 * {@link Permission#ASSERTION_SIGN} (and EVIDENCE_UPLOAD) signs. Another organization's letters are "not found".
 */
@Service
public class BridgeLetterService {

    public static final String ENTITY = "bridge-letter";
    public static final String SOURCE_SYSTEM = "Assayer bridge letters";
    static final int MAX_MONTHS = 12;

    private final BridgeLetterRepository repo;
    private final EngagementService engagements;
    private final SystemChangeService changes;
    private final ControlService controls;
    private final IncidentService incidents;
    private final FindingService findings;
    private final EvidenceService evidence;
    private final ActivityLog activity;
    private final Clock clock;
    private final ReportRenderer renderer = new ReportRenderer();
    private final ReportJson json = new ReportJson();

    public BridgeLetterService(BridgeLetterRepository repo, EngagementService engagements, SystemChangeService changes,
            ControlService controls, IncidentService incidents, FindingService findings, EvidenceService evidence,
            ActivityLog activity, Optional<Clock> clock) {
        this.repo = repo;
        this.engagements = engagements;
        this.changes = changes;
        this.controls = controls;
        this.incidents = incidents;
        this.findings = findings;
        this.evidence = evidence;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Drafts and freezes a new version of the engagement's bridge letter covering up to {@code coversTo}. */
    @Transactional
    public BridgeLetter draft(CurrentUser user, UUID engagementId, LocalDate coversTo) {
        user.require(Permission.REPORT_GENERATE).require(Permission.EVIDENCE_UPLOAD);
        Engagement e = engagements.get(user, engagementId);
        LocalDate end = e.windowEnd();
        LocalDate today = today();
        if (end == null) {
            throw ApiProblem.conflict("Set the engagement's " + (e.windowStart() == null ? "as-of date" : "period")
                    + " before drafting a bridge letter");
        }
        if (!today.isAfter(end)) {
            throw ApiProblem.conflict("A bridge letter covers the time after the period end (" + end
                    + "); draft it from " + end.plusDays(1) + " on");
        }
        if (coversTo == null) {
            throw ApiProblem.invalidField("coversTo", "is required: the last day the letter covers (after " + end
                    + ", at most " + MAX_MONTHS + " months later)");
        }
        if (!coversTo.isAfter(end)) {
            throw ApiProblem.invalidField("coversTo", "must be after the period end " + end);
        }
        if (coversTo.isAfter(end.plusMonths(MAX_MONTHS))) {
            throw ApiProblem.invalidField("coversTo", "must be at most " + MAX_MONTHS + " months after the period end ("
                    + end.plusMonths(MAX_MONTHS) + ")");
        }
        if (coversTo.isAfter(today)) {
            throw ApiProblem.invalidField("coversTo", "must not be after today (" + today
                    + "): the letter lists what was recorded up to that date");
        }
        int number = repo.nextNumber(user.orgId(), engagementId);
        Instant now = now();
        BridgeFacts facts = facts(user, e, end, coversTo, number, now);
        ReportDocument doc = BridgeLetterAssembler.document(facts, null);
        Map<String, byte[]> files = render(doc);
        files.put("json", json.write(doc));
        Map<String, UUID> ids = store(user, e, number, coversTo, files, "Draft", "");
        BridgeLetter b = new BridgeLetter(UUID.randomUUID(), engagementId, number, end, coversTo,
                Hashing.sha256Hex(files.get("pdf")), ids, facts.changes().size(), facts.incidents().size(),
                facts.openFindings().size(), user.label(), now, null);
        try {
            repo.insert(user.orgId(), b, user.userId());
        } catch (DuplicateKeyException ex) {
            throw ApiProblem.conflict("Another bridge letter v" + number + " was drafted at the same time; draft again");
        }
        activity.record(user, ENTITY, b.id(), "drafted", null, log(b));
        return b;
    }

    @Transactional(readOnly = true)
    public List<BridgeLetter> list(CurrentUser user, UUID engagementId) {
        user.require(Permission.REPORT_READ);
        engagements.get(user, engagementId);
        return repo.list(user.orgId(), engagementId);
    }

    @Transactional(readOnly = true)
    public BridgeLetter get(CurrentUser user, UUID id) {
        user.require(Permission.REPORT_READ);
        BridgeLetter b = repo.find(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Bridge letter " + id));
        if (user.scope() != null && !user.scope().engagementId().equals(b.engagementId())) {
            throw ApiProblem.notFound("Bridge letter " + id);
        }
        return b;
    }

    /** The frozen PDF or DOCX: the signed letter once signed, else the draft. */
    @Transactional(readOnly = true)
    public ReportFile content(CurrentUser user, UUID id, String format) {
        BridgeLetter b = get(user, id);
        String f = format == null || format.isBlank() ? "pdf" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("pdf") && !f.equals("docx")) {
            throw ApiProblem.invalidField("format", "'" + format + "' is not a format (expected pdf or docx)");
        }
        UUID item = b.signed() ? b.signature().evidence().get(f) : b.evidence().get(f);
        EvidenceContent c = evidence.content(user, item);
        Engagement e = engagements.find(user.orgId(), b.engagementId()).orElseThrow();
        return new ReportFile(filename(e, b.number(), b.signed(), f), contentType(f), c.item().sha256(), c.item().size(),
                c::open);
    }

    /**
     * A named officer signs one version: {@code officerName} must be the signed-in user's own name,
     * {@code officerTitle} is required, and {@code confirmation} must read "I sign as &lt;name&gt;,
     * &lt;title&gt;". Once per version (409 the second time).
     */
    @Transactional
    public BridgeLetter sign(CurrentUser user, UUID id, String officerName, String officerTitle, String confirmation) {
        user.require(Permission.ASSERTION_SIGN).require(Permission.EVIDENCE_UPLOAD);
        BridgeLetter b = get(user, id);
        OfficerSignOff officer = OfficerSignOff.check(user, officerName, officerTitle, confirmation);
        String name = officer.name();
        String title = officer.title();
        repo.lock(user.orgId(), id);
        b = get(user, id);
        if (b.signed()) {
            throw ApiProblem.conflict("Bridge letter v" + b.number() + " is already signed by " + b.signature().officerName()
                    + ", " + b.signature().officerTitle() + " (" + b.signature().signedAt() + "); draft a new version to sign again");
        }
        Instant now = now();
        ReportDocument draft = frozenDocument(user, b);
        ReportDocument signedDoc = withSignature(draft, BridgeLetterAssembler.statementSection(draft,
                new BridgeLetterAssembler.SignedBy(name, title, now, b.sha256())));
        Map<String, byte[]> files = render(signedDoc);
        Engagement e = engagements.get(user, b.engagementId());
        Map<String, UUID> ids = store(user, e, b.number(), b.coversTo(), files, "Signed", " signed by " + name + ", " + title);
        BridgeLetter.Signature s = new BridgeLetter.Signature(name, title, user.userId(), user.label(), now, b.sha256(),
                Hashing.sha256Hex(files.get("pdf")), ids);
        if (!repo.sign(user.orgId(), id, s)) {
            throw ApiProblem.conflict("Bridge letter v" + b.number() + " was signed at the same time by someone else");
        }
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("number", b.number());
        log.put("sha256", b.sha256());
        log.put("officerName", name);
        log.put("officerTitle", title);
        log.put("signedSha256", s.signedSha256());
        activity.record(user, ENTITY, id, "signed", null, log);
        return get(user, id);
    }

    // ------------------------------------------------------------------------------- facts

    private BridgeFacts facts(CurrentUser user, Engagement e, LocalDate end, LocalDate to, int number, Instant now) {
        UUID orgId = user.orgId();
        List<Fact> changed = new ArrayList<>();
        for (SystemChange c : changes.list(orgId, e.id())) {
            if (c.changedOn() != null && c.changedOn().isAfter(end) && !c.changedOn().isAfter(to)) {
                changed.add(new Fact(c.changedOn(), (c.area() == null ? "" : c.area() + ": ") + c.description()
                        + (c.significant() ? " (significant)" : ""), "System changes" + (c.source() == null ? ""
                                : " · " + c.source()) + (c.recordedBy() == null ? "" : " · recorded by " + c.recordedBy())));
            }
        }
        Map<UUID, String> refs = controls.refs(orgId);
        for (ActivityEntry a : activity.recent(orgId, "control", null, 1000)) {
            LocalDate on = a.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate();
            if (on.isAfter(end) && !on.isAfter(to)) {
                String ref = refOf(refs, a.entityId());
                changed.add(new Fact(on, "Control " + ref + " " + a.action(), "Activity log · " + a.actorLabel()));
            }
        }
        changed.sort(Comparator.comparing(Fact::date));
        List<Fact> incs = new ArrayList<>();
        for (Incident i : incidents.significantIncidents(orgId, end.plusDays(1), to)) {
            incs.add(new Fact(i.detectedAt().atOffset(ZoneOffset.UTC).toLocalDate(), i.ref() + " " + i.title()
                    + " (severity " + i.severity().name().toLowerCase(Locale.ROOT) + ", " + i.status().name()
                            .toLowerCase(Locale.ROOT).replace('_', ' ') + ")", "Incident register"));
        }
        List<Fact> open = new ArrayList<>();
        for (Finding f : findings.list(user, null)) {
            if (!f.status().isFinal() && (f.engagementId() == null || f.engagementId().equals(e.id()))) {
                open.add(new Fact(f.createdAt().atOffset(ZoneOffset.UTC).toLocalDate(), f.ref() + " " + f.title()
                        + " (" + f.severity().name().toLowerCase(Locale.ROOT) + ", " + f.status().label().toLowerCase(Locale.ROOT)
                        + (f.dueDate() == null ? "" : ", due " + f.dueDate()) + ")",
                        "Findings · " + (f.firmName() == null ? "raised by " + f.raisedByLabel() : "raised by " + f.firmName())));
            }
        }
        open.sort(Comparator.comparing(Fact::date));
        return new BridgeFacts(user.orgName(), e, end, to, number, now, changed, incs, open);
    }

    private static String refOf(Map<UUID, String> refs, String entityId) {
        try {
            String ref = refs.get(UUID.fromString(entityId));
            return ref == null ? entityId : ref;
        } catch (IllegalArgumentException ex) {
            return entityId;
        }
    }

    // ------------------------------------------------------------------------------- helpers

    private ReportDocument frozenDocument(CurrentUser user, BridgeLetter b) {
        EvidenceContent c = evidence.content(user, b.evidence().get("json"));
        try (InputStream in = c.open()) {
            return json.read(in.readAllBytes());
        } catch (IOException ex) {
            throw new UncheckedIOException("could not read bridge letter v" + b.number(), ex);
        }
    }

    private static ReportDocument withSignature(ReportDocument d, Section statement) {
        List<Section> sections = new ArrayList<>(d.sections().subList(0, d.sections().size() - 1));
        sections.add(statement);
        return new ReportDocument(d.title(), d.subtitle(), d.organization(), d.runningHeader(), d.restrictedUse(),
                d.generatedAt(), d.versionLabel().replace("(draft)", "(signed)"), sections);
    }

    private Map<String, UUID> store(CurrentUser user, Engagement e, int number, LocalDate coversTo,
            Map<String, byte[]> files, String state, String suffix) {
        Map<String, UUID> ids = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String fmt = f.getKey().toUpperCase(Locale.ROOT);
            EvidenceMetadata m = new EvidenceMetadata("Bridge letter v" + number + " of " + e.name() + " (" + state + ", "
                    + fmt + ")", state + " bridge letter v" + number + " of " + e.name() + suffix + ", frozen by Assayer.",
                    List.of(), coversTo, null, null, null, null, CollectionMethod.SYSTEM_EXPORT, SOURCE_SYSTEM);
            EvidenceItem item = evidence.upload(user, m, filename(e, number, state.equals("Signed"), f.getKey()),
                    contentType(f.getKey()), new ByteArrayInputStream(f.getValue()));
            ids.put(f.getKey(), item.id());
        }
        return ids;
    }

    private Map<String, byte[]> render(ReportDocument doc) {
        return renderer.render(doc, "pdf", "docx");
    }

    static String filename(Engagement e, int number, boolean signed, String format) {
        String slug = e.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60);
        }
        return "bridge-letter-" + (slug.isEmpty() ? "engagement" : slug) + "-v" + number + (signed ? "-signed" : "")
                + "." + format;
    }

    static String contentType(String format) {
        return ReportRenderer.contentType(format);
    }

    private static Map<String, Object> log(BridgeLetter b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engagement", b.engagementId().toString());
        m.put("number", b.number());
        m.put("coversTo", b.coversTo().toString());
        m.put("sha256", b.sha256());
        m.put("changes", b.changes());
        m.put("incidents", b.incidents());
        m.put("openFindings", b.openFindings());
        return m;
    }



    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
