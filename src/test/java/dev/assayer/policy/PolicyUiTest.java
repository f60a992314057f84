package dev.assayer.policy;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

class PolicyUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired PolicyService policies;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }


    @Test
    void newFromTemplateCreatesADraftShownAsHtml() throws Exception {
        mvc.perform(get("/policies/new").with(as(org.user(Role.COMPLIANCE_MANAGER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"create-policy\""),
                        Matchers.containsString("id=\"tpl-business-continuity\""),
                        Matchers.containsString("Business Continuity and Disaster Recovery Policy"),
                        Matchers.containsString("name=\"_csrf\""))));
        mvc.perform(get("/policies/new").with(as(org.user(Role.VIEWER)))).andExpect(status().isForbidden());
        String location = mvc.perform(post("/policies/from-template").with(as(org.admin())).with(csrf())
                        .param("template", "logging-monitoring"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/policies/*"))
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(location).with(as(org.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Logging and Monitoring Policy"),
                        Matchers.containsString("<h2>Purpose</h2>"), Matchers.containsString(org.name()),
                        Matchers.containsString("the date this version is approved"),
                        Matchers.containsString("id=\"edit-draft\""), Matchers.containsString("id=\"submit-version\""),
                        Matchers.containsString("id=\"download-pdf\""))));
        mvc.perform(get(location).with(as(org.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Logging and Monitoring Policy"),
                        Matchers.not(Matchers.containsString("id=\"edit-draft\"")),
                        Matchers.not(Matchers.containsString("id=\"submit-version\"")))));
        mvc.perform(post("/policies/from-template").with(as(org.admin())).with(csrf()).param("template", "logging-monitoring"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("already used"))));
    }

    @Test
    void rawHtmlInTheMarkdownIsShownAsTextNeverPassedThrough() throws Exception {
        Policy p = policies.createFromTemplate(org.admin(), "privacy", null);
        mvc.perform(get("/policies/" + p.id() + "/versions/1/edit").with(as(org.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"markdown\"")));
        mvc.perform(post("/policies/" + p.id() + "/versions/1").with(as(org.admin())).with(csrf())
                        .param("markdown", "## Notice\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/policies/" + p.id()).with(as(org.user(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("<h2>Notice</h2>"),
                        Matchers.containsString("&lt;script&gt;"), Matchers.not(Matchers.containsString("<script>alert")),
                        Matchers.not(Matchers.containsString("<img src=x")))));
    }

    @Test
    void theWorkflowButtonsAcknowledgementAndDiffWorkThroughThePages() throws Exception {
        Policy p = policies.createFromTemplate(org.user(Role.COMPLIANCE_MANAGER), "code-of-conduct", null);
        String page = "/policies/" + p.id();
        mvc.perform(post(page + "/versions/1/submit").with(as(org.admin())).with(csrf()))
                .andExpect(redirectedUrl(page + "?v=1"));
        mvc.perform(get(page).with(as(org.user(Role.COMPLIANCE_MANAGER))))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"approve-form\""),
                        Matchers.containsString("You wrote this version"))));
        mvc.perform(post(page + "/versions/1/approve").with(as(org.user(Role.COMPLIANCE_MANAGER))).with(csrf()))
                .andExpect(redirectedUrl(page))
                .andExpect(flash().attribute("flashError", Matchers.containsString("reason")));
        mvc.perform(post(page + "/versions/1/approve").with(as(org.admin())).with(csrf()))
                .andExpect(redirectedUrl(page + "?v=1"));
        mvc.perform(get(page + "?v=1").with(as(org.admin())))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"publish-version\""),
                        Matchers.containsString("id=\"evidence-link\""))));
        mvc.perform(post(page + "/versions/1/publish").with(as(org.admin())).with(csrf()))
                .andExpect(redirectedUrl(page));
        mvc.perform(get(page).with(as(org.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"acknowledge\""),
                        Matchers.containsString("id=\"ack-outstanding\""),
                        Matchers.containsString("0 of " + (TestOrg.ROLES.size() - 1)),
                        Matchers.containsString("Effective " + LocalDate.now(ZoneOffset.UTC)))));
        mvc.perform(post(page + "/versions/1/acknowledge").with(as(org.user(Role.VIEWER))).with(csrf()))
                .andExpect(redirectedUrl(page));
        mvc.perform(get(page).with(as(org.user(Role.VIEWER))))
                .andExpect(content().string(Matchers.allOf(Matchers.not(Matchers.containsString("id=\"acknowledge\"")),
                        Matchers.containsString("id=\"my-ack\""),
                        Matchers.containsString("1 of " + (TestOrg.ROLES.size() - 1)))));
        mvc.perform(get("/policies").with(as(org.user(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Code of Conduct"),
                        Matchers.containsString("1 of " + (TestOrg.ROLES.size() - 1)),
                        Matchers.containsString(LocalDate.now(ZoneOffset.UTC).plusMonths(12).toString()),
                        Matchers.not(Matchers.containsString("review overdue")),
                        Matchers.not(Matchers.containsString("id=\"new-policy\"")))));
        // version 2 through the pages, then the diff
        mvc.perform(post(page + "/versions").with(as(org.admin())).with(csrf()))
                .andExpect(redirectedUrl(page + "/versions/2/edit"));
        String text = policies.version(org.admin(), p.id(), 2).markdown() + "\nA new closing line.\n";
        mvc.perform(post(page + "/versions/2").with(as(org.admin())).with(csrf()).param("markdown", text))
                .andExpect(redirectedUrl(page + "?v=2"));
        mvc.perform(get(page + "/diff").param("from", "1").param("to", "2").with(as(org.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Lines added: 2"),
                        Matchers.containsString("class=\"diff-added\""), Matchers.containsString("+ added"),
                        Matchers.containsString("A new closing line."))));
        byte[] pdf = mvc.perform(get(page + "/versions/1/pdf").with(as(org.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Code of Conduct");
        }
    }

    @Test
    void aPolicyApprovedMoreThanAYearAgoShowsReviewOverdue() throws Exception {
        Policy p = policies.createFromTemplate(org.admin(), "hr-security", null);
        policies.submit(org.admin(), p.id(), 1);
        policies.approve(org.user(Role.COMPLIANCE_MANAGER), p.id(), 1, null);
        policies.publish(org.admin(), p.id(), 1);
        LocalDate longAgo = LocalDate.now(ZoneOffset.UTC).minusMonths(13);
        jdbc.sql("UPDATE policy_version SET approval_date = ? WHERE org_id = ? AND policy_id = ?")
                .params(longAgo, org.id(), p.id()).update();
        assertThat(policies.get(org.admin(), p.id()).reviewOverdue()).isTrue();
        mvc.perform(get("/policies").with(as(org.admin())))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("review overdue"),
                        Matchers.containsString(longAgo.plusMonths(12).toString()))));
        mvc.perform(get("/policies/" + p.id()).with(as(org.admin())))
                .andExpect(content().string(Matchers.containsString("id=\"review-overdue\"")));
    }

    @Test
    void anotherOrganizationCannotOpenThePolicyPages() throws Exception {
        Policy p = policies.createFromTemplate(org.admin(), "backup", null);
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get("/policies/" + p.id()).with(as(other.admin()))).andExpect(status().isNotFound());
        mvc.perform(get("/policies/" + p.id() + "/versions/1/pdf").with(as(other.admin())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/policies/" + p.id() + "/versions/1/submit").with(as(other.admin())).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(policies.version(org.admin(), p.id(), 1).status()).isEqualTo(VersionStatus.DRAFT);
        mvc.perform(get("/policies/" + UUID.randomUUID()).with(as(org.admin()))).andExpect(status().isNotFound());
    }
}
