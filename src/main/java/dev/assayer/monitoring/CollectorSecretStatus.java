package dev.assayer.monitoring;

import java.time.Instant;

/** Whether a secret is stored, when and by whom it was set; never its value. */
public record CollectorSecretStatus(String field, String label, boolean required, boolean set, Instant setAt,
        String setBy) {
}
