package dev.assayer.monitoring;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.evidence.internal.FileSystemBlobStore;
import dev.assayer.identity.IdentityService;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-check history of runs (a row for every enabled check, "not applicable" included), imports in
 * one pass over their bytes, and no blob left behind by an import or upload that rolls back.
 */
class MonitoringRunHistoryTest extends IntegrationTest {

    static final String CHECKS = """
            checks:
              - id: h-laptop-encrypted
                title: Laptops are encrypted
                resource: test.laptop
                expect: resource.encrypted == true
                severity: medium
                remediation: Fix it.
                controls: [HM-01]
              - id: h-laptop-loaner
                title: Loaner laptops are wiped
                resource: test.laptop
                where: resource.owner == "loaner"
                expect: resource.wiped == true
                severity: medium
                remediation: Fix it.
                controls: [HM-01]
              - id: h-printer-firmware
                title: Printers run current firmware
                resource: test.printer
                expect: resource.firmware == "current"
                severity: medium
                remediation: Fix it.
                controls: [HM-03]
              - id: h-laptop-disk
                title: Laptops have enough disk
                resource: test.laptop
                expect: resource.disk_gb >= 100
                severity: medium
                remediation: Fix it.
                controls: [HM-02]
            """;

    static final String LAPTOPS = """
            serial,encrypted,owner,disk_gb
            L1,true,alice,256
            L2,true,bob,512
            L3,true,carol,128
            """;

    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired MonitoringService monitoring;
    @Autowired MonitoringCheckService checks;
    @Autowired FileSystemBlobStore store;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg acme;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        for (String ref : List.of("HM-01", "HM-02", "HM-03")) {
            controls.create(acme.admin(), new ControlDraft(ref, "Control " + ref, null, null, Nature.AUTOMATED,
                    ControlKind.DETECTIVE, Frequency.CONTINUOUS, true, ImplementationStatus.IMPLEMENTED, List.of(),
                    List.of()));
        }
        checks.saveCheckFile(acme.admin(), null, "history.yaml", CHECKS, null);
    }

    ImportSummary importLaptops(String csv) {
        return monitoring.importFile(acme.admin(), "upload:laptops", "laptops.csv", "generic-csv",
                new FormatOptions(null, "test.laptop", "serial", Map.of()),
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), CollectionMethod.SYSTEM_EXPORT, null);
    }

    static RunCheck row(List<RunCheck> rows, String checkId) {
        return rows.stream().filter(r -> r.checkId().equals(checkId)).findFirst().orElse(null);
    }

    JsonNode getJson(String bearer, String path, int expected) throws Exception {
        var res = mvc.perform(get(path).header("Authorization", bearer)).andReturn().getResponse();
        assertThat(res.getStatus()).as(res.getContentAsString()).isEqualTo(expected);
        return res.getContentAsString().isEmpty() ? null : json.readTree(res.getContentAsString());
    }

    long files(String sub) throws IOException {
        try (Stream<Path> s = Files.walk(store.root().resolve(sub))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    long evidenceRows(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    // ------------------------------------------------------------------------------ run history

    @Test
    void everyEnabledCheckHasARowInEveryRunAndNotApplicableSaysWhy() throws Exception {
        checks.setEnabled(acme.admin(), "h-laptop-disk", false);
        importLaptops(LAPTOPS);
        MonitoringRun run = monitoring.run(acme.admin());
        List<RunCheck> rows = monitoring.runChecks(acme.admin(), run.id());

        RunCheck encrypted = row(rows, "h-laptop-encrypted");
        assertThat(encrypted.status()).isEqualTo(CheckRunStatus.PASS);
        assertThat(encrypted.matched()).isEqualTo(3);
        assertThat(encrypted.applicable()).isEqualTo(3);

        RunCheck printer = row(rows, "h-printer-firmware");
        assertThat(printer.status()).isEqualTo(CheckRunStatus.NOT_APPLICABLE);
        assertThat(printer.matched()).isZero();
        assertThat(printer.notApplicableReason()).isEqualTo("no test.printer resources");

        RunCheck loaner = row(rows, "h-laptop-loaner");
        assertThat(loaner.status()).isEqualTo(CheckRunStatus.NOT_APPLICABLE);
        assertThat(loaner.matched()).as("three laptops, none a loaner").isEqualTo(3);
        assertThat(loaner.applicable()).isZero();
        assertThat(loaner.notApplicableReason()).isEqualTo("all 3 test.laptop resources left out by the where-clause");

        assertThat(row(rows, "h-laptop-disk")).as("a switched-off check gets no row").isNull();
        assertThat(rows).as("built-in checks with no AWS, GitHub, … resources are recorded as not applicable")
                .filteredOn(r -> r.checkId().startsWith("h-")).hasSize(3);
        assertThat(rows.size()).isEqualTo(run.checks()).isGreaterThan(40);
        assertThat(rows.getLast().status()).as("not applicable ones last").isEqualTo(CheckRunStatus.NOT_APPLICABLE);

        // the run's evidence carries the per-check summary and is linked only to controls whose checks applied
        EvidenceItem item = evidence.get(acme.admin(), run.evidenceId());
        assertThat(item.controls()).extracting(c -> c.ref()).containsExactly("HM-01");
        assertThat(item.description()).contains("not applicable");
        JsonNode doc = json.readTree(evidence.content(acme.admin(), item.id()).open().readAllBytes());
        JsonNode printerDoc = null;
        for (JsonNode c : doc.get("checks")) {
            if (c.get("id").asString().equals("h-printer-firmware")) {
                printerDoc = c;
            }
        }
        assertThat(printerDoc).isNotNull();
        assertThat(printerDoc.get("status").asString()).isEqualTo("NOT_APPLICABLE");
        assertThat(printerDoc.get("notApplicable").asString()).isEqualTo("no test.printer resources");
        assertThat(printerDoc.get("matched").asLong()).isZero();

        // the disk check is switched back on: its history tells "not run" from the run that ran it
        checks.setEnabled(acme.admin(), "h-laptop-disk", true);
        MonitoringRun second = monitoring.run(acme.admin());
        List<CheckHistoryEntry> disk = monitoring.checkHistory(acme.admin(), "h-laptop-disk");
        assertThat(disk).extracting(CheckHistoryEntry::runId).containsExactly(second.id(), run.id());
        assertThat(disk).extracting(CheckHistoryEntry::status).containsExactly(CheckRunStatus.PASS, CheckRunStatus.NOT_RUN);
        assertThat(monitoring.checkHistory(acme.admin(), "h-printer-firmware")).extracting(CheckHistoryEntry::status)
                .containsExactly(CheckRunStatus.NOT_APPLICABLE, CheckRunStatus.NOT_APPLICABLE);
    }

    @Test
    void controlHealthNeverCountsANotApplicableCheckAsAPass() {
        importLaptops(LAPTOPS);
        monitoring.run(acme.admin());
        ControlHealth printers = monitoring.controlHealth(acme.admin(), "HM-03");
        assertThat(printers.status()).isEqualTo(HealthStatus.NOT_APPLICABLE);
        ControlHealth laptops = monitoring.controlHealth(acme.admin(), "HM-01");
        assertThat(laptops.status()).as("the encryption check evaluated three laptops and passed")
                .isEqualTo(HealthStatus.HEALTHY);
        assertThat(laptops.problems()).extracting(ControlHealth.CheckStanding::checkId, ControlHealth.CheckStanding::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("h-laptop-loaner", "NOT_APPLICABLE"));
    }

    @Test
    void replayedRunsRecordNotApplicableChecksAndTheirObservationsAreNotPasses() {
        Instant t0 = LocalDate.now().minusDays(30).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        List<HistoricalRun> history = new ArrayList<>();
        for (int week = 0; week < 3; week++) {
            Instant at = t0.plus(week * 7L, ChronoUnit.DAYS);
            List<Resource> resources = new ArrayList<>();
            resources.add(new Resource("test.laptop", "L1", Map.of("encrypted", true, "owner", "alice", "disk_gb", 256L),
                    "history", at));
            if (week != 1) { // week 1: the printer export was missing
                resources.add(new Resource("test.printer", "P1", Map.of("firmware", "current"), "history", at));
            }
            history.add(new HistoricalRun(at, resources));
        }
        monitoring.replayHistory(acme.admin(), history);
        List<RunObservation> printer = monitoring.observations(acme.id(), t0.minusSeconds(1), Instant.now()).stream()
                .filter(o -> o.checkId().equals("h-printer-firmware")).toList();
        assertThat(printer).extracting(RunObservation::status).containsExactly(CheckRunStatus.PASS,
                CheckRunStatus.NOT_APPLICABLE, CheckRunStatus.PASS);
        assertThat(printer.get(1).evaluated()).isZero();
    }

    // ----------------------------------------------------------------------------------- API + UI

    @Test
    void theCheckHistoryApiListsNotApplicableRunsForEveryRoleAndIsNotFoundInAnotherOrganization() throws Exception {
        importLaptops(LAPTOPS);
        MonitoringRun run = monitoring.run(acme.admin());
        for (Role role : TestOrg.ROLES) {
            JsonNode history = getJson(acme.bearer(role), "/api/v1/monitoring/checks/h-printer-firmware/history", 200);
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("runId").asString()).isEqualTo(run.id().toString());
            assertThat(history.get(0).get("status").asString()).isEqualTo("NOT_APPLICABLE");
            assertThat(history.get(0).get("resourceType").asString()).isEqualTo("test.printer");
            assertThat(history.get(0).get("matched").asLong()).isZero();
        }
        JsonNode runChecks = getJson(acme.bearer(Role.VIEWER), "/api/v1/monitoring/runs/" + run.id() + "/checks", 200);
        boolean found = false;
        for (JsonNode c : runChecks) {
            if (c.get("checkId").asString().equals("h-laptop-loaner")) {
                found = true;
                assertThat(c.get("status").asString()).isEqualTo("NOT_APPLICABLE");
                assertThat(c.get("matched").asLong()).isEqualTo(3);
                assertThat(c.get("applicable").asLong()).isZero();
            }
        }
        assertThat(found).isTrue();
        assertThat(mvc.perform(get("/api/v1/monitoring/checks/h-printer-firmware/history")).andReturn().getResponse()
                .getStatus()).isEqualTo(401);

        TestOrg other = TestOrg.create(identity);
        getJson(other.bearer(Role.ADMIN), "/api/v1/monitoring/checks/h-printer-firmware/history", 404);
        getJson(other.bearer(Role.ADMIN), "/api/v1/monitoring/runs/" + run.id() + "/checks", 404);
        getJson(acme.bearer(Role.VIEWER), "/api/v1/monitoring/checks/no-such-check/history", 404);
    }

    @Test
    void theCheckAndRunPagesShowNotApplicableWithTheReason() throws Exception {
        importLaptops(LAPTOPS);
        MonitoringRun run = monitoring.run(acme.admin());
        mvc.perform(get("/monitoring/checks/h-printer-firmware").with(as(acme.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("history-not_applicable"),
                        Matchers.containsString("Not applicable"),
                        Matchers.containsString("— no test.printer resources"))));
        mvc.perform(get("/monitoring/checks/h-laptop-loaner").with(as(acme.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("all 3 test.laptop resources left out by the where-clause")));
        mvc.perform(get("/monitoring/runs/" + run.id()).with(as(acme.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Printers run current firmware"),
                        Matchers.containsString("check-not_applicable"), Matchers.containsString("check-pass"))));
    }

    // ------------------------------------------------------------------------------------ imports

    @Test
    void anImportParsesTheUploadWhileStagingItSoTheBytesAreReadOnce() throws Exception {
        StringBuilder csv = new StringBuilder("serial,encrypted,owner,disk_gb\n");
        for (int i = 0; i < 12_000; i++) { // more than one progress step (10,000 rows)
            csv.append("S").append(i).append(",true,owner").append(i).append(",256\n");
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Path javaTmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Long> stagedWhileReading = new ArrayList<>();
        long[] served = {0};
        InputStream source = new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served[0] >= bytes.length) {
                    return -1;
                }
                if (served[0] > bytes.length / 2 && stagedWhileReading.isEmpty()) {
                    try (Stream<Path> s = Files.list(store.root().resolve("tmp"))) {
                        stagedWhileReading.add(s.count());
                    }
                    try (Stream<Path> s = Files.list(javaTmp)) {
                        assertThat(s.map(p -> p.getFileName().toString()))
                                .noneMatch(n -> n.startsWith("assayer-monitoring-"));
                    }
                }
                int n = (int) Math.min(Math.min(len, 8192), bytes.length - served[0]);
                System.arraycopy(bytes, (int) served[0], b, off, n);
                served[0] += n;
                return n;
            }
        };
        ImportSummary s = monitoring.importFile(acme.admin(), "upload:many", "many.csv", "generic-csv",
                new FormatOptions(null, "test.laptop", "serial", Map.of()), source, CollectionMethod.SYSTEM_EXPORT, null);
        assertThat(served[0]).as("every byte served exactly once").isEqualTo(bytes.length);
        assertThat(stagedWhileReading).as("staged while being parsed").containsExactly(1L);
        assertThat(s.resources()).isEqualTo(12_000);
        assertThat(s.sha256()).isEqualTo(Hashing.sha256Hex(bytes));
        assertThat(store.exists(s.sha256())).isTrue();
        assertThat(new String(evidence.content(acme.admin(), s.evidenceId()).open().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(csv.toString());
        assertThat(files("tmp")).isZero();
    }

    @Test
    void aBadImportLeavesNoBlobNoTemporaryFileAndNoEvidence() throws Exception {
        importLaptops(LAPTOPS);
        long before = evidenceRows(acme.id());
        String broken = "serial,encrypted,owner,disk_gb\nL7,true,erin,64\nL8,false\n" + "L9,true,x,1\n".repeat(5000);
        assertThatThrownBy(() -> importLaptops(broken)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("laptops.csv:3").hasMessageContaining("nothing was stored");
        assertThat(store.exists(Hashing.sha256Hex(broken.getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(files("tmp")).isZero();
        assertThat(evidenceRows(acme.id())).isEqualTo(before);
        assertThat(monitoring.inventory(acme.admin()).getFirst().resources()).isEqualTo(3);
    }

    @Test
    void anImportWhoseTransactionRollsBackLeavesNoBlobButKeepsABlobAnotherItemShares() throws Exception {
        TransactionTemplate outer = new TransactionTemplate(transactions);
        String fresh = LAPTOPS + "L4,true,dave,300\n";
        String freshSha = Hashing.sha256Hex(fresh.getBytes(StandardCharsets.UTF_8));
        long before = evidenceRows(acme.id());
        assertThatThrownBy(() -> outer.executeWithoutResult(s -> {
            ImportSummary done = importLaptops(fresh);
            assertThat(store.exists(done.sha256())).as("published inside the transaction").isTrue();
            throw new IllegalStateException("a later step fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.exists(freshSha)).as("the rolled-back import's blob is gone").isFalse();
        assertThat(evidenceRows(acme.id())).isEqualTo(before);
        assertThat(files("tmp")).isZero();

        // the same bytes already filed as evidence: the blob stays when another import of them rolls back
        String shared = LAPTOPS + "L5,true,erin,300\n";
        EvidenceItem kept = evidence.upload(acme.admin(), EvidenceMetadata.of("Laptop list", LocalDate.now()),
                "list.csv", "text/csv", new ByteArrayInputStream(shared.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> outer.executeWithoutResult(s -> {
            importLaptops(shared);
            throw new IllegalStateException("a later step fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.exists(kept.sha256())).isTrue();
        assertThat(new String(evidence.content(acme.admin(), kept.id()).open().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(shared);
    }
}
