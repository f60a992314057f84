package dev.assayer.accessreview;

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
import dev.assayer.control.ControlService;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.ControlRef;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AccessReviewApiTest extends IntegrationTest {

    static final String BASE = "/api/v1/access-reviews";

    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired AccessReviewService reviews;
    @Autowired EvidenceService evidence;
    @Autowired ActivityLog activity;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg acme;
    Fixture fx;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        fx = Fixture.create(acme, controls, jdbc);
    }

    ResultActions as(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return as(acme, role, request, body);
    }

    ResultActions as(TestOrg o, Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        request.header("Authorization", o.bearer(role));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    ResultActions importCsv(TestOrg o, Role role, String id, String filename, byte[] content) throws Exception {
        return mvc.perform(multipart(BASE + "/" + id + "/accounts")
                .file(new MockMultipartFile("file", filename, "text/csv", content))
                .header("Authorization", o.bearer(role)));
    }

    String createCampaign() throws Exception {
        return json.readTree(as(Role.COMPLIANCE_MANAGER, post(BASE), fx.campaignJson("GitHub"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
    }

    String imported() throws Exception {
        String id = createCampaign();
        importCsv(acme, Role.COMPLIANCE_MANAGER, id, "github-members.csv", fx.csvBytes()).andExpect(status().isOk());
        return id;
    }

    Map<String, ReviewAccount> accounts(String id) {
        return reviews.accounts(acme.admin(), UUID.fromString(id), AccountFilter.all()).stream()
                .collect(Collectors.toMap(ReviewAccount::account, Function.identity()));
    }

    ResultActions decide(Role role, String id, String account, String body) throws Exception {
        return decide(acme, role, id, accounts(id).get(account).id().toString(), body);
    }

    ResultActions decide(TestOrg o, Role role, String id, String accountId, String body) throws Exception {
        return as(o, role, post(BASE + "/" + id + "/accounts/" + accountId + "/decision"), body);
    }

    long count(String table, UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    @Test
    void aCampaignIsCreatedForASystemMappedToControls() throws Exception {
        as(Role.COMPLIANCE_MANAGER, post(BASE), fx.campaignJson("GitHub"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith(BASE + "/")))
                .andExpect(jsonPath("$.system").value("GitHub"))
                .andExpect(jsonPath("$.asOfDate").value("2026-06-30"))
                .andExpect(jsonPath("$.dueDate").value("2026-07-31"))
                .andExpect(jsonPath("$.controlIds[0]").value(fx.control().id().toString()))
                .andExpect(jsonPath("$.controlRefs[0]").value("AC-04"))
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.ownerId").value(acme.user(Role.COMPLIANCE_MANAGER).userId().toString()))
                .andExpect(jsonPath("$.progress.accounts").value(0))
                .andExpect(jsonPath("$.signOffBlockers[0]").value("no account list has been imported"))
                .andExpect(jsonPath("$.version").value(0));
        as(Role.ADMIN, post(BASE), "{\"system\": \" \", \"asOfDate\": \"2026-06-30\", \"dueDate\": \"2026-06-01\", "
                + "\"controlIds\": [\"NOPE-9\"]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("system", "dueDate", "controlIds[0]")));
        as(Role.ADMIN, post(BASE), "{\"system\": \"Okta\", \"asOfDate\": \"30/06/2026\"}")
                .andExpect(status().isBadRequest());
        assertThat(count("access_review", acme.id())).isEqualTo(1);
    }

    @Test
    void importAssignsEachAccountToTheOwnersManagerOrTheCampaignOwnerWithTheReason() throws Exception {
        String id = createCampaign();
        importCsv(acme, Role.COMPLIANCE_MANAGER, id, "github-members.csv", fx.csvBytes())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accounts").value(6))
                .andExpect(jsonPath("$.flagged").value(2))
                .andExpect(jsonPath("$.assignedToOwner").value(4))
                .andExpect(jsonPath("$.replaced").value(0))
                .andExpect(jsonPath("$.sha256").value(Hashing.sha256Hex(fx.csvBytes())));
        var owner = acme.user(Role.CONTROL_OWNER);
        var cm = acme.user(Role.COMPLIANCE_MANAGER);
        Map<String, ReviewAccount> a = accounts(id);
        assertThat(a.get("alice").reviewerId()).isEqualTo(owner.userId());
        assertThat(a.get("alice").assignmentNote()).isNull();
        assertThat(a.get("alice").rosterStatus()).isEqualTo(RosterStatus.ON_ROSTER);
        assertThat(a.get("bob").rosterStatus()).isEqualTo(RosterStatus.LEFT);
        assertThat(a.get("bob").rosterNote()).contains("left on 2026-06-15").contains("still has access");
        assertThat(a.get("bob").reviewerId()).isEqualTo(owner.userId());
        assertThat(a.get("carol").reviewerId()).isEqualTo(cm.userId());
        assertThat(a.get("carol").assignmentNote()).isEqualTo("no manager on the roster");
        assertThat(a.get("dave").assignmentNote()).isEqualTo("manager is not an Assayer user (outsider@acme.test)");
        assertThat(a.get("erin").rosterStatus()).isEqualTo(RosterStatus.NOT_ON_ROSTER);
        assertThat(a.get("erin").assignmentNote()).contains("owner not on the roster");
        assertThat(a.get("erin").lastLogin()).isEqualTo(LocalDate.of(2026, 6, 20));
        assertThat(a.get("dave").lastLogin()).isNull();
        assertThat(a.get("cm-admin").reviewerId()).isEqualTo(cm.userId());
        as(Role.VIEWER, get(BASE + "/" + id), null)
                .andExpect(jsonPath("$.source.filename").value("github-members.csv"))
                .andExpect(jsonPath("$.source.sha256").value(Hashing.sha256Hex(fx.csvBytes())))
                .andExpect(jsonPath("$.source.accounts").value(6))
                .andExpect(jsonPath("$.progress.accounts").value(6))
                .andExpect(jsonPath("$.progress.flagged").value(2))
                .andExpect(jsonPath("$.version").value(1));
        as(Role.CONTROL_OWNER, get(BASE + "/" + id + "/accounts?mine=true"), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].account", Matchers.contains("alice", "bob")));
        as(Role.AUDITOR, get(BASE + "/" + id + "/accounts"), null)
                .andExpect(jsonPath("$[*].account", Matchers.contains("alice", "bob", "carol", "dave", "erin", "cm-admin")))
                .andExpect(jsonPath("$[0].line").value(2))
                .andExpect(jsonPath("$[0].reviewer").value(owner.name() + " <" + owner.email() + ">"));
    }

    @Test
    void theImportIsAllOrNothingAndReplaceableOnlyBeforeDecisions() throws Exception {
        String id = createCampaign();
        String bad = """
                account,email,name,entitlement,last_login,status
                alice,alice@acme.test,Alice,admin,2026-06-01,active
                ,x@acme.test,No login,read,,
                Alice,alice2@acme.test,Alice again,read,,
                frank,frank-at-acme,Frank,read,last week,
                """;
        importCsv(acme, Role.ADMIN, id, "bad.csv", bad.getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", Matchers.allOf(Matchers.containsString("line 3"),
                        Matchers.containsString("nothing was imported"))))
                .andExpect(jsonPath("$.errors[*].line", Matchers.contains(3, 4, 5, 5)))
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("account", "account", "email", "last_login")));
        assertThat(count("access_review_account", acme.id())).isZero();
        assertThat(reviews.get(acme.admin(), UUID.fromString(id)).source()).isNull();
        // a text/csv body works as well as a multipart file
        mvc.perform(post(BASE + "/" + id + "/accounts").param("filename", "first.csv")
                        .header("Authorization", acme.bearer(Role.ADMIN)).contentType("text/csv")
                        .content("account,email\nroot,\n"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accounts").value(1))
                .andExpect(jsonPath("$.flagged").value(1));
        importCsv(acme, Role.COMPLIANCE_MANAGER, id, "github.csv", fx.csvBytes())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replaced").value(1));
        assertThat(accounts(id)).hasSize(6).doesNotContainKey("root");
        decide(Role.CONTROL_OWNER, id, "alice", "{\"decision\": \"KEEP\"}").andExpect(status().isOk());
        importCsv(acme, Role.COMPLIANCE_MANAGER, id, "again.csv", fx.csvBytes())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", Matchers.containsString("can no longer be replaced")));
        importCsv(acme, Role.ADMIN, id, "empty.csv", new byte[0]).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"));
        assertThat(accounts(id)).hasSize(6);
    }

    @Test
    void reviewersDecideTheirAccountsWithJustificationsAndRevocationsBecomeTasks() throws Exception {
        String id = imported();
        decide(Role.CONTROL_OWNER, id, "alice", "{\"decision\": \"KEEP\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value("KEEP"))
                .andExpect(jsonPath("$.decidedById").value(acme.user(Role.CONTROL_OWNER).userId().toString()))
                .andExpect(jsonPath("$.decidedAt").isNotEmpty())
                .andExpect(jsonPath("$.task").isEmpty());
        decide(Role.CONTROL_OWNER, id, "carol", "{\"decision\": \"KEEP\"}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail", Matchers.containsString("assigned to")));
        decide(Role.CONTROL_OWNER, id, "bob", "{\"decision\": \"REVOKE\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("justification"));
        decide(Role.CONTROL_OWNER, id, "bob", "{\"decision\": \"REVOKE\", \"justification\": \"Left on 2026-06-15\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.task.kind").value("REVOKE"))
                .andExpect(jsonPath("$.task.status").value("OPEN"))
                .andExpect(jsonPath("$.task.description").value("Revoke account 'bob' on GitHub (entitlement: write)"));
        decide(Role.COMPLIANCE_MANAGER, id, "erin", "{\"decision\": \"CHANGE\", \"justification\": \"least privilege\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("newEntitlement"));
        // an admin may decide any account; it is recorded as the admin's decision
        decide(Role.ADMIN, id, "erin", "{\"decision\": \"CHANGE\", \"justification\": \"least privilege\", "
                + "\"newEntitlement\": \"read\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decidedById").value(acme.admin().userId().toString()))
                .andExpect(jsonPath("$.newEntitlement").value("read"))
                .andExpect(jsonPath("$.task.description").value("Change account 'erin' on GitHub from 'admin' to 'read'"));
        decide(Role.ADMIN, id, "dave", "{\"decision\": \"MAYBE\"}").andExpect(status().isBadRequest());
        decide(Role.ADMIN, id, "dave", "{\"justification\": \"x\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("decision"));
        long version = accounts(id).get("dave").version();
        decide(Role.ADMIN, id, "dave", "{\"decision\": \"KEEP\", \"version\": " + (version + 5) + "}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("version"));
        as(Role.VIEWER, get(BASE + "/" + id), null)
                .andExpect(jsonPath("$.progress.decided").value(3))
                .andExpect(jsonPath("$.progress.kept").value(1))
                .andExpect(jsonPath("$.progress.revoked").value(1))
                .andExpect(jsonPath("$.progress.changed").value(1))
                .andExpect(jsonPath("$.progress.tasksOpen").value(2))
                .andExpect(jsonPath("$.tasks", Matchers.hasSize(2)));
        as(Role.CONTROL_OWNER, get(BASE + "/" + id + "/accounts?mine=true&undecided=true"), null)
                .andExpect(jsonPath("$").isEmpty());
    }

    @Test
    void aReviewerDecidingTheirOwnAccountMustRecordASelfReviewJustification() throws Exception {
        String id = imported();
        decide(Role.COMPLIANCE_MANAGER, id, "cm-admin", "{\"decision\": \"KEEP\", \"justification\": \"needed\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("selfReviewJustification"))
                .andExpect(jsonPath("$.detail", Matchers.allOf(Matchers.containsString("selfReviewJustification"),
                        Matchers.containsString("your own"))));
        assertThat(accounts(id).get("cm-admin").decided()).isFalse();
        decide(Role.COMPLIANCE_MANAGER, id, "cm-admin", "{\"decision\": \"KEEP\", \"selfReviewJustification\": "
                + "\"Only GitHub owner besides the CTO; CTO agreed in OPS-12\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.selfReviewJustification").value("Only GitHub owner besides the CTO; CTO agreed in OPS-12"));
    }

    @Test
    void changingADecisionCancelsItsOpenTaskButADoneTaskMakesItFinal() throws Exception {
        String id = imported();
        decide(Role.CONTROL_OWNER, id, "bob", "{\"decision\": \"REVOKE\", \"justification\": \"left\"}")
                .andExpect(status().isOk());
        decide(Role.CONTROL_OWNER, id, "bob", "{\"decision\": \"CHANGE\", \"justification\": \"contractor now\", "
                + "\"newEntitlement\": \"read\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.task.kind").value("CHANGE"));
        List<RemediationTask> tasks = reviews.get(acme.admin(), UUID.fromString(id)).tasks();
        assertThat(tasks).extracting(RemediationTask::status).containsExactly(TaskStatus.CANCELLED, TaskStatus.OPEN);
        assertThat(tasks.getFirst().cancelledReason()).contains("decision changed to CHANGE");
        String taskId = tasks.get(1).id().toString();
        as(Role.COMPLIANCE_MANAGER, post(BASE + "/" + id + "/tasks/" + tasks.getFirst().id() + "/done"), "{}")
                .andExpect(status().isConflict());
        as(Role.COMPLIANCE_MANAGER, post(BASE + "/" + id + "/tasks/" + taskId + "/done"), "{}")
                .andExpect(status().isOk());
        decide(Role.CONTROL_OWNER, id, "bob", "{\"decision\": \"KEEP\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", Matchers.containsString("is done")));
    }

    @Test
    void theCampaignOwnerReassignsUndecidedAccounts() throws Exception {
        String id = imported();
        ReviewAccount carol = accounts(id).get("carol");
        var owner = acme.user(Role.CONTROL_OWNER);
        String path = BASE + "/" + id + "/accounts/" + carol.id() + "/reviewer";
        as(Role.COMPLIANCE_MANAGER, put(path), "{\"reviewerId\": \"" + owner.userId() + "\", \"note\": \"Carol's lead\", "
                + "\"version\": " + carol.version() + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reviewerId").value(owner.userId().toString()))
                .andExpect(jsonPath("$.assignedManually").value(true))
                .andExpect(jsonPath("$.assignmentNote", Matchers.allOf(Matchers.startsWith("reassigned by "),
                        Matchers.endsWith(": Carol's lead"))));
        as(Role.COMPLIANCE_MANAGER, put(path), "{\"reviewerId\": \"" + owner.userId() + "\", \"version\": "
                + carol.version() + "}").andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("version"));
        long v = carol.version() + 1;
        as(Role.ADMIN, put(path), "{\"reviewerEmail\": \"" + acme.user(Role.VIEWER).email() + "\", \"version\": " + v + "}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reviewerId"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("Viewer")));
        as(Role.ADMIN, put(path), "{\"reviewerId\": \"" + UUID.randomUUID() + "\", \"version\": " + v + "}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reviewerId"));
        as(Role.ADMIN, put(path), "{\"reviewerId\": \"" + owner.userId() + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("version"));
        decide(Role.CONTROL_OWNER, id, "carol", "{\"decision\": \"KEEP\"}").andExpect(status().isOk());
        as(Role.ADMIN, put(path), "{\"reviewerId\": \"" + acme.admin().userId() + "\", \"version\": " + (v + 1) + "}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail", Matchers.containsString("already decided")));
    }

    @Test
    void editingNeedsTheCurrentVersionAndTheAsOfDateIsFixedOnceDecisionsExist() throws Exception {
        String id = imported();
        as(Role.ADMIN, put(BASE + "/" + id), fx.campaignJson("GitHub org").replace("{", "{\"version\": 1, ")
                        .replace("2026-06-30", "2026-06-10"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.system").value("GitHub org"))
                .andExpect(jsonPath("$.version").value(2));
        // bob left on 2026-06-15, after the new as-of date: no longer flagged
        assertThat(accounts(id).get("bob").rosterStatus()).isEqualTo(RosterStatus.ON_ROSTER);
        as(Role.ADMIN, put(BASE + "/" + id), fx.campaignJson("x").replace("{", "{\"version\": 1, "))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("version"));
        as(Role.ADMIN, put(BASE + "/" + id), fx.campaignJson("x"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("version"));
        decide(Role.CONTROL_OWNER, id, "alice", "{\"decision\": \"KEEP\"}").andExpect(status().isOk());
        as(Role.ADMIN, put(BASE + "/" + id), fx.campaignJson("GitHub org").replace("{", "{\"version\": 2, "))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("asOfDate"));
        String got = as(Role.ADMIN, get(BASE + "/" + id), null).andReturn().getResponse().getContentAsString();
        as(Role.ADMIN, put(BASE + "/" + id), got).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(3));
    }

    @Test
    void signOffNeedsEveryDecisionAndTaskAndFilesTheReportAsEvidence() throws Exception {
        String id = imported();
        decide(Role.CONTROL_OWNER, id, "alice", "{\"decision\": \"KEEP\", \"justification\": \"Team lead\"}")
                .andExpect(status().isOk());
        decide(Role.CONTROL_OWNER, id, "bob", "{\"decision\": \"REVOKE\", \"justification\": \"Left on 2026-06-15\"}")
                .andExpect(status().isOk());
        as(Role.COMPLIANCE_MANAGER, post(BASE + "/" + id + "/sign-off"), null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", Matchers.allOf(Matchers.containsString("4 of 6 accounts still without a decision"),
                        Matchers.containsString("1 remediation task is not done yet"))));
        for (String a : List.of("carol", "dave")) {
            decide(Role.COMPLIANCE_MANAGER, id, a, "{\"decision\": \"KEEP\"}").andExpect(status().isOk());
        }
        decide(Role.COMPLIANCE_MANAGER, id, "erin", "{\"decision\": \"REVOKE\", \"justification\": \"Not on the roster\"}")
                .andExpect(status().isOk());
        decide(Role.COMPLIANCE_MANAGER, id, "cm-admin", "{\"decision\": \"KEEP\", \"selfReviewJustification\": \"sole owner\"}")
                .andExpect(status().isOk());
        List<RemediationTask> tasks = reviews.get(acme.admin(), UUID.fromString(id)).tasks();
        assertThat(tasks).hasSize(2);
        String first = BASE + "/" + id + "/tasks/" + tasks.get(0).id() + "/done";
        as(Role.ADMIN, post(first), "{\"doneOn\": \"" + today().plusDays(1) + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("doneOn"));
        as(Role.ADMIN, post(first), "{\"doneOn\": \"2026-07-02\", \"ticket\": \"OPS-101\", \"version\": 0}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DONE"))
                .andExpect(jsonPath("$.doneOn").value("2026-07-02"))
                .andExpect(jsonPath("$.ticket").value("OPS-101"))
                .andExpect(jsonPath("$.doneById").value(acme.admin().userId().toString()));
        as(Role.ADMIN, post(first), null).andExpect(status().isConflict());
        as(Role.COMPLIANCE_MANAGER, post(BASE + "/" + id + "/sign-off"), null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", Matchers.containsString("1 remediation task is not done yet")));
        as(Role.COMPLIANCE_MANAGER, post(BASE + "/" + id + "/tasks/" + tasks.get(1).id() + "/done"), null)
                .andExpect(status().isOk()).andExpect(jsonPath("$.doneOn").value(today().toString()));
        JsonNode signed = json.readTree(as(Role.COMPLIANCE_MANAGER, post(BASE + "/" + id + "/sign-off"), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SIGNED_OFF"))
                .andExpect(jsonPath("$.signedOffById").value(acme.user(Role.COMPLIANCE_MANAGER).userId().toString()))
                .andExpect(jsonPath("$.signedOffAt").isNotEmpty())
                .andExpect(jsonPath("$.signOffBlockers").isEmpty())
                .andReturn().getResponse().getContentAsString());
        EvidenceItem item = evidence.get(acme.admin(), UUID.fromString(signed.get("evidenceId").asString()));
        assertThat(item.controls()).extracting(ControlRef::ref).containsExactly("AC-04");
        assertThat(item.effectiveDate()).isEqualTo(Fixture.AS_OF);
        assertThat(item.collectionMethod()).isEqualTo(CollectionMethod.SYSTEM_EXPORT);
        assertThat(item.sourceSystem()).isEqualTo("Assayer access reviews");
        assertThat(item.filename()).isEqualTo("access-review-github-2026-06-30.csv");
        assertThat(item.title()).contains("GitHub").contains("2026-06-30");
        assertThat(item.description()).contains("6 accounts reviewed by 2 reviewers: 4 kept, 2 revoked, 0 changed")
                .contains("2 owners flagged (1 left").contains("1 self-review").contains("2 remediation tasks done")
                .contains(Hashing.sha256Hex(fx.csvBytes())).contains("Signed off by " + acme.user(Role.COMPLIANCE_MANAGER).name());
        byte[] stored;
        try (InputStream in = evidence.content(acme.admin(), item.id()).open()) {
            stored = in.readAllBytes();
        }
        assertThat(item.sha256()).isEqualTo(Hashing.sha256Hex(stored));
        String report = new String(stored, StandardCharsets.UTF_8);
        assertThat(report.lines().findFirst().orElseThrow()).startsWith("line,account,email,name,entitlement,last_login");
        assertThat(report.lines()).hasSize(7);
        assertThat(report).contains("bob,bob@acme.test,Bob Brown,write,2026-05-01,active,LEFT")
                .contains("Left on 2026-06-15").contains("OPS-101").contains("sole owner").contains("DONE");
        // the campaign is locked
        decide(Role.ADMIN, id, "alice", "{\"decision\": \"REVOKE\", \"justification\": \"x\"}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail", Matchers.containsString("locked")));
        importCsv(acme, Role.ADMIN, id, "late.csv", fx.csvBytes()).andExpect(status().isConflict());
        as(Role.ADMIN, put(BASE + "/" + id), fx.campaignJson("x").replace("{", "{\"version\": 3, "))
                .andExpect(status().isConflict());
        as(Role.ADMIN, put(BASE + "/" + id + "/accounts/" + accounts(id).get("alice").id() + "/reviewer"),
                "{\"reviewerId\": \"" + acme.admin().userId() + "\", \"version\": 1}").andExpect(status().isConflict());
        as(Role.ADMIN, post(BASE + "/" + id + "/sign-off"), null).andExpect(status().isConflict());
    }

    @Test
    void changesAreRecordedInTheActivityLog() throws Exception {
        String id = imported();
        decide(Role.CONTROL_OWNER, id, "bob", "{\"decision\": \"REVOKE\", \"justification\": \"left\"}")
                .andExpect(status().isOk());
        ReviewAccount carol = accounts(id).get("carol");
        as(Role.ADMIN, put(BASE + "/" + id + "/accounts/" + carol.id() + "/reviewer"), "{\"reviewerId\": \""
                + acme.admin().userId() + "\", \"version\": " + carol.version() + "}").andExpect(status().isOk());
        RemediationTask task = reviews.get(acme.admin(), UUID.fromString(id)).tasks().getFirst();
        as(Role.ADMIN, post(BASE + "/" + id + "/tasks/" + task.id() + "/done"), null).andExpect(status().isOk());
        assertThat(activity.recent(acme.id(), "access-review", id, 10)).extracting(ActivityEntry::action)
                .containsExactly("accounts-imported", "created");
        List<ActivityEntry> bob = activity.recent(acme.id(), "access-review-account", accounts(id).get("bob").id().toString(), 5);
        assertThat(bob).extracting(ActivityEntry::action).containsExactly("decided");
        assertThat(bob.getFirst().after()).contains("REVOKE").contains("left");
        assertThat(activity.recent(acme.id(), "access-review-account", carol.id().toString(), 5))
                .extracting(ActivityEntry::action).containsExactly("reviewer-reassigned");
        assertThat(activity.recent(acme.id(), "access-review-task", task.id().toString(), 5))
                .extracting(ActivityEntry::action).containsExactly("done", "created");
        assertThat(activity.verify(acme.id()).ok()).isTrue();
    }

    @Test
    void everyEndpointFollowsTheRoleMatrix() throws Exception {
        String id = imported();
        ReviewAccount alice = accounts(id).get("alice");
        ReviewAccount carol = accounts(id).get("carol");
        for (Role role : TestOrg.ROLES) {
            int read = role.can(Permission.CONTROL_READ) ? 200 : 403;
            boolean writer = role.can(Permission.ENGAGEMENT_WRITE);
            as(role, get(BASE), null).andExpect(status().is(read));
            as(role, get(BASE + "/" + id), null).andExpect(status().is(read));
            as(role, get(BASE + "/" + id + "/accounts"), null).andExpect(status().is(read));
            as(role, post(BASE), fx.campaignJson("By " + role)).andExpect(status().is(writer ? 201 : 403));
            long version = reviews.get(acme.admin(), UUID.fromString(id)).version();
            as(role, put(BASE + "/" + id), fx.campaignJson("Edited by " + role).replace("{", "{\"version\": " + version + ", "))
                    .andExpect(status().is(writer ? 200 : 403));
            importCsv(acme, role, id, "list.csv", fx.csvBytes()).andExpect(status().is(writer ? 200 : 403));
            carol = accounts(id).get("carol");
            as(role, put(BASE + "/" + id + "/accounts/" + carol.id() + "/reviewer"), "{\"reviewerId\": \""
                    + acme.admin().userId() + "\", \"version\": " + carol.version() + "}")
                    .andExpect(status().is(writer ? 200 : 403));
            as(role, post(BASE + "/" + id + "/tasks/" + UUID.randomUUID() + "/done"), null)
                    .andExpect(status().is(writer ? 404 : 403));
            as(role, post(BASE + "/" + id + "/sign-off"), null).andExpect(status().is(writer ? 409 : 403));
        }
        // deciding: writers decide any account, a control owner only those assigned to them
        alice = accounts(id).get("alice");
        carol = accounts(id).get("carol");
        for (Role role : TestOrg.ROLES) {
            boolean writer = role.can(Permission.ENGAGEMENT_WRITE);
            boolean reviewer = role == Role.CONTROL_OWNER;
            decide(acme, role, id, alice.id().toString(), "{\"decision\": \"KEEP\"}")
                    .andExpect(status().is(writer || reviewer ? 200 : 403));
            decide(acme, role, id, carol.id().toString(), "{\"decision\": \"KEEP\"}")
                    .andExpect(status().is(writer ? 200 : 403));
        }
        long writers = TestOrg.ROLES.stream().filter(r -> r.can(Permission.ENGAGEMENT_WRITE)).count();
        assertThat(writers).isPositive().isLessThan(TestOrg.ROLES.size());
        assertThat(count("access_review", acme.id())).isEqualTo(1 + writers);
        mvc.perform(get(BASE)).andExpect(status().isUnauthorized());
        mvc.perform(post(BASE + "/" + id + "/sign-off")).andExpect(status().isUnauthorized());
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorChangeTheCampaign() throws Exception {
        String id = imported();
        decide(Role.CONTROL_OWNER, id, "bob", "{\"decision\": \"REVOKE\", \"justification\": \"left\"}")
                .andExpect(status().isOk());
        ReviewAccount alice = accounts(id).get("alice");
        RemediationTask task = reviews.get(acme.admin(), UUID.fromString(id)).tasks().getFirst();
        TestOrg other = TestOrg.create(identity);
        as(other, Role.ADMIN, get(BASE + "/" + id), null).andExpect(status().isNotFound());
        as(other, Role.ADMIN, get(BASE + "/" + id + "/accounts"), null).andExpect(status().isNotFound());
        as(other, Role.ADMIN, put(BASE + "/" + id), fx.campaignJson("Hijacked").replace("{", "{\"version\": 1, "))
                .andExpect(status().isNotFound());
        importCsv(other, Role.ADMIN, id, "x.csv", fx.csvBytes()).andExpect(status().isNotFound());
        decide(other, Role.ADMIN, id, alice.id().toString(), "{\"decision\": \"REVOKE\", \"justification\": \"x\"}")
                .andExpect(status().isNotFound());
        as(other, Role.ADMIN, put(BASE + "/" + id + "/accounts/" + alice.id() + "/reviewer"),
                "{\"reviewerId\": \"" + other.admin().userId() + "\", \"version\": " + alice.version() + "}")
                .andExpect(status().isNotFound());
        as(other, Role.ADMIN, post(BASE + "/" + id + "/tasks/" + task.id() + "/done"), null)
                .andExpect(status().isNotFound());
        as(other, Role.ADMIN, post(BASE + "/" + id + "/sign-off"), null).andExpect(status().isNotFound());
        as(other, Role.ADMIN, get(BASE), null).andExpect(jsonPath("$[*].id", Matchers.not(Matchers.hasItem(id))));
        // another organization cannot map our control either
        as(other, Role.ADMIN, post(BASE), fx.campaignJson("Okta").replace("\"AC-04\"",
                "\"" + fx.control().id() + "\"")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("controlIds[0]"));
        // an account of our campaign cannot be reached through another campaign id of theirs
        Fixture theirs = Fixture.create(other, controls, jdbc);
        String otherId = json.readTree(as(other, Role.ADMIN, post(BASE), theirs.campaignJson("Okta"))
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        decide(other, Role.ADMIN, otherId, alice.id().toString(), "{\"decision\": \"KEEP\"}")
                .andExpect(status().isNotFound());
        assertThat(accounts(id).get("alice").decided()).isFalse();
        assertThat(reviews.get(acme.admin(), UUID.fromString(id)).tasks().getFirst().status()).isEqualTo(TaskStatus.OPEN);
        assertThat(activity.recent(other.id(), "access-review-account", null, 10)).isEmpty();
    }
}
