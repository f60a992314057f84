package dev.assayer.monitoring.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.assayer.monitoring.MonitoringAlert;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

    WireMockServer server;
    final UUID run = UUID.randomUUID();
    final Instant at = Instant.parse("2026-03-02T06:00:00Z");
    final List<MonitoringAlert> alerts = List.of(new MonitoringAlert(UUID.randomUUID(), run, "aws-iam-console-mfa",
            "Console users have MFA enabled", "HIGH", "aws.iam.user", "arn:aws:iam::1:user/bob", "mfa_active is false", at,
            "OPEN", null, null, null, 0));

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void postsTheNewFailuresAsSmallJson() {
        server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        WebhookNotifier n = new WebhookNotifier(server.baseUrl() + "/hook");
        assertThat(n.newFailures("Acme", run, at, alerts)).isTrue();
        server.verify(1, postRequestedFor(urlEqualTo("/hook")).withRequestBody(equalToJson("""
                {"event": "monitoring.new_failures", "organization": "Acme", "run": "%s", "at": "2026-03-02T06:00:00Z",
                 "total": 1, "failures": [{"check": "aws-iam-console-mfa", "title": "Console users have MFA enabled",
                 "severity": "HIGH", "resourceType": "aws.iam.user", "resourceId": "arn:aws:iam::1:user/bob",
                 "message": "mfa_active is false"}]}""".formatted(run))));
    }

    @Test
    void aFailedDeliveryIsRetriedOnce() {
        server.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        server.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        assertThat(new WebhookNotifier(server.baseUrl() + "/hook").newFailures("Acme", run, at, alerts)).isTrue();
        server.verify(2, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    void aDeadEndpointNeverThrowsAndIsTriedTwice() {
        server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
        assertThat(new WebhookNotifier(server.baseUrl() + "/hook").newFailures("Acme", run, at, alerts)).isFalse();
        server.verify(2, postRequestedFor(urlEqualTo("/hook")));
        assertThat(new WebhookNotifier("http://127.0.0.1:1/hook").newFailures("Acme", run, at, alerts)).isFalse();
        assertThat(new WebhookNotifier("").newFailures("Acme", run, at, alerts)).as("not configured").isFalse();
    }
}
