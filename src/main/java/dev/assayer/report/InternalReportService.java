package dev.assayer.report;

import dev.assayer.activity.ActivityLog;
import dev.assayer.catalog.CatalogService;
import dev.assayer.control.Control;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceFilter;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.evidence.EvidenceTally;
import dev.assayer.finding.Finding;
import dev.assayer.finding.FindingService;
import dev.assayer.monitoring.ControlHealth;
import dev.assayer.monitoring.MonitoringService;
import dev.assayer.readiness.ReadinessReport;
import dev.assayer.readiness.ReadinessService;
import dev.assayer.report.internal.internalreports.Applicability;
import dev.assayer.report.internal.internalreports.ControlsMatrix;
import dev.assayer.report.internal.internalreports.ExecutiveSummary;
import dev.assayer.report.internal.internalreports.InternalFacts;
import dev.assayer.report.internal.internalreports.ReadinessGapReport;
import dev.assayer.report.internal.render.ReportRenderer;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Internal reports (issue 6 §3), generated on demand from the recorded facts of one engagement:
 * the readiness and gap report (PDF/HTML), the controls matrix (XLSX), the statement of
 * applicability (PDF/HTML/XLSX) and the one-page executive summary (PDF/HTML, vector charts).
 *
 * <p>Who: {@link Permission#REPORT_READ} (an audit firm's user only for the engagement they are
 * inside). Every generation is logged in the activity log with the SHA-256 of the bytes handed out
 * (entity "{@value #ENTITY}", action "downloaded"); {@link #fileAsEvidence} also needs
 * {@link Permission#EVIDENCE_UPLOAD} and stores the report as an evidence item.
 */
@Service
public class InternalReportService {

    public static final String ENTITY = "internal-report";
    public static final String SOURCE_SYSTEM = "Assayer internal reports";

    private final EngagementService engagements;
    private final ReadinessService readiness;
    private final ControlService controls;
    private final EvidenceService evidence;
    private final FindingService findings;
    private final MonitoringService monitoring;
    private final CatalogService catalog;
    private final ActivityLog activity;
    private final Clock clock;
    private final ReportRenderer renderer = new ReportRenderer();

    public InternalReportService(EngagementService engagements, ReadinessService readiness, ControlService controls,
            EvidenceService evidence, FindingService findings, MonitoringService monitoring, CatalogService catalog,
            ActivityLog activity, Optional<Clock> clock) {
        this.engagements = engagements;
        this.readiness = readiness;
        this.controls = controls;
        this.evidence = evidence;
        this.findings = findings;
        this.monitoring = monitoring;
        this.catalog = catalog;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Generates one internal report about {@code engagementId} (null: the engagement the user is
     * inside, else the organization's current one) in {@code format} (null: the kind's first) and
     * logs the download with its SHA-256.
     */
    @Transactional
    public InternalReport generate(CurrentUser user, String kindCode, String format, UUID engagementId) {
        InternalReport r = build(user, kindCode, format, engagementId);
        activity.record(user, ENTITY, r.engagementId(), "downloaded", null, log(r, null));
        return r;
    }

    /** Generates the report and files it as an evidence item (effective today); logged with its SHA-256. */
    @Transactional
    public EvidenceItem fileAsEvidence(CurrentUser user, String kindCode, String format, UUID engagementId) {
        user.require(Permission.REPORT_READ).require(Permission.EVIDENCE_UPLOAD);
        InternalReport r = build(user, kindCode, format, engagementId);
        Engagement e = engagements.get(user, r.engagementId());
        EvidenceMetadata m = new EvidenceMetadata(r.kind().label() + " · " + e.name() + " · " + r.generatedAt()
                .atOffset(java.time.ZoneOffset.UTC).toLocalDate() + " (" + r.format().toUpperCase(Locale.ROOT) + ")",
                r.kind().label() + " of " + e.name() + " generated by Assayer from the facts recorded on "
                        + today() + " (internal report).", List.of(), today(), null, null, null, null,
                CollectionMethod.SYSTEM_EXPORT, SOURCE_SYSTEM);
        EvidenceItem item = evidence.upload(user, m, r.filename(), r.contentType(), new ByteArrayInputStream(r.content()));
        activity.record(user, ENTITY, r.engagementId(), "filed-as-evidence", null, log(r, item.id()));
        return item;
    }

    /** The kinds and formats, for the UI. */
    public List<InternalReportKind> kinds() {
        return List.of(InternalReportKind.values());
    }

    private InternalReport build(CurrentUser user, String kindCode, String format, UUID engagementId) {
        user.require(Permission.REPORT_READ);
        InternalReportKind kind = InternalReportKind.parse(kindCode);
        String f = kind.format(format);
        Engagement e = engagement(user, engagementId);
        InternalFacts facts = facts(user, e);
        byte[] bytes = render(kind, f, facts);
        String slug = e.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > 50) {
            slug = slug.substring(0, 50);
        }
        String filename = kind.code() + "-" + (slug.isEmpty() ? "engagement" : slug) + "-" + facts.today() + "." + f;
        return new InternalReport(kind, f, e.id(), filename, contentType(f), Hashing.sha256Hex(bytes),
                facts.generatedAt(), bytes);
    }

    private Engagement engagement(CurrentUser user, UUID engagementId) {
        if (engagementId != null) {
            return engagements.get(user, engagementId);
        }
        if (user.scope() != null) {
            return engagements.get(user, user.scope().engagementId());
        }
        return engagements.current(user.orgId()).orElseThrow(() -> ApiProblem.invalidField("engagement",
                "is required: the organization has no open engagement to report on"));
    }

    private InternalFacts facts(CurrentUser user, Engagement e) {
        ReadinessReport r = readiness.forEngagement(user, e.id());
        LocalDate today = r.referenceDate();
        List<Control> all = controls.all(user.orgId());
        Map<UUID, EvidenceTally> tallies = evidence.tally(user.orgId(), e.windowStart(), e.windowEnd(), today);
        Map<UUID, EvidenceItem> latest = new HashMap<>();
        if (user.can(Permission.EVIDENCE_READ)) {
            for (EvidenceItem i : evidence.list(user, new EvidenceFilter(null, null, null, null, 1000))) {
                latest.put(i.id(), i);
            }
            for (EvidenceTally t : tallies.values()) {
                if (t.latestValidId() != null && !latest.containsKey(t.latestValidId())) {
                    try {
                        latest.put(t.latestValidId(), evidence.get(user, t.latestValidId()));
                    } catch (ApiProblem hidden) {
                        // outside what this user may see (an auditor inside the engagement): left out
                    }
                }
            }
        }
        List<Finding> fs = user.scope() != null ? findings.listForEngagement(user, e.id(), null)
                : findings.list(user, null).stream()
                        .filter(x -> x.engagementId() == null || x.engagementId().equals(e.id())).toList();
        Map<UUID, String> health = null;
        if (!user.inEngagement() && user.can(Permission.CONTROL_READ)) {
            health = new HashMap<>();
            for (ControlHealth h : monitoring.controlHealth(user)) {
                health.put(h.controlId(), label(h.status().name()));
            }
        }
        List<InternalFacts.Objective> objectives = e.framework() == Framework.SOC1
                ? catalog.objectives(user.orgId()).stream()
                        .map(o -> new InternalFacts.Objective(o.ref(), o.title(), o.category())).toList()
                : List.of();
        var criteria = e.framework() == Framework.SOC2 ? catalog.criteria(CatalogService.SOC2) : List.<dev.assayer.catalog.Criterion>of();
        return new InternalFacts(user.orgName(), e, r, all, tallies, latest, fs, health, criteria, objectives, today,
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    private byte[] render(InternalReportKind kind, String format, InternalFacts f) {
        return switch (kind) {
            case CONTROLS_MATRIX -> ControlsMatrix.xlsx(f);
            case APPLICABILITY -> format.equals("xlsx") ? Applicability.xlsx(f) : document(Applicability.document(f), format);
            case READINESS -> document(ReadinessGapReport.document(f), format);
            case EXECUTIVE_SUMMARY -> {
                ExecutiveSummary.Summary s = ExecutiveSummary.summary(f);
                yield format.equals("pdf") ? ExecutiveSummary.pdf(s) : ExecutiveSummary.html(s).getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private byte[] document(ReportDocument doc, String format) {
        String f = format.equals("pdf") ? "pdf" : "html";
        return renderer.render(doc, f).get(f);
    }

    static String contentType(String format) {
        return ReportRenderer.contentType(format);
    }

    private static Map<String, Object> log(InternalReport r, UUID evidenceId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind().code());
        m.put("format", r.format());
        m.put("engagement", r.engagementId().toString());
        m.put("filename", r.filename());
        m.put("sha256", r.sha256());
        m.put("size", r.content().length);
        if (evidenceId != null) {
            m.put("evidence", evidenceId.toString());
        }
        return m;
    }

    private static String label(String code) {
        String s = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
