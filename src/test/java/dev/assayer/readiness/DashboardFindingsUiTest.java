package dev.assayer.readiness;

import static dev.assayer.testing.SignedIn.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.finding.Finding;
import dev.assayer.finding.FindingDraft;
import dev.assayer.finding.FindingService;
import dev.assayer.finding.FindingSource;
import dev.assayer.finding.Severity;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 4 §8: overdue findings appear on the dashboard, for the organization's members only. */
class DashboardFindingsUiTest extends IntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired FindingService findings;
    @Autowired JdbcClient jdbc;

    @Test
    void overdueFindingsAreListedOnTheDashboard() throws Exception {
        TestOrg acme = TestOrg.create(identity);
        TestOrg other = TestOrg.create(identity);
        Finding late = findings.raise(acme.admin(), null, new FindingDraft("Terminated users kept VPN access",
                "Two leavers still had VPN accounts at quarter end.", Severity.HIGH, FindingSource.other(), List.of(),
                List.of(), acme.admin().userId(), LocalDate.now().plusDays(10)));
        findings.raise(acme.admin(), null, new FindingDraft("Backup restore test not documented", "The Q2 restore test has no record.", Severity.LOW,
                FindingSource.other(), List.of(), List.of(), acme.admin().userId(), LocalDate.now().plusDays(30)));
        // time passes: the first one's due date is now behind us
        jdbc.sql("UPDATE finding SET due_date = ? WHERE id = ?").params(LocalDate.now().minusDays(3), late.id()).update();

        mvc.perform(get("/").with(as(acme.user(Role.CONTROL_OWNER)))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("1 finding past the due date"),
                        Matchers.containsString("Terminated users kept VPN access"),
                        Matchers.not(Matchers.containsString("Backup restore test not documented")))));
        mvc.perform(get("/").with(as(other.admin()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("Terminated users kept VPN access"))));
    }
}
