package dev.assayer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityLog;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class CatalogObjectivesTest extends IntegrationTest {

    @Autowired CatalogService catalog;
    @Autowired IdentityService identity;
    @Autowired ActivityLog activity;
    @Autowired MockMvc mvc;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }

    private static String body(String ref, String title, Long version) {
        return """
                {"ref": "%s", "category": "BUSINESS_PROCESS", "series": "BP-TX", "title": "%s",
                 "description": "Controls provide reasonable assurance that claims are paid once."%s}"""
                .formatted(ref, title, version == null ? "" : ", \"version\": " + version);
    }

    private MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder req, Role role, String body) {
        return req.header("Authorization", org.bearer(role)).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private ControlObjective create(String ref) {
        return catalog.createObjective(org.admin(),
                new ObjectiveDraft(ref, "BUSINESS_PROCESS", "BP-TX", "Objective " + ref, "Statement"));
    }

    @Test
    void adoptingTheStarterSetIsIdempotent() throws Exception {
        mvc.perform(post("/api/v1/objectives/adopt-starter").header("Authorization", org.bearer(Role.COMPLIANCE_MANAGER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.adopted").value(23))
                .andExpect(jsonPath("$.objectives", hasSize(23)));
        mvc.perform(post("/api/v1/objectives/adopt-starter").header("Authorization", org.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.adopted").value(0));
        List<ControlObjective> list = catalog.objectives(org.id());
        assertThat(list).hasSize(23).allMatch(ControlObjective::fromStarter);
        assertThat(list).extracting(ControlObjective::ref)
                .containsExactlyInAnyOrderElementsOf(catalog.criteria("soc1").stream().map(Criterion::id).toList());
        assertThat(activity.recent(org.id(), CatalogService.OBJECTIVE_ENTITY, null, 100))
                .hasSize(23).allMatch(e -> e.action().equals("adopted"));
        assertThat(catalog.unknownObjectives(org.id(), List.of("ITGC-AC-1", "NOPE", "BP-TX-1", "NOPE")))
                .containsExactly("NOPE");
    }

    @Test
    void adoptionSkipsRefsTheOrganizationAlreadyUses() {
        ControlObjective own = catalog.createObjective(org.admin(),
                new ObjectiveDraft("ITGC-AC-1", "ITGC", "ITGC-AC", "Our own wording", null));
        List<ControlObjective> added = catalog.adoptStarterObjectives(org.user(Role.COMPLIANCE_MANAGER));
        assertThat(added).hasSize(22).noneMatch(o -> o.ref().equals("ITGC-AC-1"));
        assertThat(catalog.objective(org.id(), own.id()).orElseThrow().title()).isEqualTo("Our own wording");
    }

    @Test
    void createUpdateAndTheActivityLog() throws Exception {
        String location = mvc.perform(json(post("/api/v1/objectives"), Role.COMPLIANCE_MANAGER,
                        body("BP-CL-1", "Claims paid once", null)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.ref").value("BP-CL-1"))
                .andExpect(jsonPath("$.category").value("BUSINESS_PROCESS"))
                .andExpect(jsonPath("$.fromStarter").value(false))
                .andExpect(jsonPath("$.version").value(0))
                .andReturn().getResponse().getContentAsString();
        UUID id = UUID.fromString(location.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));

        mvc.perform(json(put("/api/v1/objectives/" + id), Role.ADMIN, body("BP-CL-1", "Claims are paid exactly once", 0L)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Claims are paid exactly once"))
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(get("/api/v1/objectives/" + id).header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Claims are paid exactly once"))
                .andExpect(jsonPath("$.version").value(1));

        var entries = activity.recent(org.id(), "objective", id.toString(), 10);
        assertThat(entries).extracting(e -> e.action()).containsExactly("updated", "created");
        assertThat(entries.getFirst().before()).contains("Claims paid once");
        assertThat(entries.getFirst().after()).contains("Claims are paid exactly once");
    }

    @Test
    void staleVersionIsA409() throws Exception {
        ControlObjective o = create("BP-ST-1");
        catalog.updateObjective(org.admin(), o.id(), new ObjectiveDraft("BP-ST-1", "ITGC", null, "Changed", null), 0);
        mvc.perform(json(put("/api/v1/objectives/" + o.id()), Role.ADMIN, body("BP-ST-1", "Mine", 0L)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.field").value("version"));
        assertThat(catalog.objective(org.id(), o.id()).orElseThrow().title()).isEqualTo("Changed");
        mvc.perform(json(put("/api/v1/objectives/" + o.id()), Role.ADMIN, body("BP-ST-1", "Mine", null)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
    }

    @Test
    void duplicateRefIsAConflictNamingRef() throws Exception {
        create("BP-DU-1");
        ControlObjective other = create("BP-DU-2");
        mvc.perform(json(post("/api/v1/objectives"), Role.ADMIN, body("BP-DU-1", "Again", null)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("ref"))
                .andExpect(jsonPath("$.detail", containsString("BP-DU-1")));
        mvc.perform(json(put("/api/v1/objectives/" + other.id()), Role.ADMIN, body("BP-DU-1", "Rename", 0L)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("ref"));
        // the same ref in another organization is fine
        TestOrg b = TestOrg.create(identity);
        assertThat(catalog.createObjective(b.admin(),
                new ObjectiveDraft("BP-DU-1", "ITGC", null, "B's objective", null)).ref()).isEqualTo("BP-DU-1");
    }

    @Test
    void validationErrorsNameTheField() throws Exception {
        mvc.perform(json(post("/api/v1/objectives"), Role.ADMIN, "{\"category\": \"ITGC\", \"title\": \"t\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("ref"));
        mvc.perform(json(post("/api/v1/objectives"), Role.ADMIN, "{\"ref\": \"bad ref!\", \"category\": \"ITGC\", \"title\": \"t\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("ref"));
        mvc.perform(json(post("/api/v1/objectives"), Role.ADMIN, "{\"ref\": \"X-1\", \"category\": \"FINANCE\", \"title\": \"t\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("category"))
                .andExpect(jsonPath("$.detail", containsString("ITGC")));
        mvc.perform(json(post("/api/v1/objectives"), Role.ADMIN, "{\"ref\": \"X-1\", \"category\": \"ITGC\", \"title\": \"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("title"));
        mvc.perform(json(post("/api/v1/objectives"), Role.ADMIN, "{\"ref\": \"X-1\", \"category\": \"ITGC\", \"title\": \""
                        + "t".repeat(301) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("title"));
        mvc.perform(json(post("/api/v1/objectives"), Role.ADMIN, "{\"ref\": 5, \"category\": [1]}"))
                .andExpect(status().isBadRequest());
        assertThat(catalog.objectives(org.id())).isEmpty();
        // lower-case category and padded text are normalized
        ControlObjective o = catalog.createObjective(org.admin(),
                new ObjectiveDraft("  X-2 ", "business process", " ", " Title ", ""));
        assertThat(o).extracting(ControlObjective::ref, ControlObjective::category, ControlObjective::series,
                ControlObjective::title, ControlObjective::description)
                .containsExactly("X-2", "BUSINESS_PROCESS", null, "Title", null);
    }

    @Test
    void everyObjectivesEndpointFollowsTheRoleMatrix() throws Exception {
        ControlObjective o = create("BP-RM-0");
        int n = 0;
        for (Role role : TestOrg.ROLES) {
            int read = role.can(Permission.CATALOG_READ) ? 200 : 403;
            boolean write = role.can(Permission.OBJECTIVE_WRITE);
            mvc.perform(get("/api/v1/objectives").header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            mvc.perform(get("/api/v1/objectives/" + o.id()).header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            mvc.perform(json(post("/api/v1/objectives"), role, body("BP-RM-" + (++n), "t", null)))
                    .andExpect(status().is(write ? 201 : 403));
            long version = catalog.objective(org.id(), o.id()).orElseThrow().version();
            mvc.perform(json(put("/api/v1/objectives/" + o.id()), role, body("BP-RM-0", "by " + role, version)))
                    .andExpect(status().is(write ? 200 : 403));
            mvc.perform(post("/api/v1/objectives/adopt-starter").header("Authorization", org.bearer(role)))
                    .andExpect(status().is(write ? 200 : 403));
            if (!write) {
                assertThatThrownBy(() -> catalog.adoptStarterObjectives(org.user(role)))
                        .isInstanceOf(ApiProblem.class).extracting(e -> ((ApiProblem) e).status()).isEqualTo(403);
            }
        }
        mvc.perform(get("/api/v1/objectives")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/objectives/adopt-starter")).andExpect(status().isUnauthorized());
    }

    @Test
    void anotherOrganizationCanNeitherReadNorChangeAnObjective() throws Exception {
        ControlObjective a = create("BP-XT-1");
        TestOrg b = TestOrg.create(identity);
        mvc.perform(get("/api/v1/objectives/" + a.id()).header("Authorization", b.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(put("/api/v1/objectives/" + a.id()).header("Authorization", b.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(body("BP-XT-1", "Hijacked", 0L)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/objectives").header("Authorization", b.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(0)));
        assertThat(catalog.objective(b.id(), a.id())).isEmpty();
        assertThat(catalog.unknownObjectives(b.id(), List.of("BP-XT-1"))).containsExactly("BP-XT-1");
        assertThatThrownBy(() -> catalog.updateObjective(b.admin(), a.id(),
                new ObjectiveDraft("BP-XT-1", "ITGC", null, "x", null), 0))
                .isInstanceOf(ApiProblem.class).extracting(e -> ((ApiProblem) e).status()).isEqualTo(404);
        ControlObjective stored = catalog.objective(org.id(), a.id()).orElseThrow();
        assertThat(stored.title()).isEqualTo("Objective BP-XT-1");
        assertThat(stored.version()).isZero();
        assertThat(activity.recent(b.id(), null, null, 100)).noneMatch(e -> e.entityId().equals(a.id().toString()));
    }

    @Test
    void objectivesAreListedByCategoryThenNaturalRef() {
        create("BP-OR-10");
        create("BP-OR-2");
        catalog.createObjective(org.admin(), new ObjectiveDraft("ZZ-1", "ITGC", null, "IT one", null));
        assertThat(catalog.objectives(org.id())).extracting(ControlObjective::ref)
                .containsExactly("ZZ-1", "BP-OR-2", "BP-OR-10");
    }
}
