package dev.assayer.fieldwork;

import java.time.Instant;
import java.util.UUID;

/** One comment of a request's thread (CLIENT or AUDITOR side). Comments are never edited or deleted. */
public record RequestComment(UUID id, UUID requestId, String side, UUID authorId, String author, String body,
        Instant createdAt) {
}
