package dev.assayer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.ControlRef;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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

class PolicyApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired PolicyService policies;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired ActivityLog activity;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg org;
    Control accessReview;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
        accessReview = controls.create(org.admin(), new ControlDraft("AC-01", "Quarterly access review", null, null,
                Nature.MANUAL, ControlKind.DETECTIVE, Frequency.QUARTERLY, true, ImplementationStatus.IMPLEMENTED,
                List.of("CC6.1"), List.of()));
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    ResultActions call(MockHttpServletRequestBuilder req, TestOrg who, Role role, String body) throws Exception {
        req.header("Authorization", who.bearer(role));
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(req);
    }

    ResultActions as(Role role, MockHttpServletRequestBuilder req, String body) throws Exception {
        return call(req, org, role, body);
    }

    JsonNode body(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    String fromTemplate(Role role, String template, String extra) throws Exception {
        String b = "{\"template\": \"" + template + "\"" + (extra == null ? "" : ", " + extra) + "}";
        return body(as(role, post("/api/v1/policies/from-template"), b).andExpect(status().isCreated()))
                .get("id").asString();
    }

    String base(UUID id) {
        return "/api/v1/policies/" + id;
    }

    long count(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM policy WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    /** A policy (by the admin) taken through approval (by the compliance manager) and publication. */
    Policy published(String template) {
        Policy p = policies.createFromTemplate(org.admin(), template,
                new PolicyDraft(null, null, null, List.of("AC-01"), null));
        policies.submit(org.admin(), p.id(), 1);
        policies.approve(org.user(Role.COMPLIANCE_MANAGER), p.id(), 1, null);
        policies.publish(org.admin(), p.id(), 1);
        return policies.get(org.admin(), p.id());
    }

    @Test
    void fromTemplateFillsTheOrganizationAndOwnerAndLinksControls() throws Exception {
        ResultActions r = as(Role.COMPLIANCE_MANAGER, post("/api/v1/policies/from-template"),
                "{\"template\": \"access-control\", \"controls\": [\"ac-01\"]}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/v1/policies/")))
                .andExpect(jsonPath("$.key").value("access-control"))
                .andExpect(jsonPath("$.title").value("Access Control Policy"))
                .andExpect(jsonPath("$.template").value("access-control"))
                .andExpect(jsonPath("$.ownerName").value(org.user(Role.COMPLIANCE_MANAGER).name()))
                .andExpect(jsonPath("$.controls[0].ref").value("AC-01"))
                .andExpect(jsonPath("$.latestVersion").value(1))
                .andExpect(jsonPath("$.latestStatus").value("DRAFT"))
                .andExpect(jsonPath("$.currentVersion").doesNotExist())
                .andExpect(jsonPath("$.version").value(0));
        String id = body(r).get("id").asString();
        as(Role.VIEWER, get("/api/v1/policies/" + id + "/versions/1"), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.markdown").value(Matchers.allOf(Matchers.containsString(org.name()),
                        Matchers.containsString(org.user(Role.COMPLIANCE_MANAGER).name()),
                        Matchers.containsString("{{effective_date}}"),
                        Matchers.not(Matchers.containsString("{{organization}}")))))
                .andExpect(jsonPath("$.sha256").value(Matchers.matchesPattern("[0-9a-f]{64}")));
        as(Role.VIEWER, get("/api/v1/policies/templates"), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", Matchers.hasSize(15)))
                .andExpect(jsonPath("$[*].key", Matchers.hasItems("information-security", "privacy", "backup")));
    }

    @Test
    void invalidInputIsRejectedNamingTheFieldAndNothingIsStored() throws Exception {
        as(Role.ADMIN, post("/api/v1/policies"), "{\"key\": \"Bad Key!\", \"title\": \"x\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("key"));
        as(Role.ADMIN, post("/api/v1/policies"), "{\"key\": \"ok\", \"title\": \"x\", \"controls\": [\"ZZ-99\"]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("controls"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("ZZ-99")));
        as(Role.ADMIN, post("/api/v1/policies"), "{\"key\": \"\", \"title\": \"\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors", Matchers.hasSize(2)));
        as(Role.ADMIN, post("/api/v1/policies/from-template"), "{\"template\": \"astrology\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("template"));
        as(Role.ADMIN, post("/api/v1/policies"), "{\"key\": \"x\", \"title\": \"x\", \"ownerId\": \""
                + UUID.randomUUID() + "\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("ownerId"));
        assertThat(count(org.id())).isZero();
        fromTemplate(Role.ADMIN, "backup", null);
        as(Role.ADMIN, post("/api/v1/policies/from-template"), "{\"template\": \"backup\"}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(Matchers.containsString("backup")));
        assertThat(count(org.id())).isEqualTo(1);
    }

    @Test
    void metadataUpdatesUseOptimisticLocking() throws Exception {
        String id = fromTemplate(Role.ADMIN, "encryption", null);
        String edit = "{\"version\": 0, \"key\": \"crypto\", \"title\": \"Cryptography Policy\", \"controls\": [\"AC-01\"], "
                + "\"ownerId\": \"" + org.user(Role.CONTROL_OWNER).userId() + "\"}";
        as(Role.COMPLIANCE_MANAGER, put("/api/v1/policies/" + id), edit)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.key").value("crypto"))
                .andExpect(jsonPath("$.ownerName").value(org.user(Role.CONTROL_OWNER).name()))
                .andExpect(jsonPath("$.controls[0].ref").value("AC-01"))
                .andExpect(jsonPath("$.version").value(1));
        as(Role.ADMIN, put("/api/v1/policies/" + id), edit)
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("version"));
        as(Role.ADMIN, put("/api/v1/policies/" + id), "{\"key\": \"crypto\", \"title\": \"t\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("version"));
        List<ActivityEntry> log = activity.recent(org.id(), "policy", id, 10);
        assertThat(log).extracting(ActivityEntry::action).containsExactly("updated", "created");
        assertThat(log.getFirst().before()).contains("encryption");
        assertThat(log.getFirst().after()).contains("crypto");
    }

    @Test
    void theWorkflowRunsDraftReviewApprovePublishAndSupersedes() throws Exception {
        String id = fromTemplate(Role.COMPLIANCE_MANAGER, "change-management", null);
        String v1 = "/api/v1/policies/" + id + "/versions/1";
        as(Role.ADMIN, post(v1 + "/publish"), null).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("submit it for review first")));
        as(Role.ADMIN, put(v1), "{\"markdown\": \"## Purpose\\n\\nShip safely.\\n\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.sha256").value(Hashing.sha256Hex("## Purpose\n\nShip safely.\n")));
        as(Role.ADMIN, post(v1 + "/submit"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("IN_REVIEW"));
        as(Role.ADMIN, put(v1), "{\"markdown\": \"sneaky\"}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("only a draft can be edited")));
        // the author (compliance manager) may not approve without a reason
        as(Role.COMPLIANCE_MANAGER, post(v1 + "/approve"), null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("reason"));
        as(Role.ADMIN, post(v1 + "/approve"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.approvedBy").value(org.admin().userId().toString()))
                .andExpect(jsonPath("$.approvedByLabel").value(org.admin().label()))
                .andExpect(jsonPath("$.approvalDate").value(today().toString()))
                .andExpect(jsonPath("$.evidenceId").isNotEmpty());
        as(Role.ADMIN, post(v1 + "/approve"), null).andExpect(status().isConflict());
        as(Role.ADMIN, post(v1 + "/publish"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PUBLISHED"));
        // version 2: a copy of version 1, edited, approved by its author with a reason, published
        as(Role.ADMIN, post("/api/v1/policies/" + id + "/versions"), null).andExpect(status().isCreated())
                .andExpect(jsonPath("$.number").value(2)).andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.sha256").value(Hashing.sha256Hex("## Purpose\n\nShip safely.\n")));
        as(Role.ADMIN, post("/api/v1/policies/" + id + "/versions"), null).andExpect(status().isConflict());
        String v2 = "/api/v1/policies/" + id + "/versions/2";
        as(Role.COMPLIANCE_MANAGER, put(v2), "{\"markdown\": \"## Purpose\\n\\nShip safely and reversibly.\\n\\n## Scope\\n\"}")
                .andExpect(status().isOk());
        as(Role.ADMIN, post(v2 + "/submit"), null).andExpect(status().isOk());
        as(Role.ADMIN, post(v2 + "/approve"), "{\"reason\": \"Only manager on duty\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.approvalNote").value("Only manager on duty"));
        as(Role.ADMIN, post(v2 + "/publish"), null).andExpect(status().isOk());
        as(Role.VIEWER, get("/api/v1/policies/" + id + "/versions"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].number").value(Matchers.contains(2, 1)))
                .andExpect(jsonPath("$[*].status").value(Matchers.contains("PUBLISHED", "SUPERSEDED")))
                .andExpect(jsonPath("$[1].supersededAt").isNotEmpty());
        as(Role.VIEWER, get("/api/v1/policies/" + id), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.currentVersion").value(2))
                .andExpect(jsonPath("$.approvedOn").value(today().toString()))
                .andExpect(jsonPath("$.reviewDue").value(today().plusMonths(12).toString()))
                .andExpect(jsonPath("$.reviewOverdue").value(false));
        as(Role.AUDITOR, get("/api/v1/policies/" + id + "/diff?from=1&to=2"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.added").value(3)).andExpect(jsonPath("$.removed").value(1))
                .andExpect(jsonPath("$.lines[2].kind").value("REMOVED"))
                .andExpect(jsonPath("$.lines[2].text").value("Ship safely."))
                .andExpect(jsonPath("$.html").value(Matchers.containsString("+ added")));
        as(Role.AUDITOR, get("/api/v1/policies/" + id + "/diff?from=1"), null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("to"));
        as(Role.AUDITOR, get("/api/v1/policies/" + id + "/diff?from=1&to=9"), null).andExpect(status().isNotFound());
        List<ActivityEntry> log = activity.recent(org.id(), "policy-version", null, 50);
        assertThat(log).extracting(ActivityEntry::action).contains("created", "edited", "submitted", "approved",
                "published", "superseded");
        assertThat(activity.verify(org.id()).ok()).isTrue();
    }

    @Test
    void approvingFilesThePdfAsEvidenceForTheLinkedControlsEffectiveFromTheApprovalDate() throws Exception {
        Policy p = published("incident-response");
        PolicyVersion v = policies.version(org.admin(), p.id(), 1);
        assertThat(v.evidenceId()).isNotNull();
        EvidenceItem item = evidence.get(org.admin(), v.evidenceId());
        byte[] pdf = as(Role.VIEWER, get(base(p.id()) + "/versions/1/pdf"), null).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", Matchers.containsString("incident-response-v1.pdf")))
                .andReturn().getResponse().getContentAsByteArray();
        byte[] stored;
        try (InputStream in = evidence.content(org.admin(), item.id()).open()) {
            stored = in.readAllBytes();
        }
        assertThat(item.sha256()).isEqualTo(Hashing.sha256Hex(stored)).isEqualTo(Hashing.sha256Hex(pdf));
        assertThat(item.effectiveDate()).isEqualTo(v.approvalDate()).isEqualTo(today());
        assertThat(item.renewalDate()).isEqualTo(today().plusMonths(12));
        assertThat(item.controls()).extracting(ControlRef::ref).containsExactly("AC-01");
        assertThat(item.collectionMethod()).isEqualTo(CollectionMethod.SYSTEM_EXPORT);
        assertThat(item.sourceSystem()).isEqualTo("Assayer policies");
        assertThat(item.contentType()).isEqualTo("application/pdf");
        assertThat(item.title()).contains("Incident Response Policy");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Incident Response Policy").contains(org.name())
                    .contains("Effective " + today()).doesNotContain("{{");
        }
        assertThat(evidence.forControl(org.admin(), accessReview.id())).extracting(EvidenceItem::id)
                .contains(item.id());
    }

    @Test
    void membersAcknowledgeThePublishedVersionAndTheOutstandingListShrinks() throws Exception {
        String id = fromTemplate(Role.ADMIN, "acceptable-use", null);
        as(Role.VIEWER, post("/api/v1/policies/" + id + "/versions/1/acknowledge"), null)
                .andExpect(status().isConflict());
        as(Role.VIEWER, get("/api/v1/policies/" + id + "/acknowledgements"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.versionNumber").doesNotExist())
                .andExpect(jsonPath("$.outstanding").isEmpty());
        UUID pid = UUID.fromString(id);
        policies.submit(org.admin(), pid, 1);
        policies.approve(org.user(Role.COMPLIANCE_MANAGER), pid, 1, null);
        policies.publish(org.admin(), pid, 1);
        as(Role.ADMIN, get("/api/v1/policies/" + id + "/acknowledgements"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.versionNumber").value(1))
                // everyone but the external auditor, who does not work under the client's policies
                .andExpect(jsonPath("$.outstanding", Matchers.hasSize(TestOrg.ROLES.size() - 1)))
                .andExpect(jsonPath("$.outstanding[*].email",
                        Matchers.not(Matchers.hasItem(org.user(Role.AUDITOR).email()))))
                .andExpect(jsonPath("$.acknowledged").isEmpty());
        as(Role.VIEWER, post("/api/v1/policies/" + id + "/versions/1/acknowledge"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(org.user(Role.VIEWER).userId().toString()))
                .andExpect(jsonPath("$.acknowledgedAt").isNotEmpty());
        String first = body(as(Role.VIEWER, get("/api/v1/policies/" + id + "/acknowledgements"), null))
                .get("acknowledged").get(0).get("acknowledgedAt").asString();
        as(Role.VIEWER, post("/api/v1/policies/" + id + "/versions/1/acknowledge"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.acknowledgedAt").value(first));
        as(Role.AUDITOR, get("/api/v1/policies/" + id + "/acknowledgements"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.acknowledged[*].email").value(Matchers.contains(org.user(Role.VIEWER).email())))
                .andExpect(jsonPath("$.outstanding", Matchers.hasSize(TestOrg.ROLES.size() - 2)))
                .andExpect(jsonPath("$.outstanding[*].email",
                        Matchers.not(Matchers.hasItem(org.user(Role.VIEWER).email()))));
        as(Role.ADMIN, get("/api/v1/policies/" + id), null)
                .andExpect(jsonPath("$.acknowledged").value(1))
                .andExpect(jsonPath("$.expected").value(TestOrg.ROLES.size() - 1));
        assertThat(activity.recent(org.id(), "policy-version", null, 50)).filteredOn(e -> e.action().equals("acknowledged"))
                .hasSize(1);
        // a new published version must be acknowledged again; the superseded one no longer can be
        policies.newVersion(org.admin(), pid, "Changed text");
        policies.submit(org.admin(), pid, 2);
        policies.approve(org.user(Role.COMPLIANCE_MANAGER), pid, 2, null);
        policies.publish(org.admin(), pid, 2);
        as(Role.VIEWER, get("/api/v1/policies/" + id + "/acknowledgements"), null)
                .andExpect(jsonPath("$.versionNumber").value(2))
                .andExpect(jsonPath("$.acknowledged").isEmpty());
        as(Role.VIEWER, post("/api/v1/policies/" + id + "/versions/1/acknowledge"), null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("superseded")));
    }

    @Test
    void everyEndpointFollowsTheRoleMatrix() throws Exception {
        Policy pub = published("privacy");
        Policy draft = policies.createFromTemplate(org.admin(), "risk-management", null);
        for (Role role : TestOrg.ROLES) {
            boolean write = role.can(Permission.ENGAGEMENT_WRITE);
            int read = role.can(Permission.CONTROL_READ) ? 200 : 403;
            String slug = role.name().toLowerCase().replace('_', '-');
            // reads
            as(role, get("/api/v1/policies"), null).andExpect(status().is(read));
            as(role, get("/api/v1/policies/templates"), null).andExpect(status().is(read));
            as(role, get(base(pub.id())), null).andExpect(status().is(read));
            as(role, get(base(pub.id()) + "/versions"), null).andExpect(status().is(read));
            as(role, get(base(pub.id()) + "/versions/1"), null).andExpect(status().is(read));
            as(role, get(base(pub.id()) + "/versions/1/pdf"), null).andExpect(status().is(read));
            as(role, get(base(pub.id()) + "/diff?from=1&to=1"), null).andExpect(status().is(read));
            as(role, get(base(pub.id()) + "/acknowledgements"), null).andExpect(status().is(read));
            // acknowledging: any member
            as(role, post(base(pub.id()) + "/versions/1/acknowledge"), null).andExpect(status().isOk());
            // writes
            as(role, post("/api/v1/policies"), "{\"key\": \"blank-" + slug + "\", \"title\": \"Blank\", \"markdown\": \"x\"}")
                    .andExpect(status().is(write ? 201 : 403));
            ResultActions created = as(role, post("/api/v1/policies/from-template"),
                    "{\"template\": \"backup\", \"key\": \"backup-" + slug + "\"}")
                    .andExpect(status().is(write ? 201 : 403));
            UUID target = write ? UUID.fromString(body(created).get("id").asString()) : draft.id();
            long version = policies.get(org.admin(), target).version();
            as(role, put(base(target)), "{\"version\": " + version + ", \"key\": \"k-" + slug + "\", \"title\": \"T\"}")
                    .andExpect(status().is(write ? 200 : 403));
            as(role, put(base(target) + "/versions/1"), "{\"markdown\": \"edited by " + slug + "\"}")
                    .andExpect(status().is(write ? 200 : 403));
            as(role, post(base(target) + "/versions/1/submit"), null).andExpect(status().is(write ? 200 : 403));
            as(role, post(base(target) + "/versions/1/approve"), "{\"reason\": \"test matrix\"}")
                    .andExpect(status().is(write ? 200 : 403));
            as(role, post(base(target) + "/versions/1/publish"), null).andExpect(status().is(write ? 200 : 403));
            as(role, post(base(target) + "/versions"), null).andExpect(status().is(write ? 201 : 403));
        }
        long writers = TestOrg.ROLES.stream().filter(r -> r.can(Permission.ENGAGEMENT_WRITE)).count();
        assertThat(count(org.id())).isEqualTo(2 + 2 * writers);
        PolicyVersion untouched = policies.version(org.admin(), draft.id(), 1);
        assertThat(untouched.status()).isEqualTo(VersionStatus.DRAFT);
        assertThat(policies.acknowledgements(org.admin(), pub.id()).outstanding()).isEmpty();
        mvc.perform(get("/api/v1/policies")).andExpect(status().isUnauthorized());
        mvc.perform(post(base(pub.id()) + "/versions/1/acknowledge")).andExpect(status().isUnauthorized());
    }

    @Test
    void anotherOrganizationGets404ForThePolicyItsVersionsPdfAndAcknowledgements() throws Exception {
        Policy p = published("vendor-management");
        policies.newVersion(org.admin(), p.id(), "draft two");
        TestOrg other = TestOrg.create(identity);
        String b = base(p.id());
        List<MockHttpServletRequestBuilder> reads = List.of(get(b), get(b + "/versions"), get(b + "/versions/1"),
                get(b + "/versions/1/pdf"), get(b + "/diff?from=1&to=2"), get(b + "/acknowledgements"));
        for (MockHttpServletRequestBuilder r : reads) {
            call(r, other, Role.ADMIN, null).andExpect(status().isNotFound());
        }
        call(put(b), other, Role.ADMIN, "{\"version\": 0, \"key\": \"hijack\", \"title\": \"Hijacked\"}")
                .andExpect(status().isNotFound());
        call(put(b + "/versions/2"), other, Role.ADMIN, "{\"markdown\": \"hijacked\"}").andExpect(status().isNotFound());
        call(post(b + "/versions/2/submit"), other, Role.ADMIN, null).andExpect(status().isNotFound());
        call(post(b + "/versions/1/approve"), other, Role.ADMIN, "{\"reason\": \"x\"}").andExpect(status().isNotFound());
        call(post(b + "/versions/1/publish"), other, Role.ADMIN, null).andExpect(status().isNotFound());
        call(post(b + "/versions"), other, Role.ADMIN, null).andExpect(status().isNotFound());
        call(post(b + "/versions/1/acknowledge"), other, Role.VIEWER, null).andExpect(status().isNotFound());
        call(get("/api/v1/policies"), other, Role.ADMIN, null).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", Matchers.not(Matchers.hasItem(p.id().toString()))));
        UUID v1 = policies.version(org.admin(), p.id(), 1).id();
        assertThatThrownBy(() -> policies.acknowledge(other.admin(), v1)).isInstanceOfSatisfying(ApiProblem.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThat(policies.version(org.admin(), p.id(), 2).markdown()).isEqualTo("draft two");
        assertThat(policies.get(org.admin(), p.id()).key()).isEqualTo("vendor-management");
        assertThat(policies.acknowledgements(org.admin(), p.id()).acknowledged()).isEmpty();
        assertThat(activity.recent(other.id(), "policy", null, 10)).isEmpty();
        assertThat(activity.recent(other.id(), "policy-version", null, 10)).isEmpty();
    }
}
