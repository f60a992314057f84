package dev.assayer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.catalog.CatalogService;
import dev.assayer.catalog.Criterion;
import dev.assayer.control.internal.StarterLibrary;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ControlApiTest extends IntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired CatalogService catalog;
    @Autowired ActivityLog activity;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }

    // ---------------------------------------------------------------- helpers

    private static ControlDraft draft(String ref, List<String> criteria) {
        return new ControlDraft(ref, "Title " + ref, "Description of " + ref, null, Nature.MANUAL, ControlKind.DETECTIVE,
                Frequency.QUARTERLY, true, ImplementationStatus.IN_PROGRESS, criteria, List.of());
    }

    private Control create(TestOrg o, String ref, UUID owner) {
        ControlDraft d = draft(ref, List.of("CC6.1", "CC6.2"));
        return controls.create(o.admin(), new ControlDraft(d.ref(), d.title(), d.description(), owner, d.nature(),
                d.kind(), d.frequency(), d.keyControl(), d.status(), d.criteria(), d.objectives()));
    }

    private String jsonOf(Object o) {
        return json.writeValueAsString(o);
    }

    private Map<String, Object> body(String ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", ref);
        m.put("title", "Quarterly access review " + ref);
        m.put("description", "Managers review who has access.");
        m.put("nature", "MANUAL");
        m.put("kind", "DETECTIVE");
        m.put("frequency", "QUARTERLY");
        m.put("keyControl", true);
        m.put("criteria", List.of("CC6.2", "CC6.3"));
        return m;
    }

    private JsonNode read(MvcResult r) throws Exception {
        return json.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder b, TestOrg o, Role role) {
        return b.header("Authorization", o.bearer(role));
    }

    private long controlCount(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM control WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    // ---------------------------------------------------------------- starter library

    @Test
    void starterLibraryCriteriaAreAllKnownToTheCatalogAndCoverEveryCommonCriterion() {
        Set<String> used = StarterLibrary.controls().stream().flatMap(c -> c.criteria().stream())
                .collect(Collectors.toSet());
        assertThat(catalog.unknownCriteria(used)).isEmpty();
        List<String> common = catalog.criteria("soc2").stream().map(Criterion::id).filter(id -> id.startsWith("CC"))
                .toList();
        assertThat(common).hasSize(33);
        assertThat(used).containsAll(common);
    }

    @Test
    void adoptingTheStarterLibraryAddsEveryControlOnceWithOwnersAndKnownObjectivesOnly() throws Exception {
        int n = StarterLibrary.controls().size();
        UUID security = org.user(Role.CONTROL_OWNER).userId();
        mvc.perform(as(post("/api/v1/controls/adopt-starter"), org, Role.COMPLIANCE_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(jsonOf(Map.of("ownersByRoleTitle", Map.of("security lead", security.toString())))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.added").value(n));
        List<Control> all = controls.all(org.id());
        assertThat(all).hasSize(n);
        long bySecurityLead = StarterLibrary.controls().stream().filter(s -> "Security Lead".equals(s.ownerRole())).count();
        assertThat(all.stream().filter(c -> security.equals(c.ownerId()))).hasSize((int) bySecurityLead);
        assertThat(all).allSatisfy(c -> assertThat(c.criteria()).isNotEmpty());
        // the organization has no SOC 1 objectives yet: starter objective refs were dropped
        assertThat(all).allSatisfy(c -> assertThat(c.objectives()).isEmpty());
        assertThat(controls.adoptStarterLibrary(org.admin(), Map.of())).isZero();
        assertThat(controlCount(org.id())).isEqualTo(n);
    }

    @Test
    void starterObjectivesAreKeptWhenTheOrganizationHasThem() {
        catalog.adoptStarterObjectives(org.admin());
        assertThat(controls.adoptStarterLibrary(org.admin(), Map.of())).isEqualTo(StarterLibrary.controls().size());
        Map<String, List<String>> expected = StarterLibrary.controls().stream()
                .collect(Collectors.toMap(s -> s.ref(), s -> s.objectives()));
        List<Control> all = controls.all(org.id());
        assertThat(all).anySatisfy(c -> assertThat(c.objectives()).isNotEmpty());
        for (Control c : all) {
            assertThat(c.objectives()).as(c.ref()).isEqualTo(expected.get(c.ref()));
        }
    }

    @Test
    void controlsCanBeFilteredBySoc1Objective() throws Exception {
        catalog.adoptStarterObjectives(org.admin());
        controls.adoptStarterLibrary(org.admin(), Map.of());
        long expected = controls.all(org.id()).stream().filter(c -> c.objectives().contains("ITGC-AC-2")).count();
        assertThat(expected).isPositive();
        mvc.perform(get("/api/v1/controls").param("objective", "itgc-ac-2").header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value((int) expected))
                .andExpect(jsonPath("$[*].objectives", Matchers.everyItem(
                        Matchers.hasItem("ITGC-AC-2"))));
    }

    @Test
    void adoptSkipsRefsThatExist() {
        String ref = StarterLibrary.controls().getFirst().ref();
        create(org, ref, null);
        assertThat(controls.adoptStarterLibrary(org.admin(), Map.of())).isEqualTo(StarterLibrary.controls().size() - 1);
        assertThat(controls.get(org.admin(), controls.resolve(org.id(), ref).orElseThrow()).title()).isEqualTo("Title " + ref);
    }

    // ---------------------------------------------------------------- CRUD

    @Test
    void createReadUpdateAndListThroughTheApi() throws Exception {
        UUID owner = org.user(Role.CONTROL_OWNER).userId();
        Map<String, Object> b = body("AC-01");
        b.put("ownerId", owner.toString());
        MvcResult created = mvc.perform(as(post("/api/v1/controls"), org, Role.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content(jsonOf(b)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/v1/controls/")))
                .andExpect(jsonPath("$.ref").value("AC-01"))
                .andExpect(jsonPath("$.ownerId").value(owner.toString()))
                .andExpect(jsonPath("$.ownerName").value(org.user(Role.CONTROL_OWNER).name()))
                .andExpect(jsonPath("$.criteria", Matchers.contains("CC6.2", "CC6.3")))
                .andExpect(jsonPath("$.objectives", Matchers.empty()))
                .andExpect(jsonPath("$.status").value("NOT_STARTED"))
                .andExpect(jsonPath("$.nature").value("MANUAL"))
                .andExpect(jsonPath("$.keyControl").value(true))
                .andExpect(jsonPath("$.version").value(0))
                .andReturn();
        String id = read(created).get("id").asString();

        mvc.perform(as(get("/api/v1/controls/" + id), org, Role.VIEWER)).andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Quarterly access review AC-01"));
        mvc.perform(as(get("/api/v1/controls/ac-01"), org, Role.AUDITOR)).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id));

        mvc.perform(as(put("/api/v1/controls/" + id), org, Role.COMPLIANCE_MANAGER).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"title": "Access review", "criteria": ["CC6.2"], "status": "IMPLEMENTED",
                                 "ownerId": null, "version": 0}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Access review"))
                .andExpect(jsonPath("$.criteria", Matchers.contains("CC6.2")))
                .andExpect(jsonPath("$.status").value("IMPLEMENTED"))
                .andExpect(jsonPath("$.ownerId").doesNotExist())
                .andExpect(jsonPath("$.frequency").value("QUARTERLY"))
                .andExpect(jsonPath("$.version").value(1));

        create(org, "AC-02", null);
        create(org, "BC-01", owner);
        mvc.perform(as(get("/api/v1/controls"), org, Role.VIEWER)).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].ref", Matchers.contains("AC-01", "AC-02", "BC-01")));
        mvc.perform(as(get("/api/v1/controls").param("criterion", "cc6.1"), org, Role.VIEWER))
                .andExpect(jsonPath("$[*].ref", Matchers.contains("AC-02", "BC-01")));
        mvc.perform(as(get("/api/v1/controls").param("ownerId", owner.toString()), org, Role.VIEWER))
                .andExpect(jsonPath("$[*].ref", Matchers.contains("BC-01")));
        mvc.perform(as(get("/api/v1/controls").param("text", "review"), org, Role.VIEWER))
                .andExpect(jsonPath("$[*].ref", Matchers.contains("AC-01")));
        mvc.perform(as(get("/api/v1/controls").param("status", "implemented").param("keyOnly", "true"), org, Role.VIEWER))
                .andExpect(jsonPath("$[*].ref", Matchers.contains("AC-01")));
        mvc.perform(as(get("/api/v1/controls").param("frequency", "DAILY"), org, Role.VIEWER))
                .andExpect(jsonPath("$", Matchers.empty()));
        mvc.perform(as(get("/api/v1/controls").param("frequency", "sometimes"), org, Role.VIEWER))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("frequency"));

        assertThat(controls.refs(org.id())).hasSize(3).containsValue("BC-01");
        assertThat(controls.resolve(org.id(), "bc-01")).isPresent();
        assertThat(controls.resolve(org.id(), id)).contains(UUID.fromString(id));
        assertThat(controls.resolve(org.id(), "NOPE-1")).isEmpty();
    }

    @Test
    void validationNamesTheFieldAndDuplicateRefIsAConflict() throws Exception {
        Map<String, Object> b = body("bad ref!");
        b.put("title", "");
        mvc.perform(as(post("/api/v1/controls"), org, Role.ADMIN).contentType(MediaType.APPLICATION_JSON).content(jsonOf(b)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("ref", "title")));
        Map<String, Object> noNature = body("AC-09");
        noNature.remove("nature");
        mvc.perform(as(post("/api/v1/controls"), org, Role.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content(jsonOf(noNature)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("nature"));
        Map<String, Object> badEnum = body("AC-09");
        badEnum.put("kind", "SIDEWAYS");
        mvc.perform(as(post("/api/v1/controls"), org, Role.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content(jsonOf(badEnum)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("kind"));
        Map<String, Object> stranger = body("AC-09");
        stranger.put("ownerId", TestOrg.create(identity).admin().userId().toString());
        mvc.perform(as(post("/api/v1/controls"), org, Role.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content(jsonOf(stranger)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("ownerId"));

        create(org, "AC-01", null);
        mvc.perform(as(post("/api/v1/controls"), org, Role.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content(jsonOf(body("ac-01"))))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail", Matchers.containsString("ac-01")));
        Control other = create(org, "AC-02", null);
        mvc.perform(as(put("/api/v1/controls/" + other.id()), org, Role.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ref\": \"AC-01\", \"version\": 0}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail", Matchers.containsString("AC-01")));
        assertThat(controls.get(org.admin(), other.id()).ref()).isEqualTo("AC-02");
        assertThat(controlCount(org.id())).isEqualTo(2);
    }

    @Test
    void unknownCriterionOrObjectiveIsRejectedNamingTheIdsAndNothingIsStored() throws Exception {
        Map<String, Object> b = body("AC-01");
        b.put("criteria", List.of("CC6.1", "CC99.9", "XX1"));
        mvc.perform(as(post("/api/v1/controls"), org, Role.ADMIN).contentType(MediaType.APPLICATION_JSON).content(jsonOf(b)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("criteria"))
                .andExpect(jsonPath("$.detail", Matchers.allOf(Matchers.containsString("CC99.9"),
                        Matchers.containsString("XX1"), Matchers.not(Matchers.containsString("CC6.1")))));
        Map<String, Object> o = body("AC-01");
        o.put("objectives", List.of("NO-SUCH-OBJ"));
        mvc.perform(as(post("/api/v1/controls"), org, Role.ADMIN).contentType(MediaType.APPLICATION_JSON).content(jsonOf(o)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("objectives"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("NO-SUCH-OBJ")));
        assertThat(controlCount(org.id())).isZero();

        Control c = create(org, "AC-02", null);
        mvc.perform(as(put("/api/v1/controls/" + c.id()), org, Role.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"criteria\": [\"CC6.1\", \"CC42.1\"], \"version\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", Matchers.containsString("CC42.1")));
        assertThat(controls.get(org.admin(), c.id()).criteria()).containsExactly("CC6.1", "CC6.2");
        assertThat(controls.get(org.admin(), c.id()).version()).isZero();
    }

    @Test
    void staleVersionIsAConflictAndMissingVersionIsABadRequest() throws Exception {
        Control c = create(org, "AC-01", null);
        controls.update(org.admin(), c.id(), new ControlDraft(null, "Changed", null, null, null, null, null, null, null,
                null, null), 0);
        mvc.perform(as(put("/api/v1/controls/" + c.id()), org, Role.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\": \"Mine\", \"version\": 0}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("version"));
        mvc.perform(as(put("/api/v1/controls/" + c.id()), org, Role.ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\": \"Mine\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("version"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("version")));
        assertThat(controls.get(org.admin(), c.id()).title()).isEqualTo("Changed");
    }

    @Test
    void controlOwnerMayChangeStatusAndDescriptionOfOwnControlsOnly() throws Exception {
        CurrentUser owner = org.user(Role.CONTROL_OWNER);
        Control mine = create(org, "AC-01", owner.userId());
        Control theirs = create(org, "AC-02", org.user(Role.COMPLIANCE_MANAGER).userId());

        mvc.perform(as(put("/api/v1/controls/" + mine.id()), org, Role.CONTROL_OWNER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\": \"IMPLEMENTED\", \"description\": \"Now done weekly.\", \"version\": 0}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("IMPLEMENTED"))
                .andExpect(jsonPath("$.description").value("Now done weekly."));
        mvc.perform(as(put("/api/v1/controls/" + theirs.id()), org, Role.CONTROL_OWNER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\": \"IMPLEMENTED\", \"version\": 0}"))
                .andExpect(status().isForbidden());
        mvc.perform(as(put("/api/v1/controls/" + mine.id()), org, Role.CONTROL_OWNER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"Renamed\", \"version\": 1}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.field").value("title"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("title")));
        // sending the unchanged values of other fields is fine (a full PUT of what was read)
        Control now = controls.get(owner, mine.id());
        Map<String, Object> full = new LinkedHashMap<>(json.convertValue(now, Map.class));
        full.put("status", "IN_PROGRESS");
        mvc.perform(as(put("/api/v1/controls/" + mine.id()), org, Role.CONTROL_OWNER)
                        .contentType(MediaType.APPLICATION_JSON).content(jsonOf(full)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("IN_PROGRESS"));
        assertThat(controls.get(owner, mine.id()).title()).isEqualTo(mine.title());
        assertThat(controls.get(owner, theirs.id()).status()).isEqualTo(ImplementationStatus.IN_PROGRESS);
    }

    // ---------------------------------------------------------------- roles and tenancy

    @Test
    void everyEndpointAllowsAndDeniesExactlyAsTheRoleMatrixSays() throws Exception {
        Control c = create(org, "AC-01", null);
        String csv = "ref,title,nature,kind,frequency\nRM-%s,Role matrix,MANUAL,PREVENTIVE,ANNUAL\n";
        for (Role role : TestOrg.ROLES) {
            int read = role.can(Permission.CONTROL_READ) ? 200 : 403;
            boolean write = role.can(Permission.CONTROL_WRITE);
            mvc.perform(as(get("/api/v1/controls"), org, role)).andExpect(status().is(read));
            mvc.perform(as(get("/api/v1/controls/" + c.id()), org, role)).andExpect(status().is(read));
            mvc.perform(as(get("/api/v1/controls/export").param("format", "csv"), org, role)).andExpect(status().is(read));
            mvc.perform(as(get("/api/v1/controls/export").param("format", "yaml"), org, role)).andExpect(status().is(read));
            mvc.perform(as(post("/api/v1/controls"), org, role).contentType(MediaType.APPLICATION_JSON)
                    .content(jsonOf(body("R-" + role.ordinal())))).andExpect(status().is(write ? 201 : 403));
            long version = controls.get(org.admin(), c.id()).version();
            // not the owner of AC-01: CONTROL_WRITE_OWN alone is not enough
            mvc.perform(as(put("/api/v1/controls/" + c.id()), org, role).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"description\": \"by " + role + "\", \"version\": " + version + "}"))
                    .andExpect(status().is(write ? 200 : 403));
            mvc.perform(as(post("/api/v1/controls/import").param("format", "csv"), org, role)
                            .contentType("text/csv").content(csv.formatted(role.ordinal())))
                    .andExpect(status().is(write ? 200 : 403));
            mvc.perform(as(post("/api/v1/controls/adopt-starter"), org, role)).andExpect(status().is(write ? 200 : 403));
        }
        // a role with CONTROL_WRITE_OWN and not CONTROL_WRITE may update the controls it owns
        for (Role role : TestOrg.ROLES) {
            if (!role.can(Permission.CONTROL_WRITE_OWN) || role.can(Permission.CONTROL_WRITE)) {
                continue;
            }
            Control own = create(org, "OWN-" + role.ordinal(), org.user(role).userId());
            mvc.perform(as(put("/api/v1/controls/" + own.id()), org, role).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"status\": \"IMPLEMENTED\", \"version\": 0}")).andExpect(status().isOk());
        }
        mvc.perform(get("/api/v1/controls")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/controls/adopt-starter")).andExpect(status().isUnauthorized());
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorChangeTheControls() throws Exception {
        Control c = create(org, "SECRET-01", null);
        TestOrg b = TestOrg.create(identity);
        create(b, "B-01", null);
        mvc.perform(as(get("/api/v1/controls/" + c.id()), b, Role.ADMIN)).andExpect(status().isNotFound());
        mvc.perform(as(get("/api/v1/controls/SECRET-01"), b, Role.ADMIN)).andExpect(status().isNotFound());
        mvc.perform(as(put("/api/v1/controls/" + c.id()), b, Role.ADMIN).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\": \"Taken\", \"version\": 0}")).andExpect(status().isNotFound());
        mvc.perform(as(get("/api/v1/controls"), b, Role.ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].ref", Matchers.contains("B-01")));
        String export = mvc.perform(as(get("/api/v1/controls/export").param("format", "csv"), b, Role.ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(export).contains("B-01").doesNotContain("SECRET-01");
        String yaml = mvc.perform(as(get("/api/v1/controls/export").param("format", "yaml"), b, Role.ADMIN))
                .andReturn().getResponse().getContentAsString();
        assertThat(yaml).contains("B-01").doesNotContain("SECRET-01");
        // importing the same ref in B creates B's own control and leaves A's untouched
        mvc.perform(as(post("/api/v1/controls/import").param("format", "csv"), b, Role.ADMIN).contentType("text/csv")
                        .content("ref,title,nature,kind,frequency\nSECRET-01,Mine,MANUAL,PREVENTIVE,ANNUAL\n"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.created", Matchers.contains("SECRET-01")));
        assertThat(controls.get(org.admin(), c.id()).title()).isEqualTo("Title SECRET-01");
        assertThat(controls.resolve(b.id(), c.id().toString())).isEmpty();
        assertThat(controls.all(b.id())).extracting(Control::id).doesNotContain(c.id());
    }

    // ---------------------------------------------------------------- import / export

    @Test
    void csvWithABadRowOnLine4IsRejectedNamingLine4AndFrequencyAndNothingIsImported() throws Exception {
        create(org, "EX-01", null);
        String csv = """
                ref,title,description,owner,nature,kind,frequency,key_control,status,criteria,objectives
                IM-01,Fine one,,,MANUAL,PREVENTIVE,ANNUAL,false,NOT_STARTED,CC1.1,
                EX-01,Renamed,,,MANUAL,PREVENTIVE,ANNUAL,false,NOT_STARTED,CC1.1,
                IM-02,Bad one,,,MANUAL,PREVENTIVE,FORTNIGHTLY,false,NOT_STARTED,CC1.1,
                IM-03,Also fine,,,AUTOMATED,DETECTIVE,CONTINUOUS,true,IMPLEMENTED,CC7.2;CC7.3,
                """;
        mvc.perform(as(post("/api/v1/controls/import").param("format", "csv"), org, Role.ADMIN).contentType("text/csv")
                        .content(csv))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", Matchers.allOf(Matchers.containsString("line 4"),
                        Matchers.containsString("frequency"))))
                .andExpect(jsonPath("$.field").value("frequency"))
                .andExpect(jsonPath("$.errors[0].line").value(4))
                .andExpect(jsonPath("$.errors.length()").value(1));
        assertThat(controls.all(org.id())).extracting(Control::ref).containsExactly("EX-01");
        assertThat(controls.all(org.id()).getFirst().title()).isEqualTo("Title EX-01");
    }

    @Test
    void importReportsEveryErrorWithItsLine() throws Exception {
        String csv = """
                ref,title,owner,nature,kind,frequency,criteria
                IM-01,,nobody@example.test,MANUAL,PREVENTIVE,ANNUAL,CC1.1
                IM-02,Two,,MANUAL,PREVENTIVE,ANNUAL,CC77.1
                IM-01,Dup,,MANUAL,PREVENTIVE,ANNUAL,CC1.1
                """;
        MvcResult r = mvc.perform(as(post("/api/v1/controls/import").param("format", "csv"), org, Role.ADMIN)
                .contentType("text/csv").content(csv)).andExpect(status().isBadRequest()).andReturn();
        JsonNode errors = read(r).get("errors");
        List<String> seen = errors.values().stream().map(e -> e.get("line").asInt() + ":" + e.get("field").asString())
                .toList();
        assertThat(seen).containsExactlyInAnyOrder("2:title", "2:owner", "3:criteria", "4:ref");
        assertThat(read(r).get("detail").asString()).contains("line 2").contains("nothing was imported");
        assertThat(controlCount(org.id())).isZero();
    }

    @Test
    void malformedYamlIsRejectedNamingTheLine() throws Exception {
        String yaml = "controls:\n  - ref: Y-01\n    title: One\n    nature: MANUAL\n  - ref: Y-02\n    title: \"unclosed\n";
        mvc.perform(as(post("/api/v1/controls/import").param("format", "yaml"), org, Role.ADMIN)
                        .contentType("application/yaml").content(yaml))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", Matchers.containsString("YAML line")))
                .andExpect(jsonPath("$.errors[0].line", Matchers.greaterThanOrEqualTo(6)));
        String badValue = "controls:\n  - ref: Y-01\n    title: One\n    nature: MANUAL\n    kind: PREVENTIVE\n"
                + "    frequency: DAILY\n  - ref: Y-02\n    title: Two\n    nature: SOMETIMES\n    kind: PREVENTIVE\n"
                + "    frequency: DAILY\n";
        mvc.perform(as(post("/api/v1/controls/import"), org, Role.ADMIN).contentType("application/yaml").content(badValue))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].line").value(7))
                .andExpect(jsonPath("$.errors[0].field").value("nature"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("line 7")));
        assertThat(controlCount(org.id())).isZero();
    }

    @Test
    void importUpdatesByRefKeepsAbsentColumnsAndCountsUnchangedRows() throws Exception {
        UUID owner = org.user(Role.CONTROL_OWNER).userId();
        create(org, "UP-01", owner);
        create(org, "UP-02", null);
        String csv = """
                ref,title,status
                up-01,New title,IMPLEMENTED
                UP-02,Title UP-02,IN_PROGRESS
                UP-03,Brand new,
                """;
        mvc.perform(as(post("/api/v1/controls/import").param("format", "csv"), org, Role.COMPLIANCE_MANAGER)
                        .contentType("text/csv").content(csv))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].line", Matchers.everyItem(Matchers.is(4))));
        String fixed = csv.replace("UP-03,Brand new,", "UP-04,Brand new,");
        fixed = "ref,title,status,nature,kind,frequency\nup-01,New title,IMPLEMENTED,,,\nUP-02,Title UP-02,IN_PROGRESS,,,\n"
                + "UP-03,Brand new,,AUTOMATED,PREVENTIVE,CONTINUOUS\n";
        mvc.perform(as(post("/api/v1/controls/import").param("format", "csv"), org, Role.COMPLIANCE_MANAGER)
                        .contentType("text/csv").content(fixed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created", Matchers.contains("UP-03")))
                .andExpect(jsonPath("$.updated", Matchers.contains("UP-01")))
                .andExpect(jsonPath("$.unchanged").value(1));
        Control up1 = controls.get(org.admin(), controls.resolve(org.id(), "UP-01").orElseThrow());
        assertThat(up1.ref()).isEqualTo("UP-01");
        assertThat(up1.title()).isEqualTo("New title");
        assertThat(up1.status()).isEqualTo(ImplementationStatus.IMPLEMENTED);
        assertThat(up1.ownerId()).isEqualTo(owner);
        assertThat(up1.criteria()).containsExactly("CC6.1", "CC6.2");
        assertThat(up1.frequency()).isEqualTo(Frequency.QUARTERLY);
        assertThat(up1.version()).isEqualTo(1);
    }

    @Test
    void csvAndYamlExportImportIntoAnotherOrganizationGivesTheSameControls() throws Exception {
        catalog.adoptStarterObjectives(org.admin());
        CurrentUser owner = org.user(Role.CONTROL_OWNER);
        controls.adoptStarterLibrary(org.admin(), Map.of("Security Lead", owner.userId()));
        Control c = controls.create(org.admin(), new ControlDraft("ZZ-01", "Tricky, \"quoted\" title", "Line 1\nLine 2: x",
                null, Nature.IT_DEPENDENT_MANUAL, ControlKind.CORRECTIVE, Frequency.PER_EVENT, false,
                ImplementationStatus.NOT_APPLICABLE, List.of("A1.2", "CC9.1"), List.of()));
        assertThat(c.description()).contains("\n");
        List<Control> source = controls.all(org.id());

        for (String format : List.of("csv", "yaml")) {
            TestOrg target = TestOrg.create(identity);
            catalog.adoptStarterObjectives(target.admin());
            identity.addMemberWithPassword(target.id(), owner.email(), owner.name(), Role.CONTROL_OWNER, TestOrg.PASSWORD);
            MvcResult exported = mvc.perform(as(get("/api/v1/controls/export").param("format", format), org, Role.AUDITOR))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Content-Disposition", Matchers.containsString("controls." + format)))
                    .andReturn();
            byte[] file = exported.getResponse().getContentAsByteArray();
            MockMultipartFile part = new MockMultipartFile("file", "controls." + format,
                    "csv".equals(format) ? "text/csv" : "application/yaml", file);
            mvc.perform(multipart("/api/v1/controls/import").file(part).header("Authorization", target.bearer(Role.ADMIN)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.created.length()").value(source.size()));
            List<Control> copy = controls.all(target.id());
            assertThat(copy).hasSize(source.size());
            for (int i = 0; i < source.size(); i++) {
                Control a = source.get(i);
                Control b = copy.get(i);
                assertThat(List.of(b.ref(), b.title(), String.valueOf(b.description()), b.nature(), b.kind(),
                        b.frequency(), b.keyControl(), b.status(), b.criteria(), b.objectives(), String.valueOf(b.ownerName())))
                        .as(format + " " + a.ref())
                        .isEqualTo(List.of(a.ref(), a.title(), String.valueOf(a.description()), a.nature(), a.kind(),
                                a.frequency(), a.keyControl(), a.status(), a.criteria(), a.objectives(),
                                String.valueOf(a.ownerName())));
            }
            assertThat(copy.stream().filter(x -> x.ownerId() != null)).isNotEmpty()
                    .allSatisfy(x -> assertThat(x.ownerId()).isEqualTo(owner.userId()));
            // importing the same export again changes nothing
            mvc.perform(multipart("/api/v1/controls/import").file(part).header("Authorization", target.bearer(Role.ADMIN)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.created", Matchers.empty()))
                    .andExpect(jsonPath("$.updated", Matchers.empty()))
                    .andExpect(jsonPath("$.unchanged").value(source.size()));
        }
    }

    @Test
    void importWithoutAKnownFormatIsABadRequestNamingFormat() throws Exception {
        mvc.perform(as(post("/api/v1/controls/import"), org, Role.ADMIN).contentType("text/plain").content("ref,title\n"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("format"));
        mvc.perform(as(get("/api/v1/controls/export").param("format", "xml"), org, Role.ADMIN))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("format"));
    }

    // ---------------------------------------------------------------- activity

    @Test
    void createAndUpdateAreRecordedInTheActivityLogWithTheMappings() {
        Control c = create(org, "AL-01", null);
        controls.update(org.admin(), c.id(), new ControlDraft(null, null, null, null, null, null, null, null, null,
                List.of("CC7.1"), null), 0);
        List<ActivityEntry> entries = activity.recent(org.id(), "control", c.id().toString(), 10);
        assertThat(entries).extracting(ActivityEntry::action).containsExactly("updated", "created");
        ActivityEntry updated = entries.getFirst();
        assertThat(updated.before()).contains("CC6.1").contains("CC6.2");
        assertThat(updated.after()).contains("CC7.1").doesNotContain("CC6.2");
        assertThat(updated.actorId()).isEqualTo(org.admin().userId());
        assertThat(entries.get(1).after()).contains("AL-01").contains("\"criteria\"").contains("\"objectives\"");
        assertThat(activity.verify(org.id()).ok()).isTrue();
        // a failed update leaves no entry
        try {
            controls.update(org.admin(), c.id(), new ControlDraft(null, "x", null, null, null, null, null, null, null,
                    null, null), 0);
        } catch (dev.assayer.shared.ApiProblem expected) {
            assertThat(expected.status()).isEqualTo(409);
        }
        assertThat(activity.recent(org.id(), "control", c.id().toString(), 10)).hasSize(2);
    }
}
