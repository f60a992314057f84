package dev.assayer.identity;

import java.time.Instant;
import java.util.UUID;

/** An API token as listed: never the secret, only its first characters to recognise it by. */
public record TokenInfo(UUID id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
}
