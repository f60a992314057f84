package dev.assayer.policy;

import java.time.Instant;
import java.util.UUID;

/** One member and whether (and when) they acknowledged a version; {@code acknowledgedAt} null = outstanding. */
public record Acknowledgement(UUID userId, String name, String email, Instant acknowledgedAt) {

    public boolean outstanding() {
        return acknowledgedAt == null;
    }
}
