package dev.assayer.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockPart;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EvidenceApiTest extends IntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired ActivityLog activity;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;

    TestOrg org;
    UUID ac01;

    static final String METADATA = """
            {"title": "Q1 access review", "description": "Okta export, signed", "controls": ["AC-01"],
             "periodStart": "2025-01-01", "periodEnd": "2025-03-31", "renewalDate": "2025-07-01",
             "collectionMethod": "system_export", "sourceSystem": "Okta"}""";

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
        ac01 = EvidenceFixtures.control(controls, org, "AC-01");
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random().nextBytes(b);
        return b;
    }

    private MockMultipartHttpServletRequestBuilder uploadRequest(Role role, byte[] bytes, String metadata) {
        MockMultipartHttpServletRequestBuilder b = multipart("/api/v1/evidence");
        b.file(new MockMultipartFile("file", "okta users.csv", "text/csv", bytes));
        b.part(new MockPart("metadata", metadata.getBytes(StandardCharsets.UTF_8)));
        b.header("Authorization", org.bearer(role));
        return b;
    }

    private JsonNode body(MvcResult r) throws Exception {
        return json.readTree(r.getResponse().getContentAsString());
    }

    private EvidenceItem anItem() {
        return evidence.upload(org.user(Role.CONTROL_OWNER), EvidenceMetadata.of("Item", LocalDate.of(2025, 2, 1), "AC-01"),
                "item.txt", "text/plain", new java.io.ByteArrayInputStream(random(64)));
    }

    @Test
    void uploadReturns201WithTheSha256AndContentReturnsTheExactBytes() throws Exception {
        byte[] bytes = random(70_000);
        MvcResult r = mvc.perform(uploadRequest(Role.CONTROL_OWNER, bytes, METADATA))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/v1/evidence/")))
                .andExpect(jsonPath("$.sha256").value(Hashing.sha256Hex(bytes)))
                .andExpect(jsonPath("$.size").value(bytes.length))
                .andExpect(jsonPath("$.kind").value("FILE"))
                .andExpect(jsonPath("$.filename").value("okta users.csv"))
                .andExpect(jsonPath("$.controls[0].ref").value("AC-01"))
                .andExpect(jsonPath("$.controls[0].id").value(ac01.toString()))
                .andExpect(jsonPath("$.periodStart").value("2025-01-01"))
                .andExpect(jsonPath("$.collectionMethod").value("SYSTEM_EXPORT"))
                .andExpect(jsonPath("$.collectedBy").value(org.user(Role.CONTROL_OWNER).label()))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andReturn();
        String id = body(r).path("id").asString();
        MvcResult content = mvc.perform(get("/api/v1/evidence/" + id + "/content")
                        .header("Authorization", org.bearer(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.startsWith("text/csv")))
                .andExpect(header().string("Content-Disposition", Matchers.containsString("attachment")))
                .andExpect(header().string("Content-Disposition", Matchers.containsString("okta users.csv")))
                .andExpect(header().string("X-Content-SHA256", Hashing.sha256Hex(bytes)))
                .andExpect(header().string("ETag", "\"" + Hashing.sha256Hex(bytes) + "\""))
                .andReturn();
        assertThat(content.getResponse().getContentAsByteArray()).isEqualTo(bytes);
        mvc.perform(get("/api/v1/evidence/" + id).header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.title").value("Q1 access review"));
        assertThat(activity.recent(org.id(), "evidence", id, 5)).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo("uploaded"));
    }

    @Test
    void linksAreRecordedWithAJsonBodyAndHaveNoContent() throws Exception {
        String link = """
                {"title": "Backup dashboard", "url": "https://backup.example.test/report/42", "effectiveDate": "2025-02-03",
                 "controls": ["AC-01"]}""";
        for (String path : new String[] {"/api/v1/evidence", "/api/v1/evidence/links"}) {
            MvcResult r = mvc.perform(post(path).header("Authorization", org.bearer(Role.ADMIN))
                            .contentType(MediaType.APPLICATION_JSON).content(link))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.kind").value("LINK"))
                    .andExpect(jsonPath("$.url").value("https://backup.example.test/report/42"))
                    .andExpect(jsonPath("$.sha256").doesNotExist())
                    .andReturn();
            mvc.perform(get("/api/v1/evidence/" + body(r).path("id").asString() + "/content")
                    .header("Authorization", org.bearer(Role.ADMIN))).andExpect(status().isNotFound());
        }
    }

    @Test
    void metadataErrorsNameTheField() throws Exception {
        record Case(String metadata, String field, String text) {
        }
        for (Case c : new Case[] {
                new Case("{\"title\": \"t\", \"controls\": [\"AC-01\", \"XX-42\"], \"effectiveDate\": \"2025-01-01\"}",
                        "controls[1]", "XX-42"),
                new Case("{\"title\": \"t\", \"effectiveDate\": \"2025-02-30\"}", "effectiveDate", "2025-02-30"),
                new Case("{\"title\": \"t\", \"periodStart\": \"01/02/2025\", \"periodEnd\": \"2025-03-01\"}", "periodStart",
                        "YYYY-MM-DD"),
                new Case("{\"title\": \"t\"}", "effectiveDate", "effectiveDate"),
                new Case("{\"effectiveDate\": \"2025-01-01\"}", "title", "title"),
                new Case("{\"title\": \"t\", \"effectiveDate\": \"2025-01-01\", \"effective_date\": \"x\"}",
                        "effective_date", "unknown field"),
                new Case("{\"title\": 7, \"effectiveDate\": \"2025-01-01\"}", "title", "string"),
                new Case("{\"title\": \"t\", \"effectiveDate\": \"2025-01-01\", \"collectionMethod\": \"fax\"}",
                        "collectionMethod", "fax"),
                new Case("{\"title\": \"t\", \"periodStart\": \"2025-03-01\", \"periodEnd\": \"2025-01-01\"}", "periodEnd",
                        "on or after"),
                new Case("{\"title\": ", "metadata", "not valid JSON")}) {
            mvc.perform(uploadRequest(Role.ADMIN, random(10), c.metadata()))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", Matchers.startsWith("application/problem+json")))
                    .andExpect(jsonPath("$.errors[*].field", Matchers.hasItem(c.field())))
                    .andExpect(jsonPath("$.detail", Matchers.containsString(c.field())))
                    .andExpect(jsonPath("$.detail", Matchers.containsString(c.text())));
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE org_id = ?").param(org.id()).query(Long.class)
                .single()).isZero();
        mvc.perform(multipart("/api/v1/evidence").part(new MockPart("metadata", METADATA.getBytes()))
                        .header("Authorization", org.bearer(Role.ADMIN)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("file"));
    }

    @Test
    void withdrawnEvidenceIsStillReturnedWithItsReason() throws Exception {
        EvidenceItem item = anItem();
        mvc.perform(post("/api/v1/evidence/" + item.id() + "/withdraw").header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reason"));
        mvc.perform(post("/api/v1/evidence/" + item.id() + "/withdraw").header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Covers the wrong system\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("WITHDRAWN"));
        mvc.perform(get("/api/v1/evidence/" + item.id()).header("Authorization", org.bearer(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WITHDRAWN"))
                .andExpect(jsonPath("$.withdrawnReason").value("Covers the wrong system"))
                .andExpect(jsonPath("$.sha256").value(item.sha256()));
        mvc.perform(get("/api/v1/evidence?status=withdrawn").header("Authorization", org.bearer(Role.AUDITOR)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].id", Matchers.contains(item.id().toString())));
    }

    @Test
    void reviewBySomeoneOtherThanTheUploaderAndEditsWithVersions() throws Exception {
        EvidenceItem mine = evidence.recordLink(org.admin(), EvidenceMetadata.of("Mine", LocalDate.of(2025, 1, 1)),
                "https://x.test/1");
        mvc.perform(post("/api/v1/evidence/" + mine.id() + "/review").header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"ok\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail", Matchers.containsString("uploaded this evidence")));
        mvc.perform(post("/api/v1/evidence/" + mine.id() + "/review")
                        .header("Authorization", org.bearer(Role.COMPLIANCE_MANAGER))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"ok\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.reviewNote").value("ok"))
                .andExpect(jsonPath("$.reviewedByLabel").value(org.user(Role.COMPLIANCE_MANAGER).label()));
        String edit = "{\"version\": %d, \"title\": \"Renamed\", \"effectiveDate\": \"2025-01-01\", \"controls\": [\"AC-01\"]}";
        mvc.perform(put("/api/v1/evidence/" + mine.id()).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(edit.formatted(0)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("version"));
        mvc.perform(put("/api/v1/evidence/" + mine.id()).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"x\", \"effectiveDate\": \"2025-01-01\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("version"));
        mvc.perform(put("/api/v1/evidence/" + mine.id()).header("Authorization", org.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(edit.formatted(1)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.title").value("Renamed"))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.controls[0].ref").value("AC-01"));
    }

    @Test
    void listFiltersByControlRefOrIdStatusAndText() throws Exception {
        EvidenceItem item = anItem();
        evidence.recordLink(org.admin(), EvidenceMetadata.of("Unrelated", LocalDate.of(2025, 1, 1)), "https://x.test");
        for (String control : new String[] {"AC-01", "ac-01", ac01.toString()}) {
            mvc.perform(get("/api/v1/evidence").param("control", control).header("Authorization", org.bearer(Role.VIEWER)))
                    .andExpect(status().isOk()).andExpect(jsonPath("$[*].id", Matchers.contains(item.id().toString())));
        }
        mvc.perform(get("/api/v1/evidence").param("q", "unrel").header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].title", Matchers.contains("Unrelated")));
        mvc.perform(get("/api/v1/evidence").param("control", "NOPE-1").header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("control"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("NOPE-1")));
        mvc.perform(get("/api/v1/evidence").param("renewalDueBefore", "soon").header("Authorization", org.bearer(Role.VIEWER)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("renewalDueBefore"));
    }

    /** Every endpoint, every role: allowed exactly when Role says so. */
    @Test
    void everyEndpointFollowsTheRoleMatrix() throws Exception {
        for (Role role : TestOrg.ROLES) {
            EvidenceItem item = anItem();
            String base = "/api/v1/evidence/" + item.id();
            String auth = org.bearer(role);
            expect(role, Permission.EVIDENCE_READ, 200, get("/api/v1/evidence").header("Authorization", auth));
            expect(role, Permission.EVIDENCE_READ, 200, get("/api/v1/evidence/renewals").header("Authorization", auth));
            expect(role, Permission.EVIDENCE_READ, 200, get(base).header("Authorization", auth));
            expect(role, Permission.EVIDENCE_CONTENT_READ, 200, get(base + "/content").header("Authorization", auth));
            expect(role, Permission.EVIDENCE_UPLOAD, 201, uploadRequest(role, random(20), METADATA));
            String link = "{\"title\": \"L\", \"url\": \"https://x.test\", \"effectiveDate\": \"2025-01-01\"}";
            expect(role, Permission.EVIDENCE_UPLOAD, 201, post("/api/v1/evidence").header("Authorization", auth)
                    .contentType(MediaType.APPLICATION_JSON).content(link));
            expect(role, Permission.EVIDENCE_UPLOAD, 201, post("/api/v1/evidence/links").header("Authorization", auth)
                    .contentType(MediaType.APPLICATION_JSON).content(link));
            expect(role, Permission.EVIDENCE_UPLOAD, 200, put(base).header("Authorization", auth)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"version\": 0, \"title\": \"Edited\", \"effectiveDate\": \"2025-01-01\"}"));
            // the uploader is the control owner, who may not review anyway: every reviewing role is someone else
            expect(role, Permission.EVIDENCE_REVIEW, 200, post(base + "/review").header("Authorization", auth)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"seen\"}"));
            expect(role, Permission.EVIDENCE_WITHDRAW, 200, post(base + "/withdraw").header("Authorization", auth)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"test\"}"));
        }
        mvc.perform(get("/api/v1/evidence")).andExpect(status().isUnauthorized());
    }

    private void expect(Role role, Permission p, int allowed, org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        int expected = role.can(p) ? allowed : 403;
        MvcResult r = mvc.perform(request).andReturn();
        assertThat(r.getResponse().getStatus())
                .as(role + " " + r.getRequest().getMethod() + " " + r.getRequest().getRequestURI() + ": "
                        + r.getResponse().getContentAsString())
                .isEqualTo(expected);
    }

    @Test
    void anotherOrganizationGets404AndNeverSeesTheItemInItsList() throws Exception {
        EvidenceItem item = anItem();
        TestOrg other = TestOrg.create(identity);
        String auth = other.bearer(Role.ADMIN);
        String base = "/api/v1/evidence/" + item.id();
        mvc.perform(get(base).header("Authorization", auth)).andExpect(status().isNotFound());
        mvc.perform(get(base + "/content").header("Authorization", auth)).andExpect(status().isNotFound());
        mvc.perform(post(base + "/review").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isNotFound());
        mvc.perform(post(base + "/withdraw").header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"x\"}")).andExpect(status().isNotFound());
        mvc.perform(put(base).header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": 0, \"title\": \"x\", \"effectiveDate\": \"2025-01-01\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/evidence").header("Authorization", auth))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].id", Matchers.not(Matchers.hasItem(item.id().toString()))));
        mvc.perform(get("/api/v1/evidence").param("q", item.sha256()).header("Authorization", auth))
                .andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());
        // org A's control is unknown to org B, by ref and by id
        mvc.perform(get("/api/v1/evidence").param("control", ac01.toString()).header("Authorization", auth))
                .andExpect(status().isBadRequest());
        assertThat(evidence.get(org.admin(), item.id()).status()).isEqualTo(EvidenceStatus.ACTIVE);
        assertThat(evidence.get(org.admin(), item.id()).version()).isZero();
    }
}
