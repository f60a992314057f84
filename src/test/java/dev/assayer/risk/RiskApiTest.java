package dev.assayer.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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
import dev.assayer.control.Nature;
import dev.assayer.identity.IdentityService;
import dev.assayer.risk.internal.StarterRisks;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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

class RiskApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired RiskService risks;
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

    static String risk(String title) {
        return """
                {"title": "%s", "category": "FRAUD", "threat": "Social engineering of payroll staff",
                 "vulnerability": "Bank details changed without call-back", "affectedAssets": "Payee master data",
                 "soc2Categories": ["processing_integrity", "SECURITY"], "inherentLikelihood": 4, "inherentImpact": 5,
                 "residualLikelihood": 2, "residualImpact": 4, "treatment": "MITIGATE"}""".formatted(title);
    }

    Control control(String ref) {
        return controls.create(org.admin(), new ControlDraft(ref, "Control " + ref, null, null, Nature.MANUAL,
                ControlKind.PREVENTIVE, Frequency.QUARTERLY, false, null, List.of(), List.of()));
    }

    ResultActions create(TestOrg o, Role role, String body) throws Exception {
        return mvc.perform(post("/api/v1/risks").header("Authorization", o.bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    JsonNode created(String body) throws Exception {
        return json.readTree(create(org, Role.ADMIN, body).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString());
    }

    ResultActions putRisk(TestOrg o, Role role, String id, String body) throws Exception {
        return mvc.perform(put("/api/v1/risks/" + id).header("Authorization", o.bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    static String withVersion(String body, long version) {
        return body.replaceFirst("\\{", "{\"version\": " + version + ", ");
    }

    long count(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM risk WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    @Test
    void createsARiskWithScoresRatingsAndARef() throws Exception {
        create(org, Role.COMPLIANCE_MANAGER, risk("Payment redirection"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/v1/risks/")))
                .andExpect(jsonPath("$.ref").value("R-001"))
                .andExpect(jsonPath("$.category").value("FRAUD"))
                .andExpect(jsonPath("$.soc2Categories").value(Matchers.contains("SECURITY", "PROCESSING_INTEGRITY")))
                .andExpect(jsonPath("$.inherent.score").value(20))
                .andExpect(jsonPath("$.inherent.rating").value("CRITICAL"))
                .andExpect(jsonPath("$.residual.score").value(8))
                .andExpect(jsonPath("$.residual.rating").value("MEDIUM"))
                .andExpect(jsonPath("$.flags").value(Matchers.contains("NO_MITIGATING_CONTROL")))
                .andExpect(jsonPath("$.version").value(0));
        create(org, Role.ADMIN, risk("Second")).andExpect(jsonPath("$.ref").value("R-002"));
    }

    @Test
    void validationErrorsNameTheFieldAndStoreNothing() throws Exception {
        create(org, Role.ADMIN, risk("Too likely").replace("\"inherentLikelihood\": 4", "\"inherentLikelihood\": 6"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("inherentLikelihood"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("inherentLikelihood")));
        create(org, Role.ADMIN, risk("Accepted").replace("MITIGATE", "ACCEPT"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("acceptanceApproverId",
                        "acceptanceReason", "acceptanceExpires")));
        create(org, Role.ADMIN, risk("Unknown control").replace("\"treatment\"", "\"controls\": [\"NOPE-99\"], \"treatment\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("controls[0]"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("NOPE-99")));
        create(org, Role.ADMIN, risk("Bad enum").replace("\"FRAUD\"", "\"GOSSIP\""))
                .andExpect(status().isBadRequest());
        assertThat(count(org.id())).isZero();
    }

    @Test
    void acceptanceNeedsAnApproverOtherThanTheOwnerAndExpiredOnesAreFlagged() throws Exception {
        UUID owner = org.user(Role.CONTROL_OWNER).userId();
        UUID approver = org.user(Role.COMPLIANCE_MANAGER).userId();
        String accepted = risk("Accepted").replace("\"treatment\": \"MITIGATE\"", """
                "treatment": "ACCEPT", "ownerId": "%s", "acceptanceApproverId": "%s",
                "acceptanceReason": "Cost exceeds benefit", "acceptanceExpires": "2020-01-31\"""".formatted(owner, "%s"));
        create(org, Role.ADMIN, accepted.formatted(owner))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("acceptanceApproverId"));
        create(org, Role.ADMIN, accepted.formatted(approver))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.acceptanceApproverId").value(approver.toString()))
                .andExpect(jsonPath("$.flags").value(Matchers.contains("ACCEPTANCE_EXPIRED")));
        TestOrg other = TestOrg.create(identity);
        create(org, Role.ADMIN, accepted.formatted(other.admin().userId()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("acceptanceApproverId"));
    }

    @Test
    void updateLinksControlsByRefAndRejectsAStaleVersion() throws Exception {
        Control c1 = control("AC-01");
        control("CHG-02");
        JsonNode r = created(risk("Payment redirection"));
        String id = r.get("id").asString();
        String body = withVersion(risk("Renamed").replace("\"treatment\"",
                "\"controls\": [\"CHG-02\", \"" + c1.id() + "\"], \"treatment\""), 0);
        putRisk(org, Role.COMPLIANCE_MANAGER, id, body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Renamed"))
                .andExpect(jsonPath("$.ref").value("R-001"))
                .andExpect(jsonPath("$.controlRefs").value(Matchers.contains("CHG-02", "AC-01")))
                .andExpect(jsonPath("$.flags").isEmpty())
                .andExpect(jsonPath("$.version").value(1));
        putRisk(org, Role.ADMIN, id, body)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("version"));
        putRisk(org, Role.ADMIN, id, risk("No version")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
        assertThat(risks.get(org.admin(), UUID.fromString(id)).title()).isEqualTo("Renamed");
        List<ActivityEntry> log = activity.recent(org.id(), "risk", id, 10);
        assertThat(log).extracting(ActivityEntry::action).containsExactly("updated", "created");
        assertThat(log.get(0).before()).contains("Payment redirection");
        assertThat(log.get(0).after()).contains("Renamed");
    }

    @Test
    void theWholeGetResponseCanBeSentBackAsAPut() throws Exception {
        control("AC-01");
        String id = created(risk("Round trip").replace("\"treatment\"", "\"controls\": [\"AC-01\"], \"treatment\""))
                .get("id").asString();
        String got = mvc.perform(get("/api/v1/risks/" + id).header("Authorization", org.bearer(Role.ADMIN)))
                .andReturn().getResponse().getContentAsString();
        putRisk(org, Role.ADMIN, id, got)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.controlRefs").value(Matchers.contains("AC-01")));
    }

    @Test
    void starterAdoptionIsIdempotentAndLinksOnlyExistingControls() throws Exception {
        control("RSK-03");
        mvc.perform(post("/api/v1/risks/adopt-starter").header("Authorization", org.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.adopted").value(StarterRisks.risks().size()));
        assertThat(count(org.id())).isEqualTo(StarterRisks.risks().size());
        mvc.perform(post("/api/v1/risks/adopt-starter").header("Authorization", org.bearer(Role.COMPLIANCE_MANAGER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.adopted").value(0))
                .andExpect(jsonPath("$.total").value(StarterRisks.risks().size()));
        List<Risk> all = risks.list(org.admin());
        assertThat(all).extracting(Risk::ref).doesNotHaveDuplicates().contains("R-001", "R-040");
        Risk fraud = all.stream().filter(r -> "SR-22".equals(r.starterKey())).findFirst().orElseThrow();
        assertThat(fraud.controlRefs()).containsExactly("RSK-03");
        assertThat(fraud.flags()).isEmpty();
        long unmitigated = all.stream().filter(r -> r.flags().contains(RiskFlag.NO_MITIGATING_CONTROL)).count();
        assertThat(risks.posture(org.id(), LocalDate.now(ZoneOffset.UTC)).mitigatedWithoutControls())
                .hasSize((int) unmitigated);
    }

    @Test
    void heatMapSvgCountsTheRegister() throws Exception {
        created(risk("One"));
        created(risk("Two"));
        mvc.perform(get("/api/v1/risks/heatmap.svg?kind=inherent").header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.startsWith("image/svg+xml")))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("<title id=\"heatmap-inherent-title\">"
                        + "Inherent risk heat map</title>"), Matchers.containsString(
                        "data-likelihood=\"4\" data-impact=\"5\" data-count=\"2\""))));
        mvc.perform(get("/api/v1/risks/heatmap.svg?kind=residual").header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(
                        "data-likelihood=\"2\" data-impact=\"4\" data-count=\"2\"")));
        mvc.perform(get("/api/v1/risks/heatmap.svg?kind=sideways").header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("kind"));
    }

    @Test
    void approvingAnAssessmentStoresAnImmutableHashedSnapshot() throws Exception {
        created(risk("Payment redirection"));
        assertThat(risks.posture(org.id(), LocalDate.now(ZoneOffset.UTC)).stale()).isTrue();
        String res = mvc.perform(post("/api/v1/risk-assessments").header("Authorization", org.bearer(Role.COMPLIANCE_MANAGER))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"Annual risk assessment\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.title").value("Annual risk assessment"))
                .andExpect(jsonPath("$.asOf").value(LocalDate.now(ZoneOffset.UTC).toString()))
                .andExpect(jsonPath("$.approvedById").value(org.user(Role.COMPLIANCE_MANAGER).userId().toString()))
                .andExpect(jsonPath("$.riskCount").value(1))
                .andExpect(jsonPath("$.snapshot.risks[0].ref").value("R-001"))
                .andExpect(jsonPath("$.snapshot.risks[0].inherent.rating").value("CRITICAL"))
                .andReturn().getResponse().getContentAsString();
        String id = json.readTree(res).get("id").asString();
        Map<String, Object> row = jdbc.sql("SELECT snapshot_json, snapshot_sha256 FROM risk_assessment WHERE id = ?")
                .param(UUID.fromString(id)).query().singleRow();
        assertThat(Hashing.sha256Hex((String) row.get("snapshot_json"))).isEqualTo(row.get("snapshot_sha256"));
        assertThat(json.readTree(res).get("sha256").asString()).isEqualTo(row.get("snapshot_sha256"));
        // later register changes do not touch the approved snapshot
        created(risk("Added later"));
        mvc.perform(get("/api/v1/risk-assessments/" + id).header("Authorization", org.bearer(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.riskCount").value(1))
                .andExpect(jsonPath("$.snapshot.risks", Matchers.hasSize(1)))
                .andExpect(jsonPath("$.sha256").value(row.get("snapshot_sha256")));
        RiskPosture posture = risks.posture(org.id(), LocalDate.now(ZoneOffset.UTC));
        assertThat(posture.stale()).isFalse();
        assertThat(posture.latestAssessment()).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThat(posture.mitigatedWithoutControls()).hasSize(2);
        assertThat(posture.gapCount()).isEqualTo(2);
        assertThat(risks.posture(org.id(), LocalDate.now(ZoneOffset.UTC).plusMonths(13)).stale()).isTrue();
        assertThat(risks.latestAssessment(org.id())).map(a -> a.id().toString()).contains(id);
        assertThat(activity.recent(org.id(), "risk_assessment", id, 5)).extracting(ActivityEntry::action)
                .containsExactly("approved");
    }

    @Test
    void everyEndpointFollowsTheRoleMatrix() throws Exception {
        String id = created(risk("Matrix")).get("id").asString();
        String assessment = json.readTree(mvc.perform(post("/api/v1/risk-assessments")
                        .header("Authorization", org.bearer(Role.ADMIN))).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        for (Role role : TestOrg.ROLES) {
            int read = role.can(Permission.CONTROL_READ) ? 200 : 403;
            boolean writes = role.can(Permission.ENGAGEMENT_WRITE);
            mvc.perform(get("/api/v1/risks").header("Authorization", org.bearer(role))).andExpect(status().is(read));
            mvc.perform(get("/api/v1/risks/" + id).header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            mvc.perform(get("/api/v1/risks/heatmap.svg").header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            mvc.perform(get("/api/v1/risk-assessments").header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            mvc.perform(get("/api/v1/risk-assessments/" + assessment).header("Authorization", org.bearer(role)))
                    .andExpect(status().is(read));
            create(org, role, risk("By " + role)).andExpect(status().is(writes ? 201 : 403));
            long version = risks.get(org.admin(), UUID.fromString(id)).version();
            putRisk(org, role, id, withVersion(risk("Edited by " + role), version))
                    .andExpect(status().is(writes ? 200 : 403));
            mvc.perform(post("/api/v1/risks/adopt-starter").header("Authorization", org.bearer(role)))
                    .andExpect(status().is(writes ? 200 : 403));
            mvc.perform(post("/api/v1/risk-assessments").header("Authorization", org.bearer(role))
                    .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().is(writes ? 201 : 403));
        }
        long writers = TestOrg.ROLES.stream().filter(r -> r.can(Permission.ENGAGEMENT_WRITE)).count();
        assertThat(count(org.id())).isEqualTo(1 + writers + StarterRisks.risks().size());
        assertThat(risks.assessments(org.admin())).hasSize((int) (1 + writers));
        mvc.perform(get("/api/v1/risks")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/risk-assessments")).andExpect(status().isUnauthorized());
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorChangeRisksOrAssessments() throws Exception {
        String id = created(risk("Secret risk")).get("id").asString();
        String assessment = risks.approveAssessment(org.admin(), "Org A assessment").id().toString();
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get("/api/v1/risks/" + id).header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        putRisk(other, Role.ADMIN, id, withVersion(risk("Hijacked"), 0)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/risk-assessments/" + assessment).header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/risks").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", Matchers.not(Matchers.hasItem(id))));
        mvc.perform(get("/api/v1/risk-assessments").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", Matchers.not(Matchers.hasItem(assessment))));
        mvc.perform(get("/api/v1/risks/heatmap.svg").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(content().string(Matchers.containsString("0 risks by likelihood")));
        // a control of org B cannot be linked to a risk of org A, and vice versa
        var foreign = controls.create(other.admin(), new ControlDraft("AC-77", "B's control", null, null, Nature.MANUAL,
                ControlKind.PREVENTIVE, Frequency.QUARTERLY, false, null, List.of(), List.of()));
        putRisk(org, Role.ADMIN, id, withVersion(risk("Link").replace("\"treatment\"",
                "\"controls\": [\"" + foreign.id() + "\"], \"treatment\""), 0))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("controls[0]"));
        assertThat(risks.get(org.admin(), UUID.fromString(id)).title()).isEqualTo("Secret risk");
        assertThat(risks.latestAssessment(other.id())).isEmpty();
        assertThat(risks.posture(other.id(), LocalDate.now(ZoneOffset.UTC)).mitigatedWithoutControls()).isEmpty();
        assertThat(activity.recent(other.id(), "risk", null, 10)).isEmpty();
    }
}
