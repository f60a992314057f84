package dev.assayer.fieldwork.testing;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.ControlService;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ReportType;
import dev.assayer.fieldwork.Conclusion;
import dev.assayer.fieldwork.DeviationNature;
import dev.assayer.fieldwork.FirmSettingsService;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestMethod;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.TestSizingMethod;
import dev.assayer.fieldwork.TestSummary;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The tests pages: list and planning, the workpaper's forms, the client's deviations page, the firm's table. */
class TestUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired TestOfControlService tests;
    @Autowired FirmSettingsService firms;
    @Autowired MockMvc mvc;

    Audit audit;

    @BeforeEach
    void setUp() {
        audit = Audit.create(identity, engagements, access, controls, ReportType.TYPE2);
    }

    String base() {
        return "/engagements/" + audit.id() + "/tests";
    }

    @Test
    void theListPlansEveryControlAndShowsItsStatus() throws Exception {
        mvc.perform(get(base()).with(as(audit.staff()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"plan-all\""),
                        Matchers.containsString("id=\"status-AC-01\""), Matchers.containsString("Not planned"),
                        Matchers.containsString("id=\"plan-AC-01-oe\""), Matchers.not(Matchers.containsString("PH-03")))));
        mvc.perform(post(base() + "/plan-all").with(as(audit.staff())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flash", Matchers.startsWith("4 tests planned")));
        mvc.perform(get(base()).with(as(audit.manager()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"test-AC-01-design\""),
                        Matchers.containsString("id=\"test-HR-02-oe\""), Matchers.containsString("2 planned items"),
                        Matchers.not(Matchers.containsString("id=\"plan-AC-01-oe\"")))));
        // the client sees none of it
        for (Role role : TestOrg.ROLES) {
            mvc.perform(get(base()).with(as(audit.client().user(role)))).andExpect(status().isForbidden());
            mvc.perform(post(base() + "/plan-all").with(as(audit.client().user(role))).with(csrf()))
                    .andExpect(status().isForbidden());
        }
    }

    @Test
    void theWorkpaperIsPlannedTestedConcludedAndSignedOffThroughItsForms() throws Exception {
        CurrentUser staff = audit.staff();
        String location = mvc.perform(post(base()).with(as(staff)).with(csrf())
                        .param("controlId", audit.monthly().id().toString()).param("kind", "OPERATING_EFFECTIVENESS"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        TestSummary summary = tests.list(staff, audit.id()).getFirst();
        assertThat(location).isEqualTo(base() + "/" + summary.id());
        String page = base() + "/" + summary.id();
        mvc.perform(get(page).with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"plan-form\""),
                        Matchers.containsString("id=\"procedure-method-0\""), Matchers.containsString("id=\"sizing-method\""),
                        Matchers.containsString("Monthly control: 2 items"), Matchers.containsString("id=\"evaluation\""))));

        // a bad plan re-renders with what was typed and every error
        mvc.perform(post(page + "/plan").with(as(staff)).with(csrf()).param("version", "0")
                        .param("procedureMethod", "", "").param("procedureText", "Inspect, sign and date", "")
                        .param("sizingMethod", "JUDGMENTAL"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("procedures[0].method"), Matchers.containsString("sizing.reason"),
                        Matchers.containsString("value=\"Inspect, sign and date\""))));
        mvc.perform(post(page + "/plan").with(as(staff)).with(csrf()).param("version", "0")
                        .param("procedureMethod", "INQUIRY", "INSPECTION", "")
                        .param("procedureText", "Ask the IT manager, then the CTO", "Inspect each review", "")
                        .param("attributeCode", "", "", "").param("attributeDescription", "Signed by the reviewer", "Removals within 5 days", "")
                        .param("itemKey", "REV-1", "REV-2", "").param("itemDescription", "January", "February", "")
                        .param("populationDescription", "Monthly reviews, exported from Jira")
                        .param("sizingMethod", "STATISTICAL").param("confidence", "0.9").param("tolerableRate", "10")
                        .param("expectedRate", "0"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flash", "Plan saved."));
        TestOfControl planned = tests.get(staff, audit.id(), summary.id());
        assertThat(planned.procedures()).extracting(p -> p.method()).containsExactly(TestMethod.INQUIRY, TestMethod.INSPECTION);
        assertThat(planned.procedures().getFirst().text()).isEqualTo("Ask the IT manager, then the CTO");
        assertThat(planned.attributes()).extracting(a -> a.code()).containsExactly("A", "B");
        assertThat(planned.sizing().method()).isEqualTo(TestSizingMethod.STATISTICAL);
        assertThat(planned.sizing().sampleSize()).isEqualTo(22);
        assertThat(planned.sizing().tolerableRate()).isEqualByComparingTo("0.1");

        // the grid: one failure needs a note and opens D1
        mvc.perform(post(page + "/results").with(as(staff)).with(csrf())
                        .param("item.0", "key:REV-1").param("item.1", "key:REV-2")
                        .param("outcome.0.A", "PASS").param("outcome.0.B", "PASS")
                        .param("outcome.1.A", "PASS").param("outcome.1.B", "FAIL").param("note.1.B", "Removed after 9 days"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flash", "4 results saved."));
        TestOfControl tested = tests.get(staff, audit.id(), summary.id());
        assertThat(tested.result("key:REV-2", "B").outcome()).isEqualTo(ResultOutcome.FAIL);
        assertThat(tested.conclusion()).isNull();
        assertThat(tested.resultWording()).isNull();
        mvc.perform(get(page).with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"outcome-1-B\""),
                        Matchers.containsString("id=\"cell-1-B\""), Matchers.containsString("id=\"deviation-D1\""),
                        Matchers.containsString("id=\"deviation-description-D1\""), Matchers.containsString("id=\"eval-upper-limit\""),
                        Matchers.containsString("id=\"save-result\""), Matchers.containsString("id=\"request-extension\""),
                        Matchers.containsString("id=\"save-conclusion\""), Matchers.containsString("id=\"sign-off-preparer\""),
                        Matchers.containsString("conclusion-value\">not written"))));
        var d1 = tested.deviations().getFirst();
        mvc.perform(post(page + "/deviations/" + d1.id()).with(as(staff)).with(csrf()).param("version", "0")
                        .param("description", "Leaver removed late").param("cause", "Ticket raised late").param("nature", "ISOLATED"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flash", "Deviation D1 saved."));
        assertThat(tests.get(staff, audit.id(), summary.id()).deviations().getFirst().nature()).isEqualTo(DeviationNature.ISOLATED);
        mvc.perform(post(page + "/extension").with(as(staff)).with(csrf()).param("additionalItems", "3")
                        .param("reason", "One deviation"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flash", "Extension of 3 recorded as requested."));

        // concluding keeps the typed wording when refused
        long v = tests.get(staff, audit.id(), summary.id()).version();
        mvc.perform(post(page + "/conclusion").with(as(staff)).with(csrf()).param("version", String.valueOf(v))
                        .param("conclusion", "EFFECTIVE_WITH_EXCEPTIONS").param("resultWording", ""))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("resultWording")));
        mvc.perform(post(page + "/conclusion").with(as(staff)).with(csrf()).param("version", String.valueOf(v))
                        .param("conclusion", "EFFECTIVE_WITH_EXCEPTIONS")
                        .param("resultWording", "1 of 2 reviews: a leaver removed after 9 days."))
                .andExpect(status().is3xxRedirection());
        TestOfControl concluded = tests.get(staff, audit.id(), summary.id());
        assertThat(concluded.conclusion()).isEqualTo(Conclusion.EFFECTIVE_WITH_EXCEPTIONS);
        mvc.perform(post(page + "/sign-off/preparer").with(as(staff)).with(csrf()).param("version", String.valueOf(concluded.version())))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flash", "Signed off as preparer."));
        // staff cannot review; the manager adds a note, staff answers, the manager clears and signs off
        long afterPrep = tests.get(staff, audit.id(), summary.id()).version();
        mvc.perform(post(page + "/sign-off/reviewer").with(as(audit.in().second())).with(csrf())
                .param("version", String.valueOf(afterPrep))).andExpect(status().isForbidden());
        mvc.perform(post(page + "/review-notes").with(as(audit.manager())).with(csrf()).param("text", "Tie REV-2 to the ticket"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flash", "Review note RN1 added."));
        var note = tests.get(staff, audit.id(), summary.id()).reviewNotes().getFirst();
        mvc.perform(get(page).with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"respond-note-RN1\""),
                        Matchers.not(Matchers.containsString("id=\"clear-note-RN1\"")),
                        Matchers.not(Matchers.containsString("id=\"add-review-note\"")))));
        mvc.perform(post(page + "/review-notes/" + note.id() + "/respond").with(as(staff)).with(csrf())
                .param("response", "Ticket HR-88 attached")).andExpect(status().is3xxRedirection());
        mvc.perform(post(page + "/review-notes/" + note.id() + "/clear").with(as(audit.manager())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        long ready = tests.get(staff, audit.id(), summary.id()).version();
        mvc.perform(post(page + "/sign-off/reviewer").with(as(audit.manager())).with(csrf()).param("version", String.valueOf(ready)))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "Signed off as reviewer: the workpaper is locked."));
        mvc.perform(get(page).with(as(audit.manager()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"test-locked\""),
                        Matchers.containsString("id=\"reopen\""), Matchers.not(Matchers.containsString("id=\"plan-form\"")),
                        Matchers.not(Matchers.containsString("id=\"save-results\"")),
                        Matchers.containsString("1 of 2 reviews: a leaver removed after 9 days."))));
        mvc.perform(post(page + "/reopen").with(as(audit.partner())).with(csrf()).param("version", String.valueOf(ready + 1))
                .param("reason", "Client sent a corrected ticket"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get(page).with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Client sent a corrected ticket"),
                        Matchers.containsString("sign-offs cleared"), Matchers.containsString("id=\"plan-form\""))));
        // the client gets no workpaper page
        mvc.perform(get(page).with(as(audit.client().admin()))).andExpect(status().isForbidden());
        mvc.perform(post(page + "/conclusion").with(as(audit.client().admin())).with(csrf()).param("version", "0")
                .param("conclusion", "NOT_EFFECTIVE").param("resultWording", "x")).andExpect(status().isForbidden());
    }

    @Test
    void theClientRespondsOnTheDeviationsPage() throws Exception {
        TestOfControl t = tests.create(audit.staff(), audit.id(), audit.monthly().id(), TestKind.DESIGN,
                new dev.assayer.fieldwork.TestPlan(java.util.List.of(new dev.assayer.fieldwork.Procedure(TestMethod.OBSERVATION,
                        "Watch a review")), java.util.List.of(new dev.assayer.fieldwork.TestAttribute(null, "Signed")), null,
                        null, java.util.List.of(new dev.assayer.fieldwork.ManualItem("REV-1", null)), null));
        tests.recordResult(audit.staff(), audit.id(), t.id(), new dev.assayer.fieldwork.ResultDraft(null, "REV-1", "A",
                ResultOutcome.FAIL, "Review not signed", java.util.List.of(), null, null));
        String url = "/engagements/" + audit.id() + "/deviations";
        CurrentUser owner = audit.client().user(Role.CONTROL_OWNER);
        mvc.perform(get(url).with(as(owner))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Review not signed"),
                        Matchers.containsString("id=\"respond-AC-01-D1\""), Matchers.containsString("id=\"response-text-AC-01-D1\""))));
        var d = tests.engagementDeviations(owner, audit.id()).getFirst();
        mvc.perform(post(url + "/" + d.id() + "/response").with(as(owner)).with(csrf()).param("version", "0")
                        .param("response", "Reviews are now signed in the tool"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flash", "Response to AC-01 D1 saved."));
        mvc.perform(get(url).with(as(audit.manager()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Reviews are now signed in the tool"),
                        Matchers.not(Matchers.containsString("id=\"respond-AC-01-D1\"")))));
        mvc.perform(post(url + "/" + d.id() + "/response").with(as(audit.manager())).with(csrf()).param("version", "1")
                .param("response", "x")).andExpect(status().isForbidden());
        for (Role role : java.util.List.of(Role.AUDITOR, Role.VIEWER)) {
            mvc.perform(get(url).with(as(audit.client().user(role)))).andExpect(status().isForbidden());
        }
    }

    @Test
    void theFirmsPartnerEditsTheFrequencyTable() throws Exception {
        CurrentUser partner = audit.firm().user(Role.AUDIT_PARTNER);
        mvc.perform(get("/firm/frequency-table").with(as(partner))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"size-MONTHLY\""),
                        Matchers.containsString("id=\"save-frequency-table\""), Matchers.containsString("ITGC reliance required"))));
        mvc.perform(post("/firm/frequency-table").with(as(partner)).with(csrf()).param("version", "0")
                        .param("size.MONTHLY", "3").param("size.DAILY", "abc"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("Nothing was saved"), Matchers.containsString("sizes.DAILY"))));
        mvc.perform(post("/firm/frequency-table").with(as(partner)).with(csrf()).param("version", "0")
                        .param("size.MONTHLY", "3").param("defaultConfidence", "0.9"))
                .andExpect(status().is3xxRedirection());
        assertThat(firms.frequencyTable(partner).sizes()).containsEntry(ControlFrequency.MONTHLY, 3);
        mvc.perform(get("/firm/frequency-table").with(as(audit.firm().user(Role.AUDIT_STAFF)))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"save-frequency-table\""))));
        mvc.perform(post("/firm/frequency-table").with(as(audit.firm().user(Role.AUDIT_MANAGER))).with(csrf())
                .param("version", "1").param("size.MONTHLY", "9")).andExpect(status().isForbidden());
        mvc.perform(get("/firm/frequency-table").with(as(audit.client().admin()))).andExpect(status().isForbidden());
    }
}
