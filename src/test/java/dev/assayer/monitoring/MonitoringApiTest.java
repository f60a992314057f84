package dev.assayer.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MonitoringApiTest extends IntegrationTest {

    static final String CHECKS = """
            checks:
              - id: t-laptop-encrypted
                title: Laptops are encrypted
                resource: test.laptop
                expect: resource.encrypted == true
                severity: high
                remediation: Turn on disk encryption.
                controls: [MON-01, ZZ-99]
                criteria: [CC6.1]
              - id: t-laptop-disk
                title: Laptops have enough disk
                resource: test.laptop
                expect: resource.disk_gb >= 100
                severity: low
                remediation: Replace the disk.
                controls: [MON-02]
                criteria: [A1.1]
            """;

    static final String LAPTOPS = """
            serial,encrypted,owner,disk_gb
            L1,true,alice,256
            L2,false,bob,512
            L3,true,carol,unknown
            L2,false,bob,512
            """;

    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired MonitoringService monitoring;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg acme;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        for (String ref : List.of("MON-01", "MON-02")) {
            controls.create(acme.admin(), new ControlDraft(ref, "Control " + ref, null, null, Nature.AUTOMATED,
                    ControlKind.DETECTIVE, Frequency.CONTINUOUS, true, ImplementationStatus.IMPLEMENTED, List.of(),
                    List.of()));
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    MockHttpServletResponse call(String bearer, AbstractMockHttpServletRequestBuilder<?> b) throws Exception {
        return mvc.perform(b.header("Authorization", bearer)).andReturn().getResponse();
    }

    JsonNode ok(String bearer, AbstractMockHttpServletRequestBuilder<?> b, int expected) throws Exception {
        MockHttpServletResponse res = call(bearer, b);
        assertThat(res.getStatus()).as(res.getContentAsString()).isEqualTo(expected);
        String body = res.getContentAsString();
        return body.isEmpty() ? json.createObjectNode() : json.readTree(body);
    }

    MockMultipartHttpServletRequestBuilder upload(String filename, String content) {
        return multipart("/api/v1/monitoring/imports")
                .file(new MockMultipartFile("file", filename, "text/csv", content.getBytes(StandardCharsets.UTF_8)))
                .param("format", "generic-csv").param("type", "test.laptop").param("idField", "serial")
                .param("source", "upload:laptops");
    }

    JsonNode importLaptops(TestOrg o, String content) throws Exception {
        return ok(o.bearer(Role.ADMIN), upload("laptops.csv", content), 201);
    }

    JsonNode saveChecks(TestOrg o, String yaml) throws Exception {
        return ok(o.bearer(Role.ADMIN), post("/api/v1/monitoring/check-files").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("filename", "laptops.yaml", "yaml", yaml))), 201);
    }

    JsonNode run(TestOrg o) throws Exception {
        return ok(o.bearer(Role.ADMIN), post("/api/v1/monitoring/runs"), 201);
    }

    JsonNode runCheck(JsonNode run, String checkId) throws Exception {
        JsonNode checks = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/runs/" + run.get("id").asString()
                + "/checks"), 200);
        for (JsonNode c : checks) {
            if (c.get("checkId").asString().equals(checkId)) {
                return c;
            }
        }
        return null;
    }

    long evidenceCount(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    // -------------------------------------------------------------------------------------- imports

    @Test
    void anImportFilesTheRawExportAsEvidenceAndReplacesTheSourcesInventory() throws Exception {
        JsonNode s = importLaptops(acme, LAPTOPS);
        assertThat(s.get("format").asString()).isEqualTo("generic-csv");
        assertThat(s.get("source").asString()).isEqualTo("upload:laptops");
        assertThat(s.get("resources").asLong()).isEqualTo(3);
        assertThat(s.get("duplicates").asLong()).isEqualTo(1);
        assertThat(s.get("resourcesByType").get("test.laptop").asLong()).isEqualTo(3);
        String sha = Hashing.hex(Hashing.sha256().digest(LAPTOPS.getBytes(StandardCharsets.UTF_8)));
        assertThat(s.get("sha256").asString()).isEqualTo(sha);
        EvidenceItem item = evidence.get(acme.admin(), UUID.fromString(s.get("evidenceId").asString()));
        assertThat(item.sha256()).isEqualTo(sha);
        assertThat(item.collectionMethod().name()).isEqualTo("SYSTEM_EXPORT");
        assertThat(item.controls()).isEmpty();
        assertThat(item.effectiveDate()).isNotNull();

        JsonNode inventory = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/inventory"), 200);
        assertThat(inventory).hasSize(1);
        assertThat(inventory.get(0).get("resources").asLong()).isEqualTo(3);

        // the same source again: its inventory is replaced, not added to
        importLaptops(acme, "serial,encrypted,owner,disk_gb\nL9,true,dana,128\n");
        inventory = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/inventory"), 200);
        assertThat(inventory.get(0).get("resources").asLong()).isEqualTo(1);
        JsonNode imports = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/imports"), 200);
        assertThat(imports).hasSize(2);
        assertThat(imports.get(0).get("current").asBoolean()).isTrue();
        assertThat(imports.get(1).get("current").asBoolean()).isFalse();
        assertThat(imports.get(0).get("status").asString()).isEqualTo("DONE");
    }

    @Test
    void aBadFileIsRefusedNamingFileAndLineAndNothingIsStored() throws Exception {
        importLaptops(acme, LAPTOPS);
        long before = evidenceCount(acme.id());
        MockHttpServletResponse res = call(acme.bearer(Role.ADMIN),
                upload("broken.csv", "serial,encrypted,owner,disk_gb\nL7,true,erin,64\nL8,false\n"));
        assertThat(res.getStatus()).isEqualTo(400);
        JsonNode problem = json.readTree(res.getContentAsString());
        assertThat(problem.get("detail").asString()).contains("broken.csv:3").contains("nothing was stored");
        assertThat(problem.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(evidenceCount(acme.id())).isEqualTo(before);
        JsonNode inventory = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/inventory"), 200);
        assertThat(inventory.get(0).get("resources").asLong()).isEqualTo(3);
        JsonNode imports = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/imports"), 200);
        assertThat(imports.get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(imports.get(0).get("error").asString()).contains("broken.csv:3");

        // an unknown format name is refused before reading
        res = call(acme.bearer(Role.ADMIN), multipart("/api/v1/monitoring/imports")
                .file(new MockMultipartFile("file", "x.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))
                .param("format", "no-such-format"));
        assertThat(res.getStatus()).isEqualTo(400);
        assertThat(json.readTree(res.getContentAsString()).get("errors").get(0).get("field").asString()).isEqualTo("format");
    }

    // ----------------------------------------------------------------------------------------- runs

    @Test
    void aRunRecordsCountsNonPassResultsEvidenceAndAlertsOnNewFailures() throws Exception {
        saveChecks(acme, CHECKS);
        importLaptops(acme, LAPTOPS);
        JsonNode first = run(acme);
        JsonNode encrypted = runCheck(first, "t-laptop-encrypted");
        assertThat(encrypted.get("failed").asLong()).isEqualTo(1);
        assertThat(encrypted.get("passed").asLong()).isEqualTo(2);
        assertThat(encrypted.get("status").asString()).isEqualTo("FAIL");
        JsonNode disk = runCheck(first, "t-laptop-disk");
        assertThat(disk.get("errors").asLong()).as("'unknown' is not a number: the check errs on L3 and goes on")
                .isEqualTo(1);
        assertThat(disk.get("passed").asLong()).isEqualTo(2);
        assertThat(disk.get("status").asString()).isEqualTo("ERROR");
        assertThat(first.get("unknownControlRefs").toString()).contains("ZZ-99");

        String runId = first.get("id").asString();
        JsonNode results = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/runs/" + runId + "/results"), 200);
        assertThat(results).hasSize(2);
        JsonNode fails = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/runs/" + runId + "/results")
                .param("outcome", "FAIL"), 200);
        assertThat(fails).hasSize(1);
        assertThat(fails.get(0).get("resourceId").asString()).isEqualTo("L2");
        JsonNode errors = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/runs/" + runId + "/results")
                .param("outcome", "ERROR"), 200);
        assertThat(errors.get(0).get("message").asString()).isNotBlank();

        // the run is evidence: JSON of the results, linked to the controls its checks support, effective at the run
        EvidenceItem item = evidence.get(acme.admin(), UUID.fromString(first.get("evidenceId").asString()));
        assertThat(item.collectionMethod().name()).isEqualTo("INTEGRATION");
        assertThat(item.sourceSystem()).isEqualTo("Assayer monitoring");
        assertThat(item.controls()).extracting(c -> c.ref()).containsExactlyInAnyOrder("MON-01", "MON-02");
        assertThat(item.effectiveDate()).isEqualTo(LocalDate.ofInstant(Instant.parse(first.get("at").asString()),
                java.time.ZoneOffset.UTC));
        String document = new String(evidence.content(acme.admin(), item.id()).open().readAllBytes(),
                StandardCharsets.UTF_8);
        JsonNode doc = json.readTree(document);
        assertThat(doc.get("results")).hasSize(2);
        assertThat(doc.get("inputs").get(0).get("sha256").asString()).hasSize(64);

        // a new failure raised one alert (an error is not a failure)
        JsonNode alerts = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/alerts").param("status", "OPEN"), 200);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("resourceId").asString()).isEqualTo("L2");
        assertThat(alerts.get(0).get("checkId").asString()).isEqualTo("t-laptop-encrypted");

        // the same failure in the next run is not new
        run(acme);
        assertThat(ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/alerts"), 200)).hasSize(1);

        // L1 now fails too: one new alert, for L1
        importLaptops(acme, LAPTOPS.replace("L1,true", "L1,false"));
        run(acme);
        alerts = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/alerts").param("status", "OPEN"), 200);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).get("resourceId").asString()).isEqualTo("L1");

        // acknowledging needs a note; the control owner may acknowledge
        String alertId = alerts.get(0).get("id").asString();
        assertThat(call(acme.bearer(Role.CONTROL_OWNER), post("/api/v1/monitoring/alerts/" + alertId + "/acknowledge")
                .contentType(MediaType.APPLICATION_JSON).content("{}")).getStatus()).isEqualTo(400);
        assertThat(call(acme.bearer(Role.VIEWER), post("/api/v1/monitoring/alerts/" + alertId + "/acknowledge")
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"on it\"}")).getStatus()).isEqualTo(403);
        JsonNode acked = ok(acme.bearer(Role.CONTROL_OWNER), post("/api/v1/monitoring/alerts/" + alertId + "/acknowledge")
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"Laptop recalled for re-imaging\"}"), 200);
        assertThat(acked.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/alerts").param("status", "OPEN"), 200)).hasSize(1);

        // history of the check and of the resource
        JsonNode history = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/checks/t-laptop-encrypted/history"), 200);
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("failed").asLong()).isEqualTo(2);
        JsonNode resource = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/resources/history")
                .param("id", "L2").param("type", "test.laptop"), 200);
        assertThat(resource).hasSize(3);
    }

    @Test
    void controlHealthComesFromTheLatestRun() throws Exception {
        saveChecks(acme, CHECKS);
        JsonNode none = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/control-health/MON-01"), 200);
        assertThat(none.get("status").asString()).isEqualTo("NO_DATA");
        importLaptops(acme, LAPTOPS);
        run(acme);
        JsonNode health = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/control-health"), 200);
        Map<String, JsonNode> byRef = new java.util.HashMap<>();
        health.forEach(h -> byRef.put(h.get("controlRef").asString(), h));
        assertThat(byRef.get("MON-01").get("status").asString()).isEqualTo("FAILING");
        assertThat(byRef.get("MON-01").get("problems").get(0).get("checkId").asString()).isEqualTo("t-laptop-encrypted");
        assertThat(byRef.get("MON-01").get("problems").get(0).get("resources").asLong()).isEqualTo(1);
        assertThat(byRef.get("MON-02").get("status").asString()).isEqualTo("ERROR");

        importLaptops(acme, "serial,encrypted,owner,disk_gb\nL1,true,alice,256\n");
        run(acme);
        assertThat(ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/control-health/MON-01"), 200).get("status")
                .asString()).isEqualTo("HEALTHY");
        assertThat(call(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/control-health/NOPE-1")).getStatus())
                .isEqualTo(404);
    }

    // --------------------------------------------------------------------------------- check files

    @Test
    void aBadCheckFileIsRefusedWithFileLineAndTheErrorAndThePreviousVersionStays() throws Exception {
        JsonNode saved = saveChecks(acme, CHECKS);
        String id = saved.get("id").asString();
        assertThat(saved.get("version").asLong()).isEqualTo(1);
        assertThat(saved.get("checkIds").toString()).contains("t-laptop-encrypted", "t-laptop-disk");
        String bad = CHECKS.replace("expect: resource.encrypted == true", "expect: resource.encrypted ==");
        MockHttpServletResponse res = call(acme.bearer(Role.COMPLIANCE_MANAGER), put("/api/v1/monitoring/check-files/" + id)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("yaml", bad, "version", 1))));
        assertThat(res.getStatus()).isEqualTo(400);
        JsonNode problem = json.readTree(res.getContentAsString());
        assertThat(problem.get("detail").asString()).contains("laptops.yaml:");
        assertThat(problem.get("errors").get(0).get("line").asInt()).isPositive();
        JsonNode current = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/check-files/" + id), 200);
        assertThat(current.get("version").asLong()).isEqualTo(1);
        assertThat(current.get("yaml").asString()).isEqualTo(CHECKS);

        // a good edit makes version 2; a stale one is a 409
        String better = CHECKS.replace("severity: low", "severity: medium");
        JsonNode v2 = ok(acme.bearer(Role.COMPLIANCE_MANAGER), put("/api/v1/monitoring/check-files/" + id)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("yaml", better, "version", 1))), 200);
        assertThat(v2.get("version").asLong()).isEqualTo(2);
        assertThat(call(acme.bearer(Role.ADMIN), put("/api/v1/monitoring/check-files/" + id)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("yaml", CHECKS, "version", 1)))).getStatus()).isEqualTo(409);

        // a second file may not reuse a check id
        res = call(acme.bearer(Role.ADMIN), post("/api/v1/monitoring/check-files").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("filename", "more.yaml", "yaml", CHECKS))));
        assertThat(res.getStatus()).isEqualTo(400);

        // uploaded as a file
        MockHttpServletResponse up = call(acme.bearer(Role.ADMIN), multipart("/api/v1/monitoring/check-files")
                .file(new MockMultipartFile("file", "other.yaml", "application/yaml", CHECKS.replace("t-laptop", "t-pc")
                        .getBytes(StandardCharsets.UTF_8))));
        assertThat(up.getStatus()).as(up.getContentAsString()).isEqualTo(201);
        JsonNode checks = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/checks"), 200);
        assertThat(checks.toString()).contains("t-pc-disk", "t-laptop-disk");
    }

    @Test
    void aCheckSwitchedOffNoLongerRuns() throws Exception {
        saveChecks(acme, CHECKS);
        importLaptops(acme, LAPTOPS);
        assertThat(call(acme.bearer(Role.CONTROL_OWNER), put("/api/v1/monitoring/checks/t-laptop-disk/enabled")
                .contentType(MediaType.APPLICATION_JSON).content("{\"enabled\": false}")).getStatus()).isEqualTo(403);
        JsonNode off = ok(acme.bearer(Role.COMPLIANCE_MANAGER), put("/api/v1/monitoring/checks/t-laptop-disk/enabled")
                .contentType(MediaType.APPLICATION_JSON).content("{\"enabled\": false}"), 200);
        assertThat(off.get("enabled").asBoolean()).isFalse();
        JsonNode r = run(acme);
        assertThat(runCheck(r, "t-laptop-disk")).isNull();
        assertThat(runCheck(r, "t-laptop-encrypted")).isNotNull();
        assertThat(call(acme.bearer(Role.ADMIN), put("/api/v1/monitoring/checks/no-such-check/enabled")
                .contentType(MediaType.APPLICATION_JSON).content("{\"enabled\": false}")).getStatus()).isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------- exclusions

    @Test
    void anExclusionNeedsReasonExpiryAndAnotherApproverAndAppliesUntilRevoked() throws Exception {
        saveChecks(acme, CHECKS);
        importLaptops(acme, LAPTOPS);
        String body = json.writeValueAsString(Map.of("checkId", "t-laptop-encrypted", "resourceId", "L2", "reason",
                "Loaner kept in the safe, never leaves the office", "expiresOn", LocalDate.now().plusMonths(3).toString()));
        // incomplete or too long → 400 naming every field
        MockHttpServletResponse res = call(acme.bearer(Role.CONTROL_OWNER), post("/api/v1/monitoring/exclusions")
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("checkId",
                        "t-laptop-encrypted", "resourceId", "L2", "expiresOn", LocalDate.now().plusYears(2).toString()))));
        assertThat(res.getStatus()).isEqualTo(400);
        assertThat(res.getContentAsString()).contains("reason", "expiresOn");
        assertThat(call(acme.bearer(Role.VIEWER), post("/api/v1/monitoring/exclusions")
                .contentType(MediaType.APPLICATION_JSON).content(body)).getStatus()).isEqualTo(403);

        JsonNode requested = ok(acme.bearer(Role.COMPLIANCE_MANAGER), post("/api/v1/monitoring/exclusions")
                .contentType(MediaType.APPLICATION_JSON).content(body), 201);
        assertThat(requested.get("status").asString()).isEqualTo("PENDING");
        String id = requested.get("id").asString();
        // pending: not applied
        assertThat(runCheck(run(acme), "t-laptop-encrypted").get("failed").asLong()).isEqualTo(1);
        // the requester may not approve; a control owner may not either
        assertThat(call(acme.bearer(Role.COMPLIANCE_MANAGER), post("/api/v1/monitoring/exclusions/" + id + "/approve")
                .contentType(MediaType.APPLICATION_JSON).content("{}")).getStatus()).isEqualTo(403);
        assertThat(call(acme.bearer(Role.CONTROL_OWNER), post("/api/v1/monitoring/exclusions/" + id + "/approve")
                .contentType(MediaType.APPLICATION_JSON).content("{}")).getStatus()).isEqualTo(403);
        JsonNode approved = ok(acme.bearer(Role.ADMIN), post("/api/v1/monitoring/exclusions/" + id + "/approve")
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"Agreed with the CISO\"}"), 200);
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(call(acme.bearer(Role.ADMIN), post("/api/v1/monitoring/exclusions/" + id + "/reject")
                .contentType(MediaType.APPLICATION_JSON).content("{}")).getStatus()).isEqualTo(409);

        JsonNode excludedRun = run(acme);
        JsonNode c = runCheck(excludedRun, "t-laptop-encrypted");
        assertThat(c.get("failed").asLong()).isZero();
        assertThat(c.get("excluded").asLong()).isEqualTo(1);
        assertThat(c.get("status").asString()).isEqualTo("PASS");
        JsonNode excl = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/runs/" + excludedRun.get("id").asString()
                + "/results").param("outcome", "EXCLUDED"), 200);
        assertThat(excl.get(0).get("message").asString()).contains("Loaner kept in the safe");

        // revoked: fails again from the next run
        assertThat(call(acme.bearer(Role.ADMIN), post("/api/v1/monitoring/exclusions/" + id + "/revoke")
                .contentType(MediaType.APPLICATION_JSON).content("{}")).getStatus()).isEqualTo(400);
        JsonNode revoked = ok(acme.bearer(Role.ADMIN), post("/api/v1/monitoring/exclusions/" + id + "/revoke")
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Loaner now travels\"}"), 200);
        assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");
        assertThat(runCheck(run(acme), "t-laptop-encrypted").get("failed").asLong()).isEqualTo(1);

        List<String> actions = jdbc.sql("SELECT action FROM activity_entry WHERE org_id = ? AND entity_type = "
                + "'monitoring-exclusion' ORDER BY seq").param(acme.id()).query(String.class).list();
        assertThat(actions).containsExactly("requested", "approved", "revoked");
    }

    // ------------------------------------------------------------------------------ schedule, replay

    @Test
    void theScheduleRunsAnOrganizationWhoseLastRunIsOlderThanTheInterval() throws Exception {
        saveChecks(acme, CHECKS);
        importLaptops(acme, LAPTOPS);
        Instant now = Instant.now();
        monitoring.runDue(now);
        assertThat(runs(acme.id())).isEqualTo(1);
        monitoring.runDue(now.plus(1, ChronoUnit.HOURS));
        assertThat(runs(acme.id())).as("ran less than 6 hours ago").isEqualTo(1);
        monitoring.runDue(now.plus(7, ChronoUnit.HOURS));
        assertThat(runs(acme.id())).isEqualTo(2);
        JsonNode latest = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/runs"), 200).get(0);
        assertThat(latest.get("trigger").asString()).isEqualTo("SCHEDULED");
        assertThat(latest.get("runBy").asString()).isEqualTo("Assayer monitoring");
    }

    long runs(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM monitoring_run WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    static Resource laptop(String id, boolean encrypted, Instant at) {
        return new Resource("test.laptop", id, Map.of("encrypted", encrypted, "disk_gb", 256L), "history:" + id, at);
    }

    @Test
    void replayedHistoryBecomesObservationsOldestFirstAndAuditorsSeeTheirPeriodOnly() throws Exception {
        saveChecks(acme, CHECKS);
        Instant t0 = LocalDate.now().minusDays(60).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        List<HistoricalRun> history = new ArrayList<>();
        for (int week = 0; week < 6; week++) {
            Instant at = t0.plus(week * 7L, ChronoUnit.DAYS);
            boolean broken = week == 2 || week == 3;
            history.add(new HistoricalRun(at, List.of(laptop("H1", true, at), laptop("H2", !broken, at))));
        }
        monitoring.replayHistory(acme.admin(), history);

        List<RunObservation> obs = monitoring.observations(acme.id(), t0.minusSeconds(1), Instant.now()).stream()
                .filter(o -> o.checkId().equals("t-laptop-encrypted")).toList();
        assertThat(obs).hasSize(6);
        assertThat(obs).extracting(RunObservation::at).isSorted();
        assertThat(obs).extracting(RunObservation::status).containsExactly(CheckRunStatus.PASS, CheckRunStatus.PASS, CheckRunStatus.FAIL,
                CheckRunStatus.FAIL, CheckRunStatus.PASS, CheckRunStatus.PASS);
        assertThat(obs.get(2).failingResources()).containsExactly("H2");
        assertThat(obs.get(2).evaluated()).isEqualTo(2);
        assertThat(obs.get(2).controlRefs()).contains("MON-01");
        assertThat(ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/alerts"), 200)).as("history raises no alerts")
                .isEmpty();
        JsonNode runs = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/runs"), 200);
        assertThat(runs).hasSize(6);
        assertThat(runs.get(0).get("replayed").asBoolean()).isTrue();
        EvidenceItem item = evidence.get(acme.admin(), UUID.fromString(runs.get(0).get("evidenceId").asString()));
        assertThat(item.sourceSystem()).contains("replayed history");
        assertThat(item.title()).contains("replayed history");

        // an auditor inside an engagement whose period holds weeks 2 to 3 only
        LocalDate start = LocalDate.ofInstant(t0, java.time.ZoneOffset.UTC).plusDays(10);
        Engagement e = engagements.create(acme.admin(), new EngagementDraft("SOC 2 " + UUID.randomUUID(), Framework.SOC2,
                ReportType.TYPE2, null, start, start.plusDays(14), List.of(), null, null, null, null, null, null));
        TestFirm firm = TestFirm.create(identity);
        TestFirm.Inside in = firm.inside(identity, access, acme, e.id());
        JsonNode seen = ok(in.bearer(Role.AUDIT_STAFF), get("/api/v1/monitoring/runs"), 200);
        assertThat(seen).hasSize(2);
        String outside = runs.get(0).get("id").asString();
        assertThat(call(in.bearer(Role.AUDIT_STAFF), get("/api/v1/monitoring/runs/" + outside)).getStatus()).isEqualTo(404);
        assertThat(call(in.bearer(Role.AUDIT_STAFF), get("/api/v1/monitoring/runs/" + outside + "/results")).getStatus())
                .isEqualTo(404);
        String inside = seen.get(0).get("id").asString();
        assertThat(ok(in.bearer(Role.AUDIT_STAFF), get("/api/v1/monitoring/runs/" + inside + "/results"), 200)).hasSize(1);
        JsonNode observations = ok(in.bearer(Role.AUDIT_PARTNER), get("/api/v1/monitoring/observations"), 200);
        assertThat(observations.findValuesAsString("runId")).allMatch(id -> seen.toString().contains(id));
        for (String url : List.of("/api/v1/monitoring/inventory", "/api/v1/monitoring/imports", "/api/v1/monitoring/alerts",
                "/api/v1/monitoring/checks", "/api/v1/monitoring/exclusions", "/api/v1/monitoring/control-health")) {
            assertThat(call(in.bearer(Role.AUDIT_MANAGER), get(url)).getStatus()).as(url).isEqualTo(403);
        }
        assertThat(call(in.bearer(Role.AUDIT_PARTNER), post("/api/v1/monitoring/runs")).getStatus()).isEqualTo(403);
    }

    // ------------------------------------------------------------------------------ roles and tenants

    @Test
    void rolesAreAllowedAndDeniedAsTheMatrixSays() throws Exception {
        importLaptops(acme, LAPTOPS);
        for (Role role : TestOrg.ROLES) {
            assertThat(call(acme.bearer(role), get("/api/v1/monitoring/runs")).getStatus()).as(role + " reads runs")
                    .isEqualTo(200);
            assertThat(call(acme.bearer(role), get("/api/v1/monitoring/inventory")).getStatus()).isEqualTo(200);
            boolean uploads = role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER || role == Role.CONTROL_OWNER;
            boolean manages = role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER;
            assertThat(call(acme.bearer(role), post("/api/v1/monitoring/runs")).getStatus()).as(role + " runs")
                    .isEqualTo(uploads ? 201 : 403);
            assertThat(call(acme.bearer(role), upload("l.csv", LAPTOPS)).getStatus()).as(role + " imports")
                    .isEqualTo(uploads ? 201 : 403);
            assertThat(call(acme.bearer(role), post("/api/v1/monitoring/check-files").contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(Map.of("filename", role.name().toLowerCase() + ".yaml",
                            "yaml", CHECKS.replace("t-laptop", "t-" + role.name().toLowerCase().replace('_', '-'))))))
                    .getStatus()).as(role + " writes checks").isEqualTo(manages ? 201 : 403);
        }
    }

    @Test
    void anotherOrganizationsRecordsAreNotFound() throws Exception {
        saveChecks(acme, CHECKS);
        JsonNode imported = importLaptops(acme, LAPTOPS);
        JsonNode r = run(acme);
        String alert = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/alerts"), 200).get(0).get("id").asString();
        String file = ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/check-files"), 200).get(0).get("id").asString();
        String exclusion = ok(acme.bearer(Role.CONTROL_OWNER), post("/api/v1/monitoring/exclusions")
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("checkId",
                        "t-laptop-encrypted", "resourceId", "L2", "reason", "Spare", "expiresOn",
                        LocalDate.now().plusDays(30).toString()))), 201).get("id").asString();
        TestOrg other = TestOrg.create(identity);
        String b = other.bearer(Role.ADMIN);
        String runId = r.get("id").asString();
        for (String url : List.of("/api/v1/monitoring/runs/" + runId, "/api/v1/monitoring/runs/" + runId + "/results",
                "/api/v1/monitoring/runs/" + runId + "/checks", "/api/v1/monitoring/imports/" + imported.get("id").asString(),
                "/api/v1/monitoring/alerts/" + alert, "/api/v1/monitoring/check-files/" + file,
                "/api/v1/monitoring/exclusions/" + exclusion, "/api/v1/monitoring/checks/t-laptop-encrypted")) {
            assertThat(call(b, get(url)).getStatus()).as(url).isEqualTo(404);
        }
        assertThat(call(b, post("/api/v1/monitoring/alerts/" + alert + "/acknowledge").contentType(MediaType.APPLICATION_JSON)
                .content("{\"note\": \"mine now\"}")).getStatus()).isEqualTo(404);
        assertThat(call(b, post("/api/v1/monitoring/exclusions/" + exclusion + "/approve")
                .contentType(MediaType.APPLICATION_JSON).content("{}")).getStatus()).isEqualTo(404);
        assertThat(call(b, put("/api/v1/monitoring/check-files/" + file).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("yaml", CHECKS, "version", 1)))).getStatus()).isEqualTo(404);
        assertThat(call(b, org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .delete("/api/v1/monitoring/check-files/" + file)).getStatus()).isEqualTo(404);
        assertThat(ok(b, get("/api/v1/monitoring/runs"), 200)).isEmpty();
        assertThat(ok(b, get("/api/v1/monitoring/inventory"), 200)).isEmpty();
        assertThat(ok(acme.bearer(Role.VIEWER), get("/api/v1/monitoring/alerts/" + alert), 200).get("status").asString())
                .isEqualTo("OPEN");
    }
}
