package dev.assayer.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.identity.IdentityService;
import dev.assayer.monitoring.HistoricalRun;
import dev.assayer.monitoring.MonitoringCheckService;
import dev.assayer.monitoring.MonitoringRun;
import dev.assayer.monitoring.MonitoringService;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.notification.internal.NotificationRules;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestMail;
import dev.assayer.testing.TestOrg;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox end to end: a monitoring run's new failures become one e-mail (received by a real,
 * in-process SMTP server, {@link TestMail}) and one signed webhook call; a rolled-back run queues
 * nothing; an endpoint that stays down is retried with backoff and then given up; a delivery whose
 * settings changed before it was sent is cancelled. Runs in the shared test context, whose schedule
 * never fires during a test: deliveries happen only when the test calls
 * {@link NotificationService#deliverDue} (which also sends what other tests left due).
 */
class NotificationDeliveryTest extends IntegrationTest {

    final GreenMail smtp = TestMail.server();

    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired MonitoringService monitoring;
    @Autowired MonitoringCheckService checks;
    @Autowired NotificationService notifications;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;

    TestOrg acme;
    WireMockServer hook;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        hook = new WireMockServer(wireMockConfig().dynamicPort());
        hook.start();
        controls.create(acme.admin(), new ControlDraft("AC-07", "Laptops are encrypted", null,
                acme.user(Role.CONTROL_OWNER).userId(), Nature.AUTOMATED, ControlKind.PREVENTIVE, Frequency.CONTINUOUS,
                true, ImplementationStatus.IMPLEMENTED, List.of("CC6.1"), List.of()));
        checks.saveCheckFile(acme.admin(), null, "laptops.yaml", """
                checks:
                  - id: laptop-encrypted
                    title: Laptops are encrypted
                    resource: test.laptop
                    expect: resource.encrypted == true
                    severity: high
                    remediation: Encrypt it.
                    controls: [AC-07]
                """, null);
        monitoring.importFile(acme.admin(), "upload:test", "laptops.csv", "generic-csv",
                new FormatOptions(null, "test.laptop", "serial", Map.of()), new ByteArrayInputStream(
                        "serial,encrypted\nL1,true\nL2,false\nL3,false\n".getBytes(StandardCharsets.UTF_8)), null, null);
    }

    @AfterEach
    void stop() {
        hook.stop();
    }

    /** Webhook to the stub; extra address; returns the signing secret. */
    String configure(String path) {
        NotificationSettings s = notifications.settings(acme.admin());
        return notifications.update(acme.admin(), new NotificationSettingsDraft(true, List.of("ADMIN", "COMPLIANCE_MANAGER"),
                true, List.of("soc-team@acme.test"), hook.baseUrl() + path), s.version()).newWebhookSecret();
    }

    Delivery delivery(UUID runId, Channel channel) {
        return notifications.deliveriesForRun(acme.id(), runId).stream().filter(d -> d.channel() == channel).findFirst()
                .orElseThrow();
    }

    List<MimeMessage> mailsFor(String orgName) throws Exception {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains(orgName);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Sends everything due at {@code at}, however many rows other tests left due before ours. */
    void deliverDue(Instant at) {
        while (notifications.deliverDue(at) > 0) {
            // each row is attempted at most once per instant: an attempt moves it out of "due at"
        }
    }

    @Test
    void aRunsNewFailuresBecomeOneEmailAndOneSignedWebhookCall() throws Exception {
        hook.stubFor(WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(202)));
        String secret = configure("/hook");
        MonitoringRun run = monitoring.run(acme.admin());

        Delivery email = delivery(run.id(), Channel.EMAIL);
        Delivery webhook = delivery(run.id(), Channel.WEBHOOK);
        assertThat(List.of(email.status(), webhook.status())).containsOnly(DeliveryStatus.PENDING);
        assertThat(email.failureCount()).isEqualTo(2);
        assertThat(email.recipients().split(", ")).containsExactlyInAnyOrder(acme.admin().email(),
                acme.user(Role.COMPLIANCE_MANAGER).email(), acme.user(Role.CONTROL_OWNER).email(), "soc-team@acme.test");
        assertThat(mailsFor(acme.name())).as("nothing is sent inside the run").isEmpty();

        deliverDue(Instant.now());

        email = delivery(run.id(), Channel.EMAIL);
        assertThat(email.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(email.attempts()).isEqualTo(1);
        assertThat(email.deliveredAt()).isNotNull();
        List<MimeMessage> mails = mailsFor(acme.name());
        // one message per recipient mailbox in GreenMail, all the same e-mail
        assertThat(mails).hasSize(4);
        MimeMessage m = mails.getFirst();
        assertThat(m.getSubject()).isEqualTo("[Assayer] " + acme.name() + ": 2 new monitoring failures");
        assertThat(Arrays.stream(m.getFrom()).map(Address::toString)).containsExactly("Assayer <assayer@localhost>");
        assertThat(m.getHeader("X-Assayer-Delivery")[0]).isEqualTo(email.id().toString());
        String all = GreenMailUtil.getBody(m);
        assertThat(m.getContent()).isInstanceOf(MimeMultipart.class);
        assertThat(all).contains("Laptops are encrypted").contains("L2").contains("L3")
                .contains("/monitoring#alerts").contains("text/html").contains("text/plain");

        webhook = delivery(run.id(), Channel.WEBHOOK);
        assertThat(webhook.status()).isEqualTo(DeliveryStatus.DELIVERED);
        List<LoggedRequest> calls = hook.findAll(postRequestedFor(urlEqualTo("/hook")));
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.getFirst();
        String body = new String(call.getBody(), StandardCharsets.UTF_8);
        assertThat(call.getHeader("X-Assayer-Signature"))
                .isEqualTo(NotificationRules.signature(secret, Long.parseLong(call.getHeader("X-Assayer-Timestamp")), body));
        assertThat(call.getHeader("X-Assayer-Event")).isEqualTo("monitoring.new_failures");
        assertThat(body).contains("\"run\":\"" + run.id() + "\"").contains("\"total\":2").contains("\"resourceId\":\"L2\"");

        // nothing is sent twice, and the next run with the same failures raises nothing new
        deliverDue(Instant.now().plusSeconds(3600));
        assertThat(hook.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
        MonitoringRun second = monitoring.run(acme.admin());
        assertThat(notifications.deliveriesForRun(acme.id(), second.id())).isEmpty();
    }

    @Test
    void aRolledBackRunQueuesNothingAndACommittedOneIsQueued() {
        configure("/hook");
        TransactionTemplate outer = new TransactionTemplate(transactions);
        UUID[] runId = {null};
        outer.executeWithoutResult(status -> {
            runId[0] = monitoring.run(acme.admin()).id();
            assertThat(notifications.deliveriesForRun(acme.id(), runId[0])).as("queued with the alerts").hasSize(2);
            status.setRollbackOnly();
        });
        assertThat(notifications.deliveriesForRun(acme.id(), runId[0])).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE org_id = ?").param(acme.id()).query(Long.class)
                .single()).isZero();
        assertThat(monitoring.alerts(acme.admin(), "OPEN")).isEmpty();

        MonitoringRun committed = monitoring.run(acme.admin());
        assertThat(notifications.deliveriesForRun(acme.id(), committed.id())).extracting(Delivery::channel)
                .containsExactlyInAnyOrder(Channel.EMAIL, Channel.WEBHOOK);
    }

    @Test
    void replayedHistoryRaisesNoAlertsAndQueuesNothing() {
        configure("/hook");
        Instant at = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        monitoring.replayHistory(acme.admin(), List.of(new HistoricalRun(at, List.of(new Resource("test.laptop", "L9",
                Map.of("serial", "L9", "encrypted", false), "test", at)))));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE org_id = ?").param(acme.id()).query(Long.class)
                .single()).isZero();
    }

    @Test
    void anEndpointThatStaysDownIsRetriedWithBackoffThenGivenUp() {
        hook.stubFor(WireMock.post(urlEqualTo("/down/SECRETPATH")).willReturn(aResponse().withStatus(503)));
        String secret = configure("/down/SECRETPATH");
        MonitoringRun run = monitoring.run(acme.admin());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Duration> waits = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2));
        for (int attempt = 1; attempt <= 5; attempt++) {
            deliverDue(t);
            Delivery d = delivery(run.id(), Channel.WEBHOOK);
            assertThat(d.attempts()).as("attempt " + attempt).isEqualTo(attempt);
            assertThat(d.lastError()).contains("HTTP 503").doesNotContain("SECRETPATH").doesNotContain(secret);
            if (attempt < 5) {
                assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
                assertThat(d.nextAttemptAt()).isEqualTo(t.plus(waits.get(attempt - 1)));
                // not before its time
                deliverDue(d.nextAttemptAt().minusSeconds(1));
                assertThat(delivery(run.id(), Channel.WEBHOOK).attempts()).isEqualTo(attempt);
                t = d.nextAttemptAt();
            } else {
                assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
                assertThat(d.nextAttemptAt()).isNull();
            }
        }
        deliverDue(t.plus(Duration.ofDays(1)));
        assertThat(hook.findAll(postRequestedFor(urlEqualTo("/down/SECRETPATH")))).hasSize(5);
        assertThat(delivery(run.id(), Channel.EMAIL).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aTestEmailGoesThroughTheOutboxToTheRecipients() throws Exception {
        configure("/hook");
        Delivery d = notifications.sendTest(acme.user(Role.COMPLIANCE_MANAGER), Channel.EMAIL);
        assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(d.kind()).isEqualTo("TEST");
        assertThat(notifications.deliveries(acme.admin())).extracting(Delivery::id).contains(d.id());
        List<MimeMessage> mails = mailsFor(acme.name());
        assertThat(mails).isNotEmpty();
        assertThat(mails.getFirst().getSubject()).isEqualTo("[Assayer] " + acme.name() + ": test notification");
        assertThat(notifications.settings(acme.admin()).mailConfigured()).isTrue();
    }

    void save(boolean emailEnabled, String webhookUrl) {
        NotificationSettings s = notifications.settings(acme.admin());
        notifications.update(acme.admin(), new NotificationSettingsDraft(emailEnabled, List.of("ADMIN"), true,
                List.of("soc-team@acme.test"), webhookUrl), s.version());
    }

    @Test
    void anEmailQueuedBeforeEmailWasSwitchedOffIsCancelledAndNotSent() throws Exception {
        hook.stubFor(WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(202)));
        configure("/hook");
        MonitoringRun run = monitoring.run(acme.admin());
        save(false, hook.baseUrl() + "/hook");

        deliverDue(Instant.now());

        Delivery email = delivery(run.id(), Channel.EMAIL);
        assertThat(email.status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(email.attempts()).isZero();
        assertThat(email.lastError()).contains("e-mail was switched off");
        assertThat(mailsFor(acme.name())).isEmpty();
        // the webhook, still configured with the same URL, is sent
        assertThat(delivery(run.id(), Channel.WEBHOOK).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(hook.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
        // a cancelled delivery stays cancelled
        deliverDue(Instant.now().plus(Duration.ofDays(1)));
        assertThat(delivery(run.id(), Channel.EMAIL).status()).isEqualTo(DeliveryStatus.CANCELLED);
    }

    @Test
    void aWebhookCallQueuedForAnotherUrlIsCancelledAndTheNewUrlGetsNothing() {
        hook.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(aResponse().withStatus(200)));
        configure("/old");
        MonitoringRun run = monitoring.run(acme.admin());
        save(true, hook.baseUrl() + "/new");

        deliverDue(Instant.now());

        Delivery webhook = delivery(run.id(), Channel.WEBHOOK);
        assertThat(webhook.status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(webhook.lastError()).contains("webhook URL was changed").doesNotContain("/old").doesNotContain("/new");
        assertThat(hook.getAllServeEvents()).isEmpty();
        assertThat(delivery(run.id(), Channel.EMAIL).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }
}
