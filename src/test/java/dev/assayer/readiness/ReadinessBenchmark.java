package dev.assayer.readiness;

import dev.assayer.AssayerApplication;
import dev.assayer.catalog.CatalogService;
import dev.assayer.catalog.Criterion;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: times {@link ReadinessService#forEngagement} on a realistic organization. Boots the
 * application on a file H2 database in a temporary directory, seeds one organization with 500
 * controls mapped across the 61 SOC 2 criteria and 50,000 evidence items (batch JDBC), warms up,
 * then prints p50/p95/max of 50 calls. Run with {@code bench/readiness.sh}.
 *
 * <p>Arguments (all optional): controls, evidence items, warm-up calls, measured calls.
 */
public final class ReadinessBenchmark {

    private ReadinessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int controls = arg(args, 0, 500);
        int items = arg(args, 1, 50_000);
        int warmup = arg(args, 2, 20);
        int runs = arg(args, 3, 50);
        Path dir = Files.createTempDirectory("assayer-bench-");
        System.out.printf("readiness benchmark: %d controls, %d evidence items, data in %s%n", controls, items, dir);

        SpringApplication app = new SpringApplication(AssayerApplication.class);
        ConfigurableApplicationContext ctx = app.run("--assayer.data-dir=" + dir, "--server.port=0",
                "--logging.level.root=WARN", "--assayer.security.bcrypt-strength=4", "--assayer.demo=false",
                "--assayer.admin.email=");
        try {
            IdentityService identity = ctx.getBean(IdentityService.class);
            CatalogService catalog = ctx.getBean(CatalogService.class);
            EngagementService engagements = ctx.getBean(EngagementService.class);
            ReadinessService readiness = ctx.getBean(ReadinessService.class);
            JdbcTemplate jdbc = new JdbcTemplate(ctx.getBean(javax.sql.DataSource.class));

            CurrentUser admin = identity.createOrganizationWithAdmin("Benchmark Org", "bench@example.test",
                    "Bench Admin", "correct horse battery staple");
            List<String> categories = catalog.framework(CatalogService.SOC2).orElseThrow().categories().stream()
                    .map(c -> c.code()).toList();
            List<Criterion> criteria = catalog.soc2Criteria(categories);
            LocalDate today = readiness.today();
            LocalDate start = today.minusMonths(6);
            LocalDate end = today.plusMonths(3);
            Engagement e = engagements.create(admin, new EngagementDraft("Benchmark SOC 2", Framework.SOC2,
                    ReportType.TYPE2, null, start, end, categories, null, null, null, null, null, null));

            long t0 = System.nanoTime();
            List<UUID> controlIds = seedControls(jdbc, admin, controls, criteria);
            seedEvidence(jdbc, admin, controlIds, items, start, end, today);
            System.out.printf("seeded %d criteria in scope, %d controls, %d evidence items in %d ms%n",
                    criteria.size(), controlIds.size(), items, (System.nanoTime() - t0) / 1_000_000);

            ReadinessReport report = null;
            for (int i = 0; i < warmup; i++) {
                report = readiness.forEngagement(admin, e.id());
            }
            long[] nanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                report = readiness.forEngagement(admin, e.id());
                nanos[i] = System.nanoTime() - s;
            }
            Arrays.sort(nanos);
            System.out.printf("result: %d%% (%d of %d requirements ready), %d gaps, %d controls fully ready%n",
                    report.overall().percent(), report.overall().ready(), report.overall().total(),
                    report.gaps().size(), report.controlSummary().fullyReady());
            System.out.printf("forEngagement over %d calls after %d warm-up: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    runs, warmup, pct(nanos, 50), pct(nanos, 95), nanos[runs - 1] / 1e6);

            // the same after a write before each call: H2 reuses a query's last result while no table has
            // changed, which flatters repeated identical calls; a real dashboard sees changes between calls
            long[] changed = new long[runs];
            for (int i = 0; i < runs; i++) {
                UUID touched = controlIds.get(i % controlIds.size());
                jdbc.update("UPDATE control SET updated_at = updated_at WHERE id = ?", touched);
                // and the evidence tables the tally reads, so that no cached result can be reused
                jdbc.update("UPDATE evidence_control SET status = status WHERE control_id = ?", touched);
                jdbc.update("UPDATE evidence_item SET title = title WHERE id IN (SELECT evidence_id FROM evidence_control"
                        + " WHERE control_id = ?)", touched);
                long s = System.nanoTime();
                readiness.forEngagement(admin, e.id());
                changed[i] = System.nanoTime() - s;
            }
            Arrays.sort(changed);
            System.out.printf("forEngagement with a change before each call:  p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    pct(changed, 50), pct(changed, 95), changed[runs - 1] / 1e6);

            // where the time goes: the two reads the service makes, timed alone
            var controlService = ctx.getBean(dev.assayer.control.ControlService.class);
            var evidenceService = ctx.getBean(dev.assayer.evidence.EvidenceService.class);
            long[] c = new long[runs];
            long[] t = new long[runs];
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                controlService.all(admin.orgId());
                c[i] = System.nanoTime() - s;
                s = System.nanoTime();
                evidenceService.tally(admin.orgId(), start, end, today);
                t[i] = System.nanoTime() - s;
            }
            Arrays.sort(c);
            Arrays.sort(t);
            System.out.printf("  of which ControlService.all p50 %.1f ms, EvidenceService.tally p50 %.1f ms,"
                    + " the rest (catalog, engagement, calculation) about %.1f ms%n", pct(c, 50), pct(t, 50),
                    Math.max(0, pct(nanos, 50) - pct(c, 50) - pct(t, 50)));
        } finally {
            ctx.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<UUID> seedControls(JdbcTemplate jdbc, CurrentUser admin, int n, List<Criterion> criteria) {
        List<UUID> ids = new ArrayList<>(n);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String[] statuses = {"IMPLEMENTED", "IMPLEMENTED", "IMPLEMENTED", "IN_PROGRESS", "NOT_STARTED", "NOT_APPLICABLE"};
        List<Object[]> rows = new ArrayList<>(n);
        List<Object[]> maps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            String ref = String.format("BM-%04d", i + 1);
            rows.add(new Object[] {id, admin.orgId(), ref, ref, "Benchmark control " + (i + 1),
                    i % 9 == 0 ? null : admin.userId(), "MANUAL", "DETECTIVE", "QUARTERLY", i % 4 == 0,
                    statuses[i % statuses.length], now, now});
            // one to three criteria per control; the last 8 criteria only get controls that are not
            // implemented, so the report has PARTIAL requirements and gaps to explain, and 2 get none
            int mapped = 1 + i % 3;
            boolean implemented = "IMPLEMENTED".equals(statuses[i % statuses.length]);
            int pool = implemented ? criteria.size() - 10 : criteria.size() - 2;
            java.util.Set<String> mine = new java.util.LinkedHashSet<>();
            for (int k = 0; k < mapped; k++) {
                mine.add(criteria.get((i + k * 17) % pool).id());
            }
            if (!implemented) {
                mine.add(criteria.get(criteria.size() - 3 - i % 8).id());
            }
            int order = 0;
            for (String criterion : mine) {
                maps.add(new Object[] {admin.orgId(), id, criterion, order++});
            }
        }
        jdbc.batchUpdate("INSERT INTO control (id, org_id, ref, ref_key, title, owner_id, nature, kind, frequency,"
                + " key_control, status, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,0,?,?)", rows);
        jdbc.batchUpdate("INSERT INTO control_criterion (org_id, control_id, criterion_id, sort_order) VALUES (?,?,?,?)",
                maps);
        return ids;
    }

    private static void seedEvidence(JdbcTemplate jdbc, CurrentUser admin, List<UUID> controls, int n,
            LocalDate start, LocalDate end, LocalDate today) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String uploadedKey = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSSSSS")
                .withZone(ZoneOffset.UTC).format(now);
        // evidence_control may carry a copy of the item's status and dates for the tally (V5); fill what exists
        java.util.Set<String> linkColumns = new java.util.HashSet<>(jdbc.queryForList(
                "SELECT LOWER(column_name) FROM information_schema.columns WHERE LOWER(table_name) = 'evidence_control'",
                String.class));
        List<String> extra = new ArrayList<>();
        for (String col : List.of("status", "effective_date", "period_start", "period_end", "renewal_date", "sort_key")) {
            if (linkColumns.contains(col)) {
                extra.add(col);
            }
        }
        String linkSql = "INSERT INTO evidence_control (org_id, evidence_id, control_id"
                + extra.stream().map(c -> ", " + c).reduce("", String::concat) + ") VALUES (?,?,?"
                + ",?".repeat(extra.size()) + ")";
        long span = end.toEpochDay() - start.toEpochDay();
        int batch = 5_000;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            List<Object[]> items = new ArrayList<>(to - from);
            List<Object[]> links = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                UUID id = UUID.randomUUID();
                // 70% inside the period, 30% before it; every 13th past its renewal date; 5% withdrawn
                LocalDate effective = i % 10 < 7 ? start.plusDays(i % Math.max(1, span))
                        : start.minusDays(30 + i % 300);
                LocalDate renewal = i % 13 == 0 ? today.minusDays(1 + i % 20) : (i % 3 == 0 ? today.plusDays(i % 90) : null);
                String status = i % 20 == 0 ? "WITHDRAWN" : "ACTIVE";
                items.add(new Object[] {id, admin.orgId(), "Evidence item " + i, "https://evidence.example.test/" + i,
                        Date.valueOf(effective), renewal == null ? null : Date.valueOf(renewal), admin.label(),
                        admin.userId(), admin.label(), now, status, "WITHDRAWN".equals(status) ? "superseded" : null});
                List<Object> link = new ArrayList<>(List.of(admin.orgId(), id, controls.get(i % controls.size())));
                for (String col : extra) {
                    link.add(switch (col) {
                        case "status" -> status;
                        case "effective_date" -> Date.valueOf(effective);
                        case "renewal_date" -> renewal == null ? null : Date.valueOf(renewal);
                        case "sort_key" -> effective + "|" + uploadedKey + "|" + id;
                        default -> null; // period_start, period_end: these items have an effective date only
                    });
                }
                links.add(link.toArray());
            }
            jdbc.batchUpdate("INSERT INTO evidence_item (id, org_id, kind, title, url, effective_date, renewal_date,"
                    + " collected_by, collection_method, uploaded_by, uploaded_by_label, uploaded_at, status,"
                    + " withdrawn_reason, version) VALUES (?,?,'LINK',?,?,?,?,?,'SYSTEM_EXPORT',?,?,?,?,?,0)", items);
            jdbc.batchUpdate(linkSql, links);
        }
    }

    private static double pct(long[] sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }
}
