package dev.assayer.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.activity.ActivityLog;
import dev.assayer.identity.IdentityService;
import dev.assayer.notification.internal.Deliverer;
import dev.assayer.notification.internal.MailGateway;
import dev.assayer.notification.internal.NotificationOutboxRepository;
import dev.assayer.notification.internal.Outbox;
import dev.assayer.notification.internal.WebhookClient;
import dev.assayer.notification.internal.WebhookTargets;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.crypto.SecretBox;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Webhooks never reach private addresses (unless the operator allows them), checked on save and
 * again at delivery after a fresh resolution; finished deliveries are deleted after the retention.
 * The shared test context allows private webhooks (its tests post to local stubs), so the refusing
 * side is a service wired here by hand from the context's beans, with a resolver the test controls.
 */
class NotificationHardeningTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired NotificationService notifications;
    @Autowired NotificationOutboxRepository repo;
    @Autowired Outbox outbox;
    @Autowired MailGateway mail;
    @Autowired SecretBox box;
    @Autowired ActivityLog activity;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;

    TestOrg acme;
    final AtomicReference<String> hooksAddress = new AtomicReference<>("93.184.216.34");
    final AtomicInteger posts = new AtomicInteger();
    NotificationService strict;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        WebhookTargets targets = new WebhookTargets(false, host -> {
            if (!host.equals("hooks.acme.test")) {
                return InetAddress.getAllByName(host); // localhost; .test names do not resolve
            }
            return new InetAddress[] {InetAddress.getByName(hooksAddress.get())};
        });
        WebhookClient neverSends = new WebhookClient() {
            @Override
            public void post(WebhookTargets.Target target, String secret, UUID deliveryId, String event, String body,
                    Instant now) {
                posts.incrementAndGet();
            }
        };
        strict = new NotificationService(repo, outbox, new Deliverer(repo, mail, neverSends, box, targets), mail, box,
                activity, transactions, Optional.empty(), targets, Duration.ofDays(90));
    }

    NotificationSettingsDraft webhook(String url) {
        return new NotificationSettingsDraft(true, List.of("ADMIN"), true, List.of(), url);
    }

    @Test
    void aWebhookUrlOnAPrivateAddressIsRefusedOnSaveNamingTheFieldAndTheAddress() {
        for (String[] c : new String[][] {{"https://10.0.0.5/hook", "10.0.0.5 is a private address"},
                {"https://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address"},
                {"https://[fd00:ec2::254]/latest", "fd00:ec2::254 is a private address"},
                {"https://[::ffff:127.0.0.1]:8443/admin", "is a loopback address"},
                {"http://localhost:9000/admin", "localhost resolves to a loopback address"}}) {
            assertThatThrownBy(() -> strict.update(acme.admin(), webhook(c[0]), 0)).as(c[0])
                    .isInstanceOfSatisfying(ApiProblem.class, p -> {
                        assertThat(p.status()).isEqualTo(400);
                        assertThat(p.errors()).singleElement().satisfies(e -> {
                            assertThat(e.field()).isEqualTo("webhookUrl");
                            assertThat(e.message()).contains(c[1]).contains(WebhookTargets.ALLOW_PRIVATE);
                        });
                        assertThat(p.getMessage()).startsWith("webhookUrl: ");
                    });
        }
        hooksAddress.set("192.168.1.20");
        assertThatThrownBy(() -> strict.update(acme.admin(), webhook("https://hooks.acme.test/x"), 0))
                .hasMessageContaining("webhookUrl: hooks.acme.test resolves to a private address 192.168.1.20");
        assertThat(notifications.settings(acme.admin()).version()).as("nothing saved").isZero();
        // a host that does not resolve yet is accepted: it is checked at each delivery
        assertThat(strict.update(acme.admin(), webhook("https://not-yet.acme.test/x"), 0).webhookUrl())
                .isEqualTo("https://not-yet.acme.test/x");
    }

    @Test
    void theOperatorCanAllowPrivateAddresses() {
        // the shared test context runs with assayer.notifications.allow-private-webhooks=true
        NotificationSettings saved = notifications.update(acme.admin(), webhook("https://10.0.0.5/hook"), 0);
        assertThat(saved.webhookUrl()).isEqualTo("https://10.0.0.5/hook");
    }

    @Test
    void aDeliveryToAHostThatNowResolvesToAPrivateAddressFailsWithTheReasonAndIsNeverSent() {
        strict.update(acme.admin(), webhook("https://hooks.acme.test/hook/SECRETPATH"), 0);
        hooksAddress.set("10.0.0.5"); // DNS rebinding: public when saved, private when sent

        Delivery d = strict.sendTest(acme.admin(), Channel.WEBHOOK);

        assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.nextAttemptAt()).isNull();
        assertThat(d.lastError()).contains("not sent: hooks.acme.test resolves to a private address 10.0.0.5")
                .doesNotContain("SECRETPATH");
        assertThat(posts).hasValue(0);

        hooksAddress.set("93.184.216.34"); // public again: sent to the address just vetted
        assertThat(strict.sendTest(acme.admin(), Channel.WEBHOOK).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(posts).hasValue(1);
    }

    @Test
    void finishedDeliveriesAreDeletedAfterTheRetentionPendingOnesNever() {
        assertThat(notifications.retention()).isEqualTo(Duration.ofDays(90));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID delivered = row("DELIVERED", now.minus(Duration.ofDays(91)));
        UUID failed = row("FAILED", now.minus(Duration.ofDays(120)));
        UUID cancelled = row("CANCELLED", now.minus(Duration.ofDays(365)));
        UUID pending = row("PENDING", now.minus(Duration.ofDays(200)));
        UUID young = row("DELIVERED", now.minus(Duration.ofDays(89)));

        assertThat(notifications.purgeExpired(now)).isGreaterThanOrEqualTo(3);

        List<UUID> left = jdbc.sql("SELECT id FROM notification_outbox WHERE org_id = ?").param(acme.id())
                .query(UUID.class).list();
        assertThat(left).containsExactlyInAnyOrder(pending, young).doesNotContain(delivered, failed, cancelled);
        // 89 days later, the young one is 178 days old: gone too
        notifications.purgeExpired(now.plus(Duration.ofDays(89)));
        assertThat(jdbc.sql("SELECT id FROM notification_outbox WHERE org_id = ?").param(acme.id()).query(UUID.class)
                .list()).containsExactly(pending);
    }

    UUID row(String status, Instant createdAt) {
        UUID id = UUID.randomUUID();
        repo.insertOutbox(acme.id(), id, Channel.EMAIL, "TEST", null, 0, "a@acme.test", "s", "b", null, createdAt, "test",
                null, null);
        jdbc.sql("UPDATE notification_outbox SET status = ?, next_attempt_at = ? WHERE id = ? AND org_id = ?")
                .params(status, status.equals("PENDING") ? OffsetDateTime.now(ZoneOffset.UTC).plusYears(1) : null, id,
                        acme.id())
                .update();
        return id;
    }
}
