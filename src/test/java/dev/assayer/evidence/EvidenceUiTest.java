package dev.assayer.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.ControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

class EvidenceUiTest extends IntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;

    TestOrg org;
    UUID ac01;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
        ac01 = EvidenceFixtures.control(controls, org, "AC-01");
    }

    private MockHttpSession signIn(Role role) throws Exception {
        MvcResult r = mvc.perform(post("/login").with(csrf()).param("username", org.user(role).email())
                .param("password", TestOrg.PASSWORD)).andExpect(status().is3xxRedirection()).andReturn();
        return (MockHttpSession) r.getRequest().getSession(false);
    }

    private static String csrfFromAction(String html) {
        Matcher m = Pattern.compile("action=\"/evidence\\?_csrf=([^\"&]+)\"").matcher(html);
        assertThat(m.find()).as("the upload form carries the CSRF token in its action").isTrue();
        return m.group(1);
    }

    @Test
    void uploadThroughTheFormWithTheCsrfTokenFromTheFormAction() throws Exception {
        MockHttpSession session = signIn(Role.CONTROL_OWNER);
        String form = mvc.perform(get("/evidence/new").param("control", ac01.toString()).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("enctype=\"multipart/form-data\"")))
                .andReturn().getResponse().getContentAsString();
        assertThat(form).containsPattern("<option value=\"" + ac01 + "\"\\s+selected=\"selected\">AC-01</option>");
        String token = csrfFromAction(form);

        byte[] bytes = "user,mfa\nalice,yes\n".getBytes(StandardCharsets.UTF_8);
        MvcResult r = mvc.perform(multipart("/evidence").queryParam("_csrf", token).session(session)
                        .file(new MockMultipartFile("file", "mfa.csv", "text/csv", bytes))
                        .param("kind", "file").param("title", "MFA report").param("controls", ac01.toString())
                        .param("effectiveDate", "2025-03-01").param("renewalDate", "2026-03-01")
                        .param("collectionMethod", "SYSTEM_EXPORT").param("sourceSystem", "Okta"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String location = r.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/evidence/");
        EvidenceItem item = evidence.get(org.admin(), UUID.fromString(location.substring("/evidence/".length())));
        assertThat(item.sha256()).isEqualTo(Hashing.sha256Hex(bytes));
        assertThat(item.controls()).extracting(ControlRef::ref).containsExactly("AC-01");
        assertThat(item.sourceSystem()).isEqualTo("Okta");

        mvc.perform(get(location).session(session)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(item.sha256())))
                .andExpect(content().string(Matchers.containsString("sha256sum")))
                .andExpect(content().string(Matchers.containsString("/evidence/" + item.id() + "/download")));
        MvcResult download = mvc.perform(get(location + "/download").session(session)).andExpect(status().isOk()).andReturn();
        assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(bytes);
    }

    @Test
    void theFormIsRefusedWithoutCsrfAndShowsFieldErrors() throws Exception {
        MockHttpSession session = signIn(Role.ADMIN);
        mvc.perform(multipart("/evidence").session(session)
                        .file(new MockMultipartFile("file", "a.txt", "text/plain", new byte[] {1}))
                        .param("title", "x").param("effectiveDate", "2025-01-01"))
                .andExpect(status().isForbidden());
        String token = csrfFromAction(mvc.perform(get("/evidence/new").session(session)).andReturn().getResponse()
                .getContentAsString());
        mvc.perform(multipart("/evidence").queryParam("_csrf", token).session(session)
                        .file(new MockMultipartFile("file", "a.txt", "text/plain", new byte[] {1}))
                        .param("title", "x").param("effectiveDate", "31.01.2025"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(Matchers.containsString("effectiveDate")))
                .andExpect(content().string(Matchers.containsString("31.01.2025")));
        assertThat(evidence.list(org.admin(), EvidenceFilter.all())).isEmpty();
    }

    @Test
    void aLinkCanBeRecordedThroughTheForm() throws Exception {
        MockHttpSession session = signIn(Role.ADMIN);
        String token = csrfFromAction(mvc.perform(get("/evidence/new").session(session)).andReturn().getResponse()
                .getContentAsString());
        mvc.perform(multipart("/evidence").queryParam("_csrf", token).session(session)
                        .param("kind", "link").param("url", "https://wiki.example.test/runbook").param("title", "Runbook")
                        .param("periodStart", "2025-01-01").param("periodEnd", "2025-06-30"))
                .andExpect(status().is3xxRedirection());
        assertThat(evidence.list(org.admin(), EvidenceFilter.all())).singleElement()
                .satisfies(i -> assertThat(i.url()).isEqualTo("https://wiki.example.test/runbook"));
    }

    @Test
    void listDetailReviewAndWithdrawPages() throws Exception {
        EvidenceItem item = evidence.upload(org.user(Role.CONTROL_OWNER), new EvidenceMetadata("Firewall rules", null,
                List.of("AC-01"), LocalDate.of(2025, 2, 1), null, null, LocalDate.of(2025, 3, 1), null, null, "AWS"),
                "fw.txt", "text/plain", new ByteArrayInputStream("allow 443".getBytes(StandardCharsets.UTF_8)));
        MockHttpSession viewer = signIn(Role.VIEWER);
        mvc.perform(get("/evidence").param("control", ac01.toString()).session(viewer)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Firewall rules")))
                .andExpect(content().string(Matchers.containsString(item.sha256().substring(0, 12))))
                .andExpect(content().string(Matchers.containsString("expired")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("/evidence/new"))));
        mvc.perform(get("/evidence/" + item.id()).session(viewer)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("/download"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Sign off"))));
        mvc.perform(get("/evidence/" + item.id() + "/download").session(viewer)).andExpect(status().isForbidden());

        MockHttpSession manager = signIn(Role.COMPLIANCE_MANAGER);
        mvc.perform(get("/evidence/" + item.id()).session(manager)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Sign off")))
                .andExpect(content().string(Matchers.containsString("/activity/fragments/entity?type=evidence&amp;id=" + item.id())));
        mvc.perform(post("/evidence/" + item.id() + "/review").with(csrf()).session(manager).param("note", "looks right"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/evidence/" + item.id() + "/withdraw").with(csrf()).session(manager).param("reason", "superseded"))
                .andExpect(status().is3xxRedirection());
        EvidenceItem after = evidence.get(org.admin(), item.id());
        assertThat(after.reviewNote()).isEqualTo("looks right");
        assertThat(after.withdrawnReason()).isEqualTo("superseded");
        mvc.perform(get("/evidence/" + item.id()).session(manager)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("superseded")));
    }

    @Test
    void theControlFragmentListsEvidenceWithoutTheLayout() throws Exception {
        evidence.recordLink(org.admin(), EvidenceMetadata.of("Policy page", LocalDate.of(2025, 1, 1), "AC-01"),
                "https://x.test/policy");
        MockHttpSession owner = signIn(Role.CONTROL_OWNER);
        String html = mvc.perform(get("/evidence/fragments/control/" + ac01).session(owner)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Policy page").contains("/evidence/new?control=" + ac01)
                .doesNotContain("<html").doesNotContain("topbar");
        MockHttpSession auditor = signIn(Role.AUDITOR);
        mvc.perform(get("/evidence/fragments/control/" + ac01).session(auditor)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Policy page")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("/evidence/new"))));
        TestOrg other = TestOrg.create(identity);
        MvcResult r = mvc.perform(post("/login").with(csrf()).param("username", other.admin().email())
                .param("password", TestOrg.PASSWORD)).andReturn();
        mvc.perform(get("/evidence/fragments/control/" + ac01).session((MockHttpSession) r.getRequest().getSession(false)))
                .andExpect(status().isNotFound());
    }
}
