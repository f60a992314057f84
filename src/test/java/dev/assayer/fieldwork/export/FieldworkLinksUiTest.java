package dev.assayer.fieldwork.export;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.ControlService;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.finding.Finding;
import dev.assayer.finding.FindingService;
import dev.assayer.finding.Severity;
import dev.assayer.finding.SourceType;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Links between fieldwork pages: raising a finding from a deviation, the firm's frequency table, the notifications badge. */
class FieldworkLinksUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired TestOfControlService tests;
    @Autowired PopulationService populations;
    @Autowired RequestListService requests;
    @Autowired FindingService findings;
    @Autowired MockMvc mvc;

    Workpaper wp;
    String testPage;
    String deviationsPage;
    String raise;

    @BeforeEach
    void setUp() {
        wp = Workpaper.create(identity, engagements, access, controls, tests, populations, requests);
        testPage = "/engagements/" + wp.id() + "/tests/" + wp.concluded().id();
        deviationsPage = "/engagements/" + wp.id() + "/deviations";
        raise = "/engagements/" + wp.id() + "/deviations/" + wp.deviation().id() + "/finding";
    }

    @Test
    void anAuditorRaisesAFindingFromADeviationAndBothPagesLinkToIt() throws Exception {
        mvc.perform(get(testPage).with(as(wp.staff()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"raise-finding-D1\""),
                        Matchers.containsString("for=\"finding-severity-D1\""),
                        Matchers.containsString("action=\"" + raise + "\""),
                        Matchers.not(Matchers.containsString("id=\"finding-link-D1\"")))));
        mvc.perform(get(deviationsPage).with(as(wp.staff()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"raise-finding-AC-01-D1\"")));

        // the auditor chooses the severity: none chosen, nothing raised
        mvc.perform(post(raise).with(as(wp.staff())).with(csrf()).param("title", "Unsigned access review")
                        .param("description", "Month 2 not signed").param("back", "test"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", Matchers.containsString("severity")));
        assertThat(findings.fromSource(wp.staff(), SourceType.DEVIATION, wp.deviation().id())).isEmpty();

        mvc.perform(post(raise).with(as(wp.staff())).with(csrf()).param("title", "Unsigned access review")
                        .param("description", "Month 2 not signed").param("severity", "MEDIUM").param("back", "test"))
                .andExpect(redirectedUrl(testPage + "#deviation-D1"))
                .andExpect(flash().attribute("flash", Matchers.containsString("raised from AC-01 D1")));
        List<Finding> raised = findings.fromSource(wp.staff(), SourceType.DEVIATION, wp.deviation().id());
        assertThat(raised).hasSize(1);
        Finding f = raised.getFirst();
        assertThat(f.title()).isEqualTo("Unsigned access review");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.firmId()).isEqualTo(wp.firm().id());
        assertThat(f.controlRefs()).containsExactly("AC-01");
        assertThat(f.source().ref()).isEqualTo("Deviation D1 in the test of operating effectiveness of AC-01, item REV-2 (A)");

        String link = "href=\"/findings/" + f.id() + "\"";
        mvc.perform(get(testPage).with(as(wp.staff()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"finding-link-D1\""),
                        Matchers.containsString(link), Matchers.containsString("Finding " + f.ref()),
                        Matchers.not(Matchers.containsString("id=\"raise-finding-D1\"")))));
        mvc.perform(get(deviationsPage).with(as(wp.staff()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"finding-link-AC-01-D1\""),
                        Matchers.containsString(link))));
        // the client sees the link on its deviations page, never the form
        mvc.perform(get(deviationsPage).with(as(wp.client().user(Role.COMPLIANCE_MANAGER)))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Finding " + f.ref()),
                        Matchers.not(Matchers.containsString("raise-finding")))));

        // one finding per deviation: a second one is refused, naming the first
        mvc.perform(post(raise).with(as(wp.in().user(Role.AUDIT_MANAGER))).with(csrf()).param("title", "Again")
                        .param("description", "x").param("severity", "LOW").param("back", "list"))
                .andExpect(redirectedUrl(deviationsPage + "#deviation-AC-01-D1"))
                .andExpect(flash().attribute("flashError", Matchers.containsString(f.ref())));
    }

    @Test
    void onlyTheFirmRaisesFindingsFromItsDeviations() throws Exception {
        for (Role role : List.of(Role.ADMIN, Role.COMPLIANCE_MANAGER, Role.CONTROL_OWNER, Role.VIEWER)) {
            mvc.perform(post(raise).with(as(wp.client().user(role))).with(csrf()).param("title", "t")
                    .param("description", "d").param("severity", "LOW")).andExpect(status().isForbidden());
        }
        // a deviation of another engagement is not found
        Workpaper other = Workpaper.create(identity, engagements, access, controls, tests, populations, requests);
        mvc.perform(post("/engagements/" + wp.id() + "/deviations/" + other.deviation().id() + "/finding")
                        .with(as(wp.staff())).with(csrf()).param("title", "t").param("description", "d")
                        .param("severity", "LOW"))
                .andExpect(status().isNotFound());
        assertThat(findings.listForEngagement(wp.client().admin(), wp.id(), null)).isEmpty();
    }

    @Test
    void theFirmDashboardLinksToTheFrequencyTable() throws Exception {
        for (Role role : List.of(Role.AUDIT_PARTNER, Role.AUDIT_MANAGER, Role.AUDIT_STAFF)) {
            mvc.perform(get("/firm").with(as(wp.firm().user(role)))).andExpect(status().isOk())
                    .andExpect(content().string(Matchers.containsString(
                            "<a href=\"/firm/frequency-table\" id=\"frequency-table-link\">")));
        }
        mvc.perform(get("/firm/frequency-table").with(as(wp.firm().user(Role.AUDIT_STAFF)))).andExpect(status().isOk());
    }

    @Test
    void theAccountAreaCountsUnreadNotifications() throws Exception {
        // the two requests were addressed to the client as a whole: everyone who answers requests is told
        CurrentUser owner = wp.client().user(Role.CONTROL_OWNER);
        long unread = requests.unreadNotifications(owner);
        assertThat(unread).isGreaterThan(1);
        mvc.perform(get("/").with(as(owner))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"notifications-link\""),
                        Matchers.containsString("id=\"notifications-count\" aria-hidden=\"true\">" + unread + "<"),
                        Matchers.containsString(unread + " unread notifications"))));
        requests.markAllRead(owner);
        mvc.perform(get("/").with(as(owner))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"notifications-link\""),
                        Matchers.not(Matchers.containsString("notifications-count")),
                        Matchers.not(Matchers.containsString("unread notification")))));
        // people with no part in fieldwork get no link (and no query)
        mvc.perform(get("/").with(as(wp.client().user(Role.VIEWER)))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("notifications-link"))));
        // the auditor inside the engagement has the link too
        mvc.perform(get("/engagements/" + wp.id() + "/tests").with(as(wp.staff()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"notifications-link\"")));
    }
}
