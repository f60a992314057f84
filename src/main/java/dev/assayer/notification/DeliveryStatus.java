package dev.assayer.notification;

/**
 * PENDING until sent (retried with backoff), DELIVERED once accepted, FAILED after the last attempt
 * (or a failure retrying cannot fix), CANCELLED when the settings changed before it was sent (e-mail
 * switched off, webhook removed or pointed elsewhere): never sent, with the reason in the last error.
 */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED,
    CANCELLED
}
