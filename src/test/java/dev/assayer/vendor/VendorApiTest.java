package dev.assayer.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
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

class VendorApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired VendorService vendors;
    @Autowired EngagementService engagements;
    @Autowired ControlService controls;
    @Autowired ActivityLog activity;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }

    static String vendor(String name, String tier) {
        return """
                {"name": "%s", "serviceProvided": "Hosting", "dataAccessed": ["Customer PII", "Payroll data"],
                 "tier": "%s", "contractStart": "2025-01-01", "contractEnd": "%s"}""".formatted(name, tier,
                LocalDate.now().plusYears(2));
    }

    /** Dates relative to today, so the test means the same on any day it runs. */
    static final LocalDate REVIEWED = LocalDate.now().minusDays(30);
    static final LocalDate SECOND_REVIEW = LocalDate.now().minusDays(20);
    static final LocalDate PERIOD_END = REVIEWED.minusDays(45);

    static final String REVIEW = """
            {"reportKind": "SOC2", "reportType": "TYPE2", "periodStart": "%s", "periodEnd": "%s",
             "serviceAuditor": "Example & Co LLP", "opinion": "QUALIFIED",
             "exceptions": ["2 of 25 terminated users kept access for 10 days"],
             "exceptionsEffect": "None of their staff can reach our tenant; no effect",
             "cuecs": [{"ref": "CUEC-1", "description": "Customers manage their own users", "control": "AC-01"},
                       {"ref": "CUEC-2", "description": "Customers rotate their API keys"}],
             "bridgeLetterReceivedOn": "%s", "bridgeLetterCoversUntil": "%s",
             "reviewedOn": "%s"}""".formatted(PERIOD_END.minusYears(1).plusDays(1), PERIOD_END,
            REVIEWED.minusDays(5), REVIEWED.plusDays(60), REVIEWED);

    ResultActions create(Role role, String body) throws Exception {
        return mvc.perform(post("/api/v1/vendors").header("Authorization", org.bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    JsonNode created(String body) throws Exception {
        return json.readTree(create(Role.ADMIN, body).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString());
    }

    ResultActions review(Role role, String vendorId, String body) throws Exception {
        return mvc.perform(post("/api/v1/vendors/" + vendorId + "/reviews").header("Authorization", org.bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    Control control(String ref) {
        return controls.create(org.admin(), new ControlDraft(ref, "Access review " + ref, null, null, Nature.MANUAL,
                ControlKind.DETECTIVE, Frequency.QUARTERLY, false, ImplementationStatus.IMPLEMENTED, List.of(),
                List.of()));
    }

    Engagement engagement(TestOrg o) {
        return engagements.create(o.admin(), new EngagementDraft("SOC 2 FY26", Framework.SOC2, ReportType.TYPE2, null,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), List.of(), null, null, null, null, null, null));
    }

    long count(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM vendor WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    @Test
    void createsAVendorWithItsTierScheduleAndARef() throws Exception {
        create(Role.COMPLIANCE_MANAGER, vendor("Cloud Host Inc", "TIER_1").replace("{",
                "{\"ownerId\": \"" + org.user(Role.CONTROL_OWNER).userId() + "\", "))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/v1/vendors/")))
                .andExpect(jsonPath("$.ref").value("VND-1"))
                .andExpect(jsonPath("$.name").value("Cloud Host Inc"))
                .andExpect(jsonPath("$.dataAccessed").value(Matchers.contains("Customer PII", "Payroll data")))
                .andExpect(jsonPath("$.tier").value("TIER_1"))
                .andExpect(jsonPath("$.ownerId").value(org.user(Role.CONTROL_OWNER).userId().toString()))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.socReportRequired").value(true))
                .andExpect(jsonPath("$.lastReviewedOn").doesNotExist())
                .andExpect(jsonPath("$.nextReviewDue").value("2025-01-01"))
                .andExpect(jsonPath("$.reviewOverdue").value(true))
                .andExpect(jsonPath("$.warnings", Matchers.hasSize(2)))
                .andExpect(jsonPath("$.version").value(0));
        create(Role.ADMIN, vendor("Mailer", "TIER_3")).andExpect(jsonPath("$.ref").value("VND-2"))
                .andExpect(jsonPath("$.socReportRequired").value(false));
    }

    @Test
    void aReviewMapsCuecsToOurControlsShowsGapsAndMovesTheNextReview() throws Exception {
        Control ac = control("AC-01");
        String id = created(vendor("Cloud Host Inc", "TIER_1")).get("id").asString();
        review(Role.COMPLIANCE_MANAGER, id, REVIEW)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.vendorId").value(id))
                .andExpect(jsonPath("$.reportKind").value("SOC2"))
                .andExpect(jsonPath("$.opinion").value("QUALIFIED"))
                .andExpect(jsonPath("$.cuecs[0].controlId").value(ac.id().toString()))
                .andExpect(jsonPath("$.cuecs[1].controlId").doesNotExist())
                .andExpect(jsonPath("$.reviewedBy").value(org.user(Role.COMPLIANCE_MANAGER).userId().toString()))
                .andExpect(jsonPath("$.nextReviewDue").value(REVIEWED.plusYears(1).toString()));
        mvc.perform(get("/api/v1/vendors/" + id).header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(jsonPath("$.lastReviewedOn").value(REVIEWED.toString()))
                .andExpect(jsonPath("$.nextReviewDue").value(REVIEWED.plusYears(1).toString()))
                .andExpect(jsonPath("$.warnings").isEmpty());
        mvc.perform(get("/api/v1/vendors/cuec-gaps").header("Authorization", org.bearer(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", Matchers.hasSize(1)))
                .andExpect(jsonPath("$[0].cuecRef").value("CUEC-2"))
                .andExpect(jsonPath("$[0].vendorName").value("Cloud Host Inc"));
        // a newer review that maps everything supersedes the older report's gaps
        review(Role.ADMIN, id, REVIEW.replace("\"Customers rotate their API keys\"",
                "\"Customers rotate their API keys\", \"control\": \"" + ac.id() + "\"").replace(REVIEWED.toString(), SECOND_REVIEW.toString()))
                .andExpect(status().isCreated());
        assertThat(vendors.cuecGaps(org.id())).isEmpty();
        mvc.perform(get("/api/v1/vendors/" + id + "/reviews").header("Authorization", org.bearer(Role.CONTROL_OWNER)))
                .andExpect(jsonPath("$", Matchers.hasSize(2)))
                .andExpect(jsonPath("$[0].reviewedOn").value(SECOND_REVIEW.toString()));
    }

    @Test
    void reviewValidationNamesEveryFieldAndStoresNothing() throws Exception {
        String id = created(vendor("Cloud Host Inc", "TIER_1")).get("id").asString();
        review(Role.ADMIN, id, """
                {"reportKind": "SOC2", "reportType": "TYPE1", "exceptions": ["one"],
                 "cuecs": [{"description": "Manage users", "control": "NOPE-1"}],
                 "evidenceId": "%s"}""".formatted(UUID.randomUUID()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("asOfDate", "opinion",
                        "exceptionsEffect", "cuecs[0].control", "evidenceId")));
        review(Role.ADMIN, id, "{\"reportKind\": \"SOC4\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("reportKind"));
        assertThat(vendors.reviews(org.admin(), UUID.fromString(id))).isEmpty();
    }

    @Test
    void vendorValidationNamesTheFields() throws Exception {
        create(Role.ADMIN, "{\"name\": \"\", \"contractStart\": \"2026-01-01\", \"contractEnd\": \"2025-01-01\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("name", "tier", "contractEnd")));
        create(Role.ADMIN, vendor("X", "TIER_9")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("tier"));
        create(Role.ADMIN, vendor("Y", "TIER_2").replace("{", "{\"ref\": \"HOST\", ")).andExpect(status().isCreated());
        create(Role.ADMIN, vendor("Z", "TIER_2").replace("{", "{\"ref\": \"host\", ")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("ref"));
        create(Role.ADMIN, vendor("W", "TIER_2").replace("{", "{\"ownerId\": \"" + UUID.randomUUID() + "\", "))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("ownerId"));
        assertThat(count(org.id())).isEqualTo(1);
    }

    @Test
    void subserviceOrganizationsAreListedForTheirEngagement() throws Exception {
        Engagement e = engagement(org);
        Engagement other = engagement(org);
        String body = vendor("Cloud Host Inc", "TIER_1").replace("{", """
                {"subservice": true, "subserviceMethod": "CARVE_OUT", "csocs": ["Physical access is restricted"],
                 "engagementIds": ["%s"], """.formatted(e.id()));
        String id = created(body).get("id").asString();
        created(vendor("Not a subservice", "TIER_2"));
        assertThat(vendors.subserviceOrganizations(org.id(), e.id())).singleElement().satisfies(s -> {
            assertThat(s.vendorId()).hasToString(id);
            assertThat(s.method()).isEqualTo(SubserviceMethod.CARVE_OUT);
            assertThat(s.toDescription().csocs()).containsExactly("Physical access is restricted");
        });
        assertThat(vendors.subserviceOrganizations(org.id(), other.id())).isEmpty();
        TestOrg b = TestOrg.create(identity);
        assertThat(vendors.subserviceOrganizations(b.id(), e.id())).isEmpty();
        // another organization's engagement cannot be linked
        Engagement theirs = engagement(b);
        create(Role.ADMIN, body.replace(e.id().toString(), theirs.id().toString()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("engagementIds[0]"));
    }

    @Test
    void reviewsDueListsActiveVendorsDueBeforeTheDay() throws Exception {
        String due = created(vendor("Due", "TIER_2")).get("id").asString();
        String reviewed = created(vendor("Reviewed", "TIER_3")).get("id").asString();
        review(Role.ADMIN, reviewed, """
                {"reportKind": "ISO27001", "asOfDate": "2025-06-01", "reviewedOn": "%s"}""".formatted(LocalDate.now()))
                .andExpect(status().isCreated());
        assertThat(vendors.reviewsDue(org.id(), LocalDate.now().plusDays(1))).extracting(v -> v.id().toString())
                .containsExactly(due);
        assertThat(vendors.reviewsDue(org.id(), LocalDate.now().plusYears(3))).hasSize(2);
    }

    @Test
    void updateReplacesTheVendorAndRejectsAStaleVersion() throws Exception {
        String id = created(vendor("Cloud Host Inc", "TIER_1")).get("id").asString();
        String changed = vendor("Renamed", "TIER_2").replace("{", "{\"version\": 0, \"status\": \"TERMINATED\", ");
        mvc.perform(put("/api/v1/vendors/" + id).header("Authorization", org.bearer(Role.COMPLIANCE_MANAGER))
                        .contentType(MediaType.APPLICATION_JSON).content(changed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Renamed"))
                .andExpect(jsonPath("$.ref").value("VND-1"))
                .andExpect(jsonPath("$.status").value("TERMINATED"))
                .andExpect(jsonPath("$.nextReviewDue").doesNotExist())
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(put("/api/v1/vendors/" + id).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(changed))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("version"));
        mvc.perform(put("/api/v1/vendors/" + id).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(vendor("No version", "TIER_2")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
        String got = mvc.perform(get("/api/v1/vendors/" + id).header("Authorization", org.bearer(Role.ADMIN)))
                .andReturn().getResponse().getContentAsString();
        mvc.perform(put("/api/v1/vendors/" + id).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(got))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));
    }

    @Test
    void changesAreRecordedInTheActivityLog() throws Exception {
        control("AC-01");
        String id = created(vendor("Cloud Host Inc", "TIER_1")).get("id").asString();
        mvc.perform(put("/api/v1/vendors/" + id).header("Authorization", org.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .content(vendor("Renamed", "TIER_1").replace("{", "{\"version\": 0, "))).andExpect(status().isOk());
        String reviewId = json.readTree(review(Role.ADMIN, id, REVIEW).andReturn().getResponse().getContentAsString())
                .get("id").asString();
        List<ActivityEntry> log = activity.recent(org.id(), "vendor", id, 10);
        assertThat(log).extracting(ActivityEntry::action).containsExactly("updated", "created");
        assertThat(log.get(0).before()).contains("Cloud Host Inc");
        assertThat(log.get(0).after()).contains("Renamed");
        assertThat(log.get(1).before()).isNull();
        List<ActivityEntry> reviews = activity.recent(org.id(), "vendor-review", reviewId, 10);
        assertThat(reviews).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("created");
            assertThat(a.after()).contains("CUEC-2");
            assertThat(a.actorId()).isEqualTo(org.admin().userId());
        });
        assertThat(activity.verify(org.id()).ok()).isTrue();
    }

    @Test
    void everyEndpointFollowsTheRoleMatrix() throws Exception {
        String id = created(vendor("Cloud Host Inc", "TIER_1")).get("id").asString();
        for (Role role : TestOrg.ROLES) {
            int read = role.can(Permission.CONTROL_READ) ? 200 : 403;
            boolean writer = role.can(Permission.ENGAGEMENT_WRITE);
            mvc.perform(get("/api/v1/vendors").header("Authorization", org.bearer(role))).andExpect(status().is(read));
            mvc.perform(get("/api/v1/vendors/" + id).header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            mvc.perform(get("/api/v1/vendors/" + id + "/reviews").header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            mvc.perform(get("/api/v1/vendors/cuec-gaps").header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            create(role, vendor("By " + role, "TIER_2")).andExpect(status().is(writer ? 201 : 403));
            long version = vendors.get(org.admin(), UUID.fromString(id)).version();
            mvc.perform(put("/api/v1/vendors/" + id).header("Authorization", org.bearer(role))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(vendor("Edited by " + role, "TIER_1").replace("{", "{\"version\": " + version + ", ")))
                    .andExpect(status().is(writer ? 200 : 403));
            review(role, id, "{\"reportKind\": \"OTHER\"}").andExpect(status().is(writer ? 201 : 403));
        }
        long writers = TestOrg.ROLES.stream().filter(r -> r.can(Permission.ENGAGEMENT_WRITE)).count();
        assertThat(writers).isPositive().isLessThan(TestOrg.ROLES.size());
        assertThat(count(org.id())).isEqualTo(1 + writers);
        assertThat(vendors.reviews(org.admin(), UUID.fromString(id))).hasSize((int) writers);
        mvc.perform(get("/api/v1/vendors")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/vendors").contentType(MediaType.APPLICATION_JSON).content(vendor("X", "TIER_1")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorChangeTheVendorOrItsReviews() throws Exception {
        control("AC-01");
        String id = created(vendor("Cloud Host Inc", "TIER_1")).get("id").asString();
        review(Role.ADMIN, id, REVIEW).andExpect(status().isCreated());
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get("/api/v1/vendors/" + id).header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/vendors/" + id + "/reviews").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/vendors/" + id).header("Authorization", other.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(vendor("Hijacked", "TIER_3").replace("{", "{\"version\": 0, ")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/vendors/" + id + "/reviews").header("Authorization", other.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reportKind\": \"OTHER\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/vendors").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", Matchers.not(Matchers.hasItem(id))));
        mvc.perform(get("/api/v1/vendors/cuec-gaps").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isEmpty());
        // org B cannot map a CUEC to org A's control either
        String theirs = json.readTree(mvc.perform(post("/api/v1/vendors").header("Authorization", other.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content(vendor("Theirs", "TIER_2")))
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        mvc.perform(post("/api/v1/vendors/" + theirs + "/reviews").header("Authorization", other.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(REVIEW))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("cuecs[0].control"));
        assertThat(vendors.get(org.admin(), UUID.fromString(id)).name()).isEqualTo("Cloud Host Inc");
        assertThat(activity.recent(other.id(), "vendor", id, 10)).isEmpty();
        assertThat(activity.recent(other.id(), "vendor-review", null, 10)).isEmpty();
    }
}
