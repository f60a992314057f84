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
import dev.assayer.monitoring.CollectorService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
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
    @Autowired CollectorService collectors;
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
        // "Collect now" starts a job and shows the page with its progress; the recorded Okta refuses the token
        String jobPage = mvc.perform(post(location + "/runs").with(as(acme.admin())).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", Matchers.startsWith("Collection started.")))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(jobPage).matches(location + "\\?run=[0-9a-f-]{36}");
        UUID collectorId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        UUID jobId = UUID.fromString(jobPage.substring(jobPage.indexOf("run=") + 4));
        collectors.await(acme.admin(), collectorId, jobId);
        String finished = mvc.perform(get(jobPage).with(as(acme.admin()))).andReturn().getResponse().getContentAsString();
        assertThat(finished).contains("id=\"job\"", "The collection failed.", "okta-prod&#39;: GET "
                + base() + "/api/v1/users?limit=200 answered HTTP 401 (Invalid token provided)")
                .doesNotContain("hx-trigger=\"every 2s\"").doesNotContain(TOKEN);
        assertThat(mvc.perform(get(location + "/runs/" + jobId + "/progress").with(as(acme.admin()))).andReturn()
                .getResponse().getContentAsString()).contains("Failed", "Invalid token provided")
                .doesNotContain("hx-trigger").doesNotContain("<html").doesNotContain(TOKEN);
        assertThat(mvc.perform(get("/monitoring/collectors").with(as(acme.user(Role.COMPLIANCE_MANAGER)))).andReturn()
                .getResponse().getContentAsString()).contains("okta-prod", "every 12 h", "Failed");
    }

    @Test
    void anActiveJobsCardPollsForProgressAndASecondStartSaysItIsBusy() throws Exception {
        String location = mvc.perform(post("/monitoring/collectors").with(as(acme.admin())).with(csrf())
                        .param("kind", "okta").param("name", "okta-busy").param("settings.orgUrl", base())
                        .param("secrets.apiToken", TOKEN).param("intervalHours", "24"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID collectorId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        UUID job = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO collector_run (id, org_id, collector_id, run_trigger, started_by, queued_at, started_at, "
                        + "status, pages_fetched, items_fetched, phase, document_count, resource_count, documents_json) "
                        + "VALUES (?, ?, ?, 'MANUAL', 'probe', ?, ?, 'RUNNING', 7, 120, ?, 0, 0, '[]')")
                .params(job, acme.id(), collectorId, at, at, "Reading users and their enrolled factors (120 users so far)")
                .update();
        jdbc.sql("UPDATE collector SET lease_until = ?, lease_run = ? WHERE id = ?").params(at.plusMinutes(10), job,
                collectorId).update();
        String page = mvc.perform(get(location).with(as(acme.admin()))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("hx-get=\"/monitoring/collectors/" + collectorId + "/runs/" + job + "/progress\"",
                "hx-trigger=\"every 2s\"", "Reading users and their enrolled factors (120 users so far)", "Running")
                .doesNotContain("<script>");
        assertThat(mvc.perform(get(location + "/runs/" + job + "/progress").with(as(acme.admin()))).andReturn()
                .getResponse().getContentAsString()).contains("hx-trigger=\"every 2s\"", "id=\"job-pages\">7<",
                        "id=\"job-items\">120<");
        mvc.perform(post(location + "/runs").with(as(acme.admin())).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", Matchers.containsString("is already collecting")));
        for (Role role : new Role[] {Role.CONTROL_OWNER, Role.AUDITOR, Role.VIEWER}) {
            mvc.perform(get(location + "/runs/" + job + "/progress").with(as(acme.user(role))))
                    .andExpect(status().isForbidden());
        }
        TestOrg rival = TestOrg.create(identity);
        mvc.perform(get(location + "/runs/" + job + "/progress").with(as(rival.admin()))).andExpect(status().isNotFound());
        jdbc.sql("UPDATE collector_run SET status = 'FAILED' WHERE id = ?").param(job).update();
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
