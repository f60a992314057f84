package dev.assayer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

class CatalogUiTest extends IntegrationTest {

    @Autowired CatalogService catalog;
    @Autowired IdentityService identity;
    @Autowired MockMvc mvc;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }

    private Authentication as(Role role) {
        CurrentUser user = org.user(role);
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
    }

    @Test
    void criteriaBrowserShowsEveryCriterionGroupedWithLinksToControls() throws Exception {
        String html = mvc.perform(get("/criteria").with(authentication(as(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Logical and physical access controls"),
                        containsString("href=\"/controls?criterion=CC6.1\""), containsString("Typical evidence"),
                        containsString("61</span> of <span>61</span>"), containsString("always in scope"))))
                .andReturn().getResponse().getContentAsString();
        for (Criterion c : catalog.criteria("soc2")) {
            assertThat(html).contains("id=\"criterion-" + c.id() + "\"");
        }
    }

    @Test
    void searchFiltersAndHtmxGetsOnlyTheResults() throws Exception {
        mvc.perform(get("/criteria").param("q", "CC6.1").with(authentication(as(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"criterion-CC6.1\""),
                        not(containsString("id=\"criterion-CC1.1\"")), containsString("<h1>Criteria</h1>"))));
        mvc.perform(get("/criteria").param("q", "zzzz-nothing").with(authentication(as(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("No criteria match")));
        mvc.perform(get("/criteria").param("category", "AVAILABILITY").header("HX-Request", "true")
                        .with(authentication(as(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"criteria-results\""),
                        containsString("id=\"criterion-A1.2\""), not(containsString("id=\"criterion-CC1.1\"")),
                        not(containsString("<h1>")))));
    }

    @Test
    void soc1TabShowsTheStarterSetUntilTheOrganizationAdoptsObjectives() throws Exception {
        mvc.perform(get("/criteria").param("framework", "soc1").with(authentication(as(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("not adopted any"),
                        containsString("id=\"criterion-ITGC-AC-1\""))));
        catalog.createObjective(org.admin(), new ObjectiveDraft("OWN-1", "ITGC", null, "Our only objective", null));
        mvc.perform(get("/criteria").param("framework", "soc1").with(authentication(as(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"criterion-OWN-1\""),
                        not(containsString("id=\"criterion-ITGC-AC-1\"")))));
        mvc.perform(get("/criteria").param("framework", "nope").with(authentication(as(Role.VIEWER))))
                .andExpect(status().isNotFound());
    }

    @Test
    void objectivesPageOffersAdoptionOnlyToRolesThatMayWrite() throws Exception {
        mvc.perform(get("/objectives").with(authentication(as(Role.COMPLIANCE_MANAGER))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Adopt starter objectives"),
                        containsString("New objective"))));
        mvc.perform(get("/objectives").with(authentication(as(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("Adopt starter objectives")),
                        not(containsString("New objective")))));
        mvc.perform(post("/objectives/adopt-starter").with(csrf()).with(authentication(as(Role.AUDITOR))))
                .andExpect(status().isForbidden());
        assertThat(catalog.objectives(org.id())).isEmpty();

        mvc.perform(post("/objectives/adopt-starter").with(csrf()).with(authentication(as(Role.ADMIN))))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/objectives"));
        assertThat(catalog.objectives(org.id())).hasSize(23);
        mvc.perform(get("/objectives").with(authentication(as(Role.ADMIN))))
                .andExpect(content().string(allOf(containsString("ITGC-AC-1"),
                        not(containsString("Adopt starter objectives")))));
    }

    @Test
    void createAndEditThroughTheForms() throws Exception {
        mvc.perform(post("/objectives").with(csrf()).with(authentication(as(Role.COMPLIANCE_MANAGER)))
                        .param("ref", "BP-UI-1").param("category", "BUSINESS_PROCESS").param("series", "")
                        .param("title", "Invoices are complete").param("description", "Statement"))
                .andExpect(status().is3xxRedirection());
        ControlObjective o = catalog.objectives(org.id()).getFirst();
        assertThat(o.title()).isEqualTo("Invoices are complete");

        // a bad field re-renders the form with the message and keeps the input
        mvc.perform(post("/objectives").with(csrf()).with(authentication(as(Role.COMPLIANCE_MANAGER)))
                        .param("ref", "BP-UI-1").param("category", "ITGC").param("title", "Kept text"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("ref: the organization already has"),
                        containsString("value=\"Kept text\""))));

        mvc.perform(get("/objectives/" + o.id() + "/edit").with(authentication(as(Role.ADMIN))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"Invoices are complete\"")));
        mvc.perform(post("/objectives/" + o.id()).with(csrf()).with(authentication(as(Role.ADMIN)))
                        .param("ref", "BP-UI-1").param("category", "BUSINESS_PROCESS").param("title", "Renamed")
                        .param("version", "0"))
                .andExpect(status().is3xxRedirection());
        // stale: the form comes back with the user's text and a warning
        mvc.perform(post("/objectives/" + o.id()).with(csrf()).with(authentication(as(Role.ADMIN)))
                        .param("ref", "BP-UI-1").param("category", "BUSINESS_PROCESS").param("title", "Late edit")
                        .param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Someone else changed this objective"),
                        containsString("value=\"Late edit\""))));
        assertThat(catalog.objective(org.id(), o.id()).orElseThrow().title()).isEqualTo("Renamed");
        mvc.perform(get("/objectives/" + o.id() + "/edit").with(authentication(as(Role.VIEWER))))
                .andExpect(status().isForbidden());
        TestOrg other = TestOrg.create(identity);
        CurrentUser stranger = other.admin();
        mvc.perform(get("/objectives/" + o.id() + "/edit").with(authentication(
                        UsernamePasswordAuthenticationToken.authenticated(stranger, null,
                                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))))))
                .andExpect(status().isNotFound());
    }
}
