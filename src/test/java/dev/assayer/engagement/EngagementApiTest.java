package dev.assayer.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EngagementApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired ActivityLog activity;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }

    static String type2(String name, String start, String end) {
        return """
                {"name": "%s", "framework": "SOC2", "reportType": "TYPE2",
                 "periodStart": "%s", "periodEnd": "%s", "categories": ["AVAILABILITY"]}""".formatted(name, start, end);
    }

    static final String FULL = """
            {"name": "SOC 2 Type II FY2026", "framework": "SOC2", "reportType": "TYPE2",
             "periodStart": "2026-01-01", "periodEnd": "2026-12-31",
             "categories": ["CONFIDENTIALITY", "availability"], "serviceAuditor": "Example & Co LLP",
             "system": {"name": "Acme Payroll", "servicesProvided": "Payroll processing for mid-sized employers",
                        "commitments": ["99.9% monthly availability", "Customer data encrypted at rest"],
                        "boundaries": "Production in one cloud region; corporate IT excluded",
                        "components": [{"type": "INFRASTRUCTURE", "name": "Production VPC", "description": "three AZs"},
                                       {"type": "PEOPLE", "name": "Engineering", "description": null}]},
             "subserviceOrganizations": [{"name": "Cloud Host Inc", "servicesProvided": "IaaS hosting",
                 "method": "CARVE_OUT", "csocs": ["Physical access to data centers is restricted"],
                 "relatedCriteria": ["CC6.4"]}],
             "cuecs": [{"ref": "CUEC-1", "description": "Customers manage their own users", "relatedCriteria": ["CC6.1", "CC6.2"]}],
             "criteriaNotRelevant": [{"criterionId": "CC6.5", "reason": "No physical media is disposed of by the company"}]}""";

    ResultActions create(Role role, String body) throws Exception {
        return mvc.perform(post("/api/v1/engagements").header("Authorization", org.bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    JsonNode created(String body) throws Exception {
        String res = create(Role.ADMIN, body).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        return json.readTree(res);
    }

    long count(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM engagement WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    @Test
    void createsATypeTwoEngagementWithItsSystemDescription() throws Exception {
        create(Role.COMPLIANCE_MANAGER, FULL)
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/v1/engagements/")))
                .andExpect(jsonPath("$.name").value("SOC 2 Type II FY2026"))
                .andExpect(jsonPath("$.framework").value("SOC2"))
                .andExpect(jsonPath("$.reportType").value("TYPE2"))
                .andExpect(jsonPath("$.periodStart").value("2026-01-01"))
                .andExpect(jsonPath("$.periodEnd").value("2026-12-31"))
                .andExpect(jsonPath("$.asOfDate").doesNotExist())
                .andExpect(jsonPath("$.categories").value(Matchers.contains("SECURITY", "AVAILABILITY", "CONFIDENTIALITY")))
                .andExpect(jsonPath("$.status").value("PLANNING"))
                .andExpect(jsonPath("$.serviceAuditor").value("Example & Co LLP"))
                .andExpect(jsonPath("$.system.components[0].type").value("INFRASTRUCTURE"))
                .andExpect(jsonPath("$.system.commitments[1]").value("Customer data encrypted at rest"))
                .andExpect(jsonPath("$.subserviceOrganizations[0].method").value("CARVE_OUT"))
                .andExpect(jsonPath("$.subserviceOrganizations[0].csocs[0]").value(Matchers.startsWith("Physical")))
                .andExpect(jsonPath("$.cuecs[0].relatedCriteria").value(Matchers.contains("CC6.1", "CC6.2")))
                .andExpect(jsonPath("$.criteriaNotRelevant[0].criterionId").value("CC6.5"))
                .andExpect(jsonPath("$.warnings").isEmpty())
                .andExpect(jsonPath("$.version").value(0));
        Engagement e = engagements.list(org.admin()).getFirst();
        assertThat(e.windowStart()).hasToString("2026-01-01");
        assertThat(e.windowEnd()).hasToString("2026-12-31");
        mvc.perform(get("/api/v1/engagements/" + e.id()).header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.system.name").value("Acme Payroll"))
                .andExpect(jsonPath("$.system.components[1].name").value("Engineering"));
    }

    @Test
    void endBeforeStartIsRejectedNamingPeriodEndAndNothingIsStored() throws Exception {
        create(Role.ADMIN, type2("Backwards", "2026-06-01", "2026-01-31"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("periodEnd"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("periodEnd")));
        assertThat(count(org.id())).isZero();
        assertThat(activity.recent(org.id(), "engagement", null, 10)).isEmpty();
    }

    @Test
    void twoMonthAndThirteenMonthPeriodsAreCreatedWithAWarning() throws Exception {
        create(Role.ADMIN, type2("Short", "2026-01-01", "2026-02-28"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.warnings", Matchers.hasSize(1)))
                .andExpect(jsonPath("$.warnings[0]").value(Matchers.containsString("shorter than 3 months")));
        create(Role.ADMIN, type2("Long", "2026-01-01", "2027-01-31"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.warnings", Matchers.hasSize(1)))
                .andExpect(jsonPath("$.warnings[0]").value(Matchers.containsString("longer than 12 months")));
        assertThat(count(org.id())).isEqualTo(2);
    }

    @Test
    void typeOneWithoutAsOfDateIsRejectedNamingAsOfDate() throws Exception {
        create(Role.ADMIN, """
                {"name": "SOC 2 Type I", "framework": "SOC2", "reportType": "TYPE1"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("asOfDate"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("asOfDate")));
        assertThat(count(org.id())).isZero();
        JsonNode t1 = created("""
                {"name": "SOC 2 Type I", "framework": "SOC2", "reportType": "TYPE1", "asOfDate": "2026-06-30"}""");
        Engagement e = engagements.get(org.admin(), UUID.fromString(t1.get("id").asString()));
        assertThat(e.windowStart()).isNull();
        assertThat(e.windowEnd()).hasToString("2026-06-30");
    }

    @Test
    void securityIsAlwaysInScopeForSoc2AndNoCategoryForSoc1() throws Exception {
        create(Role.ADMIN, """
                {"name": "No categories", "framework": "SOC2", "reportType": "TYPE1", "asOfDate": "2026-06-30"}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.categories").value(Matchers.contains("SECURITY")));
        create(Role.ADMIN, """
                {"name": "Privacy only", "framework": "SOC2", "reportType": "TYPE1", "asOfDate": "2026-06-30",
                 "categories": ["PRIVACY"]}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.categories").value(Matchers.contains("SECURITY", "PRIVACY")));
        create(Role.ADMIN, """
                {"name": "SOC 1", "framework": "SOC1", "reportType": "TYPE1", "asOfDate": "2026-06-30"}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.categories").isEmpty());
    }

    @Test
    void unknownCriterionInACuecIsRejectedNamingItAndItsPath() throws Exception {
        create(Role.ADMIN, """
                {"name": "X", "framework": "SOC2", "reportType": "TYPE1", "asOfDate": "2026-06-30",
                 "cuecs": [{"ref": "CUEC-1", "description": "ok", "relatedCriteria": ["CC6.1"]},
                           {"ref": "CUEC-2", "description": "bad", "relatedCriteria": ["CC6.2", "CC42.1"]}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("cuecs[1].relatedCriteria"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("CC42.1")))
                .andExpect(jsonPath("$.errors", Matchers.hasSize(1)));
        assertThat(count(org.id())).isZero();
    }

    @Test
    void malformedEnumIsA400NamingTheField() throws Exception {
        create(Role.ADMIN, """
                {"name": "X", "framework": "SOC3", "reportType": "TYPE1", "asOfDate": "2026-06-30"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("framework"));
    }

    @Test
    void updateReplacesTheEngagementAndRejectsAStaleVersion() throws Exception {
        JsonNode e = created(FULL);
        String id = e.get("id").asString();
        String changed = FULL.replace("\"SOC 2 Type II FY2026\"", "\"Renamed\"").replace("{\"name\": \"Renamed\"",
                "{\"version\": 0, \"status\": \"READINESS\", \"name\": \"Renamed\"");
        mvc.perform(put("/api/v1/engagements/" + id).header("Authorization", org.bearer(Role.COMPLIANCE_MANAGER))
                        .contentType(MediaType.APPLICATION_JSON).content(changed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Renamed"))
                .andExpect(jsonPath("$.status").value("READINESS"))
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(put("/api/v1/engagements/" + id).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(changed))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("version"));
        assertThat(engagements.get(org.admin(), UUID.fromString(id)).name()).isEqualTo("Renamed");
    }

    @Test
    void updateWithoutVersionIsA400NamingVersion() throws Exception {
        String id = created(FULL).get("id").asString();
        mvc.perform(put("/api/v1/engagements/" + id).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(FULL))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
    }

    @Test
    void theWholeGetResponseCanBeSentBackAsAPut() throws Exception {
        String id = created(FULL).get("id").asString();
        String got = mvc.perform(get("/api/v1/engagements/" + id).header("Authorization", org.bearer(Role.ADMIN)))
                .andReturn().getResponse().getContentAsString();
        mvc.perform(put("/api/v1/engagements/" + id).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(got))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.cuecs[0].ref").value("CUEC-1"));
    }

    @Test
    void createAndUpdateAreRecordedInTheActivityLog() throws Exception {
        String id = created(FULL).get("id").asString();
        String body = type2("Renamed", "2026-01-01", "2026-12-31").replace("{", "{\"version\": 0, ");
        mvc.perform(put("/api/v1/engagements/" + id).header("Authorization", org.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk());
        List<ActivityEntry> log = activity.recent(org.id(), "engagement", id, 10);
        assertThat(log).extracting(ActivityEntry::action).containsExactly("updated", "created");
        assertThat(log.get(1).before()).isNull();
        assertThat(log.get(1).after()).contains("SOC 2 Type II FY2026");
        assertThat(log.get(0).before()).contains("SOC 2 Type II FY2026");
        assertThat(log.get(0).after()).contains("Renamed");
        assertThat(log.get(0).actorId()).isEqualTo(org.admin().userId());
        assertThat(activity.verify(org.id()).ok()).isTrue();
    }

    @Test
    void everyEndpointFollowsTheRoleMatrix() throws Exception {
        String id = created(FULL).get("id").asString();
        for (Role role : TestOrg.ROLES) {
            int read = role.can(Permission.ENGAGEMENT_READ) ? 200 : 403;
            int write = role.can(Permission.ENGAGEMENT_WRITE) ? 201 : 403;
            mvc.perform(get("/api/v1/engagements").header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            mvc.perform(get("/api/v1/engagements/" + id).header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            create(role, type2("By " + role, "2026-01-01", "2026-12-31")).andExpect(status().is(write));
            long version = engagements.get(org.admin(), UUID.fromString(id)).version();
            String body = type2("Edited by " + role, "2026-01-01", "2026-12-31")
                    .replace("{", "{\"version\": " + version + ", ");
            mvc.perform(put("/api/v1/engagements/" + id).header("Authorization", org.bearer(role))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().is(role.can(Permission.ENGAGEMENT_WRITE) ? 200 : 403));
        }
        long writers = TestOrg.ROLES.stream().filter(r -> r.can(Permission.ENGAGEMENT_WRITE)).count();
        assertThat(count(org.id())).isEqualTo(1 + writers);
        mvc.perform(get("/api/v1/engagements")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/engagements").contentType(MediaType.APPLICATION_JSON).content(FULL))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorChangeTheEngagement() throws Exception {
        String id = created(FULL).get("id").asString();
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get("/api/v1/engagements/" + id).header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        String body = type2("Hijacked", "2026-01-01", "2026-12-31").replace("{", "{\"version\": 0, ");
        mvc.perform(put("/api/v1/engagements/" + id).header("Authorization", other.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/engagements").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", Matchers.not(Matchers.hasItem(id))));
        assertThat(engagements.find(other.id(), UUID.fromString(id))).isEmpty();
        assertThat(engagements.get(org.admin(), UUID.fromString(id)).name()).isEqualTo("SOC 2 Type II FY2026");
        assertThat(activity.recent(other.id(), "engagement", null, 10)).isEmpty();
    }

    @Test
    void listIsNewestFirstAndCurrentSkipsClosedEngagements() throws Exception {
        String first = created(type2("First", "2025-01-01", "2025-12-31")).get("id").asString();
        String second = created(type2("Second", "2026-01-01", "2026-12-31")).get("id").asString();
        assertThat(engagements.list(org.admin())).extracting(en -> en.id().toString()).containsExactly(second, first);
        assertThat(engagements.current(org.id())).map(en -> en.id().toString()).contains(second);
        String closed = type2("Second", "2026-01-01", "2026-12-31").replace("{",
                "{\"version\": 0, \"status\": \"CLOSED\", ");
        mvc.perform(put("/api/v1/engagements/" + second).header("Authorization", org.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content(closed)).andExpect(status().isOk());
        assertThat(engagements.current(org.id())).map(en -> en.id().toString()).contains(first);
        assertThat(engagements.current(TestOrg.create(identity).id())).isEmpty();
    }
}
