package dev.assayer.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.identity.IdentityService;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Walking every evidence item of an organization (the evidence package does this): no list limit,
 * each item once, oldest upload first, other organizations never seen. A year of six-hourly
 * monitoring runs alone files about 1,460 items, so 1,000 is no ceiling.
 */
class EvidenceWalkTest extends IntegrationTest {

    @Autowired EvidenceService evidence;
    @Autowired IdentityService identity;
    @Autowired JdbcTemplate jdbc;

    TestOrg acme;
    TestOrg other;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        other = TestOrg.create(identity);
    }

    /** Rows written directly (fast); every third one shares its upload time with the one before. */
    private List<UUID> insert(TestOrg owner, int count, String status) {
        List<UUID> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            if (i % 3 != 2) {
                t = t.plusSeconds(60);
            }
            UUID id = UUID.randomUUID();
            ids.add(id);
            rows.add(new Object[] {id, owner.admin().orgId(), "LINK", "Item " + i, "https://example.test/" + i,
                    java.sql.Date.valueOf("2026-01-01"), "Ada Admin", "MANUAL_UPLOAD", owner.admin().userId(), "Ada Admin",
                    Timestamp.from(t), status, status.equals("ACTIVE") ? null : "superseded"});
        }
        jdbc.batchUpdate("INSERT INTO evidence_item (id, org_id, kind, title, url, effective_date, collected_by,"
                + " collection_method, uploaded_by, uploaded_by_label, uploaded_at, status, withdrawn_reason, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", rows);
        return ids;
    }

    @Test
    void visitsEveryActiveItemOnceOldestFirstAcrossPages() {
        List<UUID> active = insert(acme, 1_203, "ACTIVE");
        insert(acme, 7, "WITHDRAWN");
        insert(other, 600, "ACTIVE");

        List<EvidenceItem> seen = new ArrayList<>();
        evidence.forEach(acme.admin(), EvidenceStatus.ACTIVE, seen::add);

        assertThat(seen).hasSize(1_203);
        Set<UUID> ids = new HashSet<>();
        seen.forEach(i -> ids.add(i.id()));
        assertThat(ids).hasSize(1_203).containsAll(active);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).uploadedAt()).isAfterOrEqualTo(seen.get(i - 1).uploadedAt());
        }

        List<EvidenceItem> all = new ArrayList<>();
        evidence.forEach(acme.admin(), null, all::add);
        assertThat(all).hasSize(1_210);
    }
}
