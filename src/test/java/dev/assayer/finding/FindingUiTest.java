package dev.assayer.finding;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The finding pages on both sides: forms per side, and a finding tracked from deviation to re-test in the browser's terms. */
class FindingUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired FindingService findings;
    @Autowired MockMvc mvc;

    static final LocalDate START = LocalDate.now().minusMonths(5).withDayOfMonth(1);

    TestOrg client;
    TestFirm.Inside in;
    Engagement audited;

    @BeforeEach
    void setUp() {
        client = TestOrg.create(identity);
        TestFirm firm = TestFirm.create(identity);
        audited = engagements.create(client.admin(), new EngagementDraft("SOC 2 Type II", Framework.SOC2, ReportType.TYPE2,
                null, START, START.plusMonths(6).minusDays(1), List.of(), null, null, null, null, null, null));
        in = firm.inside(identity, access, client, audited.id());
    }

    String raiseInUi(CurrentUser auditor) throws Exception {
        mvc.perform(get("/findings/new").param("sourceType", "DEVIATION").param("sourceRef", "Deviation 2 in test of CC6.2-01")
                        .with(as(auditor)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"raise-finding\""), containsString("name=\"_csrf\""),
                        containsString("value=\"Deviation 2 in test of CC6.2-01\""), not(containsString("id=\"due-date\"")))));
        String location = mvc.perform(post("/findings").with(as(auditor)).with(csrf())
                        .param("title", "Change approved after deployment").param("description", "CHG-1042 approved a day late")
                        .param("severity", "HIGH").param("sourceType", "DEVIATION")
                        .param("sourceRef", "Deviation 2 in test of CC6.2-01, item CHG-1042").param("criteria", "CC8.1"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/findings/*"))
                .andReturn().getResponse().getRedirectedUrl();
        return location;
    }

    @Test
    void eachSideSeesItsOwnForms() throws Exception {
        String location = raiseInUi(in.user(Role.AUDIT_STAFF));
        mvc.perform(get(location).with(as(in.user(Role.AUDIT_MANAGER)))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"assessment-form\""),
                        not(containsString("id=\"response-form\"")), not(containsString("id=\"action-form\"")),
                        not(containsString("id=\"status-form\"")), containsString("id=\"status-history\""))));
        mvc.perform(get(location).with(as(client.user(Role.CONTROL_OWNER)))).andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("id=\"assessment-form\"")),
                        containsString("id=\"response-form\""), containsString("id=\"action-form\""),
                        containsString("id=\"status-form\""), not(containsString("id=\"retest-form\"")))));
        mvc.perform(get(location).with(as(client.user(Role.VIEWER)))).andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("id=\"response-form\"")),
                        not(containsString("id=\"status-form\"")))));
        // the client cannot post the firm's assessment form
        mvc.perform(post(location + "/assessment").with(as(client.admin())).with(csrf()).param("version", "0")
                        .param("title", "Minor").param("description", "x").param("severity", "LOW")
                        .param("sourceType", "OTHER"))
                .andExpect(status().isForbidden());
        // a viewer cannot raise
        mvc.perform(get("/findings/new").with(as(client.user(Role.VIEWER)))).andExpect(status().isForbidden());
    }

    @Test
    void aFindingIsTrackedToItsRetestInThePages() throws Exception {
        String location = raiseInUi(in.user(Role.AUDIT_STAFF));
        UUID id = UUID.fromString(location.substring("/findings/".length()));
        CurrentUser owner = client.user(Role.CONTROL_OWNER);
        mvc.perform(get("/findings").with(as(client.admin()))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"finding-F-001\""), containsString("id=\"f-overdue\""),
                        containsString("aria-current=\"page\" class=\"active\">Findings"))));

        mvc.perform(post(location + "/response").with(as(owner)).with(csrf()).param("version", "0")
                        .param("ownerId", owner.userId().toString()).param("dueDate", LocalDate.now().minusDays(2).toString())
                        .param("correctiveActionPlan", "Block deploys without approval"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/findings").param("overdue", "true").with(as(client.admin())))
                .andExpect(content().string(containsString("id=\"finding-F-001\"")));
        mvc.perform(post(location + "/status").with(as(owner)).with(csrf()).param("to", "IN_REMEDIATION"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(location + "/actions").with(as(owner)).with(csrf()).param("description", "Add a pipeline gate"))
                .andExpect(status().is3xxRedirection());
        // not ready yet: the page says why and keeps what was typed
        mvc.perform(post(location + "/status").with(as(owner)).with(csrf()).param("to", "READY_FOR_RETEST")
                        .param("note", "done soon"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"form-errors\""), containsString("rootCause"),
                        containsString("done soon"))));
        Finding f = findings.get(owner, id);
        mvc.perform(post(location + "/actions/" + f.actions().getFirst().id() + "/done").with(as(owner)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        f = findings.get(owner, id);
        mvc.perform(post(location + "/response").with(as(owner)).with(csrf()).param("version", String.valueOf(f.version()))
                        .param("ownerId", owner.userId().toString()).param("dueDate", f.dueDate().toString())
                        .param("correctiveActionPlan", f.correctiveActionPlan()).param("rootCause", "No pipeline gate"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(location + "/status").with(as(owner)).with(csrf()).param("to", "READY_FOR_RETEST"))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get(location).with(as(in.user(Role.AUDIT_STAFF))))
                .andExpect(content().string(allOf(containsString("id=\"retest-form\""), containsString("id=\"retest-test-id\""))));
        mvc.perform(post(location + "/retest").with(as(in.user(Role.AUDIT_STAFF))).with(csrf())
                        .param("testId", UUID.randomUUID().toString()).param("testRef", "Re-test of CC8.1-02, 5 changes")
                        .param("result", "PASS"))
                .andExpect(status().is3xxRedirection());
        Finding closed = findings.get(client.admin(), id);
        assertThat(closed.status()).isEqualTo(FindingStatus.CLOSED);
        assertThat(closed.history()).extracting(StatusChange::to).containsExactly(FindingStatus.OPEN,
                FindingStatus.IN_REMEDIATION, FindingStatus.READY_FOR_RETEST, FindingStatus.CLOSED);
        mvc.perform(get(location).with(as(client.admin()))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Re-test of CC8.1-02, 5 changes"), containsString("Closed"),
                        not(containsString("id=\"response-form\"")))));
    }

    @Test
    void theOrganizationRecordsItsOwnFindingFromAReadinessGap() throws Exception {
        mvc.perform(get("/findings/new").param("sourceType", "READINESS_GAP").param("sourceRef", "CC7.2: no owner")
                        .with(as(client.user(Role.COMPLIANCE_MANAGER))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"due-date\""), not(containsString(">Deviation<")))));
        mvc.perform(post("/findings").with(as(client.user(Role.COMPLIANCE_MANAGER))).with(csrf())
                        .param("title", "").param("severity", "LOW").param("sourceType", "READINESS_GAP"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"form-errors\""), containsString("source.ref"))));
        String location = mvc.perform(post("/findings").with(as(client.user(Role.COMPLIANCE_MANAGER))).with(csrf())
                        .param("title", "No owner for monitoring").param("description", "CC7.2 has no owner")
                        .param("severity", "LOW").param("sourceType", "READINESS_GAP").param("sourceRef", "CC7.2: no owner")
                        .param("engagementId", audited.id().toString()).param("dueDate", "2030-01-31"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(location).with(as(client.user(Role.COMPLIANCE_MANAGER))))
                .andExpect(content().string(allOf(containsString("id=\"assessment-form\""), containsString("id=\"response-form\""),
                        containsString("2030-01-31"))));
        // the auditor of the engagement reads it and has no form
        mvc.perform(get(location).with(as(in.user(Role.AUDIT_PARTNER)))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("No owner for monitoring"),
                        not(containsString("id=\"assessment-form\"")), not(containsString("id=\"response-form\"")))));
    }
}
