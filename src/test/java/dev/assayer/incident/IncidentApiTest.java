package dev.assayer.incident;

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

class IncidentApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired IncidentService incidents;
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

    static String incident(String title, String detectedAt, boolean significant) {
        return """
                {"title": "%s", "detectedAt": "%s", "reportedBy": "On-call engineer", "severity": "HIGH",
                 "significant": %s, "affectedSystems": ["Payroll API"], "affectedData": ["Employee bank details"]}"""
                .formatted(title, detectedAt, significant);
    }

    ResultActions create(Role role, String body) throws Exception {
        return mvc.perform(post("/api/v1/incidents").header("Authorization", org.bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    JsonNode created(String body) throws Exception {
        return json.readTree(create(Role.ADMIN, body).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString());
    }

    ResultActions entry(Role role, TestOrg o, String id, String body) throws Exception {
        return mvc.perform(post("/api/v1/incidents/" + id + "/timeline").header("Authorization", o.bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    Control control(String ref) {
        return controls.create(org.admin(), new ControlDraft(ref, "Control " + ref, null, null, Nature.MANUAL,
                ControlKind.DETECTIVE, Frequency.QUARTERLY, false, ImplementationStatus.IMPLEMENTED, List.of(),
                List.of()));
    }

    long count(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM incident WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    @Test
    void createsAnIncidentWithARefAndLinkedControls() throws Exception {
        Control c = control("IR-01");
        create(Role.COMPLIANCE_MANAGER, incident("Credential stuffing", "2026-03-01T09:30:00Z", true)
                .replace("{", "{\"controlIds\": [\"IR-01\"], \"findingRefs\": [\"F-7\"], "))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/v1/incidents/")))
                .andExpect(jsonPath("$.ref").value("INC-1"))
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.detectedAt").value(Matchers.startsWith("2026-03-01T09:30")))
                .andExpect(jsonPath("$.significant").value(true))
                .andExpect(jsonPath("$.controlIds[0]").value(c.id().toString()))
                .andExpect(jsonPath("$.controlRefs[0]").value("IR-01"))
                .andExpect(jsonPath("$.findingRefs[0]").value("F-7"))
                .andExpect(jsonPath("$.customerNotification.required").value(false))
                .andExpect(jsonPath("$.timeline").isEmpty())
                .andExpect(jsonPath("$.version").value(0));
    }

    @Test
    void validationNamesTheFieldsAndStoresNothing() throws Exception {
        create(Role.ADMIN, "{\"title\": \" \", \"severity\": \"HIGH\", \"controlIds\": [\"NOPE-1\"]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("title", "detectedAt",
                        "controlIds[0]")));
        create(Role.ADMIN, incident("Resolved without cause", "2026-03-01T09:30:00Z", false)
                .replace("{", "{\"status\": \"RESOLVED\", "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("rootCause"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("rootCause")));
        create(Role.ADMIN, incident("Bad severity", "2026-03-01T09:30:00Z", false).replace("HIGH", "SEVERE"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("severity"));
        assertThat(count(org.id())).isZero();
    }

    @Test
    void timelineEntriesAreAppendedInTimeOrder() throws Exception {
        String id = created(incident("Outage", "2026-03-01T09:30:00Z", false)).get("id").asString();
        entry(Role.COMPLIANCE_MANAGER, org, id, "{\"at\": \"2026-03-01T11:00:00Z\", \"text\": \"Service restored\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.text").value("Service restored"))
                .andExpect(jsonPath("$.recordedBy").value(org.user(Role.COMPLIANCE_MANAGER).userId().toString()));
        entry(Role.ADMIN, org, id, "{\"at\": \"2026-03-01T09:35:00Z\", \"text\": \"Paged on-call\"}")
                .andExpect(status().isCreated());
        entry(Role.ADMIN, org, id, "{\"text\": \"\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("at", "text")));
        mvc.perform(get("/api/v1/incidents/" + id).header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(jsonPath("$.timeline[*].text", Matchers.contains("Paged on-call", "Service restored")))
                .andExpect(jsonPath("$.version").value(0));
    }

    @Test
    void significantIncidentsOfAPeriodAreListed() throws Exception {
        created(incident("In period, significant", "2026-06-30T23:59:00Z", true));
        created(incident("In period, minor", "2026-03-01T00:00:00Z", false));
        created(incident("Before period", "2025-12-31T23:59:59Z", true));
        created(incident("Start of period", "2026-01-01T00:00:00Z", true));
        mvc.perform(get("/api/v1/incidents/significant").param("from", "2026-01-01").param("to", "2026-06-30")
                        .header("Authorization", org.bearer(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].title", Matchers.contains("Start of period", "In period, significant")));
        assertThat(incidents.significantIncidents(org.id(), LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31)))
                .isEmpty();
        mvc.perform(get("/api/v1/incidents/significant").param("from", "2026-06-30").param("to", "2026-01-01")
                        .header("Authorization", org.bearer(Role.ADMIN)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("to"));
        mvc.perform(get("/api/v1/incidents/significant").header("Authorization", org.bearer(Role.ADMIN)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("from", "to")));
        mvc.perform(get("/api/v1/incidents").param("significant", "true").param("severity", "HIGH")
                        .header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(jsonPath("$", Matchers.hasSize(3)));
    }

    @Test
    void updateResolvesWithARootCauseAndRejectsAStaleVersion() throws Exception {
        String id = created(incident("Outage", "2026-03-01T09:30:00Z", false)).get("id").asString();
        String resolved = incident("Outage", "2026-03-01T09:30:00Z", true).replace("{", """
                {"version": 0, "status": "RESOLVED", "rootCause": "Expired certificate",
                 "customerNotification": {"required": true, "notifiedAt": "2026-03-01T12:00:00Z", "how": "status page"}, """);
        mvc.perform(put("/api/v1/incidents/" + id).header("Authorization", org.bearer(Role.COMPLIANCE_MANAGER))
                        .contentType(MediaType.APPLICATION_JSON).content(resolved))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RESOLVED"))
                .andExpect(jsonPath("$.ref").value("INC-1"))
                .andExpect(jsonPath("$.customerNotification.how").value("status page"))
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(put("/api/v1/incidents/" + id).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(resolved))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("version"));
        mvc.perform(put("/api/v1/incidents/" + id).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(incident("x", "2026-03-01T09:30:00Z", false)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
        String got = mvc.perform(get("/api/v1/incidents/" + id).header("Authorization", org.bearer(Role.ADMIN)))
                .andReturn().getResponse().getContentAsString();
        mvc.perform(put("/api/v1/incidents/" + id).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(got))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.rootCause").value("Expired certificate"));
    }

    @Test
    void changesAreRecordedInTheActivityLog() throws Exception {
        String id = created(incident("Outage", "2026-03-01T09:30:00Z", false)).get("id").asString();
        mvc.perform(put("/api/v1/incidents/" + id).header("Authorization", org.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .content(incident("Major outage", "2026-03-01T09:30:00Z", true).replace("{", "{\"version\": 0, ")))
                .andExpect(status().isOk());
        entry(Role.ADMIN, org, id, "{\"at\": \"2026-03-01T10:00:00Z\", \"text\": \"Failover started\"}")
                .andExpect(status().isCreated());
        List<ActivityEntry> log = activity.recent(org.id(), "incident", id, 10);
        assertThat(log).extracting(ActivityEntry::action).containsExactly("timeline-entry-added", "updated", "created");
        assertThat(log.get(0).after()).contains("Failover started");
        assertThat(log.get(1).before()).contains("\"Outage\"");
        assertThat(log.get(1).after()).contains("Major outage");
        assertThat(log.get(2).before()).isNull();
        assertThat(activity.verify(org.id()).ok()).isTrue();
    }

    @Test
    void everyEndpointFollowsTheRoleMatrix() throws Exception {
        String id = created(incident("Outage", "2026-03-01T09:30:00Z", true)).get("id").asString();
        for (Role role : TestOrg.ROLES) {
            int read = role.can(Permission.CONTROL_READ) ? 200 : 403;
            boolean writer = role.can(Permission.ENGAGEMENT_WRITE);
            mvc.perform(get("/api/v1/incidents").header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            mvc.perform(get("/api/v1/incidents/" + id).header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            mvc.perform(get("/api/v1/incidents/significant").param("from", "2026-01-01").param("to", "2026-12-31")
                    .header("Authorization", org.bearer(role))).andExpect(status().is(read));
            create(role, incident("By " + role, "2026-03-02T09:30:00Z", false))
                    .andExpect(status().is(writer ? 201 : 403));
            long version = incidents.get(org.admin(), UUID.fromString(id)).version();
            mvc.perform(put("/api/v1/incidents/" + id).header("Authorization", org.bearer(role))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(incident("Edited by " + role, "2026-03-01T09:30:00Z", true)
                                    .replace("{", "{\"version\": " + version + ", ")))
                    .andExpect(status().is(writer ? 200 : 403));
            entry(role, org, id, "{\"at\": \"2026-03-01T10:00:00Z\", \"text\": \"By " + role + "\"}")
                    .andExpect(status().is(writer ? 201 : 403));
        }
        long writers = TestOrg.ROLES.stream().filter(r -> r.can(Permission.ENGAGEMENT_WRITE)).count();
        assertThat(writers).isPositive().isLessThan(TestOrg.ROLES.size());
        assertThat(count(org.id())).isEqualTo(1 + writers);
        assertThat(incidents.get(org.admin(), UUID.fromString(id)).timeline()).hasSize((int) writers);
        mvc.perform(get("/api/v1/incidents")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON)
                .content(incident("x", "2026-03-01T09:30:00Z", false))).andExpect(status().isUnauthorized());
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorChangeTheIncident() throws Exception {
        String id = created(incident("Outage", "2026-03-01T09:30:00Z", true)).get("id").asString();
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get("/api/v1/incidents/" + id).header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/incidents/" + id).header("Authorization", other.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(incident("Hijacked", "2026-03-01T09:30:00Z", true).replace("{", "{\"version\": 0, ")))
                .andExpect(status().isNotFound());
        entry(Role.ADMIN, other, id, "{\"at\": \"2026-03-01T10:00:00Z\", \"text\": \"x\"}")
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/incidents").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(jsonPath("$[*].id", Matchers.not(Matchers.hasItem(id))));
        mvc.perform(get("/api/v1/incidents/significant").param("from", "2026-01-01").param("to", "2026-12-31")
                        .header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(jsonPath("$").isEmpty());
        // org B cannot link org A's control
        Control mine = control("IR-01");
        mvc.perform(post("/api/v1/incidents").header("Authorization", other.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(incident("x", "2026-03-01T09:30:00Z", false)
                                .replace("{", "{\"controlIds\": [\"" + mine.id() + "\"], ")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("controlIds[0]"));
        assertThat(incidents.get(org.admin(), UUID.fromString(id)).title()).isEqualTo("Outage");
        assertThat(incidents.get(org.admin(), UUID.fromString(id)).timeline()).isEmpty();
        assertThat(activity.recent(other.id(), "incident", null, 10)).isEmpty();
    }
}
