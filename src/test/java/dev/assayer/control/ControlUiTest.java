package dev.assayer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.internal.StarterLibrary;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

class ControlUiTest extends IntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired ControlService controls;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }

    private RequestPostProcessor signedIn(Role role) {
        CurrentUser u = org.user(role);
        return authentication(UsernamePasswordAuthenticationToken.authenticated(u, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name()))));
    }

    private Control create(String ref, List<String> criteria, java.util.UUID owner) {
        return controls.create(org.admin(), new ControlDraft(ref, "Title " + ref, "About " + ref, owner, Nature.MANUAL,
                ControlKind.PREVENTIVE, Frequency.MONTHLY, false, ImplementationStatus.NOT_STARTED, criteria, List.of()));
    }

    @Test
    void emptyLibraryOffersTheStarterLibraryToWritersOnlyAndAdoptingFillsIt() throws Exception {
        mvc.perform(get("/controls").with(signedIn(Role.COMPLIANCE_MANAGER))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Adopt starter library")));
        mvc.perform(get("/controls").with(signedIn(Role.VIEWER))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("Adopt starter library"))));
        mvc.perform(post("/controls/adopt-starter").with(signedIn(Role.ADMIN)).with(csrf())
                        .param("owner:Security Lead", org.user(Role.CONTROL_OWNER).userId().toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(controls.all(org.id())).hasSize(StarterLibrary.controls().size());
        mvc.perform(get("/controls").with(signedIn(Role.COMPLIANCE_MANAGER))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("Adopt starter library"))));
        mvc.perform(post("/controls/adopt-starter").with(signedIn(Role.VIEWER)).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void listRendersAndFiltersByCriterionAndTextWithAnHtmxFragment() throws Exception {
        create("AC-01", List.of("CC6.1"), null);
        create("AC-02", List.of("CC6.2"), null);
        create("CM-01", List.of("CC8.1", "CC6.1"), null);
        mvc.perform(get("/controls").with(signedIn(Role.VIEWER))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("AC-01"),
                        Matchers.containsString("AC-02"), Matchers.containsString("CM-01"),
                        Matchers.containsString("hx-get=\"/controls\""), Matchers.containsString("<html"))));
        mvc.perform(get("/controls").param("criterion", "CC6.1").with(signedIn(Role.AUDITOR))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("AC-01"),
                        Matchers.containsString("CM-01"), Matchers.not(Matchers.containsString(">AC-02<")),
                        Matchers.containsString("of 3 controls match"))));
        mvc.perform(get("/controls").param("text", "cm-").header("HX-Request", "true").with(signedIn(Role.VIEWER)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("CM-01"),
                        Matchers.not(Matchers.containsString(">AC-01<")), Matchers.not(Matchers.containsString("<html")),
                        Matchers.containsString("id=\"control-results\""))));
        mvc.perform(get("/controls").param("status", "nonsense").with(signedIn(Role.VIEWER))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("nonsense")));
    }

    @Test
    void detailShowsMappingsAndTheRightEditFormForTheRole() throws Exception {
        Control mine = create("AC-01", List.of("CC6.1"), org.user(Role.CONTROL_OWNER).userId());
        String page = mvc.perform(get("/controls/" + mine.id()).with(signedIn(Role.ADMIN))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("CC6.1").contains("/evidence/fragments/control/" + mine.id())
                .contains("/activity/fragments/entity?type=control&amp;id=" + mine.id()).contains("name=\"title\"");
        String owner = mvc.perform(get("/controls/" + mine.id()).with(signedIn(Role.CONTROL_OWNER)))
                .andReturn().getResponse().getContentAsString();
        assertThat(owner).contains("Update your control").doesNotContain("name=\"title\"");
        String viewer = mvc.perform(get("/controls/" + mine.id()).with(signedIn(Role.VIEWER)))
                .andReturn().getResponse().getContentAsString();
        assertThat(viewer).doesNotContain("name=\"version\"").doesNotContain("/activity/fragments");

        mvc.perform(post("/controls/" + mine.id()).with(signedIn(Role.CONTROL_OWNER)).with(csrf())
                        .param("status", "IMPLEMENTED").param("description", "Done").param("version", "0"))
                .andExpect(status().is3xxRedirection());
        assertThat(controls.get(org.admin(), mine.id()).status()).isEqualTo(ImplementationStatus.IMPLEMENTED);
        // a stale edit shows the message on the page, not an error page
        mvc.perform(post("/controls/" + mine.id()).with(signedIn(Role.ADMIN)).with(csrf())
                        .param("ref", "AC-01").param("title", "Other").param("nature", "MANUAL").param("kind", "PREVENTIVE")
                        .param("frequency", "MONTHLY").param("status", "IMPLEMENTED").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("changed by someone else")));
        TestOrg other = TestOrg.create(identity);
        CurrentUser stranger = other.admin();
        mvc.perform(get("/controls/" + mine.id()).with(authentication(UsernamePasswordAuthenticationToken
                .authenticated(stranger, null, List.of())))).andExpect(status().isNotFound());
    }

    @Test
    void newControlFormCreatesAndShowsErrorsOnTheForm() throws Exception {
        mvc.perform(get("/controls/new").with(signedIn(Role.COMPLIANCE_MANAGER))).andExpect(status().isOk());
        mvc.perform(get("/controls/new").with(signedIn(Role.VIEWER))).andExpect(status().isForbidden());
        mvc.perform(post("/controls").with(signedIn(Role.COMPLIANCE_MANAGER)).with(csrf()).param("ref", "NW-01")
                        .param("title", "New one").param("nature", "AUTOMATED").param("kind", "DETECTIVE")
                        .param("frequency", "DAILY").param("status", "NOT_STARTED").param("criteria", "CC7.2; CC99.1")
                        .param("ownerId", "").param("keyControl", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("CC99.1"),
                        Matchers.containsString("value=\"New one\""))));
        mvc.perform(post("/controls").with(signedIn(Role.COMPLIANCE_MANAGER)).with(csrf()).param("ref", "NW-01")
                        .param("title", "New one").param("nature", "AUTOMATED").param("kind", "DETECTIVE")
                        .param("frequency", "DAILY").param("status", "NOT_STARTED").param("criteria", "CC7.2")
                        .param("ownerId", "").param("keyControl", "true"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/controls/*"));
        Control c = controls.get(org.admin(), controls.resolve(org.id(), "NW-01").orElseThrow());
        assertThat(c.keyControl()).isTrue();
        assertThat(c.criteria()).containsExactly("CC7.2");
    }

    @Test
    void importPageShowsEveryErrorWithItsLineAndImportsNothing() throws Exception {
        MockMultipartFile bad = new MockMultipartFile("file", "controls.csv", "text/csv", """
                ref,title,nature,kind,frequency
                UI-01,One,MANUAL,PREVENTIVE,DAILY
                UI-02,Two,MANUAL,PREVENTIVE,SOMETIMES
                """.getBytes());
        mvc.perform(multipart("/controls/import").file(bad).with(signedIn(Role.ADMIN)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was imported"),
                        Matchers.containsString("SOMETIMES"), Matchers.containsString(">3</td>"),
                        Matchers.containsString(">frequency</code>"))));
        assertThat(controls.all(org.id())).isEmpty();
        MockMultipartFile good = new MockMultipartFile("file", "controls.csv", "text/csv",
                "ref,title,nature,kind,frequency\nUI-01,One,MANUAL,PREVENTIVE,DAILY\n".getBytes());
        mvc.perform(multipart("/controls/import").file(good).with(signedIn(Role.ADMIN)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(controls.all(org.id())).extracting(Control::ref).containsExactly("UI-01");
        mvc.perform(get("/controls/export").param("format", "yaml").with(signedIn(Role.VIEWER)))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("UI-01")));
        mvc.perform(get("/controls/import").with(signedIn(Role.AUDITOR))).andExpect(status().isForbidden());
    }
}
