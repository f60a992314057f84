package dev.assayer.monitoring.collect;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The collector pages: forms with labelled write-only credential fields, the collector's page, run now. */
class CollectorUiTest extends IntegrationTest {

    static final String TOKEN = "00OktaTokenThatMustNeverBeShown_abcdefghijkl";

    @Autowired IdentityService identity;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    static WireMockServer wm;
    TestOrg acme;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wm.start();
        wm.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/v1/users")).willReturn(WireMock.aResponse().withStatus(401)
                .withBody("{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\"}")));
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
    }

    @AfterEach
    void disableCollectors() {
        jdbc.sql("UPDATE collector SET enabled = FALSE WHERE org_id = ?").param(acme.id()).update();
    }

    static String base() {
        return "http://localhost:" + wm.port();
    }

    @Test
    void createAnOktaCollectorSeeItsPageAndRunIt() throws Exception {
        mvc.perform(get("/monitoring/collectors/new").param("kind", "okta").with(as(acme.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("New Okta collector"),
                        Matchers.containsString("<label for=\"s-orgUrl\">"), Matchers.containsString("for=\"x-apiToken\""),
                        Matchers.containsString("type=\"password\" id=\"x-apiToken\" name=\"secrets.apiToken\" value=\"\""),
                        Matchers.containsString("name=\"_csrf\""))));
        // a bad form is shown again with every error and without the token
        mvc.perform(post("/monitoring/collectors").with(as(acme.admin())).with(csrf()).param("kind", "okta")
                        .param("name", "Okta Prod").param("settings.orgUrl", "http://acme.okta.com")
                        .param("secrets.apiToken", TOKEN).param("intervalHours", "24"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("settings.orgUrl"), Matchers.containsString("name"),
                        Matchers.not(Matchers.containsString(TOKEN)))));
        String location = mvc.perform(post("/monitoring/collectors").with(as(acme.user(Role.COMPLIANCE_MANAGER))).with(csrf())
                        .param("kind", "okta").param("name", "okta-prod").param("settings.orgUrl", base())
                        .param("settings.systemLogDays", "3").param("secrets.apiToken", TOKEN).param("intervalHours", "24"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/monitoring/collectors/");
        String page = mvc.perform(get(location).with(as(acme.admin()))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("okta-prod", "Days of System Log", "•••• set on", acme.user(Role.COMPLIANCE_MANAGER).name(),
                "Nothing collected yet", "schedule disabled").doesNotContain(TOKEN);
        assertThat(mvc.perform(get(location + "/edit").with(as(acme.admin()))).andReturn().getResponse().getContentAsString())
                .contains("Leave a field empty to keep the stored value", "value=\"" + base() + "\"").doesNotContain(TOKEN);
        // saving the edit form with the password field left empty keeps the token
        mvc.perform(post(location).with(as(acme.admin())).with(csrf()).param("kind", "okta").param("name", "okta-prod")
                        .param("settings.orgUrl", base()).param("settings.systemLogDays", "5")
                        .param("secrets.apiToken", "").param("intervalHours", "12").param("enabled", "true")
                        .param("version", "0"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flash", "Collector saved."));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM collector_secret WHERE org_id = ?").param(acme.id()).query(Long.class)
                .single()).isEqualTo(1);
        // the recorded Okta refuses the token: the run fails and the page says why
        mvc.perform(post(location + "/runs").with(as(acme.admin())).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", Matchers.containsString("Okta collector 'okta-prod': GET "
                        + base() + "/api/v1/users?limit=200 answered HTTP 401 (Invalid token provided)")));
        assertThat(mvc.perform(get(location).with(as(acme.admin()))).andReturn().getResponse().getContentAsString())
                .contains("Failed", "Invalid token provided").doesNotContain(TOKEN);
        assertThat(mvc.perform(get("/monitoring/collectors").with(as(acme.user(Role.COMPLIANCE_MANAGER)))).andReturn()
                .getResponse().getContentAsString()).contains("okta-prod", "every 12 h", "Failed");
    }

    @Test
    void onlyMonitoringManagersSeeTheCollectorPages() throws Exception {
        for (Role role : new Role[] {Role.CONTROL_OWNER, Role.AUDITOR, Role.VIEWER}) {
            mvc.perform(get("/monitoring/collectors").with(as(acme.user(role)))).andExpect(status().isForbidden());
            mvc.perform(get("/monitoring/collectors/new").with(as(acme.user(role)))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/monitoring/collectors").with(as(acme.admin()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("New AWS collector")));
    }
}
