package dev.assayer.fieldwork;

import dev.assayer.activity.ActivityLog;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.fieldwork.internal.export.WorkpaperJson;
import dev.assayer.fieldwork.internal.export.WorkpaperNames;
import dev.assayer.fieldwork.internal.export.WorkpaperXlsx;
import dev.assayer.fieldwork.internal.export.Workpapers;
import dev.assayer.finding.Finding;
import dev.assayer.finding.FindingService;
import dev.assayer.finding.SourceType;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports an audit firm's workpapers of one engagement (issue 4 §9) — test plans, population
 * records, sample selections, results, deviations with the client's responses, conclusions,
 * sign-offs and review notes, and the request list — as JSON or XLSX, for the whole engagement or
 * for one control. The formats are described in docs/workpapers.md.
 *
 * <p>Auditor side only: {@link Permission#FIELDWORK_READ} inside the engagement (a client's member
 * gets 403; another engagement, client or firm is "not found"). Everything is read through
 * {@link TestOfControlService}, {@link PopulationService}, {@link RequestListService} and
 * {@link FindingService}, so the export shows exactly what the firm sees in the app, and nothing
 * is made up: a conclusion nobody wrote is {@code null}. Each export is recorded in the client's
 * activity log with the SHA-256 of the bytes produced, so a file handed over can be matched to it.
 */
@Service
public class WorkpaperExportService {

    static final String ENTITY = "workpapers";

    private final TestOfControlService tests;
    private final PopulationService populations;
    private final RequestListService requests;
    private final FindingService findings;
    private final EngagementService engagements;
    private final ActivityLog activity;
    private final TransactionTemplate tx;
    private final Clock clock;

    public WorkpaperExportService(TestOfControlService tests, PopulationService populations,
            RequestListService requests, FindingService findings, EngagementService engagements, ActivityLog activity,
            TransactionTemplate tx, Optional<Clock> clock) {
        this.tests = tests;
        this.populations = populations;
        this.requests = requests;
        this.findings = findings;
        this.engagements = engagements;
        this.activity = activity;
        this.tx = tx;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * The controls an export can be narrowed to, by ref: every control in scope (tested or not) and
     * any other control the firm tested.
     */
    public List<ControlTestStatus> controls(CurrentUser user, UUID engagementId) {
        access(user, engagementId);
        return controlsWithTests(user, engagementId);
    }

    /**
     * Produces one export and records it ({@code workpapers / exported}, with format, scope, file
     * name, size and SHA-256) in the engagement's activity log.
     *
     * @param control null for the whole engagement, else one control by ref (any case) or id; a
     *     control that is not in the engagement is a 400 naming {@code control}
     */
    public WorkpaperExport export(CurrentUser user, UUID engagementId, String control, WorkpaperFormat format) {
        if (format == null) {
            throw ApiProblem.invalidField("format", "is required: JSON or XLSX");
        }
        Engagement engagement = access(user, engagementId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Workpapers w = gather(user, engagement, control, now);
        byte[] bytes = switch (format) {
            case JSON -> WorkpaperJson.write(w);
            case XLSX -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
                WorkpaperXlsx.write(w, out);
                yield out.toByteArray();
            }
        };
        String sha256 = Hashing.sha256Hex(bytes);
        String filename = WorkpaperNames.filename(engagement.name(), w.control(), LocalDate.ofInstant(now, ZoneOffset.UTC),
                format);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("format", format.name());
        log.put("control", w.control());
        log.put("filename", filename);
        log.put("bytes", bytes.length);
        log.put("sha256", sha256);
        log.put("tests", w.tests().size());
        log.put("generatedAt", now.toString());
        tx.executeWithoutResult(s -> activity.record(user, ENTITY, engagementId, "exported", null, log));
        return new WorkpaperExport(format, filename, w.control(), now, sha256, bytes);
    }

    // ------------------------------------------------------------------------------------ gathering

    private Workpapers gather(CurrentUser user, Engagement engagement, String control, Instant now) {
        UUID engagementId = engagement.id();
        List<ControlTestStatus> all = controlsWithTests(user, engagementId);
        List<ControlTestStatus> chosen = control == null || control.isBlank() ? all : List.of(resolve(all, control));
        String controlRef = chosen.size() == 1 && control != null && !control.isBlank() ? chosen.getFirst().controlRef()
                : null;

        List<Workpapers.ControlPapers> papers = new ArrayList<>();
        Set<UUID> usedSamples = new HashSet<>();
        for (ControlTestStatus c : chosen) {
            List<TestOfControl> full = c.tests().stream().map(t -> tests.get(user, engagementId, t.id())).toList();
            full.stream().map(TestOfControl::sampleId).filter(java.util.Objects::nonNull).forEach(usedSamples::add);
            papers.add(new Workpapers.ControlPapers(c.controlId(), c.controlRef(), c.controlTitle(), c.status(), full));
        }
        Set<UUID> controlIds = chosen.stream().map(ControlTestStatus::controlId).collect(Collectors.toSet());

        List<PopulationRecord> pops = populations.list(user, engagementId).stream()
                .filter(p -> controlRef == null || p.versions().stream().anyMatch(v -> v.controlIds().stream()
                        .anyMatch(controlIds::contains)) || p.samples().stream().anyMatch(s -> usedSamples.contains(s.id())))
                .toList();
        Map<UUID, SampleDetail> samples = new LinkedHashMap<>();
        for (PopulationRecord p : pops) {
            for (Sample s : p.samples()) {
                samples.put(s.id(), populations.sampleDetail(user, engagementId, s.id()));
            }
        }
        for (UUID id : usedSamples) {
            if (!samples.containsKey(id)) {
                samples.put(id, populations.sampleDetail(user, engagementId, id));
            }
        }

        List<InformationRequest> reqs = requests.list(user, engagementId, RequestFilter.all()).requests().stream()
                .filter(r -> controlRef == null || r.controlIds().stream().anyMatch(controlIds::contains))
                .sorted(Comparator.comparing(InformationRequest::ref))
                .toList();

        Map<UUID, Finding> byDeviation = new LinkedHashMap<>();
        for (Finding f : findings.listForEngagement(user, engagementId, null)) {
            if (f.source() != null && f.source().type() == SourceType.DEVIATION && f.source().id() != null) {
                byDeviation.putIfAbsent(f.source().id(), f);
            }
        }
        return new Workpapers(engagement, user.scope().firmId(), user.scope().firmName(), now, user.label(), controlRef,
                papers, pops, samples, reqs, byDeviation);
    }

    /** The in-scope controls (by ref) with their tests, then any other control the firm tested. */
    private List<ControlTestStatus> controlsWithTests(CurrentUser user, UUID engagementId) {
        List<ControlTestStatus> overview = tests.overview(user, engagementId);
        Set<UUID> known = overview.stream().map(ControlTestStatus::controlId).collect(Collectors.toSet());
        Map<UUID, List<TestSummary>> others = new LinkedHashMap<>();
        for (TestSummary t : tests.list(user, engagementId)) {
            if (!known.contains(t.controlId())) {
                others.computeIfAbsent(t.controlId(), k -> new ArrayList<>()).add(t);
            }
        }
        if (others.isEmpty()) {
            return overview;
        }
        List<ControlTestStatus> out = new ArrayList<>(overview);
        others.forEach((id, list) -> {
            List<TestSummary> sorted = list.stream().sorted(Comparator.comparing(TestSummary::kind)).toList();
            TestStatus status = sorted.stream().map(TestSummary::status).min(Comparator.naturalOrder())
                    .orElse(TestStatus.NOT_PLANNED);
            out.add(new ControlTestStatus(id, sorted.getFirst().controlRef(), sorted.getFirst().controlTitle(), status,
                    sorted, List.of()));
        });
        out.sort(Comparator.comparing(c -> c.controlRef() == null ? "" : c.controlRef().toUpperCase(Locale.ROOT)));
        return out;
    }

    private static ControlTestStatus resolve(List<ControlTestStatus> all, String control) {
        String wanted = control.strip();
        return all.stream()
                .filter(c -> c.controlId().toString().equalsIgnoreCase(wanted)
                        || (c.controlRef() != null && c.controlRef().equalsIgnoreCase(wanted)))
                .findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("control", "'" + abbreviate(wanted)
                        + "' is not a control of this engagement (give its ref or id)"));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 79) + "…";
    }

    /** Auditor side only: FIELDWORK_READ, inside this engagement. */
    private Engagement access(CurrentUser user, UUID engagementId) {
        user.require(Permission.FIELDWORK_READ);
        if (user.scope() == null) {
            // a firm's user outside any client engagement: there is no such engagement in the firm
            throw ApiProblem.notFound("Engagement " + engagementId);
        }
        user.requireEngagement(engagementId);
        return engagements.find(user.orgId(), engagementId)
                .orElseThrow(() -> ApiProblem.notFound("Engagement " + engagementId));
    }
}
