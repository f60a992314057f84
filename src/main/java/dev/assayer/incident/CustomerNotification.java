package dev.assayer.incident;

import java.time.Instant;

/** Whether customers had to be told, when they were, and how (e-mail, status page, …). */
public record CustomerNotification(boolean required, Instant notifiedAt, String how) {

    public static CustomerNotification none() {
        return new CustomerNotification(false, null, null);
    }
}
