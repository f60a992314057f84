package dev.assayer.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 4 §8 over the API: who raises, reads, answers, moves and closes findings on both sides;
 * independence (neither side changes the other's part); isolation between clients and firms.
 */
class FindingApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired FindingService findings;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();

    /** The audited period: six months that started five months ago (so the firm's access is open). */
    static final LocalDate START = LocalDate.now().minusMonths(5).withDayOfMonth(1);

    TestOrg client;
    TestFirm firm;
    Engagement audited;
    TestFirm.Inside in;
    Control access04;

    @BeforeEach
    void setUp() {
        client = TestOrg.create(identity);
        firm = TestFirm.create(identity);
        audited = engagement(client, "SOC 2 Type II");
        in = firm.inside(identity, access, client, audited.id());
        access04 = controls.create(client.admin(), new ControlDraft("AC-04", "Leavers lose access within 3 days", null,
                null, Nature.MANUAL, ControlKind.PREVENTIVE, Frequency.DAILY, true, ImplementationStatus.IMPLEMENTED,
                List.of("CC6.2"), List.of()));
    }

    Engagement engagement(TestOrg o, String name) {
        return engagements.create(o.admin(), new EngagementDraft(name, Framework.SOC2, ReportType.TYPE2, null, START,
                START.plusMonths(6).minusDays(1), List.of(), null, null, null, null, null, null));
    }

    static String deviationFinding(UUID deviationId) {
        return """
                {"title": "Leaver kept access for 9 days", "description": "1 of 25 sampled leavers kept VPN access 9 days",
                 "severity": "MEDIUM", "controlIds": ["AC-04"], "criteria": ["CC6.2"],
                 "source": {"type": "DEVIATION", "id": "%s", "ref": "Deviation 1 in test of AC-04, item HR-118"}}"""
                .formatted(deviationId);
    }

    static String internalFinding() {
        return """
                {"title": "No owner for CC7.2 monitoring", "description": "Readiness shows CC7.2 without an owner",
                 "severity": "LOW", "criteria": ["CC7.2"], "source": {"type": "READINESS_GAP", "ref": "CC7.2: no owner"}}""";
    }

    ResultActions send(MockHttpServletRequestBuilder req, String bearer, String body) throws Exception {
        req.header("Authorization", bearer);
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(req);
    }

    JsonNode body(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    /** An audit firm's finding raised by the firm's staff, as JSON. */
    JsonNode raisedByFirm() throws Exception {
        return body(send(post("/api/v1/engagements/{e}/findings", audited.id()), in.bearer(Role.AUDIT_STAFF),
                deviationFinding(UUID.randomUUID())).andExpect(status().isCreated()));
    }

    JsonNode read(String id, String bearer) throws Exception {
        return body(send(get("/api/v1/findings/{id}", id), bearer, null).andExpect(status().isOk()));
    }

    /** The finding as read, with some fields replaced: what a client sends back as a PUT. */
    String edited(JsonNode finding, String field, Object value) {
        ObjectNode copy = (ObjectNode) finding.deepCopy();
        copy.set(field, json.valueToTree(value));
        return copy.toString();
    }

    String edited(JsonNode finding, java.util.Map<String, Object> fields) {
        ObjectNode copy = (ObjectNode) finding.deepCopy();
        fields.forEach((k, v) -> copy.set(k, json.valueToTree(v)));
        return copy.toString();
    }

    ResultActions putFinding(String id, String bearer, String body) throws Exception {
        return send(put("/api/v1/findings/{id}", id), bearer, body);
    }

    ResultActions move(String id, String bearer, String body) throws Exception {
        return send(post("/api/v1/findings/{id}/status", id), bearer, body);
    }

    ResultActions retest(String id, String bearer, String result) throws Exception {
        return send(post("/api/v1/findings/{id}/retest", id), bearer, """
                {"testId": "%s", "testRef": "Re-test of AC-04, 10 leavers", "result": "%s", "note": "see workpaper"}"""
                .formatted(UUID.randomUUID(), result));
    }

    /** Client side: owner, due date and plan, then in remediation. Returns the finding as JSON. */
    JsonNode intoRemediation(String id) throws Exception {
        JsonNode f = read(id, client.bearer(Role.COMPLIANCE_MANAGER));
        putFinding(id, client.bearer(Role.COMPLIANCE_MANAGER), edited(f, java.util.Map.of(
                "ownerId", client.user(Role.CONTROL_OWNER).userId().toString(),
                "dueDate", LocalDate.now().plusDays(30).toString(),
                "correctiveActionPlan", "Automate deprovisioning from the HR system"))).andExpect(status().isOk());
        return body(move(id, client.bearer(Role.CONTROL_OWNER), "{\"to\": \"IN_REMEDIATION\"}").andExpect(status().isOk()));
    }

    // ------------------------------------------------------------------------------------ raising

    @Test
    void everyFirmRoleRaisesTheFirmsFindingFromADeviation() throws Exception {
        int n = 0;
        for (Role role : TestFirm.ROLES) {
            n++;
            send(post("/api/v1/engagements/{e}/findings", audited.id()), in.bearer(role), deviationFinding(UUID.randomUUID()))
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Location", Matchers.startsWith("/api/v1/findings/")))
                    .andExpect(jsonPath("$.ref").value("F-00" + n))
                    .andExpect(jsonPath("$.status").value("OPEN"))
                    .andExpect(jsonPath("$.firmId").value(firm.id().toString()))
                    .andExpect(jsonPath("$.firmName").value(firm.name()))
                    .andExpect(jsonPath("$.engagementId").value(audited.id().toString()))
                    .andExpect(jsonPath("$.source.type").value("DEVIATION"))
                    .andExpect(jsonPath("$.source.ref").value("Deviation 1 in test of AC-04, item HR-118"))
                    .andExpect(jsonPath("$.controlIds[0]").value(access04.id().toString()))
                    .andExpect(jsonPath("$.controlRefs[0]").value("AC-04"))
                    .andExpect(jsonPath("$.criteria[0]").value("CC6.2"))
                    .andExpect(jsonPath("$.history[0].to").value("OPEN"))
                    .andExpect(jsonPath("$.history[0].changedByLabel", Matchers.containsString(firm.name())))
                    .andExpect(jsonPath("$.version").value(0));
        }
        // the same deviation raises one finding only
        UUID deviation = UUID.randomUUID();
        send(post("/api/v1/findings"), in.bearer(Role.AUDIT_MANAGER), deviationFinding(deviation))
                .andExpect(status().isCreated());
        send(post("/api/v1/engagements/{e}/findings", audited.id()), in.bearer(Role.AUDIT_STAFF), deviationFinding(deviation))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail", Matchers.containsString("F-004")));
        assertThat(findings.fromSource(in.user(Role.AUDIT_STAFF), SourceType.DEVIATION, deviation))
                .extracting(Finding::ref).containsExactly("F-004");
        // owner and due date are the organization's
        send(post("/api/v1/engagements/{e}/findings", audited.id()), in.bearer(Role.AUDIT_STAFF),
                deviationFinding(UUID.randomUUID()).replace("{", "{\"dueDate\": \"2030-01-01\", "))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.errors[0].field").value("dueDate"));
    }

    @Test
    void onlyManagementRaisesTheOrganizationsOwnFindings() throws Exception {
        for (Role role : TestOrg.ROLES) {
            var res = send(post("/api/v1/findings"), client.bearer(role),
                    internalFinding().replace("{", "{\"engagementId\": \"" + audited.id() + "\", "));
            if (role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER) {
                res.andExpect(status().isCreated()).andExpect(jsonPath("$.firmId").doesNotExist())
                        .andExpect(jsonPath("$.source.type").value("READINESS_GAP"))
                        .andExpect(jsonPath("$.engagementId").value(audited.id().toString()));
            } else {
                res.andExpect(status().isForbidden());
            }
        }
        // a deviation is the firm's source; everything wrong is named at once and nothing is stored
        send(post("/api/v1/findings"), client.bearer(Role.ADMIN), """
                {"title": "", "severity": "MEDIUM", "controlIds": ["NOPE-1"], "criteria": ["XX1.1"],
                 "source": {"type": "DEVIATION", "ref": "Deviation 1"}}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("title", "description",
                        "source.type", "controls[0]", "criteria[0]")));
        send(post("/api/v1/findings"), client.bearer(Role.ADMIN), internalFinding().replace("LOW", "SEVERE"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("severity"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM finding WHERE org_id = ?").param(client.id()).query(Long.class).single())
                .isEqualTo(2);
        // the engagement must be the organization's
        TestOrg stranger = TestOrg.create(identity);
        send(post("/api/v1/engagements/{e}/findings", audited.id()), stranger.bearer(Role.ADMIN), internalFinding())
                .andExpect(status().isNotFound());
    }

    // ------------------------------------------------------------------------------------ reading

    @Test
    void clientMembersSeeAllFindingsAndAuditorsTheirEngagements() throws Exception {
        String firmFinding = raisedByFirm().get("id").asString();
        Engagement previous = engagement(client, "SOC 2 Type II previous");
        JsonNode internal = body(send(post("/api/v1/findings"), client.bearer(Role.ADMIN),
                internalFinding().replace("{", "{\"engagementId\": \"" + audited.id() + "\", ")));
        JsonNode elsewhere = body(send(post("/api/v1/engagements/{e}/findings", previous.id()), client.bearer(Role.ADMIN),
                internalFinding()));
        for (Role role : TestOrg.ROLES) {
            send(get("/api/v1/findings"), client.bearer(role), null).andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].id", Matchers.containsInAnyOrder(firmFinding, internal.get("id").asString(),
                            elsewhere.get("id").asString())));
            send(get("/api/v1/findings/{id}", firmFinding), client.bearer(role), null).andExpect(status().isOk());
        }
        send(get("/api/v1/engagements/{e}/findings", previous.id()), client.bearer(Role.VIEWER), null)
                .andExpect(jsonPath("$[*].id", Matchers.contains(elsewhere.get("id").asString())));
        for (Role role : TestFirm.ROLES) {
            String bearer = in.bearer(role);
            send(get("/api/v1/findings"), bearer, null).andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].id", Matchers.containsInAnyOrder(firmFinding, internal.get("id").asString())));
            send(get("/api/v1/engagements/{e}/findings", audited.id()), bearer, null).andExpect(status().isOk())
                    .andExpect(jsonPath("$", Matchers.hasSize(2)));
            send(get("/api/v1/engagements/{e}/findings", previous.id()), bearer, null).andExpect(status().isNotFound());
            send(get("/api/v1/findings/{id}", elsewhere.get("id").asString()), bearer, null)
                    .andExpect(status().isNotFound());
        }
    }

    @Test
    void anotherClientAndAnotherFirmGetNotFound() throws Exception {
        String firmFinding = raisedByFirm().get("id").asString();
        String internal = body(send(post("/api/v1/engagements/{e}/findings", audited.id()), client.bearer(Role.ADMIN),
                internalFinding())).get("id").asString();
        TestOrg stranger = TestOrg.create(identity);
        for (String id : List.of(firmFinding, internal)) {
            JsonNode f = read(id, client.bearer(Role.ADMIN));
            send(get("/api/v1/findings/{id}", id), stranger.bearer(Role.ADMIN), null).andExpect(status().isNotFound());
            putFinding(id, stranger.bearer(Role.ADMIN), edited(f, "rootCause", "x")).andExpect(status().isNotFound());
            move(id, stranger.bearer(Role.ADMIN), "{\"to\": \"IN_REMEDIATION\"}").andExpect(status().isNotFound());
            send(post("/api/v1/findings/{id}/actions", id), stranger.bearer(Role.ADMIN), "{\"description\": \"x\"}")
                    .andExpect(status().isNotFound());
            retest(id, stranger.bearer(Role.ADMIN), "PASS").andExpect(status().isNotFound());
        }
        send(get("/api/v1/findings"), stranger.bearer(Role.ADMIN), null).andExpect(jsonPath("$").isEmpty());
        send(get("/api/v1/engagements/{e}/findings", audited.id()), stranger.bearer(Role.ADMIN), null)
                .andExpect(status().isNotFound());

        // a second firm on the same engagement sees the organization's finding, not the first firm's
        TestFirm rival = TestFirm.create(identity);
        TestFirm.Inside rivalIn = rival.inside(identity, access, client, audited.id());
        send(get("/api/v1/findings/{id}", firmFinding), rivalIn.bearer(Role.AUDIT_PARTNER), null)
                .andExpect(status().isNotFound());
        retest(firmFinding, rivalIn.bearer(Role.AUDIT_PARTNER), "PASS").andExpect(status().isNotFound());
        send(get("/api/v1/findings"), rivalIn.bearer(Role.AUDIT_STAFF), null)
                .andExpect(jsonPath("$[*].id", Matchers.contains(internal)));
        // the first firm inside another engagement of the client sees neither
        Engagement next = engagement(client, "SOC 2 Type II next");
        TestFirm.Inside elsewhere = firm.inside(identity, access, client, next.id());
        send(get("/api/v1/findings/{id}", firmFinding), elsewhere.bearer(Role.AUDIT_MANAGER), null)
                .andExpect(status().isNotFound());
        send(get("/api/v1/findings/{id}", internal), elsewhere.bearer(Role.AUDIT_MANAGER), null)
                .andExpect(status().isNotFound());
    }

    // ---------------------------------------------------------------------------- independence

    @Test
    void theClientAnswersButNeverChangesTheAuditorsAssessment() throws Exception {
        JsonNode f = raisedByFirm();
        String id = f.get("id").asString();
        // severity, description: the firm's
        putFinding(id, client.bearer(Role.ADMIN), edited(f, java.util.Map.of("severity", "LOW",
                "description", "Not a real issue"))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("severity", "description")));
        // the firm's finding cannot be closed by the client, nor re-tested
        move(id, client.bearer(Role.ADMIN), "{\"to\": \"CLOSED\", \"note\": \"fixed\"}").andExpect(status().isForbidden());
        retest(id, client.bearer(Role.ADMIN), "PASS").andExpect(status().isForbidden());
        assertThat(read(id, client.bearer(Role.ADMIN)).get("severity").asString()).isEqualTo("MEDIUM");
        // the response is the client's: each role that may respond
        for (Role role : TestOrg.ROLES) {
            JsonNode current = read(id, client.bearer(role));
            var res = putFinding(id, client.bearer(role), edited(current, "rootCause", "Manual ticket by " + role));
            if (role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER || role == Role.CONTROL_OWNER) {
                res.andExpect(status().isOk()).andExpect(jsonPath("$.rootCause").value("Manual ticket by " + role))
                        .andExpect(jsonPath("$.severity").value("MEDIUM"));
            } else {
                res.andExpect(status().isForbidden());
            }
        }
    }

    @Test
    void theAuditorChangesItsAssessmentButNeverTheClientsResponse() throws Exception {
        JsonNode f = raisedByFirm();
        String id = f.get("id").asString();
        JsonNode remediating = intoRemediation(id);
        // the firm changes its own assessment (sending the client's part back unchanged is fine)
        JsonNode after = body(putFinding(id, in.bearer(Role.AUDIT_MANAGER), edited(remediating, "severity", "HIGH"))
                .andExpect(status().isOk()));
        assertThat(after.get("severity").asString()).isEqualTo("HIGH");
        assertThat(after.get("correctiveActionPlan").asString()).isEqualTo("Automate deprovisioning from the HR system");
        // but not the client's plan, owner, or actions, nor the status
        putFinding(id, in.bearer(Role.AUDIT_PARTNER), edited(after, "correctiveActionPlan", "Do it properly"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.errors[0].field").value("correctiveActionPlan"));
        for (Role role : TestFirm.ROLES) {
            send(post("/api/v1/findings/{id}/actions", id), in.bearer(role), "{\"description\": \"Auditor's idea\"}")
                    .andExpect(status().isForbidden());
            move(id, in.bearer(role), "{\"to\": \"READY_FOR_RETEST\"}").andExpect(status().isForbidden());
            move(id, in.bearer(role), "{\"to\": \"RISK_ACCEPTED\", \"note\": \"fine\", \"approverId\": \""
                    + client.admin().userId() + "\"}").andExpect(status().isForbidden());
        }
        String actionId = body(send(post("/api/v1/findings/{id}/actions", id), client.bearer(Role.CONTROL_OWNER),
                "{\"description\": \"Connect HR leavers feed to the IdP\"}").andExpect(status().isCreated()))
                .get("id").asString();
        send(post("/api/v1/findings/{id}/actions/{a}/done", id, actionId), in.bearer(Role.AUDIT_STAFF), "{}")
                .andExpect(status().isForbidden());
        assertThat(read(id, client.bearer(Role.ADMIN)).get("actions").get(0).get("doneOn").isNull()).isTrue();
        // there is nothing to delete on either side
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/findings/{id}", id)
                .header("Authorization", client.bearer(Role.ADMIN))).andExpect(status().is4xxClientError());
        assertThat(read(id, client.bearer(Role.ADMIN)).get("actions")).hasSize(1);
    }

    @Test
    void theOrganizationsOwnFindingIsReadOnlyForTheAuditor() throws Exception {
        JsonNode f = body(send(post("/api/v1/engagements/{e}/findings", audited.id()), client.bearer(Role.COMPLIANCE_MANAGER),
                internalFinding()).andExpect(status().isCreated()));
        String id = f.get("id").asString();
        putFinding(id, in.bearer(Role.AUDIT_PARTNER), edited(f, "severity", "HIGH")).andExpect(status().isForbidden());
        send(post("/api/v1/findings/{id}/actions", id), in.bearer(Role.AUDIT_PARTNER), "{\"description\": \"x\"}")
                .andExpect(status().isForbidden());
        // only management works on an internal finding: the control owner may not
        putFinding(id, client.bearer(Role.CONTROL_OWNER), edited(f, "rootCause", "x")).andExpect(status().isForbidden());
        putFinding(id, client.bearer(Role.COMPLIANCE_MANAGER), edited(f, "severity", "HIGH")).andExpect(status().isOk());
    }

    // ---------------------------------------------------------------------------------- lifecycle

    @Test
    void aFirmsFindingIsRemediatedReTestedAndClosedByTheFirm() throws Exception {
        String id = raisedByFirm().get("id").asString();
        // remediation needs owner, due date and plan
        move(id, client.bearer(Role.CONTROL_OWNER), "{\"to\": \"IN_REMEDIATION\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("ownerId", "dueDate",
                        "correctiveActionPlan")));
        intoRemediation(id);
        String action = body(send(post("/api/v1/findings/{id}/actions", id), client.bearer(Role.COMPLIANCE_MANAGER), """
                {"description": "Connect HR leavers feed to the IdP", "ownerId": "%s", "dueDate": "%s"}"""
                .formatted(client.user(Role.CONTROL_OWNER).userId(), LocalDate.now().plusDays(20)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.number").value(1))
                .andExpect(jsonPath("$.ownerName").value(client.user(Role.CONTROL_OWNER).name()))).get("id").asString();
        // not ready while an action is open or the root cause is missing
        move(id, client.bearer(Role.CONTROL_OWNER), "{\"to\": \"READY_FOR_RETEST\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("rootCause", "actions")));
        // a re-test before the client is ready is refused
        retest(id, in.bearer(Role.AUDIT_STAFF), "PASS").andExpect(status().isConflict());
        send(post("/api/v1/findings/{id}/actions/{a}/done", id, action), client.bearer(Role.CONTROL_OWNER),
                "{\"doneOn\": \"" + LocalDate.now().plusDays(1) + "\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("doneOn"));
        send(post("/api/v1/findings/{id}/actions/{a}/done", id, action), client.bearer(Role.CONTROL_OWNER),
                "{\"note\": \"Feed live since Monday\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.doneOn").value(LocalDate.now().toString()))
                .andExpect(jsonPath("$.doneByLabel", Matchers.containsString(client.user(Role.CONTROL_OWNER).email())));
        send(post("/api/v1/findings/{id}/actions/{a}/done", id, action), client.bearer(Role.CONTROL_OWNER), "{}")
                .andExpect(status().isConflict());
        JsonNode f = read(id, client.bearer(Role.CONTROL_OWNER));
        putFinding(id, client.bearer(Role.CONTROL_OWNER), edited(f, "rootCause", "Deprovisioning relied on an e-mail"))
                .andExpect(status().isOk());
        move(id, client.bearer(Role.CONTROL_OWNER), "{\"to\": \"READY_FOR_RETEST\", \"note\": \"Feed live\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("READY_FOR_RETEST"));
        // a failing re-test sends it back; a passing one closes it
        retest(id, in.bearer(Role.AUDIT_STAFF), "FAIL").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("IN_REMEDIATION"))
                .andExpect(jsonPath("$.retests[0].result").value("FAIL"))
                .andExpect(jsonPath("$.retests[0].firmId").value(firm.id().toString()));
        move(id, client.bearer(Role.ADMIN), "{\"to\": \"READY_FOR_RETEST\"}").andExpect(status().isOk());
        send(post("/api/v1/findings/{id}/retest", id), in.bearer(Role.AUDIT_MANAGER), "{\"result\": \"PASS\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("testId", "testRef")));
        JsonNode closed = body(retest(id, in.bearer(Role.AUDIT_MANAGER), "PASS").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CLOSED")));
        assertThat(closed.get("history")).extracting(h -> h.get("to").asString()).containsExactly("OPEN",
                "IN_REMEDIATION", "READY_FOR_RETEST", "IN_REMEDIATION", "READY_FOR_RETEST", "CLOSED");
        assertThat(closed.get("history").get(5).get("from").asString()).isEqualTo("READY_FOR_RETEST");
        assertThat(closed.get("history").get(5).get("changedByLabel").asString()).contains(firm.name());
        // a closed finding changes no more, on either side
        putFinding(id, client.bearer(Role.ADMIN), edited(closed, "rootCause", "other")).andExpect(status().isConflict());
        putFinding(id, in.bearer(Role.AUDIT_MANAGER), edited(closed, "severity", "LOW")).andExpect(status().isConflict());
        move(id, client.bearer(Role.ADMIN), "{\"to\": \"IN_REMEDIATION\", \"note\": \"again\"}")
                .andExpect(status().isConflict());
        List<String> logged = jdbc.sql("SELECT action FROM activity_entry WHERE org_id = ? AND entity_type = 'finding' "
                + "AND entity_id = ? ORDER BY seq").params(client.id(), id).query(String.class).list();
        assertThat(logged).containsSubsequence("raised", "updated", "status-changed", "action-added", "action-done",
                "status-changed", "retest-recorded", "retest-recorded");
    }

    @Test
    void theOrganizationClosesItsOwnFindingWithAVerificationNote() throws Exception {
        JsonNode f = body(send(post("/api/v1/findings"), client.bearer(Role.COMPLIANCE_MANAGER), internalFinding()));
        String id = f.get("id").asString();
        putFinding(id, client.bearer(Role.COMPLIANCE_MANAGER), edited(f, java.util.Map.of(
                "ownerId", client.user(Role.COMPLIANCE_MANAGER).userId().toString(), "dueDate",
                LocalDate.now().plusDays(10).toString(), "correctiveActionPlan", "Assign an owner",
                "rootCause", "Nobody was asked"))).andExpect(status().isOk());
        move(id, client.bearer(Role.COMPLIANCE_MANAGER), "{\"to\": \"IN_REMEDIATION\"}").andExpect(status().isOk());
        move(id, client.bearer(Role.COMPLIANCE_MANAGER), "{\"to\": \"READY_FOR_RETEST\"}").andExpect(status().isOk());
        move(id, client.bearer(Role.ADMIN), "{\"to\": \"CLOSED\"}").andExpect(status().isConflict());
        send(post("/api/v1/findings/{id}/retest", id), client.bearer(Role.ADMIN), "{\"result\": \"PASS\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("note"));
        send(post("/api/v1/findings/{id}/retest", id), client.bearer(Role.ADMIN),
                "{\"result\": \"PASS\", \"note\": \"Owner assigned and monitoring reviewed\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.retests[0].firmId").doesNotExist());
    }

    @Test
    void managementAcceptsTheRiskWithAnApproverAndAReason() throws Exception {
        String id = raisedByFirm().get("id").asString();
        String reason = "{\"to\": \"RISK_ACCEPTED\", \"note\": \"The VPN is retired next month\", \"approverId\": \"%s\"}";
        move(id, client.bearer(Role.CONTROL_OWNER), reason.formatted(client.admin().userId()))
                .andExpect(status().isForbidden());
        move(id, client.bearer(Role.ADMIN), reason.formatted(client.user(Role.VIEWER).userId()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("approverId"));
        move(id, client.bearer(Role.ADMIN), "{\"to\": \"RISK_ACCEPTED\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("approverId", "note")));
        move(id, client.bearer(Role.ADMIN), reason.formatted(client.user(Role.COMPLIANCE_MANAGER).userId()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RISK_ACCEPTED"))
                .andExpect(jsonPath("$.riskAcceptance.approverName").value(client.user(Role.COMPLIANCE_MANAGER).name()))
                .andExpect(jsonPath("$.riskAcceptance.reason").value("The VPN is retired next month"));
        retest(id, in.bearer(Role.AUDIT_STAFF), "PASS").andExpect(status().isConflict());
    }

    @Test
    void aStaleVersionIsRefused() throws Exception {
        JsonNode f = raisedByFirm();
        String id = f.get("id").asString();
        putFinding(id, client.bearer(Role.ADMIN), edited(f, "rootCause", "first")).andExpect(status().isOk());
        putFinding(id, client.bearer(Role.ADMIN), edited(f, "rootCause", "second")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
        move(id, client.bearer(Role.ADMIN), "{\"to\": \"RISK_ACCEPTED\", \"note\": \"x\", \"version\": 0, "
                + "\"approverId\": \"" + client.admin().userId() + "\"}").andExpect(status().isConflict());
        putFinding(id, client.bearer(Role.ADMIN), "{\"rootCause\": \"no version\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
        assertThat(read(id, client.bearer(Role.ADMIN)).get("rootCause").asString()).isEqualTo("first");
    }

    // ------------------------------------------------------------------------------------ overdue

    @Test
    void overdueFindingsAreListedForTheDashboardAndTheFilter() throws Exception {
        JsonNode late = raisedByFirm();
        JsonNode onTime = raisedByFirm();
        JsonNode ready = raisedByFirm();
        String yesterday = LocalDate.now().minusDays(1).toString();
        putFinding(late.get("id").asString(), client.bearer(Role.ADMIN), edited(late, "dueDate", yesterday))
                .andExpect(status().isOk());
        putFinding(onTime.get("id").asString(), client.bearer(Role.ADMIN),
                edited(onTime, "dueDate", LocalDate.now().toString())).andExpect(status().isOk());
        // one past its date but ready for re-test: the client's part is done, so it is not overdue
        String readyId = ready.get("id").asString();
        intoRemediation(readyId);
        JsonNode r = read(readyId, client.bearer(Role.ADMIN));
        putFinding(readyId, client.bearer(Role.ADMIN), edited(r, java.util.Map.of("dueDate", yesterday,
                "rootCause", "x"))).andExpect(status().isOk());
        move(readyId, client.bearer(Role.ADMIN), "{\"to\": \"READY_FOR_RETEST\"}").andExpect(status().isOk());

        assertThat(findings.overdue(client.id(), LocalDate.now())).extracting(Finding::id)
                .containsExactly(UUID.fromString(late.get("id").asString()));
        assertThat(findings.overdue(client.id(), LocalDate.now().plusDays(1))).extracting(Finding::ref)
                .containsExactly(late.get("ref").asString(), onTime.get("ref").asString());
        send(get("/api/v1/findings").param("overdue", "true"), client.bearer(Role.VIEWER), null)
                .andExpect(jsonPath("$[*].ref", Matchers.contains(late.get("ref").asString())))
                .andExpect(jsonPath("$[0].overdue").value(true));
        send(get("/api/v1/findings").param("overdue", "false"), client.bearer(Role.VIEWER), null)
                .andExpect(jsonPath("$", Matchers.hasSize(2)));
        send(get("/api/v1/engagements/{e}/findings", audited.id()).param("overdue", "true").param("severity", "MEDIUM"),
                in.bearer(Role.AUDIT_STAFF), null).andExpect(jsonPath("$", Matchers.hasSize(1)));
        send(get("/api/v1/findings").param("status", "READY_FOR_RETEST"), client.bearer(Role.VIEWER), null)
                .andExpect(jsonPath("$[*].id", Matchers.contains(readyId)));
        assertThat(findings.overdue(TestOrg.create(identity).id(), LocalDate.now())).isEmpty();
    }
}
