package dev.assayer.report;

import dev.assayer.activity.ActivityLog;
import dev.assayer.catalog.CatalogService;
import dev.assayer.control.Control;
import dev.assayer.control.ControlService;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemChangeService;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceContent;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.incident.IncidentService;
import dev.assayer.report.internal.AuditorPdfStore;
import dev.assayer.report.internal.DescriptionChecker;
import dev.assayer.report.internal.ReportAssembler;
import dev.assayer.report.internal.ReportDiff;
import dev.assayer.report.internal.ReportFacts;
import dev.assayer.report.internal.ReportFacts.ScopeItem;
import dev.assayer.report.internal.ReportJson;
import dev.assayer.report.internal.OfficerSignOff;
import dev.assayer.report.internal.ReportRepository;
import dev.assayer.report.internal.ReportRepository.VersionRow;
import dev.assayer.report.internal.render.ReportRenderer;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.HashingCopy;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.vendor.Subservice;
import dev.assayer.vendor.VendorService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reports (issue 6): assembles SOC 2 / SOC 1 Type I and II and SOC 3 reports from recorded facts
 * only ({@link ReportAssembler}), freezes each generation as a version (PDF, DOCX, HTML and the
 * canonical JSON stored as evidence, the PDF's SHA-256 recorded; never changed), compares versions,
 * records management's assertion sign-off on one version, keeps Section I as the service auditor
 * supplied it, and checks the system description against DC1–DC9 ({@link DescriptionChecker}).
 *
 * <p>Who: {@link Permission#REPORT_READ} reads versions, the description check and Section I (an
 * audit firm's users inside the engagement read that engagement's); {@link Permission#REPORT_GENERATE}
 * generates; {@link Permission#ASSERTION_SIGN} signs; {@link Permission#AUDITOR_REPORT_WRITE} holders
 * inside the engagement (the audit firm) write Section I. Another organization's or engagement's
 * records are "not found".
 */
@Service
public class ReportService {

    static final String VERSION_ENTITY = "report-version";
    static final String SECTION_ENTITY = "report-auditor-section";
    public static final String SOURCE_SYSTEM = "Assayer reports";
    public static final List<String> FORMATS = List.of("pdf", "docx", "html", "json");
    static final int MAX_SECTION_TEXT = 100_000;

    private final ReportRepository repo;
    private final EngagementService engagements;
    private final SystemChangeService changes;
    private final ControlService controls;
    private final CatalogService catalog;
    private final TestOfControlService tests;
    private final IncidentService incidents;
    private final VendorService vendors;
    private final EvidenceService evidence;
    private final AuditorPdfStore pdfs;
    private final ActivityLog activity;
    private final Clock clock;
    private final ReportAssembler assembler = new ReportAssembler();
    private final DescriptionChecker checker = new DescriptionChecker();
    private final ReportJson json = new ReportJson();
    private final ReportRenderer renderer = new ReportRenderer();

    public ReportService(ReportRepository repo, EngagementService engagements, SystemChangeService changes,
            ControlService controls, CatalogService catalog, TestOfControlService tests, IncidentService incidents,
            VendorService vendors, EvidenceService evidence, AuditorPdfStore pdfs, ActivityLog activity,
            Optional<Clock> clock) {
        this.repo = repo;
        this.engagements = engagements;
        this.changes = changes;
        this.controls = controls;
        this.catalog = catalog;
        this.tests = tests;
        this.incidents = incidents;
        this.vendors = vendors;
        this.evidence = evidence;
        this.pdfs = pdfs;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ------------------------------------------------------------------------------- versions

    /**
     * Generates a new frozen version of the engagement's report of {@code kindCode} ("soc2-type2",
     * …): assembles it, renders PDF, DOCX, HTML and canonical JSON, stores each as an evidence item
     * (effective on the period end or as-of date, collection method SYSTEM_EXPORT, source
     * "{@value #SOURCE_SYSTEM}") and records the version with the PDF's SHA-256.
     */
    @Transactional
    public ReportVersion generate(CurrentUser user, UUID engagementId, String kindCode) {
        user.require(Permission.REPORT_GENERATE).require(Permission.EVIDENCE_UPLOAD);
        Engagement e = engagements.get(user, engagementId);
        ReportKind kind = ReportKind.parse("kind", kindCode);
        requireFits(e, kind);
        if (e.windowEnd() == null || (kind.typeTwo() && e.windowStart() == null)) {
            throw ApiProblem.conflict("Set the engagement's " + (kind.typeTwo() ? "period" : "as-of date")
                    + " before generating its report");
        }
        int number = repo.nextNumber(user.orgId(), engagementId);
        Instant now = now();
        ReportDocument doc = assembler.assemble(facts(user.orgId(), user.orgName(), e, kind, number, now, null));
        Map<String, byte[]> files = render(doc);
        Map<String, UUID> ids = new LinkedHashMap<>();
        String base = kind.label() + " report v" + number;
        for (String format : FORMATS) {
            EvidenceMetadata m = new EvidenceMetadata(base + " (" + format.toUpperCase(Locale.ROOT) + ")",
                    "Frozen " + format.toUpperCase(Locale.ROOT) + " rendering of version " + number + " of the "
                            + kind.label() + " report of " + e.name() + ", generated by Assayer.",
                    List.of(), e.windowEnd(), null, null, null, null, CollectionMethod.SYSTEM_EXPORT, SOURCE_SYSTEM);
            EvidenceItem item = evidence.upload(user, m, filename(e, kind, number, format), contentType(format),
                    new ByteArrayInputStream(files.get(format)));
            ids.put(format, item.id());
        }
        VersionRow row = new VersionRow(UUID.randomUUID(), engagementId, number, kind.code(),
                Hashing.sha256Hex(files.get("pdf")), ids, user.userId(), user.label(), now);
        try {
            repo.insertVersion(user.orgId(), row);
        } catch (DuplicateKeyException ex) {
            throw ApiProblem.conflict("Another version " + number + " was generated at the same time; generate again");
        }
        ReportVersion created = view(row, null);
        activity.record(user, VERSION_ENTITY, row.id(), "generated", null, logView(created));
        return created;
    }

    /** The engagement's versions, newest first, each with its sign-off if any. */
    @Transactional(readOnly = true)
    public List<ReportVersion> versions(CurrentUser user, UUID engagementId) {
        user.require(Permission.REPORT_READ);
        engagements.get(user, engagementId);
        Map<UUID, AssertionSignature> signed = repo.signatures(user.orgId(), engagementId);
        return repo.versions(user.orgId(), engagementId).stream().map(v -> view(v, signed.get(v.id()))).toList();
    }

    @Transactional(readOnly = true)
    public ReportVersion version(CurrentUser user, UUID id) {
        VersionRow v = load(user, id);
        return view(v, repo.signature(user.orgId(), id).orElse(null));
    }

    /** The newest frozen version of an engagement's report, for the evidence package. */
    @Transactional(readOnly = true)
    public Optional<ReportVersionSummary> latestVersion(UUID orgId, UUID engagementId) {
        return repo.versions(orgId, engagementId).stream().findFirst().map(v -> view(v, null).summary());
    }

    /** The frozen bytes of one rendering ("pdf", "docx", "html", "json"), streamed from the evidence vault. */
    @Transactional(readOnly = true)
    public ReportFile content(CurrentUser user, UUID id, String format) {
        VersionRow v = load(user, id);
        String f = format == null || format.isBlank() ? "pdf" : format.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw ApiProblem.invalidField("format", "'" + format + "' is not a format (expected one of "
                    + String.join(", ", FORMATS) + ")");
        }
        EvidenceContent c = evidence.content(user, v.evidence().get(f));
        ReportKind kind = ReportKind.parse("kind", v.kind());
        Engagement e = engagements.find(user.orgId(), v.engagementId()).orElseThrow();
        return new ReportFile(filename(e, kind, v.number(), f), contentType(f), c.item().sha256(), c.item().size(),
                c::open);
    }

    /** Compares version {@code id} (the earlier) with {@code otherId}, section by section. */
    @Transactional(readOnly = true)
    public ReportComparison compare(CurrentUser user, UUID id, UUID otherId) {
        if (otherId == null) {
            throw ApiProblem.invalidField("with", "is required: the id of the version to compare with");
        }
        VersionRow a = load(user, id);
        VersionRow b = repo.version(user.orgId(), otherId).filter(x -> x.engagementId().equals(a.engagementId()))
                .orElseThrow(() -> ApiProblem.notFound("Report version " + otherId + " of the same engagement"));
        return new ReportComparison(a.id(), a.number(), b.id(), b.number(),
                new ReportDiff().compare(document(user, a), document(user, b)));
    }

    /** The frozen document of a version, read back from its canonical JSON. */
    @Transactional(readOnly = true)
    public ReportDocument document(CurrentUser user, UUID id) {
        return document(user, load(user, id));
    }

    private ReportDocument document(CurrentUser user, VersionRow v) {
        EvidenceContent c = evidence.content(user, v.evidence().get("json"));
        try (InputStream in = c.open()) {
            return json.read(in.readAllBytes());
        } catch (IOException ex) {
            throw new UncheckedIOException("could not read report version " + v.number(), ex);
        }
    }

    // ------------------------------------------------------------------------------- sign-off

    /**
     * A named officer signs management's assertion of one version: {@code officerName} as typed,
     * {@code officerTitle}, and {@code confirmation}, which must read "I sign as &lt;officerName&gt;,
     * &lt;officerTitle&gt;" and name the signed-in user. Once per version (409 the second time).
     */
    @Transactional
    public AssertionSignature signAssertion(CurrentUser user, UUID id, String officerName, String officerTitle,
            String confirmation) {
        user.require(Permission.ASSERTION_SIGN);
        VersionRow v = load(user, id);
        OfficerSignOff officer = OfficerSignOff.check(user, officerName, officerTitle, confirmation);
        String name = officer.name();
        String title = officer.title();
        repo.lockVersion(user.orgId(), id);
        Optional<AssertionSignature> existing = repo.signature(user.orgId(), id);
        if (existing.isPresent()) {
            AssertionSignature s = existing.get();
            throw ApiProblem.conflict("Version " + v.number() + " is already signed by " + s.officerName() + ", "
                    + s.officerTitle() + " (" + s.signedAt() + "); generate a new version to sign again");
        }
        AssertionSignature s = new AssertionSignature(UUID.randomUUID(), id, v.number(), v.sha256(), name, title,
                user.userId(), user.label(), now());
        try {
            repo.insertSignature(user.orgId(), v.engagementId(), s);
        } catch (DuplicateKeyException ex) {
            throw ApiProblem.conflict("Version " + v.number() + " was signed at the same time by someone else");
        }
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("version", v.number());
        log.put("sha256", v.sha256());
        log.put("officerName", name);
        log.put("officerTitle", title);
        activity.record(user, VERSION_ENTITY, id, "assertion-signed", null, log);
        return s;
    }

    // ------------------------------------------------------------------------------- Section I

    /** Section I as supplied, if any (REPORT_READ). */
    @Transactional(readOnly = true)
    public Optional<AuditorSection> auditorSection(CurrentUser user, UUID engagementId) {
        user.require(Permission.REPORT_READ);
        engagements.get(user, engagementId);
        return repo.auditorSection(user.orgId(), engagementId);
    }

    /**
     * The service auditor types (or replaces) Section I's text; a blank text removes the typed
     * text and keeps a PDF. {@code version}: the section's version as read (null when there is none yet).
     */
    @Transactional
    public AuditorSection saveAuditorText(CurrentUser user, UUID engagementId, String text, Long version) {
        requireAuditor(user, engagementId);
        String t = text == null || text.isBlank() ? null : text.strip();
        if (t != null && t.length() > MAX_SECTION_TEXT) {
            throw ApiProblem.invalidField("text", "at most " + MAX_SECTION_TEXT + " characters");
        }
        Optional<AuditorSection> before = repo.auditorSection(user.orgId(), engagementId);
        if (t == null && before.map(b -> !b.hasPdf()).orElse(true)) {
            throw ApiProblem.invalidField("text", "is required: type the service auditor's report, or upload it as a PDF");
        }
        requireVersion(before, version);
        Instant now = now();
        AuditorSection b = before.orElse(null);
        AuditorSection after = new AuditorSection(engagementId, user.scope().firmId(), user.scope().firmName(), t,
                t == null ? null : user.label(), t == null ? null : now, b == null ? null : b.pdfFilename(),
                b == null ? null : b.pdfSha256(), b == null ? null : b.pdfSize(), b == null ? null : b.pdfRecordedBy(),
                b == null ? null : b.pdfRecordedAt(), b == null ? 0 : b.version() + 1);
        return saveSection(user, b, after, "text-recorded");
    }

    /** The service auditor uploads Section I as a PDF (kept with the typed text, if any). */
    @Transactional
    public AuditorSection uploadAuditorPdf(CurrentUser user, UUID engagementId, String filename, InputStream content,
            Long version) {
        requireAuditor(user, engagementId);
        if (content == null) {
            throw ApiProblem.invalidField("file", "is required: the service auditor's report as a PDF");
        }
        Optional<AuditorSection> before = repo.auditorSection(user.orgId(), engagementId);
        requireVersion(before, version);
        HashingCopy.Result stored = pdfs.store(content);
        String name = filename == null || filename.isBlank() ? "auditor-report.pdf"
                : filename.replaceAll("[\\\\/]", "_").strip();
        if (name.length() > 255) {
            name = name.substring(name.length() - 255);
        }
        Instant now = now();
        AuditorSection b = before.orElse(null);
        AuditorSection after = new AuditorSection(engagementId, user.scope().firmId(), user.scope().firmName(),
                b == null ? null : b.text(), b == null ? null : b.textRecordedBy(), b == null ? null : b.textRecordedAt(),
                name, stored.sha256(), stored.size(), user.label(), now, b == null ? 0 : b.version() + 1);
        return saveSection(user, b, after, "pdf-uploaded");
    }

    /** The auditor's Section I PDF (REPORT_READ). */
    @Transactional(readOnly = true)
    public ReportFile auditorPdf(CurrentUser user, UUID engagementId) {
        AuditorSection a = auditorSection(user, engagementId).filter(AuditorSection::hasPdf)
                .orElseThrow(() -> ApiProblem.notFound("Section I PDF of engagement " + engagementId));
        return new ReportFile(a.pdfFilename(), "application/pdf", a.pdfSha256(), a.pdfSize(),
                () -> pdfs.open(a.pdfSha256()));
    }

    private static void requireVersion(Optional<AuditorSection> before, Long version) {
        if (before.isPresent()) {
            if (version == null) {
                throw ApiProblem.invalidField("version", "is required: Section I exists (version "
                        + before.get().version() + "); send the version you edited");
            }
            if (before.get().version() != version) {
                throw ApiProblem.staleVersion("Section I", version, before.get().version());
            }
        }
    }

    private AuditorSection saveSection(CurrentUser user, AuditorSection before, AuditorSection after, String action) {
        if (before == null) {
            try {
                repo.insertAuditorSection(user.orgId(), after, user.userId());
            } catch (DuplicateKeyException ex) {
                throw ApiProblem.conflict("Section I was supplied at the same time by someone else; reload it");
            }
        } else if (!repo.updateAuditorSection(user.orgId(), after, user.userId(), before.version())) {
            throw ApiProblem.staleVersion("Section I", before.version(), repo.auditorSection(user.orgId(),
                    after.engagementId()).map(AuditorSection::version).orElse(before.version()));
        }
        activity.record(user, SECTION_ENTITY, after.engagementId(), action, before == null ? null : sectionLog(before),
                sectionLog(after));
        return after;
    }

    /** An audit firm's user inside this engagement with AUDITOR_REPORT_WRITE; client roles get 403. */
    private void requireAuditor(CurrentUser user, UUID engagementId) {
        user.require(Permission.AUDITOR_REPORT_WRITE);
        if (user.scope() == null) {
            throw ApiProblem.forbidden("Section I is written by the service auditor's firm inside the engagement");
        }
        engagements.get(user, engagementId);
    }

    // ------------------------------------------------------------------------------- description check

    @Transactional(readOnly = true)
    public DescriptionCheck descriptionCheck(CurrentUser user, UUID engagementId) {
        user.require(Permission.REPORT_READ);
        Engagement e = engagements.get(user, engagementId);
        ReportFacts f = facts(user.orgId(), user.orgName(), e, ReportKind.of(e), 0, now(), null);
        return new DescriptionCheck(e.id(), e.framework().label(), e.reportType().label(), checker.check(f));
    }

    /** The kinds an engagement can produce: its own, and SOC 3 for a SOC 2 Type II. */
    public static List<ReportKind> kindsFor(Engagement e) {
        return java.util.Arrays.stream(ReportKind.values()).filter(k -> k.fits(e)).toList();
    }

    // ------------------------------------------------------------------------------- facts

    private ReportFacts facts(UUID orgId, String orgName, Engagement e, ReportKind kind, int number, Instant now,
            AssertionSignature signature) {
        List<ScopeItem> scope;
        if (kind.objectives()) {
            scope = catalog.objectives(orgId).stream().map(o -> new ScopeItem(o.ref(), o.title()))
                    .sorted(Comparator.comparing(ScopeItem::id)).toList();
        } else {
            Set<String> excluded = e.criteriaNotRelevant().stream().map(ExcludedCriterion::criterionId)
                    .collect(Collectors.toSet());
            scope = catalog.soc2Criteria(e.categories()).stream().filter(c -> !excluded.contains(c.id()))
                    .map(c -> new ScopeItem(c.id(), c.title())).toList();
        }
        List<Control> inScope = controls.all(orgId).stream()
                .filter(c -> c.status() != ImplementationStatus.NOT_APPLICABLE).toList();
        LocalDate from = e.windowStart() == null ? (e.windowEnd() == null ? null : e.windowEnd().minusYears(1))
                : e.windowStart();
        var incidentsInPeriod = e.windowEnd() == null ? List.<dev.assayer.incident.Incident>of()
                : incidents.significantIncidents(orgId, from, e.windowEnd());
        List<SubserviceOrganization> subs = new ArrayList<>(e.subserviceOrganizations());
        for (Subservice s : vendors.subserviceOrganizations(orgId, e.id())) {
            if (subs.stream().noneMatch(x -> x.name().equalsIgnoreCase(s.name()))) {
                subs.add(s.toDescription());
            }
        }
        Map<UUID, AssertionSignature> signed = repo.signatures(orgId, e.id());
        AssertionSignature latest = signed.values().stream().max(Comparator.comparing(AssertionSignature::signedAt))
                .orElse(null);
        return new ReportFacts(orgName, e, kind, number, now, scope, inScope, tests.forReport(orgId, e.id()),
                incidentsInPeriod, subs, changes.list(orgId, e.id()), repo.auditorSection(orgId, e.id()).orElse(null),
                signature, latest);
    }

    // ------------------------------------------------------------------------------- helpers

    private static void requireFits(Engagement e, ReportKind kind) {
        if (!kind.fits(e)) {
            throw ApiProblem.invalidField("kind", "a " + kind.label() + " report needs a " + kind.framework().label() + " "
                    + kind.reportType().label() + " engagement; " + e.name() + " is " + e.kindLabel()
                    + (kind == ReportKind.SOC3 ? " (SOC 3 comes only from a SOC 2 Type II examination)" : "")
                    + "; possible: " + kindsFor(e).stream().map(ReportKind::code).collect(Collectors.joining(", ")));
        }
    }

    private VersionRow load(CurrentUser user, UUID id) {
        user.require(Permission.REPORT_READ);
        VersionRow v = repo.version(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Report version " + id));
        if (user.scope() != null && !user.scope().engagementId().equals(v.engagementId())) {
            throw ApiProblem.notFound("Report version " + id);
        }
        return v;
    }

    private Map<String, byte[]> render(ReportDocument doc) {
        Map<String, byte[]> out = renderer.render(doc, "pdf", "docx", "html");
        out.put("json", json.write(doc));
        return out;
    }

    private ReportVersion view(VersionRow v, AssertionSignature s) {
        ReportKind kind = ReportKind.parse("kind", v.kind());
        return new ReportVersion(v.id(), v.engagementId(), v.number(), v.kind(), kind.label() + " report v" + v.number(),
                v.sha256(), v.generatedBy(), v.generatedAt(), v.evidence(), s);
    }

    private static Map<String, Object> logView(ReportVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engagement", v.engagementId().toString());
        m.put("number", v.number());
        m.put("kind", v.kind());
        m.put("sha256", v.sha256());
        m.put("evidence", v.evidence().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, x -> x.getValue().toString(), (a, b) -> a, LinkedHashMap::new)));
        return m;
    }

    private static Map<String, Object> sectionLog(AuditorSection a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("firm", a.firmName());
        m.put("textSha256", a.text() == null ? null : Hashing.sha256Hex(a.text()));
        m.put("pdfSha256", a.pdfSha256());
        m.put("version", a.version());
        return m;
    }

    static String filename(Engagement e, ReportKind kind, int number, String format) {
        String slug = e.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60);
        }
        return kind.code() + "-" + (slug.isEmpty() ? "report" : slug) + "-v" + number + "." + format;
    }

    static String contentType(String format) {
        return ReportRenderer.contentType(format);
    }




    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
