package dev.assayer.activity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityLog;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

class ActivityUiTest extends IntegrationTest {

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
            log.record(org.admin(), "control", "CTL-7", "created", null, Map.of("title", "Quarterly access review",
                    "status", "DRAFT"));
            log.record(org.admin(), "control", "CTL-7", "updated", Map.of("title", "Quarterly access review",
                    "status", "DRAFT"), Map.of("title", "Quarterly access review", "status", "ACTIVE"));
            log.record(org.user(Role.COMPLIANCE_MANAGER), "evidence", "EV-1", "uploaded", null,
                    Map.of("file", "users.csv"));
        });
    }

    private Authentication as(Role role) {
        CurrentUser user = org.user(role);
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
    }

    @Test
    void activityPageRendersForAuditorsWithCompactChanges() throws Exception {
        mvc.perform(get("/activity").with(authentication(as(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<h1>Activity</h1>"), containsString("CTL-7"),
                        containsString("EV-1"), containsString("Verify chain"),
                        containsString("<del>DRAFT</del> →"), containsString("<ins>ACTIVE</ins>"),
                        containsString(org.user(Role.COMPLIANCE_MANAGER).name()))));
    }

    @Test
    void activityPageFollowsTheRoleMatrix() throws Exception {
        for (Role role : TestOrg.ROLES) {
            mvc.perform(get("/activity").with(authentication(as(role))))
                    .andExpect(status().is(role.can(Permission.ACTIVITY_READ) ? 200 : 403));
        }
        mvc.perform(get("/activity").with(authentication(as(Role.CONTROL_OWNER)))).andExpect(status().isForbidden());
        mvc.perform(get("/activity/fragments/verify").with(authentication(as(Role.CONTROL_OWNER))))
                .andExpect(status().isForbidden());
    }

    @Test
    void filteringByEntityShowsOnlyThatEntity() throws Exception {
        mvc.perform(get("/activity").param("type", "evidence").param("id", "EV-1").with(authentication(as(Role.ADMIN))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("users.csv"), not(containsString("Quarterly")))));
    }

    @Test
    void verifyPanelShowsOkOrTheFirstBrokenEntry() throws Exception {
        long entries = jdbc.sql("SELECT COUNT(*) FROM activity_entry WHERE org_id = ?").param(org.id())
                .query(Long.class).single();
        mvc.perform(get("/activity/fragments/verify").with(authentication(as(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Chain intact"),
                        containsString("<strong>" + entries + "</strong>"),
                        not(containsString("<html")))));
        long seq = jdbc.sql("SELECT seq FROM activity_entry WHERE org_id = ? AND entity_id = 'CTL-7' AND action = 'updated'")
                .param(org.id()).query(Long.class).single();
        jdbc.sql("UPDATE activity_entry SET after_json = '{\"status\":\"FORGED\"}' WHERE org_id = ? AND seq = ?")
                .params(org.id(), seq).update();
        mvc.perform(get("/activity/fragments/verify").with(authentication(as(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Chain broken"),
                        containsString("#<span>" + seq + "</span>"),
                        containsString("altered"))));
        mvc.perform(get("/activity").param("verify", "1").with(authentication(as(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Chain broken"), containsString("<h1>Activity</h1>"))));
    }

    @Test
    void entityFragmentListsThatEntityNewestFirst() throws Exception {
        String html = mvc.perform(get("/activity/fragments/entity").param("type", "control").param("id", "CTL-7")
                        .with(authentication(as(Role.COMPLIANCE_MANAGER))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("<html")), not(containsString("EV-1")))))
                .andReturn().getResponse().getContentAsString();
        assertThat(html.indexOf(">updated<")).isPositive().isLessThan(html.indexOf(">created<"));

        mvc.perform(get("/activity/fragments/entity").param("type", "control").param("id", "CTL-404")
                        .with(authentication(as(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("No changes recorded yet")));
    }

    @Test
    void entityFragmentIsAShortNoteForRolesWithoutActivityRead() throws Exception {
        for (Role role : TestOrg.ROLES) {
            var result = mvc.perform(get("/activity/fragments/entity").param("type", "control").param("id", "CTL-7")
                            .with(authentication(as(role))))
                    .andExpect(status().isOk());
            if (role.can(Permission.ACTIVITY_READ)) {
                result.andExpect(content().string(containsString("ACTIVE")));
            } else {
                result.andExpect(content().string(allOf(containsString("not available for your role"),
                        not(containsString("ACTIVE")))));
            }
        }
    }

    @Test
    void anotherOrganizationsEntriesAreInvisible() throws Exception {
        TestOrg other = TestOrg.create(identity);
        CurrentUser stranger = other.admin();
        var auth = UsernamePasswordAuthenticationToken.authenticated(stranger, null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
        mvc.perform(get("/activity").with(authentication(auth)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("CTL-7"))));
        mvc.perform(get("/activity/fragments/entity").param("type", "control").param("id", "CTL-7")
                        .with(authentication(auth)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("No changes recorded yet")));
    }

    @Test
    void changesAreComputedFieldByField() {
        ActivityRows rows = new ActivityRows();
        assertThat(rows.changes("{\"a\":1,\"b\":\"x\"}", "{\"a\":1,\"b\":\"y\",\"c\":[1,2]}"))
                .containsExactly(new ActivityRows.Change("b", "x", "y"), new ActivityRows.Change("c", null, "[1,2]"));
        assertThat(rows.changes(null, "{\"value\":\"hello\"}"))
                .containsExactly(new ActivityRows.Change("value", null, "hello"));
        assertThat(rows.changes("{\"a\":true}", null)).containsExactly(new ActivityRows.Change("a", "true", null));
        assertThat(rows.changes("{\"t\":\"" + "x".repeat(200) + "\"}", "{\"t\":null}").getFirst().before())
                .hasSize(ActivityRows.MAX_VALUE).endsWith("…");
    }
}
