package dev.assayer.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

class ActivityLogTest extends IntegrationTest {

    @Autowired ActivityLog log;
    @Autowired IdentityService identity;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired MockMvc mvc;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < 5; i++) {
                log.record(org.admin(), "control", "C-" + i, "created", null, Map.of("title", "Control " + i));
            }
        });
    }

    private long entries() {
        return jdbc.sql("SELECT COUNT(*) FROM activity_entry WHERE org_id = ?").param(org.id()).query(Long.class).single();
    }

    @Test
    void intactChainVerifies() throws Exception {
        mvc.perform(get("/api/v1/activity/verify").header("Authorization", org.bearer(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.entries").value(entries()));
    }

    @Test
    void alteredEntryIsReportedByTheVerifyEndpoint() throws Exception {
        long seq = jdbc.sql("SELECT seq FROM activity_entry WHERE org_id = ? AND entity_id = 'C-2'").param(org.id())
                .query(Long.class).single();
        jdbc.sql("UPDATE activity_entry SET after_json = '{\"title\":\"Forged\"}' WHERE org_id = ? AND seq = ?")
                .params(org.id(), seq).update();
        mvc.perform(get("/api/v1/activity/verify").header("Authorization", org.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.firstBrokenSeq").value(seq))
                .andExpect(jsonPath("$.reason").value(Matchers.containsString("altered")));
    }

    @Test
    void deletedEntryInTheMiddleOrAtTheEndIsDetected() {
        long max = jdbc.sql("SELECT MAX(seq) FROM activity_entry WHERE org_id = ?").param(org.id()).query(Long.class).single();
        jdbc.sql("DELETE FROM activity_entry WHERE org_id = ? AND seq = ?").params(org.id(), max).update();
        ChainVerification tail = log.verify(org.id());
        assertThat(tail.ok()).isFalse();
        assertThat(tail.reason()).contains("deleted");

        jdbc.sql("DELETE FROM activity_entry WHERE org_id = ? AND seq = 2").param(org.id()).update();
        ChainVerification middle = log.verify(org.id());
        assertThat(middle.ok()).isFalse();
        assertThat(middle.firstBrokenSeq()).isEqualTo(2L);
    }

    @Test
    void rewrittenEntryWithRecomputedHashBreaksTheLinkOfTheNextOne() {
        ActivityEntry e = log.recent(org.id(), "control", "C-1", 1).getFirst();
        ActivityEntry forged = new ActivityEntry(e.orgId(), e.seq(), e.occurredAt(), e.actorId(), e.actorLabel(),
                e.entityType(), e.entityId(), e.action(), e.before(), "{\"title\":\"Forged\"}", e.prevHash(), null);
        String forgedHash = HashChain.hash(forged);
        jdbc.sql("UPDATE activity_entry SET after_json = ?, hash = ? WHERE org_id = ? AND seq = ?")
                .params(forged.after(), forgedHash, org.id(), e.seq()).update();
        ChainVerification v = log.verify(org.id());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(e.seq() + 1);
    }

    @Test
    void anotherOrganizationsChainIsUntouchedAndInvisible() throws Exception {
        TestOrg other = TestOrg.create(identity);
        jdbc.sql("UPDATE activity_entry SET actor_label = 'x' WHERE org_id = ? AND seq = 1").param(org.id()).update();
        assertThat(log.verify(other.id()).ok()).isTrue();
        mvc.perform(get("/api/v1/activity").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].entityId", Matchers.not(Matchers.hasItem("C-1"))));
    }

    @Test
    void onlyRolesThatMayReadTheLogCanReadIt() throws Exception {
        for (Role role : TestOrg.ROLES) {
            int expected = role.can(dev.assayer.shared.tenancy.Permission.ACTIVITY_READ) ? 200 : 403;
            mvc.perform(get("/api/v1/activity").header("Authorization", org.bearer(role)))
                    .andExpect(status().is(expected));
            mvc.perform(get("/api/v1/activity/verify").header("Authorization", org.bearer(role)))
                    .andExpect(status().is(expected));
        }
        mvc.perform(get("/api/v1/activity/verify")).andExpect(status().isUnauthorized());
    }
}
