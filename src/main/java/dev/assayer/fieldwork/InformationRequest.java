package dev.assayer.fieldwork;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One request of an engagement's request list (PBC list), as a list shows it. {@code controlRefs}
 * are the refs of {@code controlIds} at read time (same order). {@code overdue}: the due date is
 * before today and the request is not ACCEPTED; {@code dueSoon}: it waits for the client and is due
 * within 7 days.
 * {@code evidenceIds} are every evidence item the client linked in its submissions;
 * {@code lastFlagReason} is the reason of the latest flag (null if never flagged);
 * {@code rolledFrom} describes the request of an earlier engagement this one was copied from.
 */
public record InformationRequest(UUID id, UUID engagementId, UUID firmId, String firmName, String ref, String title,
        String description, List<String> criteria, List<UUID> controlIds, List<String> controlRefs, UUID ownerId,
        String ownerName, String ownerEmail, LocalDate dueDate, RequestStatus status, boolean overdue, boolean dueSoon,
        List<UUID> evidenceIds, String lastFlagReason, UUID rolledFromId, String rolledFrom, String createdBy,
        long version, Instant createdAt, Instant updatedAt) {
}
