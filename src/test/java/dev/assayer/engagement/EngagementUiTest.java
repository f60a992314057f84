package dev.assayer.engagement;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.identity.IdentityService;
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

class EngagementUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired MockMvc mvc;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }


    @Test
    void theCreateFormPostsAndRedirectsToTheDetailPage() throws Exception {
        mvc.perform(get("/engagements/new").with(as(org.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"create-engagement\""),
                        Matchers.containsString("id=\"cat-AVAILABILITY\""), Matchers.containsString("id=\"periodEnd\""),
                        Matchers.containsString("name=\"_csrf\""))));
        String location = mvc.perform(post("/engagements").with(as(org.admin())).with(csrf())
                        .param("name", "SOC 2 Type II FY2026").param("framework", "SOC2").param("reportType", "TYPE2")
                        .param("periodStart", "2026-01-01").param("periodEnd", "2026-02-28")
                        .param("categories", "SECURITY", "AVAILABILITY")
                        .param("systemName", "Acme Payroll").param("commitments", "99.9% uptime\n\nEncrypted at rest")
                        .param("components[0].type", "SOFTWARE").param("components[0].name", "Payroll app")
                        .param("components[1].type", "DATA").param("components[1].name", "")
                        .param("cuecs[0].ref", "").param("cuecs[0].description", "")
                        .param("cuecs[1].description", "Customers manage their users")
                        .param("cuecs[1].relatedCriteria", "cc6.1, CC6.2")
                        .param("subservices[0].name", "Cloud Host").param("subservices[0].method", "CARVE_OUT")
                        .param("subservices[0].csocs", "Restricts physical access"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/engagements/*"))
                .andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring("/engagements/".length()));
        Engagement e = engagements.get(org.admin(), id);
        assertThat(e.categories()).containsExactly("SECURITY", "AVAILABILITY");
        assertThat(e.system().commitments()).containsExactly("99.9% uptime", "Encrypted at rest");
        assertThat(e.system().components()).hasSize(1);
        assertThat(e.cuecs()).singleElement().satisfies(c -> {
            assertThat(c.ref()).isEqualTo("CUEC-1");
            assertThat(c.relatedCriteria()).containsExactly("CC6.1", "CC6.2");
        });
        mvc.perform(get(location).with(as(org.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("SOC 2 Type II FY2026"),
                        Matchers.containsString("/engagements/" + id + "/readiness"),
                        Matchers.containsString("shorter than 3 months"), Matchers.containsString("Cloud Host"),
                        Matchers.not(Matchers.containsString("id=\"edit-engagement\"")))));
        mvc.perform(get("/engagements").with(as(org.user(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("SOC 2 Type II FY2026"),
                        Matchers.containsString("2026-01-01 – 2026-02-28"),
                        Matchers.containsString("<span class=\"tag\">Availability</span>"))));
    }

    @Test
    void errorsAreShownOnTheFormWithTheValuesKept() throws Exception {
        mvc.perform(post("/engagements").with(as(org.admin())).with(csrf())
                        .param("name", "Backwards period").param("framework", "SOC2").param("reportType", "TYPE2")
                        .param("periodStart", "2026-06-01").param("periodEnd", "2026-01-31")
                        .param("categories", "SECURITY", "PRIVACY"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("periodEnd"), Matchers.containsString("value=\"Backwards period\""),
                        Matchers.containsString("value=\"2026-01-31\""))));
        assertThat(engagements.list(org.admin())).isEmpty();
        mvc.perform(post("/engagements").with(as(org.admin())).with(csrf())
                        .param("name", "Bad date").param("framework", "SOC2").param("reportType", "TYPE1")
                        .param("asOfDate", "30/06/2026"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("is not a date")));
    }

    @Test
    void theEditFormSavesWithTheVersion() throws Exception {
        Engagement e = engagements.create(org.admin(), new EngagementDraft("Type I", Framework.SOC2, ReportType.TYPE1,
                java.time.LocalDate.of(2026, 6, 30), null, null, List.of(), null, null, null, null, null, null));
        mvc.perform(get("/engagements/" + e.id() + "/edit").with(as(org.user(Role.COMPLIANCE_MANAGER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("value=\"2026-06-30\"")));
        mvc.perform(post("/engagements/" + e.id()).with(as(org.admin())).with(csrf())
                        .param("version", "0").param("name", "Type I renamed").param("framework", "SOC1")
                        .param("reportType", "TYPE1").param("asOfDate", "2026-06-30").param("status", "READINESS")
                        .param("categories", "SECURITY"))
                .andExpect(status().is3xxRedirection());
        Engagement after = engagements.get(org.admin(), e.id());
        assertThat(after.name()).isEqualTo("Type I renamed");
        assertThat(after.framework()).isEqualTo(Framework.SOC1);
        assertThat(after.categories()).isEmpty();
        assertThat(after.status()).isEqualTo(EngagementStatus.READINESS);
        mvc.perform(post("/engagements/" + e.id()).with(as(org.admin())).with(csrf())
                        .param("version", "0").param("name", "Stale").param("framework", "SOC2")
                        .param("reportType", "TYPE1").param("asOfDate", "2026-06-30"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("changed by someone else")));
    }

    @Test
    void pagesFollowTheRolesAndTheOrganization() throws Exception {
        mvc.perform(get("/engagements/new").with(as(org.user(Role.AUDITOR)))).andExpect(status().isForbidden());
        mvc.perform(post("/engagements").with(as(org.user(Role.VIEWER))).with(csrf()).param("name", "x"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/engagements").with(as(org.admin())).param("name", "no csrf"))
                .andExpect(status().isForbidden());
        Engagement e = engagements.create(org.admin(), new EngagementDraft("Mine", Framework.SOC2, ReportType.TYPE1,
                java.time.LocalDate.of(2026, 6, 30), null, null, List.of(), null, null, null, null, null, null));
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get("/engagements/" + e.id()).with(as(other.admin()))).andExpect(status().isNotFound());
        mvc.perform(get("/engagements").with(as(other.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString(e.id().toString()))));
    }

    @Test
    void addRowReturnsARowAndTheNextButton() throws Exception {
        mvc.perform(get("/engagements/form-rows/cuec").param("index", "4").with(as(org.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("name=\"cuecs[4].description\""),
                        Matchers.containsString("index=5"), Matchers.containsString("hx-swap-oob=\"true\""))));
    }
}
