package dev.assayer.accessreview;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.ControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

class AccessReviewUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired AccessReviewService reviews;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    TestOrg acme;
    Fixture fx;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        fx = Fixture.create(acme, controls, jdbc);
    }

    Map<String, ReviewAccount> accounts(UUID id) {
        return reviews.accounts(acme.admin(), id, AccountFilter.all()).stream()
                .collect(Collectors.toMap(ReviewAccount::account, Function.identity()));
    }

    void decide(CurrentUser user, UUID id, String account, String decision, String... params) throws Exception {
        var request = post("/access-reviews/" + id + "/accounts/" + accounts(id).get(account).id() + "/decision")
                .with(as(user)).with(csrf()).param("decision", decision);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        mvc.perform(request).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/access-reviews/" + id + "/review"));
    }

    @Test
    void aCampaignIsCreatedImportedDecidedCompletedAndSignedOffInTheBrowser() throws Exception {
        CurrentUser cm = acme.user(Role.COMPLIANCE_MANAGER);
        CurrentUser owner = acme.user(Role.CONTROL_OWNER);
        mvc.perform(get("/access-reviews/new").with(as(cm)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"campaign-form\""),
                        Matchers.containsString("name=\"_csrf\""), Matchers.containsString("<label for=\"system\""),
                        Matchers.containsString("id=\"create-campaign\""))));
        String location = mvc.perform(post("/access-reviews").with(as(cm)).with(csrf())
                        .param("system", "GitHub").param("asOfDate", "2026-06-30").param("dueDate", "2026-07-31")
                        .param("controls", "AC-04"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/access-reviews/*"))
                .andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring("/access-reviews/".length()));
        mvc.perform(get(location).with(as(cm)))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"import-form\""),
                        Matchers.containsString("account,email,name,entitlement,last_login,status"),
                        Matchers.containsString("no account list has been imported"),
                        Matchers.not(Matchers.containsString("id=\"sign-off\"")))));
        mvc.perform(multipart(location + "/accounts").file(new MockMultipartFile("file", "github.csv", "text/csv",
                        fx.csvBytes())).with(as(cm)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", Matchers.containsString("Imported 6 accounts; 2 flagged")));
        mvc.perform(get(location).with(as(acme.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("data-account=\"bob\""),
                        Matchers.containsString("Left the organization"), Matchers.containsString("still has access"),
                        Matchers.containsString("manager is not an Assayer user (outsider@acme.test)"),
                        Matchers.containsString("0 of 6"), Matchers.containsString("github.csv"),
                        Matchers.not(Matchers.containsString("id=\"import-form\"")),
                        Matchers.not(Matchers.containsString("reassign-")))));

        // the control owner sees their pending reviews and decides them
        mvc.perform(get("/access-reviews").with(as(owner)))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"my-review-" + id + "\""),
                        Matchers.containsString(">Access</a>"), Matchers.not(Matchers.containsString("id=\"new-access-review\"")))));
        Map<String, ReviewAccount> a = accounts(id);
        mvc.perform(get(location + "/review").with(as(owner)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"decide-" + a.get("alice").id() + "\""),
                        Matchers.containsString("id=\"decide-" + a.get("bob").id() + "\""),
                        Matchers.containsString("name=\"decision\" value=\"KEEP\""),
                        Matchers.containsString("id=\"revoke-" + a.get("bob").id() + "\""),
                        Matchers.not(Matchers.containsString("data-account=\"carol\"")),
                        Matchers.not(Matchers.containsString("id=\"scope-all\"")))));
        mvc.perform(post(location + "/accounts/" + a.get("bob").id() + "/decision").with(as(owner)).with(csrf())
                        .param("decision", "REVOKE").param("version", String.valueOf(a.get("bob").version())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Decision not recorded"),
                        Matchers.containsString("justification"), Matchers.containsString("id=\"decide-errors-" + a.get("bob").id() + "\""))));
        decide(owner, id, "bob", "REVOKE", "justification", "Left on 2026-06-15");
        decide(owner, id, "alice", "KEEP");

        // the compliance manager decides the rest, their own account with a self-review justification
        mvc.perform(get(location + "/review").with(as(cm)))
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("id=\"selfReviewJustification-" + a.get("cm-admin").id() + "\""),
                        Matchers.containsString("Your own account"), Matchers.containsString("id=\"scope-all\""))));
        mvc.perform(post(location + "/accounts/" + a.get("cm-admin").id() + "/decision").with(as(cm)).with(csrf())
                        .param("decision", "KEEP"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("selfReviewJustification")));
        decide(cm, id, "cm-admin", "KEEP", "selfReviewJustification", "Sole GitHub owner besides the CTO");
        decide(cm, id, "carol", "KEEP");
        decide(cm, id, "dave", "KEEP");
        decide(cm, id, "erin", "CHANGE", "justification", "Least privilege", "newEntitlement", "read");

        // remediation tasks to done, then sign-off
        AccessReview r = reviews.get(cm, id);
        assertThat(r.tasks()).hasSize(2);
        mvc.perform(get(location).with(as(cm)))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"task-done-" + r.tasks().get(0).id() + "\""),
                        Matchers.containsString("2 remediation tasks are not done yet"),
                        Matchers.containsString("id=\"import-locked\""))));
        mvc.perform(post(location + "/tasks/" + r.tasks().get(0).id() + "/done").with(as(cm)).with(csrf())
                        .param("doneOn", "2999-01-01"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", Matchers.containsString("doneOn")));
        for (RemediationTask t : r.tasks()) {
            mvc.perform(post(location + "/tasks/" + t.id() + "/done").with(as(cm)).with(csrf())
                            .param("ticket", "OPS-7").param("version", String.valueOf(t.version())))
                    .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flash", "Task marked done."));
        }
        mvc.perform(get(location).with(as(cm)))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"sign-off\""),
                        Matchers.containsString("6 of 6"))));
        mvc.perform(post(location + "/sign-off").with(as(cm)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(location));
        mvc.perform(get(location).with(as(acme.user(Role.AUDITOR))))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Signed off"),
                        Matchers.containsString("id=\"evidence-link\""), Matchers.containsString("Sole GitHub owner"),
                        Matchers.not(Matchers.containsString("id=\"review-link\"")))));
        assertThat(reviews.get(cm, id).evidenceId()).isNotNull();
    }

    @Test
    void importErrorsAreListedByLineAndReadersCannotChangeAnything() throws Exception {
        AccessReview r = reviews.create(acme.admin(), fx.draft("Okta"));
        String location = "/access-reviews/" + r.id();
        mvc.perform(post(location + "/accounts").with(as(acme.admin())).with(csrf())
                        .param("csv", "account,email\nalice,not-an-email\n,bob@acme.test\n"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was imported"),
                        Matchers.containsString("id=\"import-error-lines\""), Matchers.containsString("not an e-mail address"),
                        Matchers.containsString("is required (the login or user name)"))));
        assertThat(reviews.get(acme.admin(), r.id()).source()).isNull();
        mvc.perform(get("/access-reviews").with(as(acme.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Okta"),
                        Matchers.containsString("id=\"no-pending-reviews\""),
                        Matchers.not(Matchers.containsString("id=\"new-access-review\"")))));
        mvc.perform(get("/access-reviews/new").with(as(acme.user(Role.VIEWER)))).andExpect(status().isForbidden());
        mvc.perform(post(location + "/sign-off").with(as(acme.user(Role.AUDITOR))).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/access-reviews").with(as(acme.admin())).with(csrf()).param("system", "Okta")
                        .param("asOfDate", "2026-06-30").param("dueDate", "2026-06-01"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("must not be before asOfDate"), Matchers.containsString("value=\"Okta\""))));
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get(location).with(as(other.admin()))).andExpect(status().isNotFound());
        mvc.perform(get(location + "/review").with(as(other.admin()))).andExpect(status().isNotFound());
    }
}
