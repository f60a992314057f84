package dev.assayer.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.control.ControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestDatabase;
import dev.assayer.testing.TestOrg;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class EvidenceTallyTest extends IntegrationTest {

    @Autowired EvidenceService evidence;
    @Autowired ControlService controls;
    @Autowired IdentityService identity;
    @Autowired JdbcTemplate jdbc;

    TestOrg org;
    UUID ac01;
    UUID ac02;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
        ac01 = EvidenceFixtures.control(controls, org, "AC-01");
        ac02 = EvidenceFixtures.control(controls, org, "AC-02");
    }

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    private EvidenceItem link(String title, LocalDate effective, LocalDate start, LocalDate end, LocalDate renewal) {
        return evidence.recordLink(org.admin(), new EvidenceMetadata(title, null, List.of("AC-01"), effective, start, end,
                renewal, null, null, null), "https://example.test/" + title);
    }

    @Test
    void classifiesValidOutsideExpiredAndWithdrawnForTypeTwoAndTypeOneWindows() {
        EvidenceItem a = link("A", d("2025-03-01"), null, null, null);
        link("B", null, d("2024-12-01"), d("2025-01-15"), null);
        link("C", d("2024-06-01"), null, null, null);
        link("D", d("2025-04-01"), null, null, d("2025-07-01"));
        EvidenceItem e = link("E", d("2025-05-01"), null, null, null);
        evidence.withdraw(org.admin(), e.id(), "duplicate");
        EvidenceItem f = link("F", d("2025-06-30"), null, null, d("2025-12-31"));
        link("G", null, d("2025-07-01"), d("2025-09-30"), null);
        TestOrg other = TestOrg.create(identity);
        UUID otherControl = EvidenceFixtures.control(controls, other, "AC-01");
        evidence.recordLink(other.admin(), EvidenceMetadata.of("elsewhere", d("2025-03-01"), "AC-01"), "https://x.test");

        Map<UUID, EvidenceTally> type2 = evidence.tally(org.id(), d("2025-01-01"), d("2025-06-30"), d("2025-07-15"));
        assertThat(type2.get(ac01)).isEqualTo(new EvidenceTally(3, 2, 1, 1, d("2025-09-30"), d("2025-12-31"), f.id(), "F"));
        assertThat(type2.get(ac02)).isEqualTo(EvidenceTally.NONE);
        assertThat(type2).doesNotContainKey(otherControl);

        Map<UUID, EvidenceTally> type1 = evidence.tally(org.id(), null, d("2025-03-31"), d("2025-04-01"));
        assertThat(type1.get(ac01)).isEqualTo(new EvidenceTally(3, 3, 0, 1, d("2025-09-30"), d("2025-07-01"), a.id(), "A"));
    }

    @Test
    void anItemSupportingTwoControlsCountsForBoth() {
        evidence.recordLink(org.admin(), EvidenceMetadata.of("Both", d("2025-02-01"), "AC-01", "AC-02"), "https://x.test");
        Map<UUID, EvidenceTally> t = evidence.tally(org.id(), d("2025-01-01"), d("2025-12-31"), d("2025-02-01"));
        assertThat(t.get(ac01).valid()).isEqualTo(1);
        assertThat(t.get(ac02).valid()).isEqualTo(1);
    }

    @Test
    void isFastFor500ControlsAnd50000Items() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
        }
        // Controls and evidence rows written in bulk: the test is about the query, not the writes.
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("INSERT INTO control (id, org_id, ref, ref_key, title, nature, kind, frequency, key_control,"
                + " status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'MANUAL', 'PREVENTIVE', 'DAILY', FALSE,"
                + " 'IMPLEMENTED', 0, ?, ?)", ids.stream().map(id -> new Object[] {id, org.id(), "P-" + id.toString()
                .substring(0, 8), "P-" + id.toString().substring(0, 8).toUpperCase(), "perf", now, now}).toList());
        List<Object[]> items = new ArrayList<>();
        List<Object[]> links = new ArrayList<>();
        LocalDate base = d("2024-01-01");
        for (int i = 0; i < 50_000; i++) {
            UUID id = UUID.randomUUID();
            LocalDate eff = base.plusDays(i % 700);
            boolean period = i % 3 == 0;
            items.add(new Object[] {id, org.id(), "Item " + i, period ? null : Date.valueOf(eff),
                    period ? Date.valueOf(eff) : null, period ? Date.valueOf(eff.plusDays(90)) : null,
                    i % 5 == 0 ? Date.valueOf(eff.plusDays(365)) : null, i % 50 == 0 ? "WITHDRAWN" : "ACTIVE",
                    i % 50 == 0 ? "test" : null, org.admin().userId(), now});
            Object[] item = items.getLast();
            String key = (period ? eff.plusDays(90) : eff) + "|20250101000000000000|" + id;
            links.add(new Object[] {org.id(), id, ids.get(i % 500), item[7], item[3], item[4], item[5], item[6], key});
            if (i % 10 == 0) {
                links.add(new Object[] {org.id(), id, ids.get((i + 7) % 500), item[7], item[3], item[4], item[5], item[6],
                        key});
            }
        }
        jdbc.batchUpdate("INSERT INTO evidence_item (id, org_id, kind, title, url, effective_date, period_start, period_end,"
                + " renewal_date, status, withdrawn_reason, collected_by, collection_method, uploaded_by, uploaded_by_label,"
                + " uploaded_at, version) VALUES (?, ?, 'LINK', ?, 'https://x.test', ?, ?, ?, ?, ?, ?, 'perf', 'API', ?,"
                + " 'perf', ?, 0)", items);
        jdbc.batchUpdate("INSERT INTO evidence_control (org_id, evidence_id, control_id, status, effective_date, period_start,"
                + " period_end, renewal_date, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", links);

        long best = Long.MAX_VALUE;
        Map<UUID, EvidenceTally> t = null;
        for (int run = 0; run < 15; run++) { // the first runs warm up the JIT, as a running server is
            long start = System.nanoTime();
            // a different reference date each run, so that no database can reuse an earlier result
            t = evidence.tally(org.id(), d("2025-01-01"), d("2025-06-30"), d("2025-07-15").plusDays(run));
            best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
        }
        // The floor on this machine right now: one bare aggregate pass over the same rows.
        long floor = Long.MAX_VALUE;
        for (int run = 0; run < 15; run++) {
            long start = System.nanoTime();
            // a different (always true) bound each run, so that no database can reuse an earlier result
            jdbc.queryForList("SELECT control_id, COUNT(*) FROM evidence_control WHERE org_id = ? AND sort_key > ?"
                    + " GROUP BY control_id", org.id(), "000" + run);
            floor = Math.min(floor, (System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("tally of 500 controls / 50,000 items on " + (TestDatabase.isPostgres() ? "PostgreSQL" : "H2")
                + ": best of 15 = " + best + " ms (bare COUNT … GROUP BY over the same rows: " + floor + " ms)");
        assertThat(t).hasSize(502);
        assertThat(t.values().stream().mapToInt(EvidenceTally::total).sum()).isEqualTo(links.size());
        // Under 100 ms; on a machine so busy that a bare aggregate pass takes over a third of that, within
        // three times that pass (which still fails an N+1 or a join blow-up).
        long limit = Long.getLong("assayer.test.tally-max-ms", 100);
        assertThat(best).as("tally time in ms (floor " + floor + " ms)").isLessThan(Math.max(limit, 3 * floor));
    }
}
