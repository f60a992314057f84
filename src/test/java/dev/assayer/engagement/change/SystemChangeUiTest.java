package dev.assayer.engagement.change;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SystemChangeService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

class SystemChangeUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired SystemChangeService changes;
    @Autowired MockMvc mvc;

    @Test
    void aComplianceManagerRecordsAChangeOnThePageAndProblemsNameTheField() throws Exception {
        TestOrg acme = TestOrg.create(identity);
        LocalDate start = LocalDate.now().minusMonths(2).withDayOfMonth(1);
        Engagement e = engagements.create(acme.admin(), new EngagementDraft("SOC 2 Type II " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE2, null, start, start.plusMonths(6).minusDays(1), List.of(), null, null,
                null, null, null, null));
        mvc.perform(get("/engagements/" + e.id()).with(as(acme.admin()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("/engagements/" + e.id() + "/changes")));
        mvc.perform(get("/engagements/" + e.id() + "/changes").with(as(acme.user(Role.COMPLIANCE_MANAGER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("No change recorded"),
                        Matchers.containsString("for=\"rc-text\""), Matchers.containsString("Detected in the period"))));

        mvc.perform(post("/engagements/" + e.id() + "/changes").with(as(acme.user(Role.COMPLIANCE_MANAGER))).with(csrf())
                .param("changedOn", start.plusDays(3).toString()).param("area", "software")
                .param("description", "Moved the web client to React 19"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("id=\"form-errors\"")));
        assertThat(changes.list(acme.id(), e.id())).isEmpty();

        mvc.perform(post("/engagements/" + e.id() + "/changes").with(as(acme.user(Role.COMPLIANCE_MANAGER))).with(csrf())
                .param("changedOn", start.plusDays(3).toString()).param("area", "software")
                .param("description", "Moved the web client to React 19").param("significant", "false"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/engagements/" + e.id() + "/changes").with(as(acme.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Moved the web client to React 19"),
                        Matchers.not(Matchers.containsString("Record a change")),
                        Matchers.not(Matchers.containsString("Detected in the period")))));
        mvc.perform(post("/engagements/" + e.id() + "/changes").with(as(acme.user(Role.VIEWER))).with(csrf())
                .param("description", "x")).andExpect(status().isForbidden());
        assertThat(changes.list(acme.id(), e.id())).singleElement()
                .satisfies(c -> assertThat(c.recordedBy()).contains(acme.user(Role.COMPLIANCE_MANAGER).name()));
    }
}
