package dev.assayer.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the outbox: an e-mail or a webhook call announcing a run's new failures
 * ({@code kind} NEW_FAILURES, with the run and how many) or a test ({@code kind} TEST).
 * {@code recipients} are the e-mail addresses, or the webhook's origin (scheme, host, port: the
 * path can be a secret of its own). {@code lastError} never contains a secret.
 */
public record Delivery(UUID id, Channel channel, String kind, UUID runId, long failureCount, String recipients,
        String subject, DeliveryStatus status, long attempts, Instant createdAt, String createdBy, Instant lastAttemptAt,
        Instant nextAttemptAt, Instant deliveredAt, String lastError) {
}
