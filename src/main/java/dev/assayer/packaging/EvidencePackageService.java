package dev.assayer.packaging;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.Control;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.evidence.ControlRef;
import dev.assayer.evidence.EvidenceContent;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceKind;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.evidence.EvidenceStatus;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.PopulationVersion;
import dev.assayer.fieldwork.Sample;
import dev.assayer.fieldwork.WorkpaperExport;
import dev.assayer.fieldwork.WorkpaperExportService;
import dev.assayer.fieldwork.WorkpaperFormat;
import dev.assayer.packaging.internal.PackageRules;
import dev.assayer.packaging.internal.PackageWriter;
import dev.assayer.packaging.internal.PackageWriter.FileEntry;
import dev.assayer.packaging.internal.TimeStamper;
import dev.assayer.packaging.verify.PackageLayout;
import dev.assayer.report.ReportService;
import dev.assayer.report.ReportVersionSummary;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signed evidence package of an engagement (issue 6 §4; format in docs/evidence-package.md):
 * every active evidence file relevant to the engagement with its provenance, dates, controls and
 * criteria; for an audit firm's user inside the engagement also the population files with their
 * completeness-and-accuracy records, the sample selections with their seeds and the workpapers
 * (JSON); the latest frozen report version's files; a manifest signed with the organization's
 * Ed25519 key and, when {@code assayer.packaging.tsa-url} is set, an RFC 3161 time-stamp.
 *
 * <p>The package holds exactly what the exporting user may read: an auditor inside the engagement
 * gets only the evidence effective in its period, a client's member gets no workpapers (they belong
 * to the firm; the manifest says so). Needs {@link Permission#PACKAGE_EXPORT}. Each export is
 * logged with the SHA-256 of its manifest.
 */
@Service
public class EvidencePackageService {

    static final String ENTITY = "evidence-package";
    private final EngagementService engagements;
    private final EvidenceService evidence;
    private final ControlService controls;
    private final PopulationService populations;
    private final WorkpaperExportService workpapers;
    private final ReportService reports;
    private final SigningKeyService keys;
    private final ActivityLog activity;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Optional<TimeStamper> tsa;

    public EvidencePackageService(EngagementService engagements, EvidenceService evidence, ControlService controls,
            PopulationService populations, WorkpaperExportService workpapers, ReportService reports,
            SigningKeyService keys, ActivityLog activity, TransactionTemplate tx, Optional<Clock> clock,
            @Value("${assayer.packaging.tsa-url:}") String tsaUrl,
            @Value("${assayer.packaging.tsa-timeout:PT20S}") Duration tsaTimeout) {
        this.engagements = engagements;
        this.evidence = evidence;
        this.controls = controls;
        this.populations = populations;
        this.workpapers = workpapers;
        this.reports = reports;
        this.keys = keys;
        this.activity = activity;
        this.tx = tx;
        this.clock = clock.orElse(Clock.systemUTC());
        this.tsa = tsaUrl == null || tsaUrl.isBlank() ? Optional.empty()
                : Optional.of(new TimeStamper(URI.create(tsaUrl.strip()), tsaTimeout));
    }

    /**
     * Checks everything and gathers what the package will hold, without writing. 403 without
     * PACKAGE_EXPORT; 404 for an engagement of another organization, or another engagement than the
     * one an auditor is inside.
     */
    public EvidencePackage prepare(CurrentUser user, UUID engagementId) {
        user.require(Permission.PACKAGE_EXPORT);
        Engagement e = engagements.get(user, engagementId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<FileEntry> files = new ArrayList<>();
        Map<String, Object> manifest = new LinkedHashMap<>();

        Map<String, Object> org = new LinkedHashMap<>();
        org.put("id", user.orgId().toString());
        org.put("name", user.orgName());
        manifest.put("organization", org);
        manifest.put("engagement", engagement(e));
        manifest.put("generatedAt", now.toString());
        manifest.put("generatedBy", user.label());

        // ---- evidence
        List<EvidenceItem> items = new ArrayList<>();
        evidence.forEach(user, EvidenceStatus.ACTIVE, i -> {
            if (PackageRules.relevant(e, i)) {
                items.add(i);
            }
        });
        Map<UUID, Control> byId = new HashMap<>();
        for (Control c : controls.all(user.orgId())) {
            byId.put(c.id(), c);
        }
        List<Map<String, Object>> links = new ArrayList<>();
        items.stream()
                .sorted(java.util.Comparator.comparing(EvidenceItem::uploadedAt).thenComparing(EvidenceItem::id))
                .forEach(i -> {
                    Map<String, Object> d = describe(i, byId);
                    if (i.kind() == EvidenceKind.FILE) {
                        EvidenceContent content = evidence.content(user, i.id());
                        files.add(new FileEntry("evidence/" + i.id() + "-" + PackageLayout.safeName(i.filename(), 120),
                                "evidence", content::open, Map.of("evidence", d)));
                    } else {
                        d.put("url", i.url());
                        links.add(d);
                    }
                });
        manifest.put("links", links);

        // ---- fieldwork: the firm's workpapers, for an auditor inside the engagement
        if (user.inEngagement() && user.can(Permission.FIELDWORK_READ)) {
            fieldwork(user, e, files, manifest);
        } else {
            Map<String, Object> fw = new LinkedHashMap<>();
            fw.put("included", false);
            fw.put("reason", "Populations, samples and workpapers are the audit firm's records; they are included"
                    + " when an auditor exports the package from inside the engagement.");
            manifest.put("fieldwork", fw);
        }

        // ---- the latest frozen report version
        Optional<ReportVersionSummary> report = reports.latestVersion(user.orgId(), e.id());
        if (report.isPresent()) {
            ReportVersionSummary r = report.get();
            Map<String, Object> rd = new LinkedHashMap<>();
            rd.put("id", r.id().toString());
            rd.put("number", r.number());
            rd.put("kind", r.kind());
            rd.put("sha256", r.sha256());
            rd.put("generatedAt", r.generatedAt() == null ? null : r.generatedAt().toString());
            rd.put("generatedBy", r.generatedBy());
            List<String> unavailable = new ArrayList<>();
            new java.util.TreeMap<>(r.evidenceByFormat()).forEach((format, evidenceId) -> {
                try {
                    EvidenceContent c = evidence.content(user, evidenceId);
                    Map<String, Object> desc = new LinkedHashMap<>();
                    desc.put("format", format);
                    desc.put("versionId", r.id().toString());
                    desc.put("evidenceId", evidenceId.toString());
                    files.add(new FileEntry("report/" + PackageLayout.safeName(c.item().filename() == null
                            ? "report-v" + r.number() + "." + format : c.item().filename(), 120), "report", c::open,
                            Map.of("report", desc)));
                } catch (ApiProblem notVisible) {
                    unavailable.add(format);
                }
            });
            rd.put("unavailableFormats", unavailable);
            manifest.put("report", rd);
        } else {
            manifest.put("report", null);
        }

        Signer signer = keys.signer(user);
        String filename = "evidence-package-" + PackageLayout.slug(e.name()) + "-"
                + LocalDate.ofInstant(now, ZoneOffset.UTC) + ".zip";
        return new Prepared(user, e, filename, now, manifest, List.copyOf(files), signer);
    }

    private void fieldwork(CurrentUser user, Engagement e, List<FileEntry> files, Map<String, Object> manifest) {
        Map<String, Object> fw = new LinkedHashMap<>();
        fw.put("included", true);
        Map<String, Object> firm = new LinkedHashMap<>();
        firm.put("id", user.scope().firmId().toString());
        firm.put("name", user.scope().firmName());
        fw.put("firm", firm);
        manifest.put("fieldwork", fw);
        Map<String, String> pathBySha = new HashMap<>();
        for (PopulationRecord p : populations.list(user, e.id())) {
            for (PopulationVersion v : p.versions().reversed()) {
                var file = populations.file(user, e.id(), p.id(), v.number());
                String path = "populations/" + p.id() + "-v" + v.number() + "-" + PackageLayout.safeName(file.filename(), 120);
                pathBySha.putIfAbsent(p.id() + "/" + v.number(), path);
                files.add(new FileEntry(path, "population", file::open, Map.of("population", population(p, v))));
            }
            for (Sample s : p.samples().reversed()) {
                byte[] json = populations.selectionJson(user, e.id(), s.id()).getBytes(StandardCharsets.UTF_8);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("id", s.id().toString());
                d.put("populationId", s.populationId().toString());
                d.put("populationVersion", s.populationVersion());
                d.put("populationSha256", s.populationSha256());
                d.put("populationPath", pathBySha.get(s.populationId() + "/" + s.populationVersion()));
                d.put("method", s.method());
                d.put("seed", s.seed());
                d.put("size", s.size());
                d.put("items", s.items().size());
                d.put("justification", s.justification());
                d.put("selectedBy", s.selectedBy());
                d.put("selectedAt", str(s.selectedAt()));
                files.add(new FileEntry("samples/" + s.id() + ".json", "sample", PackageWriter.Source.of(json),
                        Map.of("sample", d)));
            }
        }
        WorkpaperExport w = workpapers.export(user, e.id(), null, WorkpaperFormat.JSON);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("generatedAt", w.generatedAt().toString());
        d.put("format", "JSON");
        d.put("description", "docs/workpapers.md");
        files.add(new FileEntry("workpapers/workpapers.json", "workpapers", PackageWriter.Source.of(w.content()),
                Map.of("workpapers", d)));
    }

    private static Map<String, Object> population(PopulationRecord p, PopulationVersion v) {
        Map<String, Object> ca = new LinkedHashMap<>();
        ca.put("sourceSystem", v.sourceSystem());
        ca.put("query", v.query());
        ca.put("queryParameters", v.queryParameters());
        ca.put("extractedBy", v.extractedBy());
        ca.put("extractedAt", str(v.extractedAt()));
        ca.put("periodFrom", str(v.periodFrom()));
        ca.put("periodTo", str(v.periodTo()));
        ca.put("keyColumn", v.keyColumn());
        ca.put("dateColumn", v.dateColumn());
        ca.put("format", v.format());
        ca.put("rows", v.rows());
        ca.put("firstDate", str(v.firstDate()));
        ca.put("lastDate", str(v.lastDate()));
        ca.put("outOfPeriodRows", v.outOfPeriod());
        ca.put("unparseableDateRows", v.unparseableDates());
        ca.put("uploadedBy", v.uploadedBy());
        ca.put("uploadedAt", str(v.uploadedAt()));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", p.id().toString());
        d.put("name", v.name());
        d.put("version", v.number());
        d.put("controls", v.controlRefs());
        d.put("completenessAndAccuracy", ca);
        return d;
    }

    private static Map<String, Object> engagement(Engagement e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id().toString());
        m.put("name", e.name());
        m.put("framework", e.framework().name());
        m.put("reportType", e.reportType().name());
        m.put("type", e.kindLabel());
        m.put("asOfDate", str(e.asOfDate()));
        m.put("periodStart", str(e.periodStart()));
        m.put("periodEnd", str(e.periodEnd()));
        return m;
    }

    private static Map<String, Object> describe(EvidenceItem i, Map<UUID, Control> byId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", i.id().toString());
        d.put("title", i.title());
        d.put("description", i.description());
        d.put("filename", i.filename());
        d.put("contentType", i.contentType());
        d.put("effectiveDate", str(i.effectiveDate()));
        d.put("periodStart", str(i.periodStart()));
        d.put("periodEnd", str(i.periodEnd()));
        TreeSet<String> refs = new TreeSet<>();
        TreeSet<String> criteria = new TreeSet<>();
        TreeSet<String> objectives = new TreeSet<>();
        for (ControlRef c : i.controls()) {
            refs.add(c.ref() == null ? c.id().toString() : c.ref());
            Control control = byId.get(c.id());
            if (control != null) {
                criteria.addAll(control.criteria());
                objectives.addAll(control.objectives());
            }
        }
        d.put("controls", List.copyOf(refs));
        d.put("criteria", List.copyOf(criteria));
        d.put("objectives", List.copyOf(objectives));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("collectedBy", i.collectedBy());
        p.put("method", i.collectionMethod() == null ? null : i.collectionMethod().name());
        p.put("sourceSystem", i.sourceSystem());
        p.put("uploadedBy", i.uploadedByLabel());
        p.put("uploadedAt", str(i.uploadedAt()));
        p.put("originalSha256", i.sha256());
        d.put("provenance", p);
        if (i.reviewed()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("reviewedBy", i.reviewedByLabel());
            r.put("reviewedAt", str(i.reviewedAt()));
            r.put("note", i.reviewNote());
            d.put("review", r);
        } else {
            d.put("review", null);
        }
        return d;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** A gathered package: streams on {@link #writeTo}, then logs. */
    private final class Prepared implements EvidencePackage {
        private final CurrentUser user;
        private final Engagement engagement;
        private final String filename;
        private final Instant at;
        private final Map<String, Object> manifest;
        private final List<FileEntry> files;
        private final Signer signer;

        Prepared(CurrentUser user, Engagement engagement, String filename, Instant at, Map<String, Object> manifest,
                List<FileEntry> files, Signer signer) {
            this.user = user;
            this.engagement = engagement;
            this.filename = filename;
            this.at = at;
            this.manifest = manifest;
            this.files = files;
            this.signer = signer;
        }

        @Override
        public UUID engagementId() {
            return engagement.id();
        }

        @Override
        public String filename() {
            return filename;
        }

        @Override
        public int fileCount() {
            return files.size();
        }

        @Override
        public PackageExport writeTo(OutputStream out) throws IOException {
            PackageWriter.Written w = new PackageWriter(signer, tsa).write(manifest, files, at, out);
            PackageExport export = new PackageExport(engagement.id(), filename, at, w.manifestSha256(), w.files(),
                    w.bytes(), signer.keyId(), w.fingerprint(), w.timestamped(), w.timestampProblem());
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("filename", filename);
            log.put("manifestSha256", w.manifestSha256());
            log.put("files", w.files());
            log.put("bytes", w.bytes());
            log.put("keyId", signer.keyId().toString());
            log.put("fingerprint", w.fingerprint());
            log.put("timestamped", w.timestamped());
            if (w.timestampProblem() != null) {
                log.put("timestampProblem", w.timestampProblem());
            }
            Object report = manifest.get("report");
            log.put("report", report instanceof Map<?, ?> m ? m.get("id") : null);
            tx.executeWithoutResult(s -> activity.record(user, ENTITY, engagement.id(), "exported", null, log));
            return export;
        }
    }
}
