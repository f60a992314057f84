package dev.assayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

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
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.InformationRequest;
import dev.assayer.fieldwork.PopulationMetadata;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.RequestDraft;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.fieldwork.ResultDraft;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.Sample;
import dev.assayer.fieldwork.SampleRequest;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestMethod;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.TestPlan;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.identity.IdentityService;
import dev.assayer.monitoring.MonitoringCheckService;
import dev.assayer.monitoring.MonitoringService;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 4 §1, proved for every endpoint of the served OpenAPI document: an auditor can never
 * change client evidence or any other client record; a client can never change an auditor's
 * request list, population, sample, test, result, conclusion, sign-off or review note; neither can
 * delete the other's records; and an auditor inside an engagement sees nothing of other
 * engagements, the client's members or its activity log.
 *
 * <p>Every mutating operation (POST, PUT, PATCH, DELETE) must be classified in {@link #TABLE}; a new
 * endpoint that is not fails {@link #everyMutatingOperationIsClassified()}. Path variables are
 * filled with the ids of real records of both sides (see {@link #ids}), so a refusal is never just
 * "no such id". The wrong side must get 403, 404 or 405: a 400 or 409 means the endpoint validated
 * or looked at the record's state before checking who is asking, which is a bug to fix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one set-up for all: the tests change nothing when they pass
class IndependenceContractTest extends IntegrationTest {

    // ------------------------------------------------------------------------- classification

    enum Kind {
        /** The client's program: every firm role inside the engagement is refused. */
        CLIENT_OWNED,
        /** The audit firm's workpapers: every client role is refused. */
        AUDITOR_OWNED,
        /** Both sides by design; {@link Actor} says who acts and what the other side must not do. */
        SHARED_BY_DESIGN
    }

    /** Who acts on a shared operation. */
    enum Actor {
        NONE,
        /** Either side, each on a common or its own new record (comments, raising one's own finding). */
        EITHER,
        /** The client answers on the auditor's record (submit, management response); firm roles are refused. */
        CLIENT_ANSWERS,
        /** Each caller on their own record (tokens, read marks); the other side's record is not found. */
        OWN_RECORD
    }

    /**
     * One line of the table: {@code methods} ("*" = every mutating method, else e.g. "POST" or
     * "POST,PUT"), {@code path} as in the OpenAPI document, exact or ending in "/**" for the path and
     * everything below it. The first matching rule classifies an operation.
     */
    record Rule(String methods, String path, Kind kind, Actor actor, String reason) {

        boolean matches(Operation op) {
            if (!methods.equals("*") && !Set.of(methods.split(",")).contains(op.method())) {
                return false;
            }
            if (path.endsWith("/**")) {
                String base = path.substring(0, path.length() - 3);
                return op.path().equals(base) || op.path().startsWith(base + "/");
            }
            return op.path().equals(path);
        }

        String label() {
            return methods + " " + path;
        }
    }

    static Rule client(String methods, String path, String reason) {
        return new Rule(methods, path, Kind.CLIENT_OWNED, Actor.NONE, reason);
    }

    static Rule auditor(String methods, String path, String reason) {
        return new Rule(methods, path, Kind.AUDITOR_OWNED, Actor.NONE, reason);
    }

    static Rule shared(String methods, String path, Actor actor, String reason) {
        return new Rule(methods, path, Kind.SHARED_BY_DESIGN, actor, reason);
    }

    private static final String ENG = "/api/v1/engagements/{engagementId}";

    /** Every mutating /api/v1 operation, classified; first match wins, so specific lines come first. */
    static final List<Rule> TABLE = List.of(
            // the audit firm's workpapers, inside the engagement
            shared("POST", ENG + "/requests/{id}/submit", Actor.CLIENT_ANSWERS,
                    "the client answers a request with its evidence; the auditor cannot answer for it"),
            shared("POST", ENG + "/requests/{id}/comments", Actor.EITHER,
                    "both sides discuss a request; comments are append-only"),
            auditor("*", ENG + "/requests/**",
                    "the request list is the auditor's: create, import, edit, accept, flag, roll forward"),
            auditor("*", ENG + "/populations/**", "populations, their versions and selections are the auditor's"),
            auditor("*", ENG + "/samples/**", "samples (extension, verification) are the auditor's"),
            auditor("POST", ENG + "/monitoring/pull-requests/population",
                    "taking the merged pull requests of the period into fieldwork creates the auditor's population"),
            auditor("*", ENG + "/tests/**",
                    "tests, plans, results, deviations' auditor fields, conclusions, sign-offs, review notes"),
            shared("POST", ENG + "/deviations/{deviationId}/response", Actor.CLIENT_ANSWERS,
                    "management's response to a deviation is the client's, on the auditor's deviation"),
            shared("POST", ENG + "/findings", Actor.EITHER,
                    "each side raises its own finding (the firm's, or the organization's internal one)"),
            // findings: the assessment and re-test belong to the side that raised it (the fixture: the firm)
            auditor("PUT", "/api/v1/findings/{id}",
                    "the assessment of the firm's finding is the firm's (probed with a changed title)"),
            auditor("POST", "/api/v1/findings/{id}/retest", "the re-test of the firm's finding is the firm's"),
            shared("POST", "/api/v1/findings/{id}/actions/**", Actor.CLIENT_ANSWERS,
                    "corrective actions are the client's response to a finding"),
            shared("POST", "/api/v1/findings/{id}/status", Actor.CLIENT_ANSWERS,
                    "the client moves a finding through remediation; the firm closes only by re-test"),
            shared("POST", "/api/v1/findings", Actor.EITHER,
                    "each side raises its own finding (the firm's, or the organization's internal one)"),
            // the firm's own settings and access
            auditor("*", "/api/v1/firm/**", "the firm's frequency table and the tokens of its grants"),
            shared("POST", "/api/v1/audit-firms", Actor.EITHER,
                    "anyone signed in registers a new firm; it changes no existing record"),
            // the caller's own things
            shared("POST", "/api/v1/notifications/read-all", Actor.EITHER, "marks the caller's own notifications"),
            shared("POST", "/api/v1/notifications/{id}/read", Actor.OWN_RECORD, "marks one of the caller's notifications"),
            shared("POST", "/api/v1/auth/tokens", Actor.EITHER, "signs in with e-mail and password (public)"),
            shared("DELETE", "/api/v1/auth/tokens/{id}", Actor.OWN_RECORD, "revokes one of the caller's own API tokens"),
            // reports (issue 6): Section I is the service auditor's; versions and the assertion are management's
            auditor("PUT", "/api/v1/engagements/{id}/reports/auditor-section",
                    "Section I, the service auditor's report, is supplied by the audit firm only"),
            client("POST", "/api/v1/engagements/{id}/reports", "generating (freezing) a report version is management's"),
            client("POST", "/api/v1/engagements/{id}/bridge-letters", "a bridge letter is management's letter"),
            client("POST", "/api/v1/bridge-letters/{id}/signature", "a bridge letter is signed by an officer of the client"),
            client("POST", "/api/v1/reports/internal/{kind}/evidence",
                    "filing an internal report as evidence adds to the client's evidence"),
            client("POST", "/api/v1/reports/{id}/assertion-signature",
                    "management's assertion is signed by an officer of the client"),
            // the client's program
            client("*", "/api/v1/engagements/{id}/system-changes/**",
                    "changes to the system in the period (DC9) are the client's: record, correct, withdraw, dismiss"),
            client("*", "/api/v1/engagements/{id}/grants/**", "granting and revoking the firm's access is the client admin's"),
            client("POST", "/api/v1/engagements", "engagements are the client's"),
            client("POST", "/api/v1/signing-keys/rotate", "the organization's signing key is rotated by the client admin"),
            client("PUT", "/api/v1/engagements/{id}", "engagements (scope, system, period) are the client's"),
            client("POST", "/api/v1/engagements/{id}/roll-forward", "starting the next period's engagement is the client's"),
            client("*", "/api/v1/controls/**", "the control library is the client's"),
            client("*", "/api/v1/evidence/**", "evidence is the client's: upload, links, edit, review, withdraw"),
            client("*", "/api/v1/objectives/**", "SOC 1 control objectives are the client's"),
            client("*", "/api/v1/policies/**", "policies, their versions and employees' acknowledgements"),
            client("*", "/api/v1/risks/**", "the risk register is the client's"),
            client("*", "/api/v1/risk-assessments/**", "risk assessments are the client's"),
            client("*", "/api/v1/vendors/**", "vendors and their SOC report reviews are the client's"),
            client("*", "/api/v1/incidents/**", "incidents and their timelines are the client's"),
            client("*", "/api/v1/people/**", "the roster, checklists, training and background checks"),
            client("*", "/api/v1/access-reviews/**", "access review campaigns, decisions, tasks, sign-off"),
            client("*", "/api/v1/users/**", "the client's members"),
            client("*", "/api/v1/monitoring/imports/**", "monitoring imports (the raw file becomes client evidence)"),
            client("*", "/api/v1/monitoring/runs/**", "monitoring runs (each becomes client evidence)"),
            client("*", "/api/v1/monitoring/checks/**", "switching the client's checks on and off"),
            client("*", "/api/v1/monitoring/check-files/**", "the client's own check files"),
            client("*", "/api/v1/monitoring/exclusions/**", "exclusions: requested, approved, revoked by the client"),
            client("*", "/api/v1/monitoring/alerts/**", "acknowledging the client's monitoring alerts"),
            client("POST", "/api/v1/monitoring/collectors/{id}/runs",
                    "starting a collection job imports into the client's evidence and inventory"),
            client("*", "/api/v1/monitoring/collectors/**", "live collectors, their sealed credentials and collections"),
            client("*", "/api/v1/notification-settings/**",
                    "the client's notification settings, webhook signing secret and test sends"));

    /** Path variables that cannot be filled with a real record (each one weakens the test: keep it empty). */
    static final Set<String> ACCEPTED_UNRESOLVED = Set.of();

    // ----------------------------------------------------------------------------- the set-up

    static final LocalDate START = LocalDate.now().minusMonths(5).withDayOfMonth(1);
    static final LocalDate END = START.plusMonths(6).minusDays(1);
    static final List<Role> CLIENT_ROLES = TestOrg.ROLES;
    static final List<Role> FIRM_ROLES = TestFirm.ROLES;

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired RequestListService requests;
    @Autowired PopulationService populations;
    @Autowired TestOfControlService tests;
    @Autowired dev.assayer.report.ReportService reports;
    @Autowired dev.assayer.report.BridgeLetterService bridgeLetters;
    @Autowired MonitoringService monitoring;
    @Autowired MonitoringCheckService monitoringChecks;

    record Operation(String method, String path, JsonNode spec) {
        String key() {
            return method + " " + path;
        }
    }

    /** The fieldwork records of one engagement, made by the firm (and answered by the client). */
    record Fieldwork(UUID engagementId, UUID requestId, UUID populationId, UUID sampleId, UUID testId, UUID deviationId,
            UUID noteId, UUID findingId) {
    }

    TestOrg acme;
    TestFirm firm;
    Engagement audited;
    Engagement other;
    TestFirm.Inside in;
    TestFirm.Inside inOther;
    Control ac01;
    EvidenceItem inPeriod;
    EvidenceItem outOfPeriod;
    Fieldwork work;
    Fieldwork otherWork;
    UUID internalFinding;
    UUID otherInternalFinding;
    /** An API token of each side that the other side tries to revoke. */
    UUID clientToken;
    UUID firmToken;
    /** A change to the system (DC9) recorded in the other engagement. */
    String otherSystemChange;
    /** Path variable ("segment/{name}") → a real record's id; per side for records each side owns. */
    Map<String, String> ids;
    Map<String, String> firmOwn;
    Map<String, String> clientOwn;
    /** GET paths of every record the matrix aims at, read by the side that owns it. */
    List<String> clientRecords;
    List<String> firmRecords;

    @BeforeAll
    void setUp() throws Exception {
        acme = TestOrg.create(identity);
        firm = TestFirm.create(identity);
        ac01 = controls.create(acme.admin(), new ControlDraft("AC-01", "Quarterly user access review", null, null,
                Nature.MANUAL, ControlKind.DETECTIVE, Frequency.MONTHLY, true, ImplementationStatus.IMPLEMENTED,
                List.of("CC6.1"), List.of()));
        controls.create(acme.admin(), new ControlDraft("HR-02", "New hires sign the code of conduct", null, null,
                Nature.MANUAL, ControlKind.PREVENTIVE, Frequency.PER_EVENT, true, ImplementationStatus.IMPLEMENTED,
                List.of(), List.of()));
        audited = engagements.create(acme.admin(), type2("SOC 2 Type II " + UUID.randomUUID(), START, END));
        other = engagements.create(acme.admin(), type2("SOC 2 Type II next " + UUID.randomUUID(), END.plusDays(1),
                END.plusMonths(6)));
        in = firm.inside(identity, access, acme, audited.id());
        inOther = firm.inside(identity, access, acme, other.id());
        inPeriod = evidence.recordLink(acme.admin(), EvidenceMetadata.of("Q1 access review", START.plusDays(40), "AC-01"),
                "https://example.test/q1");
        outOfPeriod = evidence.recordLink(acme.admin(), EvidenceMetadata.of("Last year's access review",
                START.minusDays(100), "AC-01"), "https://example.test/old");

        // the client's program
        String policy = id(asClient(HttpMethod.POST, "/api/v1/policies/from-template", "{\"template\": \"access-control\"}"));
        for (String step : List.of("submit", "approve", "publish")) { // published: employees acknowledge it
            asClient(HttpMethod.POST, "/api/v1/policies/" + policy + "/versions/1/" + step,
                    "{\"reason\": \"Sole approver in the test\"}");
        }
        String risk = id(asClient(HttpMethod.POST, "/api/v1/risks", """
                {"title": "Payroll fraud", "category": "FRAUD", "threat": "Social engineering",
                 "vulnerability": "No call-back", "affectedAssets": "Payee data", "soc2Categories": ["SECURITY"],
                 "inherentLikelihood": 4, "inherentImpact": 5, "residualLikelihood": 2, "residualImpact": 4,
                 "treatment": "MITIGATE"}"""));
        String assessment = id(asClient(HttpMethod.POST, "/api/v1/risk-assessments", "{\"title\": \"Annual risk assessment\"}"));
        String vendor = id(asClient(HttpMethod.POST, "/api/v1/vendors", """
                {"name": "Cloud Host", "serviceProvided": "Hosting", "dataAccessed": ["Customer PII"], "tier": "TIER_1",
                 "contractStart": "%s", "contractEnd": "%s"}""".formatted(START.minusYears(1), END.plusYears(2))));
        String incident = id(asClient(HttpMethod.POST, "/api/v1/incidents", """
                {"title": "Phishing of a payroll clerk", "detectedAt": "%sT09:30:00Z", "reportedBy": "On-call engineer",
                 "severity": "HIGH", "significant": false, "affectedSystems": ["Payroll"], "affectedData": ["Bank details"]}"""
                .formatted(START.plusDays(20))));
        String person = id(asClient(HttpMethod.POST, "/api/v1/people", """
                {"name": "Grace Hopper", "email": "grace-%s@example.test", "jobTitle": "Engineer", "department": "R&D",
                 "startDate": "%s", "employmentType": "EMPLOYEE"}""".formatted(UUID.randomUUID(), START.minusYears(2))));
        String training = id(asClient(HttpMethod.POST, "/api/v1/people/" + person + "/training",
                "{\"course\": \"Security Awareness\", \"completedOn\": \"" + LocalDate.now().minusDays(20) + "\"}"));
        String check = id(asClient(HttpMethod.POST, "/api/v1/people/" + person + "/background-checks",
                "{\"completedOn\": \"" + START.minusYears(2) + "\", \"result\": \"CLEAR\", \"provider\": \"Example Screening\"}"));
        asClient(HttpMethod.POST, "/api/v1/people/" + person + "/checklist/access-provisioned", "{}");
        String objective = id(asClient(HttpMethod.POST, "/api/v1/objectives", """
                {"ref": "BP-IN-1", "category": "BUSINESS_PROCESS", "series": "BP-IN", "title": "Claims paid once",
                 "description": "Controls provide reasonable assurance that claims are paid once."}"""));
        String review = id(asClient(HttpMethod.POST, "/api/v1/access-reviews", """
                {"system": "GitHub", "asOfDate": "%s", "dueDate": "%s", "description": "Org members",
                 "controlIds": ["AC-01"]}""".formatted(LocalDate.now().minusDays(10), LocalDate.now().plusDays(20))));
        send(acme.bearer(Role.ADMIN), request(HttpMethod.POST, "/api/v1/access-reviews/" + review + "/accounts")
                .param("filename", "github.csv").contentType("text/csv")
                .content("account,email,name,entitlement,last_login,status\n"
                        + "alice,alice@acme.test,Alice Adams,admin,2026-01-01,active\n"
                        + "bob,bob@acme.test,Bob Brown,write,2026-01-01,active\n"), 200);
        JsonNode accounts = asClient(HttpMethod.GET, "/api/v1/access-reviews/" + review + "/accounts", null);
        String account = accounts.get(0).get("id").asString();
        String revoked = accounts.get(1).get("id").asString();
        String task = asClient(HttpMethod.POST, "/api/v1/access-reviews/" + review + "/accounts/" + revoked + "/decision",
                "{\"decision\": \"REVOKE\", \"justification\": \"Left the company\"}").get("task").get("id").asString();
        internalFinding = UUID.fromString(id(asClient(HttpMethod.POST, "/api/v1/findings", internalFindingJson(audited.id()))));
        otherInternalFinding = UUID.fromString(id(asClient(HttpMethod.POST, "/api/v1/findings",
                internalFindingJson(other.id()))));
        // the client's monitoring: its own checks, an import, a run whose failure raised an alert, an exclusion
        monitoringChecks.saveCheckFile(acme.admin(), null, "probe.yaml", """
                checks:
                  - id: probe-encrypted
                    title: Laptops are encrypted
                    resource: test.laptop
                    expect: resource.encrypted == true
                    severity: high
                    remediation: Encrypt it.
                    controls: [AC-01]
                """, null);
        monitoring.importFile(acme.admin(), "upload:probe", "laptops.csv", "generic-csv",
                new FormatOptions(null, "test.laptop", "serial", Map.of()), new ByteArrayInputStream(
                        "serial,encrypted\nL1,true\nL2,false\n".getBytes(StandardCharsets.UTF_8)), null, null);
        monitoring.run(acme.admin());
        String alert = monitoring.alerts(acme.admin(), "OPEN").getFirst().id().toString();
        String exclusion = monitoringChecks.requestExclusion(acme.user(Role.CONTROL_OWNER), "probe-encrypted", "L2",
                "Spare laptop in the safe", LocalDate.now().plusDays(30)).id().toString();
        String checkFile = monitoringChecks.checkFiles(acme.admin()).getFirst().id().toString();
        String collector = id(asClient(HttpMethod.POST, "/api/v1/monitoring/collectors", """
                {"kind": "github", "name": "github-probe", "settings": {"organization": "acme"},
                 "secrets": {"token": "github_pat_probe"}, "enabled": false}"""));
        String systemChange = id(asClient(HttpMethod.POST, "/api/v1/engagements/" + audited.id() + "/system-changes", """
                {"changedOn": "%s", "area": "infrastructure", "description": "Database moved to a cluster",
                 "significant": true}""".formatted(START.plusDays(10))));
        otherSystemChange = id(asClient(HttpMethod.POST, "/api/v1/engagements/" + other.id() + "/system-changes", """
                {"changedOn": "%s", "area": "software", "description": "New API version", "significant": false}"""
                .formatted(END.plusDays(10))));
        clientToken = identity.issueToken(acme.admin(), "independence probe").id();
        firmToken = identity.issueToken(in.user(Role.AUDIT_PARTNER), "independence probe").id();

        // the firm's fieldwork, in the audited engagement and in the next one
        work = fieldwork(in, audited.id(), START, END);
        otherWork = fieldwork(inOther, other.id(), END.plusDays(1), END.plusMonths(6));
        String action = asClient(HttpMethod.POST, "/api/v1/findings/" + work.findingId() + "/actions",
                "{\"description\": \"Connect the HR leavers feed to the IdP\"}").get("id").asString();
        UUID clientNotice = requests.notifications(acme.user(Role.CONTROL_OWNER)).notifications().getFirst().id();
        UUID firmNotice = requests.notifications(in.user(Role.AUDIT_STAFF)).notifications().getFirst().id();

        ids = new HashMap<>();
        ids.put("engagements/{id}", audited.id().toString());
        ids.put("engagements/{engagementId}", audited.id().toString());
        ids.put("system-changes/{changeId}", systemChange);
        ids.put("grants/{grantId}", in.grant().id().toString());
        ids.put("controls/{idOrRef}", ac01.id().toString());
        ids.put("evidence/{id}", inPeriod.id().toString());
        ids.put("objectives/{id}", objective);
        ids.put("policies/{id}", policy);
        ids.put("versions/{n}", "1");
        ids.put("risks/{id}", risk);
        ids.put("risk-assessments/{id}", assessment);
        ids.put("vendors/{id}", vendor);
        ids.put("incidents/{id}", incident);
        ids.put("people/{id}", person);
        ids.put("checklist/{item}", "access-provisioned");
        ids.put("training/{trainingId}", training);
        ids.put("background-checks/{checkId}", check);
        ids.put("access-reviews/{id}", review);
        ids.put("accounts/{accountId}", account);
        ids.put("tasks/{taskId}", task);
        ids.put("users/{id}", acme.user(Role.CONTROL_OWNER).userId().toString());
        ids.put("findings/{id}", work.findingId().toString());
        ids.put("actions/{actionId}", action);
        ids.put("reports/{id}", reports.generate(acme.admin(), audited.id(), "soc2-type2").id().toString());
        Engagement ended = engagements.create(acme.admin(), type2("SOC 2 Type II last " + UUID.randomUUID(),
                START.minusMonths(12), START.minusDays(1)));
        ids.put("bridge-letters/{id}", bridgeLetters.draft(acme.admin(), ended.id(), LocalDate.now()).id().toString());
        ids.put("internal/{kind}", "readiness");
        ids.put("alerts/{id}", alert);
        ids.put("exclusions/{id}", exclusion);
        ids.put("check-files/{id}", checkFile);
        ids.put("collectors/{id}", collector);
        ids.put("checks/{checkId}", "probe-encrypted");
        putFieldwork(ids, work);
        // records each side owns for itself: a caller aims at the OTHER side's
        firmOwn = Map.of("tokens/{id}", firmToken.toString(), "notifications/{id}", firmNotice.toString());
        clientOwn = Map.of("tokens/{id}", clientToken.toString(), "notifications/{id}", clientNotice.toString());

        String e = "/api/v1/engagements/" + audited.id();
        clientRecords = List.of(e, e + "/grants", "/api/v1/controls/" + ac01.id(), "/api/v1/evidence/" + inPeriod.id(),
                "/api/v1/objectives/" + objective, "/api/v1/policies/" + policy, "/api/v1/policies/" + policy + "/versions/1",
                "/api/v1/risks/" + risk, "/api/v1/risk-assessments/" + assessment, "/api/v1/vendors/" + vendor,
                "/api/v1/incidents/" + incident, "/api/v1/people/" + person, "/api/v1/people/" + person + "/training",
                "/api/v1/people/" + person + "/background-checks", "/api/v1/people/" + person + "/checklist",
                "/api/v1/access-reviews/" + review, "/api/v1/access-reviews/" + review + "/accounts", "/api/v1/users",
                "/api/v1/findings/" + internalFinding, "/api/v1/monitoring/exclusions/" + exclusion,
                "/api/v1/monitoring/alerts/" + alert, "/api/v1/monitoring/check-files/" + checkFile,
                "/api/v1/monitoring/collectors/" + collector);
        firmRecords = List.of(e + "/requests/" + work.requestId(), e + "/requests/" + work.requestId() + "/comments",
                e + "/populations/" + work.populationId(), e + "/populations/" + work.populationId() + "/versions/1",
                e + "/samples/" + work.sampleId(), e + "/tests/" + work.testId(), e + "/tests/" + work.testId()
                        + "/deviations", "/api/v1/findings/" + work.findingId());
    }

    static EngagementDraft type2(String name, LocalDate start, LocalDate end) {
        return new EngagementDraft(name, Framework.SOC2, ReportType.TYPE2, null, start, end, List.of(), null, null, null,
                null, null, null);
    }

    static String internalFindingJson(UUID engagementId) {
        return """
                {"title": "No owner for CC7.2 monitoring", "description": "Readiness shows CC7.2 without an owner",
                 "severity": "LOW", "criteria": ["CC7.2"], "source": {"type": "READINESS_GAP", "ref": "CC7.2: no owner"},
                 "engagementId": "%s"}""".formatted(engagementId);
    }

    /**
     * A request (answered by the client's control owner, with a comment), a twelve-row population
     * with a random sample of four, a test of operating effectiveness on that sample with one failed
     * attribute (a deviation), a review note, and a finding raised from the deviation.
     */
    Fieldwork fieldwork(TestFirm.Inside firmIn, UUID engagementId, LocalDate from, LocalDate to) throws Exception {
        CurrentUser staff = firmIn.user(Role.AUDIT_STAFF);
        CurrentUser owner = acme.user(Role.CONTROL_OWNER);
        InformationRequest req = requests.create(staff, engagementId, new RequestDraft(null, "User listing",
                "The list of users and the review's sign-off", List.of("CC6.1"), List.of("AC-01"), owner.userId(), null,
                LocalDate.now().plusDays(14)));
        requests.submit(owner, engagementId, req.id(), List.of(), "Attached in the shared folder", null);
        requests.comment(staff, engagementId, req.id(), "Thanks, looking at it");
        StringBuilder csv = new StringBuilder("review,done_on,reviewer\n");
        for (int i = 1; i <= 12; i++) {
            csv.append("REV-").append(i).append(',').append(from.plusDays(i * 7L)).append(",cto\n");
        }
        PopulationRecord p = populations.importPopulation(staff, engagementId, new PopulationMetadata(
                "Access reviews " + UUID.randomUUID(), List.of("AC-01"), "Jira", "project = SEC AND type = Review", null,
                "IT manager at the client", Instant.now().minus(1, ChronoUnit.DAYS), from, to, "review", "done_on", "csv"),
                "reviews.csv", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        Sample sample = populations.select(staff, engagementId, p.id(), 1, SampleRequest.random(4, "independence"))
                .sample();
        TestOfControl t = tests.create(staff, engagementId, ac01.id(), TestKind.OPERATING_EFFECTIVENESS,
                new TestPlan(List.of(new Procedure(TestMethod.INSPECTION, "Inspect the review's sign-off")),
                        List.of(new TestAttribute(null, "Signed by the CTO")), "Access reviews in Jira", sample.id(),
                        List.of(), TestSizing.byFrequency(ControlFrequency.WEEKLY, null)));
        var first = sample.items().getFirst();
        UUID deviation = tests.recordResult(staff, engagementId, t.id(), new ResultDraft(first.row(), first.key(), "A",
                ResultOutcome.FAIL, "Not signed", List.of(), null, null)).deviationId();
        UUID note = tests.addReviewNote(firmIn.user(Role.AUDIT_MANAGER), engagementId, t.id(), "Why was it not signed?")
                .id();
        String finding = id(call(firmIn.bearer(Role.AUDIT_STAFF), HttpMethod.POST,
                "/api/v1/engagements/" + engagementId + "/findings", """
                        {"title": "Access review not signed", "description": "1 of 4 sampled reviews was not signed",
                         "severity": "MEDIUM", "controlIds": ["AC-01"], "criteria": ["CC6.1"],
                         "source": {"type": "DEVIATION", "id": "%s", "ref": "Deviation 1"}}""".formatted(deviation),
                201));
        return new Fieldwork(engagementId, req.id(), p.id(), sample.id(), t.id(), deviation, note, UUID.fromString(finding));
    }

    static void putFieldwork(Map<String, String> m, Fieldwork w) {
        m.put("engagements/{engagementId}", w.engagementId().toString());
        m.put("engagements/{id}", w.engagementId().toString());
        m.put("requests/{id}", w.requestId().toString());
        m.put("populations/{id}", w.populationId().toString());
        m.put("versions/{number}", "1");
        m.put("samples/{sampleId}", w.sampleId().toString());
        m.put("tests/{testId}", w.testId().toString());
        m.put("deviations/{deviationId}", w.deviationId().toString());
        m.put("review-notes/{noteId}", w.noteId().toString());
        m.put("findings/{id}", w.findingId().toString());
    }

    // ------------------------------------------------------------------------------- the tests

    @Test
    void everyMutatingOperationIsClassified() throws Exception {
        List<Operation> ops = mutatingOperations();
        assertThat(ops).hasSizeGreaterThan(50);
        Set<String> unclassified = new TreeSet<>();
        Set<String> unused = new LinkedHashSet<>();
        TABLE.forEach(r -> unused.add(r.label()));
        for (Operation op : ops) {
            Rule r = rule(op);
            if (r == null) {
                unclassified.add(op.key());
            } else {
                unused.remove(r.label());
            }
        }
        assertThat(unclassified).as("mutating operations in /api/v1/openapi.json that IndependenceContractTest.TABLE "
                + "does not classify (add a line: whose record does it change?)").isEmpty();
        assertThat(unused).as("lines of IndependenceContractTest.TABLE that match no operation any more").isEmpty();
        // nothing deletes a workpaper: the firm's records are superseded or withdrawn, never deleted
        assertThat(ops).filteredOn(op -> op.method().equals("DELETE") && rule(op) != null
                && rule(op).kind() == Kind.AUDITOR_OWNED).as("DELETE operations on auditor-owned records").isEmpty();
        // and every DELETE is tried by the other side on a record that is not theirs
        assertThat(ops).filteredOn(op -> op.method().equals("DELETE") && rule(op) != null
                && rule(op).actor() == Actor.EITHER).as("DELETE operations that no side is refused").isEmpty();
    }

    @Test
    void noFirmRoleInsideTheEngagementChangesOrDeletesAClientRecord() throws Exception {
        Map<String, String> before = snapshot(acme.bearer(Role.ADMIN), clientRecords);
        List<String> failures = new ArrayList<>();
        Set<String> unresolved = new TreeSet<>();
        int calls = 0;
        for (Operation op : mutatingOperations()) {
            Rule r = rule(op);
            if (r == null) {
                continue; // everyMutatingOperationIsClassified() names it
            }
            boolean refused = r.kind() == Kind.CLIENT_OWNED
                    || (r.kind() == Kind.SHARED_BY_DESIGN && r.actor() != Actor.EITHER && r.actor() != Actor.NONE);
            if (!refused) {
                continue;
            }
            String url = fill(op.path(), clientOwn, unresolved);
            if (r.kind() == Kind.CLIENT_OWNED) {
                checkTargetExists(op, url, acme.bearer(Role.ADMIN), failures);
            }
            for (Role role : FIRM_ROLES) {
                calls += probe(op, url, in.bearer(role), role, failures);
            }
        }
        unresolved.removeAll(ACCEPTED_UNRESOLVED);
        assertThat(unresolved).as("path variables not filled with a real record (map them in setUp)").isEmpty();
        assertThat(calls).isGreaterThan(100);
        assertThat(failures).as("firm roles inside the engagement that were not refused (403/404/405) a client "
                + "operation").isEmpty();
        assertThat(snapshot(acme.bearer(Role.ADMIN), clientRecords)).as("the client's records after every refusal")
                .isEqualTo(before);
        assertThat(identity.tokens(acme.admin())).filteredOn(t -> t.id().equals(clientToken))
                .singleElement().satisfies(t -> assertThat(t.revokedAt()).isNull());
    }

    @Test
    void noClientRoleChangesOrDeletesAnAuditorsWorkpaper() throws Exception {
        Map<String, String> before = snapshot(in.bearer(Role.AUDIT_PARTNER), firmRecords);
        List<String> failures = new ArrayList<>();
        Set<String> unresolved = new TreeSet<>();
        int calls = 0;
        for (Operation op : mutatingOperations()) {
            Rule r = rule(op);
            if (r == null) {
                continue;
            }
            boolean refused = r.kind() == Kind.AUDITOR_OWNED
                    || (r.kind() == Kind.SHARED_BY_DESIGN && r.actor() == Actor.OWN_RECORD);
            if (!refused) {
                continue;
            }
            String url = fill(op.path(), firmOwn, unresolved);
            if (r.kind() == Kind.AUDITOR_OWNED) {
                checkTargetExists(op, url, in.bearer(Role.AUDIT_PARTNER), failures);
            }
            for (Role role : CLIENT_ROLES) {
                calls += probe(op, url, acme.bearer(role), role, failures);
            }
        }
        unresolved.removeAll(ACCEPTED_UNRESOLVED);
        assertThat(unresolved).as("path variables not filled with a real record (map them in setUp)").isEmpty();
        assertThat(calls).isGreaterThan(100);
        assertThat(failures).as("client roles that were not refused (403/404/405) an auditor's operation").isEmpty();
        assertThat(snapshot(in.bearer(Role.AUDIT_PARTNER), firmRecords)).as("the firm's workpapers after every refusal")
                .isEqualTo(before);
        assertThat(identity.tokens(in.user(Role.AUDIT_PARTNER))).filteredOn(t -> t.id().equals(firmToken))
                .singleElement().satisfies(t -> assertThat(t.revokedAt()).isNull());
    }

    @Test
    void theOrganizationsOwnFindingIsNotTheFirmsToChange() throws Exception {
        String url = "/api/v1/findings/" + internalFinding;
        JsonNode mine = asClient(HttpMethod.GET, url, null);
        ObjectNode changed = (ObjectNode) mine.deepCopy();
        changed.put("title", "Rewritten by the auditor");
        List<String> failures = new ArrayList<>();
        for (Role role : FIRM_ROLES) {
            String b = in.bearer(role);
            expectRefused(role, HttpMethod.PUT, url, b, json.writeValueAsString(changed), failures);
            expectRefused(role, HttpMethod.PUT, url, b, "{}", failures);
            expectRefused(role, HttpMethod.POST, url + "/retest", b, "{\"result\": \"PASS\", \"note\": \"fine\"}", failures);
            expectRefused(role, HttpMethod.POST, url + "/actions", b, "{\"description\": \"Auditor's plan\"}", failures);
            expectRefused(role, HttpMethod.POST, url + "/status", b, "{\"to\": \"IN_REMEDIATION\"}", failures);
        }
        assertThat(failures).as("firm roles changing the organization's internal finding").isEmpty();
        assertThat(asClient(HttpMethod.GET, url, null)).isEqualTo(mine);
    }

    @Test
    void aFirmUserInsideSeesNothingOfAnotherEngagement() throws Exception {
        Map<String, String> otherIds = new HashMap<>(ids);
        putFieldwork(otherIds, otherWork);
        otherIds.put("system-changes/{changeId}", otherSystemChange);
        Map<String, String> crossIds = new HashMap<>(otherIds);
        crossIds.put("engagements/{engagementId}", audited.id().toString());
        crossIds.put("engagements/{id}", audited.id().toString());
        List<String> urls = new ArrayList<>();
        Set<String> unresolved = new TreeSet<>();
        int engagementReads = 0;
        for (Operation op : operations()) {
            if (!op.method().equals("GET") || !op.path().startsWith("/api/v1/engagements/{")) {
                continue;
            }
            engagementReads++;
            urls.add(fill(op.path(), otherIds, unresolved));
            if (op.path().chars().filter(c -> c == '{').count() > 1) {
                // the other engagement's record through the audited engagement's path
                urls.add(fill(op.path(), crossIds, unresolved));
            }
        }
        urls.add("/api/v1/findings/" + otherWork.findingId());
        urls.add("/api/v1/findings/" + otherInternalFinding);
        urls.add("/api/v1/evidence/" + outOfPeriod.id());
        urls.add("/api/v1/evidence/" + outOfPeriod.id() + "/content");
        assertThat(unresolved).as("path variables not filled with a real record").isEmpty();
        assertThat(engagementReads).isGreaterThan(10);
        List<String> failures = new ArrayList<>();
        for (Role role : FIRM_ROLES) {
            for (String url : urls) {
                MockHttpServletResponse res = perform(in.bearer(role), request(HttpMethod.GET, url));
                if (res.getStatus() != 404) {
                    failures.add(role + " GET " + url + " → " + res.getStatus() + " " + detail(res));
                }
            }
            // and the lists of the audited engagement do not mention the other one's records
            for (String list : List.of("/api/v1/engagements", "/api/v1/findings", "/api/v1/evidence",
                    "/api/v1/notifications")) {
                String body = perform(in.bearer(role), request(HttpMethod.GET, list)).getContentAsString();
                for (UUID foreign : List.of(other.id(), otherWork.findingId(), otherInternalFinding, outOfPeriod.id(),
                        otherWork.requestId())) {
                    if (body.contains(foreign.toString())) {
                        failures.add(role + " GET " + list + " lists " + foreign);
                    }
                }
            }
        }
        assertThat(failures).as("reads of another engagement (or of evidence outside the period) that were not 404")
                .isEmpty();
    }

    @Test
    void aFirmUserInsideSeesNeitherTheClientsMembersNorItsActivity() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Role role : FIRM_ROLES) {
            for (String url : List.of("/api/v1/users", "/api/v1/activity", "/api/v1/activity/verify")) {
                MockHttpServletResponse res = perform(in.bearer(role), request(HttpMethod.GET, url));
                if (res.getStatus() != 403) {
                    failures.add(role + " GET " + url + " → " + res.getStatus() + " " + detail(res));
                }
            }
        }
        assertThat(failures).as("the client's members and activity log read from inside an engagement").isEmpty();
    }

    // -------------------------------------------------------------------------------- probing

    /**
     * Calls {@code op} as the wrong side with each body the operation takes: an empty JSON object
     * (which every JSON endpoint parses, so anything but 403/404/405 is the endpoint's own doing),
     * a plausible one (the owner's own record sent back with its title changed, or common fields
     * with a version), a small multipart upload, a small CSV. Returns the number of calls made.
     */
    int probe(Operation op, String url, String bearer, Role role, List<String> failures) throws Exception {
        HttpMethod method = HttpMethod.valueOf(op.method());
        JsonNode content = op.spec().path("requestBody").path("content");
        Set<String> types = new LinkedHashSet<>();
        content.properties().forEach(e -> types.add(e.getKey()));
        int calls = 0;
        if (types.isEmpty()) {
            calls += check(op, role, "no body", perform(bearer, withQuery(op, request(method, url))), true, failures);
        }
        if (types.stream().anyMatch(t -> t.contains("json") || t.equals("*/*"))) {
            String plausible = plausibleBody(op, url);
            if (!CUSTOM_ONLY.contains(op.key())) {
                calls += check(op, role, "{}", perform(bearer, withQuery(op, request(method, url))
                        .contentType(MediaType.APPLICATION_JSON).content("{}")), true, failures);
            }
            calls += check(op, role, "plausible JSON", perform(bearer, withQuery(op, request(method, url))
                    .contentType(MediaType.APPLICATION_JSON).content(plausible)), CUSTOM_ONLY.contains(op.key()), failures);
        }
        if (types.contains(MediaType.MULTIPART_FORM_DATA_VALUE)) {
            MockMultipartHttpServletRequestBuilder b = multipart(method, url);
            JsonNode props = content.path(MediaType.MULTIPART_FORM_DATA_VALUE).path("schema").path("properties");
            Set<String> parts = new LinkedHashSet<>();
            props.properties().forEach(e -> parts.add(e.getKey()));
            parts.add("file");
            for (String part : parts) {
                JsonNode schema = props.path(part);
                boolean file = part.equals("file") || "binary".equals(schema.path("format").asString(""));
                b.file(file ? new MockMultipartFile(part, "probe.csv", "text/csv", csv())
                        : new MockMultipartFile(part, "", MediaType.APPLICATION_JSON_VALUE, "{}".getBytes()));
            }
            calls += check(op, role, "multipart", perform(bearer, withQuery(op, b)), true, failures);
        }
        String text = types.stream().filter(t -> t.startsWith("text/") || t.contains("yaml") || t.contains("octet"))
                .findFirst().orElse(null);
        if (text != null) {
            String type = types.contains("text/csv") ? "text/csv" : text;
            calls += check(op, role, type, perform(bearer, withQuery(op, request(method, url)).contentType(type)
                    .content(csv())), true, failures);
        }
        return calls;
    }

    /** Operations probed only with their plausible body: the wrong side may legitimately call them with other fields. */
    static final Set<String> CUSTOM_ONLY = Set.of("PUT /api/v1/findings/{id}");

    int check(Operation op, Role role, String probe, MockHttpServletResponse res, boolean strict, List<String> failures)
            throws Exception {
        int s = res.getStatus();
        boolean refused = s == 403 || s == 404 || s == 405;
        // a plausible body may fail to parse for an endpoint (400) before any check can run; anything else must be a refusal
        boolean tolerated = !strict && s == 400;
        if (!refused && !tolerated) {
            failures.add(String.format("%-18s %s [%s] → %d %s", role, op.key(), probe, s, detail(res)));
        }
        return 1;
    }

    void expectRefused(Role role, HttpMethod method, String url, String bearer, String body, List<String> failures)
            throws Exception {
        MockHttpServletResponse res = perform(bearer, request(method, url).contentType(MediaType.APPLICATION_JSON)
                .content(body));
        int s = res.getStatus();
        if (s != 403 && s != 404) {
            failures.add(role + " " + method + " " + url + " " + body + " → " + s + " " + detail(res));
        }
    }

    private final Map<String, String> plausible = new HashMap<>();

    /** The owner's record sent back changed (when a GET of the same path exists), else common fields with a version. */
    String plausibleBody(Operation op, String url) throws Exception {
        String key = op.method() + " " + url;
        if (!plausible.containsKey(key)) {
            plausible.put(key, makePlausibleBody(op, url));
        }
        return plausible.get(key);
    }

    String makePlausibleBody(Operation op, String url) throws Exception {
        ObjectNode body = json.createObjectNode();
        for (String field : List.of("title", "name", "description", "text", "note", "reason", "response", "body",
                "justification", "resultWording", "rootCause", "correctiveActionPlan")) {
            body.put(field, "Changed by the other side");
        }
        body.put("version", 0);
        if (op.method().equals("PUT") && hasGet(op.path())) {
            String owner = rule(op).kind() == Kind.AUDITOR_OWNED ? in.bearer(Role.AUDIT_PARTNER) : acme.bearer(Role.ADMIN);
            MockHttpServletResponse res = perform(owner, request(HttpMethod.GET, url));
            if (res.getStatus() == 200 && json.readTree(res.getContentAsString()) instanceof ObjectNode record) {
                for (String field : List.of("title", "name", "description")) {
                    if (record.path(field).isString()) {
                        record.put(field, record.path(field).asString() + " (changed by the other side)");
                    }
                }
                return json.writeValueAsString(record);
            }
        }
        return json.writeValueAsString(body);
    }

    /** Required query parameters, filled with a plausible value. */
    <B extends AbstractMockHttpServletRequestBuilder<B>> B withQuery(Operation op, B b) {
        for (JsonNode p : op.spec().path("parameters")) {
            if (p.path("in").asString("").equals("query") && p.path("required").asBoolean(false)) {
                b.param(p.path("name").asString(), "uuid".equals(p.path("schema").path("format").asString(""))
                        ? audited.id().toString() : "probe");
            }
        }
        return b;
    }

    /**
     * The operation's target exists for its owner: the longest path that can be read (GET) and holds
     * at least one of the operation's variables answers 200 to the owning side.
     */
    void checkTargetExists(Operation op, String url, String ownerBearer, List<String> failures) throws Exception {
        String[] template = op.path().split("/");
        String[] filled = url.split("/");
        for (int n = template.length; n > 0; n--) {
            String prefix = String.join("/", java.util.Arrays.copyOf(template, n));
            if (!prefix.contains("{")) {
                return;
            }
            if (hasGet(prefix)) {
                String target = String.join("/", java.util.Arrays.copyOf(filled, n));
                MockHttpServletResponse res = perform(ownerBearer, request(HttpMethod.GET, target));
                if (res.getStatus() != 200) {
                    failures.add("set-up: the owner cannot read " + target + " (for " + op.key() + ") → "
                            + res.getStatus() + " " + detail(res));
                }
                return;
            }
        }
    }

    /** {template} with every {variable} replaced by the id of the fixture record it names ("segment/{name}"). */
    String fill(String template, Map<String, String> overrides, Set<String> unresolved) {
        String[] seg = template.split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < seg.length; i++) {
            String s = seg[i];
            if (s.startsWith("{")) {
                String key = seg[i - 1] + "/" + s;
                String value = overrides.containsKey(key) ? overrides.get(key) : ids.get(key);
                if (value == null) {
                    unresolved.add(key + " in " + template);
                    value = UUID.randomUUID().toString();
                }
                s = value;
            }
            out.append('/').append(s);
        }
        return out.toString();
    }

    Map<String, String> snapshot(String bearer, List<String> urls) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String url : urls) {
            MockHttpServletResponse res = perform(bearer, request(HttpMethod.GET, url));
            assertThat(res.getStatus()).as("GET " + url + " by its owner").isEqualTo(200);
            out.put(url, res.getContentAsString());
        }
        return out;
    }

    // ------------------------------------------------------------------------------ the document

    private List<Operation> operations;

    List<Operation> operations() throws Exception {
        if (operations == null) {
            MockHttpServletResponse res = mvc.perform(request(HttpMethod.GET, "/api/v1/openapi.json")).andReturn()
                    .getResponse();
            assertThat(res.getStatus()).isEqualTo(200);
            JsonNode doc = json.readTree(res.getContentAsString());
            List<Operation> out = new ArrayList<>();
            doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(o -> {
                String method = o.getKey().toUpperCase();
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    out.add(new Operation(method, p.getKey(), o.getValue()));
                }
            }));
            operations = out;
        }
        return operations;
    }

    List<Operation> mutatingOperations() throws Exception {
        return operations().stream().filter(op -> !op.method().equals("GET")).toList();
    }

    boolean hasGet(String path) throws Exception {
        return operations().stream().anyMatch(o -> o.method().equals("GET") && o.path().equals(path));
    }

    static Rule rule(Operation op) {
        return TABLE.stream().filter(r -> r.matches(op)).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------------------------- helpers

    static byte[] csv() {
        return ("ref,title,description\nPBC-99,Probe,Sent by the other side\n").getBytes(StandardCharsets.UTF_8);
    }

    MockHttpServletResponse perform(String bearer, AbstractMockHttpServletRequestBuilder<?> b) throws Exception {
        return mvc.perform(b.header("Authorization", bearer)).andReturn().getResponse();
    }

    JsonNode asClient(HttpMethod method, String url, String body) throws Exception {
        return call(acme.bearer(Role.ADMIN), method, url, body, -1);
    }

    JsonNode call(String bearer, HttpMethod method, String url, String body, int expected) throws Exception {
        MockHttpServletRequestBuilder b = request(method, url);
        if (body != null) {
            b.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return send(bearer, b, expected);
    }

    JsonNode send(String bearer, MockHttpServletRequestBuilder b, int expected) throws Exception {
        MockHttpServletResponse res = perform(bearer, b);
        String text = res.getContentAsString();
        if (expected > 0) {
            assertThat(res.getStatus()).as(text).isEqualTo(expected);
        } else {
            assertThat(res.getStatus()).as(text).isBetween(200, 299);
        }
        return text.isEmpty() ? json.createObjectNode() : json.readTree(text);
    }

    static String id(JsonNode node) {
        return node.get("id").asString();
    }

    static String detail(MockHttpServletResponse res) throws Exception {
        String body = res.getContentAsString();
        return body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }
}
