package dev.assayer.catalog;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

class CatalogApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired MockMvc mvc;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }

    @Test
    void frameworksEndpointListsEveryFrameworkWithItsCategories() throws Exception {
        mvc.perform(get("/api/v1/frameworks").header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].key", hasItems("soc1", "soc2")))
                .andExpect(jsonPath("$[?(@.key == 'soc2')].name").value("SOC 2 Trust Services Criteria"))
                .andExpect(jsonPath("$[?(@.key == 'soc2')].kind").value("CRITERIA"))
                .andExpect(jsonPath("$[?(@.key == 'soc2')].criteriaCount").value(61))
                .andExpect(jsonPath("$[?(@.key == 'soc2')].revision").isNotEmpty())
                .andExpect(jsonPath("$[?(@.key == 'soc2')].edition").isNotEmpty())
                .andExpect(jsonPath("$[?(@.key == 'soc2')].categories[*].code",
                        hasItems("SECURITY", "AVAILABILITY", "CONFIDENTIALITY", "PROCESSING_INTEGRITY", "PRIVACY")))
                .andExpect(jsonPath("$[?(@.key == 'soc2')].categories[0].required").value(true))
                .andExpect(jsonPath("$[?(@.key == 'soc1')].kind").value("OBJECTIVES"))
                .andExpect(jsonPath("$[?(@.key == 'soc1')].criteriaCount").value(23));
    }

    @Test
    void criteriaEndpointReturnsEveryCriterionWithItsTexts() throws Exception {
        mvc.perform(get("/api/v1/frameworks/soc2/criteria").header("Authorization", org.bearer(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/json"))
                .andExpect(jsonPath("$", hasSize(61)))
                .andExpect(jsonPath("$[0].id").value("CC1.1"))
                .andExpect(jsonPath("$[0].frameworkKey").value("soc2"))
                .andExpect(jsonPath("$[0].category").value("SECURITY"))
                .andExpect(jsonPath("$[0].series").value("CC1"))
                .andExpect(jsonPath("$[0].seriesTitle").value("Control environment"))
                .andExpect(jsonPath("$[0].title").isNotEmpty())
                .andExpect(jsonPath("$[0].description").isNotEmpty())
                .andExpect(jsonPath("$[0].guidance").isNotEmpty())
                .andExpect(jsonPath("$[0].ordinal").value(1))
                .andExpect(jsonPath("$[60].id").value("P8.1"))
                .andExpect(jsonPath("$[60].category").value("PRIVACY"));
        mvc.perform(get("/api/v1/frameworks/soc1/criteria").header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(23)))
                .andExpect(jsonPath("$[0].id").value("ITGC-AC-1"));
    }

    @Test
    void unknownFrameworkIsA404Problem() throws Exception {
        mvc.perform(get("/api/v1/frameworks/iso27001/criteria").header("Authorization", org.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail", containsString("iso27001")));
        mvc.perform(get("/api/v1/frameworks/iso27001").header("Authorization", org.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void criterionById() throws Exception {
        mvc.perform(get("/api/v1/criteria/CC6.1").header("Authorization", org.bearer(Role.CONTROL_OWNER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("CC6.1"))
                .andExpect(jsonPath("$.series").value("CC6"))
                .andExpect(jsonPath("$.seriesTitle").value("Logical and physical access controls"))
                .andExpect(jsonPath("$.category").value("SECURITY"));
        mvc.perform(get("/api/v1/criteria/CC6.9").header("Authorization", org.bearer(Role.CONTROL_OWNER)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail", containsString("CC6.9")));
    }

    @Test
    void readsFollowTheRoleMatrix() throws Exception {
        for (Role role : TestOrg.ROLES) {
            int expected = role.can(Permission.CATALOG_READ) ? 200 : 403;
            for (String path : new String[] {"/api/v1/frameworks", "/api/v1/frameworks/soc2",
                    "/api/v1/frameworks/soc2/criteria", "/api/v1/criteria/CC1.1"}) {
                mvc.perform(get(path).header("Authorization", org.bearer(role))).andExpect(status().is(expected));
            }
        }
        mvc.perform(get("/api/v1/frameworks")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/frameworks/soc2/criteria")).andExpect(status().isUnauthorized());
    }
}
