package dev.assayer.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.identity.IdentityService;
import dev.assayer.notification.internal.NotificationRules;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import dev.assayer.notification.internal.NotificationOutboxRepository;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NotificationApiTest extends IntegrationTest {

    static final String SETTINGS = "/api/v1/notification-settings";
    static final String DELIVERIES = "/api/v1/notification-deliveries";

    @Autowired IdentityService identity;
    @Autowired ActivityLog activity;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired NotificationOutboxRepository outbox;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg acme;
    WireMockServer hook;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        hook = new WireMockServer(wireMockConfig().dynamicPort());
        hook.start();
    }

    @AfterEach
    void stop() {
        hook.stop();
    }

    ResultActions putSettings(TestOrg o, Role role, String body) throws Exception {
        return mvc.perform(put(SETTINGS).header("Authorization", o.bearer(role)).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    JsonNode body(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    static String settings(String webhookUrl, long version) {
        return """
                {"emailEnabled": true, "emailRoles": ["ADMIN"], "emailControlOwners": false,
                 "extraAddresses": ["soc@acme.test"], "webhookUrl": %s, "version": %d}"""
                .formatted(webhookUrl == null ? "null" : "\"" + webhookUrl + "\"", version);
    }

    @Test
    void anOrganizationStartsWithEmailToAdminsCompliancemanagersAndControlOwnersAndNoWebhook() throws Exception {
        mvc.perform(get(SETTINGS).header("Authorization", acme.bearer(Role.COMPLIANCE_MANAGER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.emailEnabled").value(true))
                .andExpect(jsonPath("$.emailRoles", Matchers.contains("ADMIN", "COMPLIANCE_MANAGER")))
                .andExpect(jsonPath("$.emailControlOwners").value(true))
                .andExpect(jsonPath("$.webhookUrl").doesNotExist())
                .andExpect(jsonPath("$.webhookSecretSet").value(false))
                .andExpect(jsonPath("$.mailConfigured").value(true)) // the test server has a mail host (TestMail)
                .andExpect(jsonPath("$.version").value(0));
    }

    @Test
    void onlyAdminsAndComplianceManagersReadOrChangeTheSettingsAndTheLog() throws Exception {
        for (Role role : TestOrg.ROLES) {
            boolean allowed = role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER;
            assertThat(role.can(dev.assayer.shared.tenancy.Permission.NOTIFICATION_MANAGE)).as(role.name()).isEqualTo(allowed);
            int read = mvc.perform(get(SETTINGS).header("Authorization", acme.bearer(role))).andReturn().getResponse().getStatus();
            int log = mvc.perform(get(DELIVERIES).header("Authorization", acme.bearer(role))).andReturn().getResponse().getStatus();
            int rotate = mvc.perform(post(SETTINGS + "/webhook-secret").header("Authorization", acme.bearer(role)))
                    .andReturn().getResponse().getStatus();
            int test = mvc.perform(post(SETTINGS + "/test").header("Authorization", acme.bearer(role))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"channel\": \"WEBHOOK\"}")).andReturn().getResponse().getStatus();
            assertThat(List.of(read, log)).as(role.name()).containsOnly(allowed ? 200 : 403);
            assertThat(List.of(rotate, test)).as(role.name()).containsOnly(allowed ? 400 : 403); // 400: no webhook yet
        }
        putSettings(acme, Role.CONTROL_OWNER, settings(null, 0)).andExpect(status().isForbidden());
        putSettings(acme, Role.VIEWER, settings(null, 0)).andExpect(status().isForbidden());
        putSettings(acme, Role.AUDITOR, settings(null, 0)).andExpect(status().isForbidden());
        putSettings(acme, Role.COMPLIANCE_MANAGER, settings(null, 0)).andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1));
        putSettings(acme, Role.ADMIN, settings(null, 1)).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2));
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() throws Exception {
        putSettings(acme, Role.ADMIN, settings(null, 0)).andExpect(status().isOk());
        putSettings(acme, Role.ADMIN, settings(null, 0)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("version"));
        putSettings(acme, Role.ADMIN, "{\"emailEnabled\": false}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
        mvc.perform(get(SETTINGS).header("Authorization", acme.bearer(Role.ADMIN)))
                .andExpect(jsonPath("$.version").value(1)).andExpect(jsonPath("$.emailEnabled").value(true));
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsSaved() throws Exception {
        putSettings(acme, Role.ADMIN, """
                {"emailRoles": ["ADMIN", "audit partner", "janitor"], "extraAddresses": ["ok@acme.test", "nope"],
                 "webhookUrl": "http://hooks.example.com/x", "version": 0}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("emailEnabled", "emailRoles[1]",
                        "emailRoles[2]", "extraAddresses[1]", "webhookUrl")));
        mvc.perform(get(SETTINGS).header("Authorization", acme.bearer(Role.ADMIN))).andExpect(jsonPath("$.version").value(0));
    }

    @Test
    void theWebhookSecretIsShownOnceSealedAtRestAndNeverLogged() throws Exception {
        String url = hook.baseUrl() + "/hooks/SECRETPATH";
        JsonNode saved = body(putSettings(acme, Role.ADMIN, settings(url, 0)).andExpect(status().isOk()));
        String secret = saved.get("newWebhookSecret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(saved.get("webhookSecretSet").asBoolean()).isTrue();
        // shown once: not on a read, not on the next save
        JsonNode read = body(mvc.perform(get(SETTINGS).header("Authorization", acme.bearer(Role.ADMIN))));
        assertThat(read.get("newWebhookSecret").isNull()).isTrue();
        assertThat(read.get("webhookUrl").asString()).isEqualTo(url);
        JsonNode again = body(putSettings(acme, Role.ADMIN, json.writeValueAsString(read)).andExpect(status().isOk()));
        assertThat(again.get("newWebhookSecret").isNull()).isTrue();
        String stored = jdbc.sql("SELECT webhook_secret FROM notification_settings WHERE org_id = ?").param(acme.id())
                .query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(secret.substring(6));

        JsonNode rotated = body(mvc.perform(post(SETTINGS + "/webhook-secret").header("Authorization",
                acme.bearer(Role.COMPLIANCE_MANAGER))).andExpect(status().isOk()));
        String second = rotated.get("newWebhookSecret").asString();
        assertThat(second).startsWith("whsec_").isNotEqualTo(secret);

        List<ActivityEntry> entries = activity.recent(acme.id(), "notification-settings", acme.id().toString(), 20);
        assertThat(entries).extracting(ActivityEntry::action)
                .contains("updated", "webhook-secret-generated", "webhook-secret-rotated");
        for (ActivityEntry e : entries) {
            String all = e.before() + " " + e.after();
            assertThat(all).doesNotContain(secret).doesNotContain(second).doesNotContain("SECRETPATH")
                    .doesNotContain(stored);
        }
        // removing the URL removes the secret
        JsonNode cleared = body(putSettings(acme, Role.ADMIN, settings(null, rotated.get("version").asLong()))
                .andExpect(status().isOk()));
        assertThat(cleared.get("webhookSecretSet").asBoolean()).isFalse();
    }

    @Test
    void aTestWebhookCallGoesThroughTheOutboxSignedWithTheSecret() throws Exception {
        hook.stubFor(WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        String secret = body(putSettings(acme, Role.ADMIN, settings(hook.baseUrl() + "/hook", 0)))
                .get("newWebhookSecret").asString();
        JsonNode d = body(mvc.perform(post(SETTINGS + "/test").header("Authorization", acme.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content("{\"channel\": \"WEBHOOK\"}")).andExpect(status().isOk()));
        assertThat(d.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(d.get("kind").asString()).isEqualTo("TEST");
        assertThat(d.get("attempts").asLong()).isEqualTo(1);
        assertThat(d.get("recipients").asString()).isEqualTo(hook.baseUrl());
        List<LoggedRequest> calls = hook.findAll(postRequestedFor(urlEqualTo("/hook")));
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.getFirst();
        String timestamp = call.getHeader("X-Assayer-Timestamp");
        String payload = new String(call.getBody(), StandardCharsets.UTF_8);
        assertThat(call.getHeader("X-Assayer-Signature"))
                .isEqualTo(NotificationRules.signature(secret, Long.parseLong(timestamp), payload));
        assertThat(call.getHeader("X-Assayer-Event")).isEqualTo("notification.test");
        assertThat(call.getHeader("X-Assayer-Delivery")).isEqualTo(d.get("id").asString());
        assertThat(payload).contains(acme.name());

        mvc.perform(get(DELIVERIES).header("Authorization", acme.bearer(Role.COMPLIANCE_MANAGER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(d.get("id").asString()))
                .andExpect(jsonPath("$[0].channel").value("WEBHOOK"))
                .andExpect(jsonPath("$[0].status").value("DELIVERED"));
        mvc.perform(get(DELIVERIES + "/" + d.get("id").asString()).header("Authorization", acme.bearer(Role.ADMIN)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.deliveredAt").isNotEmpty());
    }

    @Test
    void aFailedTestShowsTheErrorAndWhenItIsRetriedWithoutTheSecretOrThePath() throws Exception {
        hook.stubFor(WireMock.post(urlEqualTo("/hook/SECRETPATH")).willReturn(aResponse().withStatus(503)));
        String secret = body(putSettings(acme, Role.ADMIN, settings(hook.baseUrl() + "/hook/SECRETPATH", 0)))
                .get("newWebhookSecret").asString();
        JsonNode d = body(mvc.perform(post(SETTINGS + "/test").header("Authorization", acme.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content("{\"channel\": \"WEBHOOK\"}")).andExpect(status().isOk()));
        assertThat(d.get("status").asString()).isEqualTo("PENDING");
        assertThat(d.get("lastError").asString()).contains("HTTP 503").doesNotContain(secret).doesNotContain("SECRETPATH");
        assertThat(d.get("nextAttemptAt").isNull()).isFalse();
    }

    @Test
    void anotherOrganizationSeesNeitherTheSettingsNorTheDeliveries() throws Exception {
        hook.stubFor(WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
        putSettings(acme, Role.ADMIN, settings(hook.baseUrl() + "/hook", 0)).andExpect(status().isOk());
        String id = body(mvc.perform(post(SETTINGS + "/test").header("Authorization", acme.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content("{\"channel\": \"WEBHOOK\"}"))).get("id").asString();
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get(DELIVERIES + "/" + id).header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(get(DELIVERIES).header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());
        mvc.perform(get(SETTINGS).header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(jsonPath("$.webhookUrl").doesNotExist()).andExpect(jsonPath("$.version").value(0));
        // the other organization's save does not touch acme's settings
        putSettings(other, Role.ADMIN, settings(null, 0)).andExpect(status().isOk());
        mvc.perform(get(SETTINGS).header("Authorization", acme.bearer(Role.ADMIN)))
                .andExpect(jsonPath("$.webhookUrl").value(hook.baseUrl() + "/hook"));
    }

    @Test
    void theDeliveryLogIsPagedNewestFirst() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // queued one minute apart, the last one newest
            UUID id = UUID.randomUUID();
            outbox.insertOutbox(acme.id(), id, Channel.EMAIL, "TEST", null, 0, "a@acme.test", "s" + i, "b", null,
                    t0.plus(Duration.ofMinutes(i)), "test", null, null);
            ids.addFirst(id);
        }
        mvc.perform(get(DELIVERIES + "?limit=2").header("Authorization", acme.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", Matchers.contains(ids.get(0).toString(), ids.get(1).toString())));
        mvc.perform(get(DELIVERIES + "?limit=2&offset=2").header("Authorization", acme.bearer(Role.COMPLIANCE_MANAGER)))
                .andExpect(jsonPath("$[*].id", Matchers.contains(ids.get(2).toString(), ids.get(3).toString())));
        mvc.perform(get(DELIVERIES + "?limit=2&offset=4").header("Authorization", acme.bearer(Role.ADMIN)))
                .andExpect(jsonPath("$[*].id", Matchers.contains(ids.get(4).toString())));
        mvc.perform(get(DELIVERIES).header("Authorization", acme.bearer(Role.ADMIN)))
                .andExpect(jsonPath("$.length()").value(5));
        mvc.perform(get(DELIVERIES + "?limit=0").header("Authorization", acme.bearer(Role.ADMIN)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("limit"));
        mvc.perform(get(DELIVERIES + "?limit=201&offset=-1").header("Authorization", acme.bearer(Role.ADMIN)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("limit", "offset")));
        mvc.perform(get(DELIVERIES + "?limit=2").header("Authorization", acme.bearer(Role.VIEWER)))
                .andExpect(status().isForbidden());
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get(DELIVERIES + "?limit=200").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());
    }
}
