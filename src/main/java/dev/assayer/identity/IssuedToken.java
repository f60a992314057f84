package dev.assayer.identity;

import java.time.Instant;
import java.util.UUID;

/** A new API token. {@code token} is the secret: shown once, only its SHA-256 is stored. */
public record IssuedToken(UUID id, String name, String token, String prefix, UUID orgId, String organization,
        Instant createdAt) {
}
