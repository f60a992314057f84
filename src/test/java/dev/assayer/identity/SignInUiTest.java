package dev.assayer.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

class SignInUiTest extends IntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    TestOrg acme;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
    }

    @Test
    void signInWithPasswordStartsASession() throws Exception {
        mvc.perform(post("/login").with(csrf()).param("username", acme.admin().email()).param("password", TestOrg.PASSWORD))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/"));
    }

    @Test
    void signInWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/login").param("username", acme.admin().email()).param("password", TestOrg.PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void wrongPasswordThenLockout() throws Exception {
        String email = acme.user(Role.VIEWER).email();
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").with(csrf()).param("username", email).param("password", "wrong password!"))
                    .andExpect(redirectedUrl("/login?error=bad"));
        }
        mvc.perform(post("/login").with(csrf()).param("username", email).param("password", TestOrg.PASSWORD))
                .andExpect(redirectedUrl("/login?error=locked"));
    }

    @Test
    void pagesRequireSignIn() throws Exception {
        mvc.perform(get("/users")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/login")).andExpect(status().isOk());
    }

    @Test
    void setupLinkWorksOnceAndOnlyOnAnEmptyInstallation() throws Exception {
        // users exist in the shared test database, so a setup link must not create a second "first" admin
        String token = identity.createSetupLink();
        mvc.perform(post("/setup").with(csrf()).param("token", token).param("organization", "Late Org")
                        .param("name", "Late").param("email", "late@example.test").param("password", "a long enough password"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("already set up")));
        assertThat(identity.memberByEmail(acme.id(), "late@example.test")).isEmpty();
        assertThat(identity.hasUsers()).isTrue();
    }
}
