package dev.assayer.accessreview;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One access review campaign. {@code controlRefs} are the refs of {@code controlIds} at read time
 * (same order). {@code source} is null until an account list is imported. {@code signOffBlockers}
 * says what still stands in the way of sign-off (empty when it can be signed off, or once it is).
 * {@code evidenceId} is the evidence item filed at sign-off.
 */
public record AccessReview(UUID id, String system, LocalDate asOfDate, LocalDate dueDate, String description,
        List<UUID> controlIds, List<String> controlRefs, CampaignStatus status, UUID ownerId, String owner,
        AccountSource source, Progress progress, List<RemediationTask> tasks, boolean overdue,
        List<String> signOffBlockers, UUID signedOffById, String signedOffBy, Instant signedOffAt, UUID evidenceId,
        long version, Instant createdAt, Instant updatedAt) {

    public boolean open() {
        return status == CampaignStatus.OPEN;
    }

    public boolean canSignOff() {
        return open() && signOffBlockers.isEmpty();
    }
}
