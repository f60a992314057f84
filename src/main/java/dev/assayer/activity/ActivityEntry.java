package dev.assayer.activity;

import java.time.Instant;
import java.util.UUID;

/** One immutable line of the activity log. {@code before}/{@code after} are canonical JSON or null. */
public record ActivityEntry(UUID orgId, long seq, Instant occurredAt, UUID actorId, String actorLabel,
        String entityType, String entityId, String action, String before, String after, String prevHash, String hash) {
}
