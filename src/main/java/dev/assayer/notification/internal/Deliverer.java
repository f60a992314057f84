package dev.assayer.notification.internal;

import dev.assayer.notification.Channel;
import dev.assayer.notification.DeliveryStatus;
import dev.assayer.notification.internal.NotificationOutboxRepository.OutboxRow;
import dev.assayer.notification.internal.NotificationOutboxRepository.SettingsRow;
import dev.assayer.shared.crypto.SecretBox;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds. Each row is claimed with a lease first (so two deliverers, or the
 * schedule and a "send test", never send it twice at once), sent outside any transaction, and its
 * attempt recorded: DELIVERED, or PENDING again after the backoff of {@link NotificationRules#BACKOFF},
 * or FAILED after the last attempt or a failure that retrying cannot fix (such as a webhook host
 * that resolves to a private address). A row whose settings changed since it was queued is
 * CANCELLED instead (see {@link #staleReason}). A webhook is signed with the secret in force at the
 * time of sending and sent only to the URL it was queued for, at the addresses vetted just before.
 */
@Component
public class Deliverer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);
    public static final Duration LEASE = Duration.ofMinutes(5);
    static final int BATCH = 100;

    private final NotificationOutboxRepository repo;
    private final MailGateway mail;
    private final WebhookClient webhook;
    private final SecretBox box;
    private final WebhookTargets targets;

    public Deliverer(NotificationOutboxRepository repo, MailGateway mail, WebhookClient webhook, SecretBox box,
            WebhookTargets targets) {
        this.repo = repo;
        this.mail = mail;
        this.webhook = webhook;
        this.box = box;
        this.targets = targets;
    }

    /**
     * Why a queued row may no longer be sent under the settings now in force, or null: an e-mail
     * about new failures after e-mail was switched off (a test e-mail, asked for explicitly, is still
     * sent), a webhook call after the webhook was removed or its URL changed (rows queued before the
     * URL was recorded go to the current URL).
     */
    static String staleReason(OutboxRow row, SettingsRow s) {
        if (row.delivery().channel() == Channel.EMAIL) {
            return Outbox.NEW_FAILURES.equals(row.delivery().kind()) && !s.emailEnabled()
                    ? "not sent: e-mail was switched off in the notification settings after this was queued" : null;
        }
        if (s.webhookUrl() == null || s.sealedSecret() == null) {
            return "not sent: the webhook was removed from the notification settings after this was queued";
        }
        if (row.webhookUrlHash() != null && !row.webhookUrlHash().equals(NotificationRules.urlHash(s.webhookUrl()))) {
            return "not sent: the webhook URL was changed after this was queued (it was meant for the previous one)";
        }
        return null;
    }

    public static String secretContext(UUID orgId) {
        return "notification-webhook:" + orgId;
    }

    /** Sends every row due at {@code now} (up to a batch); returns how many were attempted. */
    public int deliverDue(Instant now) {
        int attempted = 0;
        for (UUID[] due : repo.due(now, BATCH)) {
            if (deliver(due[0], due[1], now)) {
                attempted++;
            }
        }
        return attempted;
    }

    /** One attempt at one row, when it is due and nobody else is sending it; true when attempted. */
    public boolean deliver(UUID orgId, UUID id, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        if (!repo.claim(orgId, id, at, at.plus(LEASE))) {
            return false;
        }
        return send(orgId, id, at);
    }

    /** The first attempt at a row its creator queued with a lease of its own (a test): no claim needed. */
    public void deliverLeased(UUID orgId, UUID id, Instant now) {
        send(orgId, id, now.truncatedTo(ChronoUnit.MICROS));
    }

    private boolean send(UUID orgId, UUID id, Instant at) {
        OutboxRow row = repo.find(orgId, id).orElseThrow();
        SettingsRow s = repo.effective(orgId);
        String stale = staleReason(row, s);
        if (stale != null) {
            repo.cancel(orgId, id, stale);
            log.info("notification {} ({}) of organization {} cancelled: {}", id, row.delivery().channel(), orgId, stale);
            return true;
        }
        String recipients = null;
        DeliveryFailure failure = null;
        try {
            if (row.delivery().channel() == Channel.EMAIL) {
                List<String> to = Arrays.stream(row.delivery().recipients().split(",")).map(String::strip)
                        .filter(r -> !r.isEmpty()).toList();
                mail.send(id, to, row.delivery().subject(), row.body(), row.html());
            } else {
                String secret;
                try {
                    secret = box.openString(s.sealedSecret(), secretContext(orgId));
                } catch (SecretBox.SecretException e) {
                    throw new DeliveryFailure("the webhook's signing secret does not open with this server's master key;"
                            + " rotate the secret", true);
                }
                recipients = NotificationRules.origin(s.webhookUrl());
                String event = Outbox.TEST.equals(row.delivery().kind()) ? NotificationMessages.EVENT_TEST
                        : NotificationMessages.EVENT_NEW_FAILURES;
                try {
                    WebhookTargets.Target target = targets.vet(s.webhookUrl());
                    webhook.post(target, secret, id, event, row.body(), at);
                } catch (DeliveryFailure f) {
                    throw new DeliveryFailure(NotificationRules.safeError(f.getMessage(), s.webhookUrl(), secret),
                            f.permanent());
                }
            }
        } catch (DeliveryFailure f) {
            failure = f;
        } catch (RuntimeException e) {
            failure = new DeliveryFailure(NotificationRules.safeError(e.getClass().getSimpleName()), false);
            log.warn("notification {} of organization {} could not be sent", id, orgId, e);
        }
        if (failure == null) {
            repo.recordAttempt(orgId, id, DeliveryStatus.DELIVERED, at, null, null, recipients);
            return true;
        }
        long made = row.delivery().attempts() + 1;
        Optional<Instant> next = failure.permanent() ? Optional.empty() : NotificationRules.nextAttempt(made, at);
        String error = NotificationRules.safeError(failure.getMessage());
        repo.recordAttempt(orgId, id, next.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED, at,
                next.orElse(null), error, recipients);
        log.info("notification {} ({}) of organization {}: attempt {} failed ({}){}", id, row.delivery().channel(), orgId,
                made, error, next.map(n -> ", next at " + n).orElse(", given up"));
        return true;
    }
}
