package dev.assayer.risk;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.identity.IdentityService;
import dev.assayer.risk.internal.StarterRisks;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

class RiskUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired RiskService risks;
    @Autowired MockMvc mvc;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }


    static RiskDraft draft(String title, int l, int i) {
        return new RiskDraft(title, null, RiskCategory.CHANGE, null, null, null, List.of("SECURITY"), null, null, l, i,
                null, null, Treatment.AVOID, null, null, null, null, List.of());
    }

    @Test
    void theRegisterShowsBothHeatMapsFiltersAndRows() throws Exception {
        risks.create(org.admin(), draft("Untested change breaks production", 4, 4));
        risks.create(org.admin(), draft("Fraudulent bank change", 2, 3));
        mvc.perform(get("/risks").with(as(org.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("Untested change breaks production"),
                        Matchers.containsString("<title id=\"heatmap-inherent-title\">Inherent risk heat map</title>"),
                        Matchers.containsString("<title id=\"heatmap-residual-title\">Residual risk heat map</title>"),
                        Matchers.containsString("data-likelihood=\"4\" data-impact=\"4\" data-count=\"1\""),
                        Matchers.containsString("id=\"risk-filters\""),
                        Matchers.containsString("No approved risk assessment yet"),
                        Matchers.not(Matchers.containsString("id=\"new-risk\"")),
                        Matchers.not(Matchers.containsString("Adopt starter risks")))));
        mvc.perform(get("/risks").param("rating", "MEDIUM").with(as(org.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Fraudulent bank change"),
                        Matchers.not(Matchers.containsString("Untested change breaks production")),
                        Matchers.containsString("Showing 1 of 2 risks."), Matchers.containsString("id=\"new-risk\""),
                        Matchers.containsString("Adopt starter risks"))));
    }

    @Test
    void createFormPostsAndErrorsAreShownWithValuesKept() throws Exception {
        mvc.perform(get("/risks/new").with(as(org.user(Role.COMPLIANCE_MANAGER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"risk-form\""),
                        Matchers.containsString("id=\"inherentLikelihood\""), Matchers.containsString("name=\"_csrf\""),
                        Matchers.containsString("id=\"soc2-PRIVACY\""))));
        mvc.perform(post("/risks").with(as(org.admin())).with(csrf())
                        .param("title", "Accepted without reason").param("category", "VENDOR")
                        .param("inherentLikelihood", "3").param("inherentImpact", "3").param("treatment", "ACCEPT"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("acceptanceReason"),
                        Matchers.containsString("value=\"Accepted without reason\""))));
        assertThat(risks.list(org.admin())).isEmpty();
        String location = mvc.perform(post("/risks").with(as(org.admin())).with(csrf())
                        .param("title", "Vendor outage").param("category", "VENDOR")
                        .param("soc2Categories", "AVAILABILITY").param("inherentLikelihood", "3")
                        .param("inherentImpact", "4").param("residualLikelihood", "2").param("residualImpact", "4")
                        .param("treatment", "TRANSFER").param("ownerId", org.user(Role.CONTROL_OWNER).userId().toString()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/risks/*"))
                .andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring("/risks/".length()));
        Risk r = risks.get(org.admin(), id);
        assertThat(r.residual().score()).isEqualTo(8);
        assertThat(r.soc2Categories()).containsExactly("AVAILABILITY");
        mvc.perform(get(location).with(as(org.user(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Vendor outage"),
                        Matchers.containsString(org.user(Role.CONTROL_OWNER).name()),
                        Matchers.not(Matchers.containsString("id=\"edit-risk\"")))));
        mvc.perform(get(location + "/edit").with(as(org.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("value=\"Vendor outage\"")));
        mvc.perform(post(location).with(as(org.admin())).with(csrf()).param("version", "0")
                        .param("title", "Vendor outage renamed").param("category", "VENDOR")
                        .param("inherentLikelihood", "3").param("inherentImpact", "4").param("treatment", "AVOID"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl(location));
        assertThat(risks.get(org.admin(), id).title()).isEqualTo("Vendor outage renamed");
        mvc.perform(post(location).with(as(org.admin())).with(csrf()).param("version", "0")
                        .param("title", "Stale").param("category", "VENDOR")
                        .param("inherentLikelihood", "3").param("inherentImpact", "4").param("treatment", "AVOID"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("changed by someone else")));
        mvc.perform(get("/risks/new").with(as(org.user(Role.AUDITOR)))).andExpect(status().isForbidden());
    }

    @Test
    void adoptButtonAndAssessmentApprovalWithConfirmation() throws Exception {
        mvc.perform(post("/risks/adopt-starter").with(as(org.admin())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/risks"));
        assertThat(risks.list(org.admin())).hasSize(StarterRisks.risks().size());
        mvc.perform(get("/risks/assessments").with(as(org.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Approve assessment as of today"),
                        Matchers.containsString("id=\"confirm\""), Matchers.containsString("No approved assessment yet"))));
        mvc.perform(post("/risks/assessments").with(as(org.admin())).with(csrf()).param("title", "Unconfirmed"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/risks/assessments"));
        assertThat(risks.assessments(org.admin())).isEmpty();
        String location = mvc.perform(post("/risks/assessments").with(as(org.admin())).with(csrf())
                        .param("title", "Annual 2026").param("confirm", "yes"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/risks/assessments/*"))
                .andReturn().getResponse().getRedirectedUrl();
        RiskAssessment a = risks.assessments(org.admin()).getFirst();
        mvc.perform(get(location).with(as(org.user(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Annual 2026"),
                        Matchers.containsString(a.sha256()), Matchers.containsString("Payroll miscalculated"),
                        Matchers.containsString("Inherent risk heat map as of " + a.asOf()))));
        mvc.perform(get("/risks/assessments").with(as(org.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Annual 2026"),
                        Matchers.not(Matchers.containsString("id=\"approve-button\"")))));
        mvc.perform(post("/risks/assessments").with(as(org.user(Role.VIEWER))).with(csrf()).param("confirm", "yes"))
                .andExpect(status().isForbidden());
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get(location).with(as(other.admin()))).andExpect(status().isNotFound());
    }
}
