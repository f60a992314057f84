package dev.assayer.fieldwork;

import java.time.Instant;
import java.util.UUID;

/**
 * An in-app notification of fieldwork, as its reader sees it. {@code kind} is e.g.
 * REQUEST_CREATED, REQUESTS_ADDED, REQUEST_ASSIGNED, REQUEST_SUBMITTED, REQUEST_RESUBMITTED,
 * REQUEST_ACCEPTED, REQUEST_FLAGGED, REQUEST_COMMENTED; {@code link} is the page to open.
 */
public record Notification(UUID id, String kind, UUID engagementId, UUID requestId, String subjectRef, String message,
        String link, String actor, Instant createdAt, boolean read) {
}
