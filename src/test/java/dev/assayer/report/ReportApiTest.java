package dev.assayer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The report API: generate, list, read, content, compare, sign, Section I, description check; per role and per tenant. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired TestOfControlService tests;
    @Autowired EvidenceService evidence;
    @Autowired ReportService reports;
    @Autowired ActivityLog activity;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    ReportScenario s;
    TestOrg other;
    TestFirm.Inside otherEngagementFirm;
    Engagement otherEngagement;
    ReportVersion v1;

    @BeforeAll
    void setUp() {
        s = new ReportScenario(identity, engagements, access, controls, tests);
        other = TestOrg.create(identity);
        otherEngagement = engagements.create(s.acme.admin(), ReportScenario.draft("Next year " + UUID.randomUUID(),
                ReportScenario.completeSystem()));
        otherEngagementFirm = s.firm.inside(identity, access, s.acme, otherEngagement.id());
        v1 = reports.generate(s.acme.admin(), s.engagement.id(), "soc2-type2");
    }

    String eng() {
        return "/api/v1/engagements/" + s.engagement.id();
    }

    ResultActions call(String bearer, HttpMethod method, String url, String body) throws Exception {
        var b = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request(method, url)
                .header("Authorization", bearer);
        if (body != null) {
            b.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(b);
    }

    JsonNode body(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    @Test
    void generatingFreezesAVersionStoredAsEvidenceWithItsSha256() throws Exception {
        JsonNode v = body(call(s.acme.bearer(Role.ADMIN), HttpMethod.POST, eng() + "/reports", "{\"kind\": \"soc2-type2\"}")
                .andExpect(status().isCreated()));
        String id = v.get("id").asString();
        int number = v.get("number").asInt();
        assertThat(number).isGreaterThan(1);
        assertThat(v.get("kind").asString()).isEqualTo("soc2-type2");
        String sha = v.get("sha256").asString();
        assertThat(sha).matches("[0-9a-f]{64}");
        for (String format : ReportService.FORMATS) {
            var res = call(s.acme.bearer(Role.ADMIN), HttpMethod.GET, "/api/v1/reports/" + id + "/content?format=" + format,
                    null).andExpect(status().isOk()).andReturn().getResponse();
            byte[] bytes = res.getContentAsByteArray();
            UUID evidenceId = UUID.fromString(v.get("evidence").get(format).asString());
            EvidenceItem item = evidence.get(s.acme.admin(), evidenceId);
            assertThat(Hashing.sha256Hex(bytes)).as(format).isEqualTo(item.sha256()).isEqualTo(res.getHeader("X-Content-SHA256"));
            if (format.equals("pdf")) {
                assertThat(Hashing.sha256Hex(bytes)).isEqualTo(sha);
                assertThat(new String(bytes, 0, 5)).isEqualTo("%PDF-");
            }
            assertThat(item.title()).isEqualTo("SOC 2 Type II report v" + number + " (" + format.toUpperCase() + ")");
            assertThat(item.effectiveDate()).isEqualTo(ReportScenario.END);
            assertThat(item.collectionMethod()).isEqualTo(CollectionMethod.SYSTEM_EXPORT);
            assertThat(item.sourceSystem()).isEqualTo("Assayer reports");
        }
        assertThat(activity.recent(s.acme.id(), "report-version", id, 10)).extracting(a -> a.action()).contains("generated");
        // the list shows it, newest first; the summary for the evidence package is the newest
        JsonNode list = body(call(s.acme.bearer(Role.ADMIN), HttpMethod.GET, eng() + "/reports", null)
                .andExpect(status().isOk()));
        assertThat(list.get(0).get("number").asInt()).isGreaterThanOrEqualTo(number);
        assertThat(reports.latestVersion(s.acme.id(), s.engagement.id())).hasValueSatisfying(
                l -> assertThat(l.number()).isGreaterThanOrEqualTo(number));
        assertThat(reports.latestVersion(other.id(), s.engagement.id())).isEmpty();
    }

    @Test
    void theKindMustFitTheEngagement() throws Exception {
        String admin = s.acme.bearer(Role.ADMIN);
        for (String bad : List.of("{\"kind\": \"soc1-type2\"}", "{\"kind\": \"soc2-type1\"}", "{\"kind\": \"soc4\"}", "{}")) {
            call(admin, HttpMethod.POST, eng() + "/reports", bad).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("kind"));
        }
        call(admin, HttpMethod.POST, eng() + "/reports", "{\"kind\": \"soc3\"}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("soc3"));
        Engagement type1 = engagements.create(s.acme.admin(), new EngagementDraft("Type I " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE1, ReportScenario.END, null, null, List.of(), null, null,
                SystemDescription.empty(), List.of(), List.of(), List.of()));
        call(admin, HttpMethod.POST, "/api/v1/engagements/" + type1.id() + "/reports", "{\"kind\": \"soc3\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("kind"));
        call(admin, HttpMethod.POST, "/api/v1/engagements/" + type1.id() + "/reports", "{\"kind\": \"soc2-type1\"}")
                .andExpect(status().isCreated());
    }

    @Test
    void rolesForGeneratingAndReading() throws Exception {
        Set<Role> generate = EnumSet.of(Role.ADMIN, Role.COMPLIANCE_MANAGER);
        Set<Role> read = EnumSet.of(Role.ADMIN, Role.COMPLIANCE_MANAGER, Role.AUDITOR);
        for (Role role : TestOrg.ROLES) {
            call(s.acme.bearer(role), HttpMethod.POST, eng() + "/reports", "{\"kind\": \"soc2-type2\"}")
                    .andExpect(status().is(generate.contains(role) ? 201 : 403));
            int r = read.contains(role) ? 200 : 403;
            call(s.acme.bearer(role), HttpMethod.GET, eng() + "/reports", null).andExpect(status().is(r));
            call(s.acme.bearer(role), HttpMethod.GET, "/api/v1/reports/" + v1.id(), null).andExpect(status().is(r));
            call(s.acme.bearer(role), HttpMethod.GET, "/api/v1/reports/" + v1.id() + "/content?format=json", null)
                    .andExpect(status().is(r));
            call(s.acme.bearer(role), HttpMethod.GET, eng() + "/description-check", null).andExpect(status().is(r));
            call(s.acme.bearer(role), HttpMethod.GET, eng() + "/reports/auditor-section", null).andExpect(status().is(r));
        }
        // the audit firm inside the engagement reads its versions, but generates and signs nothing
        for (Role role : TestFirm.ROLES) {
            String b = s.in.bearer(role);
            call(b, HttpMethod.GET, eng() + "/reports", null).andExpect(status().isOk());
            call(b, HttpMethod.GET, "/api/v1/reports/" + v1.id() + "/content?format=pdf", null).andExpect(status().isOk());
            call(b, HttpMethod.GET, "/api/v1/reports/" + v1.id() + "/compare?with=" + v1.id(), null).andExpect(status().isOk());
            call(b, HttpMethod.POST, eng() + "/reports", "{\"kind\": \"soc2-type2\"}").andExpect(status().isForbidden());
            call(b, HttpMethod.POST, "/api/v1/reports/" + v1.id() + "/assertion-signature", "{}")
                    .andExpect(status().isForbidden());
            // inside another engagement, this one's versions are not found
            String o = otherEngagementFirm.bearer(role);
            call(o, HttpMethod.GET, "/api/v1/reports/" + v1.id(), null).andExpect(status().isNotFound());
            call(o, HttpMethod.GET, "/api/v1/reports/" + v1.id() + "/content?format=pdf", null).andExpect(status().isNotFound());
            call(o, HttpMethod.GET, eng() + "/reports", null).andExpect(status().isNotFound());
        }
    }

    @Test
    void anotherOrganizationFindsNothing() throws Exception {
        for (Role role : List.of(Role.ADMIN, Role.COMPLIANCE_MANAGER, Role.AUDITOR)) {
            String b = other.bearer(role);
            call(b, HttpMethod.GET, "/api/v1/reports/" + v1.id(), null).andExpect(status().isNotFound());
            call(b, HttpMethod.GET, "/api/v1/reports/" + v1.id() + "/content?format=pdf", null).andExpect(status().isNotFound());
            call(b, HttpMethod.GET, "/api/v1/reports/" + v1.id() + "/compare?with=" + v1.id(), null)
                    .andExpect(status().isNotFound());
            call(b, HttpMethod.GET, eng() + "/reports", null).andExpect(status().isNotFound());
            call(b, HttpMethod.GET, eng() + "/description-check", null).andExpect(status().isNotFound());
            call(b, HttpMethod.GET, eng() + "/reports/auditor-section", null).andExpect(status().isNotFound());
        }
        call(other.bearer(Role.ADMIN), HttpMethod.POST, eng() + "/reports", "{\"kind\": \"soc2-type2\"}")
                .andExpect(status().isNotFound());
        call(other.bearer(Role.ADMIN), HttpMethod.POST, "/api/v1/reports/" + v1.id() + "/assertion-signature",
                sign(other.admin().name(), "CEO")).andExpect(status().isNotFound());
    }

    static String sign(String name, String title) {
        return "{\"officerName\": \"%s\", \"officerTitle\": \"%s\", \"confirmation\": \"I sign as %s, %s\"}"
                .formatted(name, title, name, title);
    }

    @Test
    void anOfficerSignsTheAssertionOfOneVersionOnce() throws Exception {
        ReportVersion v = reports.generate(s.acme.admin(), s.engagement.id(), "soc2-type2");
        String url = "/api/v1/reports/" + v.id() + "/assertion-signature";
        String name = s.acme.admin().name();
        call(s.acme.bearer(Role.COMPLIANCE_MANAGER), HttpMethod.POST, url, sign(s.acme.user(Role.COMPLIANCE_MANAGER).name(),
                "CISO")).andExpect(status().isForbidden());
        call(s.acme.bearer(Role.ADMIN), HttpMethod.POST, url, """
                {"officerName": "%s", "officerTitle": "CEO", "confirmation": "I agree"}""".formatted(name))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("confirmation"));
        call(s.acme.bearer(Role.ADMIN), HttpMethod.POST, url, sign("Somebody Else", "CEO"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("officerName"));
        JsonNode signed = body(call(s.acme.bearer(Role.ADMIN), HttpMethod.POST, url, sign(name, "Chief Executive Officer"))
                .andExpect(status().isCreated()));
        assertThat(signed.get("versionNumber").asInt()).isEqualTo(v.number());
        assertThat(signed.get("sha256").asString()).isEqualTo(v.sha256());
        assertThat(signed.get("officerTitle").asString()).isEqualTo("Chief Executive Officer");
        assertThat(signed.get("signedBy").asString()).isEqualTo(s.acme.admin().label());
        call(s.acme.bearer(Role.ADMIN), HttpMethod.POST, url, sign(name, "Chief Executive Officer"))
                .andExpect(status().isConflict());
        assertThat(activity.recent(s.acme.id(), "report-version", v.id().toString(), 10)).extracting(a -> a.action())
                .contains("assertion-signed");
        call(s.acme.bearer(Role.AUDITOR), HttpMethod.GET, "/api/v1/reports/" + v.id(), null)
                .andExpect(jsonPath("$.signature.officerName").value(name));
        // a later version is not signed, and says so
        ReportVersion later = reports.generate(s.acme.admin(), s.engagement.id(), "soc2-type2");
        assertThat(reports.version(s.acme.admin(), later.id()).signature()).isNull();
        var ii = reports.document(s.acme.admin(), later.id()).sections().stream().filter(x -> "II".equals(x.number()))
                .findFirst().orElseThrow();
        assertThat(((ReportDocument.Placeholder) ii.blocks().getLast()).text()).startsWith("Not signed for this version.")
                .contains("version " + v.number() + " was signed by " + name);
    }

    @Test
    void comparingTwoVersionsShowsWhatChangedPerSection() throws Exception {
        ReportVersion a = reports.generate(s.acme.admin(), s.engagement.id(), "soc2-type2");
        ReportVersion b = reports.generate(s.acme.admin(), s.engagement.id(), "soc2-type2");
        JsonNode cmp = body(call(s.acme.bearer(Role.AUDITOR), HttpMethod.GET, "/api/v1/reports/" + a.id() + "/compare?with="
                + b.id(), null).andExpect(status().isOk()));
        for (JsonNode sec : cmp.get("sections")) {
            String number = sec.get("number").isNull() ? null : sec.get("number").asString();
            // only the front matter names the version and time; every numbered section is the same
            assertThat(sec.get("change").asString()).as(String.valueOf(number)).isEqualTo(number == null ? "changed" : "unchanged");
        }
        ReportVersion soc3 = reports.generate(s.acme.admin(), s.engagement.id(), "soc3");
        var changes = reports.compare(s.acme.admin(), b.id(), soc3.id()).sections();
        assertThat(changes).filteredOn(c -> c.change().equals("removed")).extracting(c -> c.number())
                .containsExactly("IV", "V");
        assertThat(changes).filteredOn(c -> "III".equals(c.number())).singleElement()
                .satisfies(c -> assertThat(c.diff()).anyMatch(l -> l.startsWith("-")));
        call(s.acme.bearer(Role.ADMIN), HttpMethod.GET, "/api/v1/reports/" + a.id() + "/compare", null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("with"));
    }

    @Test
    void sectionOneIsTheAuditorsToWriteAndAppearsAttributed() throws Exception {
        Engagement e = engagements.create(s.acme.admin(), ReportScenario.draft("Section I " + UUID.randomUUID(),
                ReportScenario.completeSystem()));
        TestFirm.Inside in = s.firm.inside(identity, access, s.acme, e.id());
        String url = "/api/v1/engagements/" + e.id() + "/reports/auditor-section";
        for (Role role : TestOrg.ROLES) {
            call(s.acme.bearer(role), HttpMethod.PUT, url, "{\"text\": \"Client's opinion\"}").andExpect(status().isForbidden());
        }
        call(in.bearer(Role.AUDIT_STAFF), HttpMethod.PUT, url, "{\"text\": \"Staff opinion\"}").andExpect(status().isForbidden());
        call(in.bearer(Role.AUDIT_MANAGER), HttpMethod.PUT, url, "{\"text\": \" \"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        call(in.bearer(Role.AUDIT_PARTNER), HttpMethod.PUT, url, "{\"text\": \"The partner's report, as typed.\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(0));
        call(in.bearer(Role.AUDIT_MANAGER), HttpMethod.PUT, url, "{\"text\": \"Second text\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("version"));
        call(in.bearer(Role.AUDIT_MANAGER), HttpMethod.PUT, url, "{\"text\": \"The manager's report.\", \"version\": 0}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));
        call(in.bearer(Role.AUDIT_MANAGER), HttpMethod.PUT, url, "{\"text\": \"Stale\", \"version\": 0}")
                .andExpect(status().isConflict());
        // a PDF upload keeps the text; anything but a PDF is refused
        mvc.perform(multipart(HttpMethod.PUT, url).file(new MockMultipartFile("file", "opinion.txt", "text/plain",
                "not a pdf".getBytes())).param("version", "1").header("Authorization", in.bearer(Role.AUDIT_PARTNER)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
        byte[] pdf = "%PDF-1.4\n% the auditor's signed report\n%%EOF\n".getBytes();
        mvc.perform(multipart(HttpMethod.PUT, url).file(new MockMultipartFile("file", "opinion.pdf", "application/pdf", pdf))
                .param("version", "1").header("Authorization", in.bearer(Role.AUDIT_PARTNER)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.pdfSha256").value(Hashing.sha256Hex(pdf)))
                .andExpect(jsonPath("$.text").value("The manager's report."));
        byte[] back = call(s.acme.bearer(Role.ADMIN), HttpMethod.GET, url + "/pdf", null).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(back).isEqualTo(pdf);
        call(otherEngagementFirm.bearer(Role.AUDIT_PARTNER), HttpMethod.PUT, url, "{\"text\": \"x\"}")
                .andExpect(status().isNotFound());
        call(other.bearer(Role.ADMIN), HttpMethod.GET, url + "/pdf", null).andExpect(status().isNotFound());
        ReportVersion v = reports.generate(s.acme.admin(), e.id(), "soc2-type2");
        var one = reports.document(s.acme.admin(), v.id()).sections().get(1);
        assertThat(one.number()).isEqualTo("I");
        assertThat(one.blocks().getFirst()).isEqualTo(new ReportDocument.Recorded("The manager's report.",
                new ReportDocument.Attribution("OPINION", in.user(Role.AUDIT_MANAGER).label(),
                        reports.auditorSection(s.acme.admin(), e.id()).orElseThrow().textRecordedAt())));
    }

    @Test
    void theDescriptionCheckFlagsAnIncompleteEngagement() throws Exception {
        Engagement bare = engagements.create(s.acme.admin(), new EngagementDraft("Bare " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE2, null, ReportScenario.START, ReportScenario.END, List.of(), null, null,
                SystemDescription.empty(), List.of(), List.of(), List.of()));
        JsonNode check = body(call(s.acme.bearer(Role.COMPLIANCE_MANAGER), HttpMethod.GET, "/api/v1/engagements/"
                + bare.id() + "/description-check", null).andExpect(status().isOk()));
        assertThat(check.get("items")).hasSize(9);
        for (JsonNode item : check.get("items")) {
            String code = item.get("code").asString();
            if (List.of("DC1", "DC2", "DC3", "DC6", "DC7", "DC9").contains(code)) {
                assertThat(item.get("status").asString()).as(code).isEqualTo("MISSING");
                assertThat(item.get("fixUrl").asString()).as(code).startsWith("/");
            }
        }
        JsonNode full = body(call(s.acme.bearer(Role.ADMIN), HttpMethod.GET, eng() + "/description-check", null)
                .andExpect(status().isOk()));
        for (JsonNode item : full.get("items")) {
            String code = item.get("code").asString();
            if (List.of("DC1", "DC2", "DC3", "DC4", "DC6", "DC7").contains(code)) {
                assertThat(item.get("status").asString()).as(code).isEqualTo("PRESENT");
            }
        }
    }

    @Test
    void theUnknownFormatIsABadRequestNamingIt() throws Exception {
        call(s.acme.bearer(Role.ADMIN), HttpMethod.GET, "/api/v1/reports/" + v1.id() + "/content?format=odt", null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("format"));
        call(s.acme.bearer(Role.ADMIN), HttpMethod.GET, "/api/v1/reports/" + UUID.randomUUID(), null)
                .andExpect(status().isNotFound());
    }
}
