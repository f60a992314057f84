package dev.assayer.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One numbered version of a policy. {@code sha256} is the SHA-256 of the Markdown (UTF-8).
 * {@code approvalNote} records why the author approved their own version, when they did.
 * {@code evidenceId} is the evidence item the approved version was filed as.
 */
public record PolicyVersion(UUID id, UUID policyId, int number, String markdown, String sha256, VersionStatus status,
        UUID authorId, String authorLabel, Instant createdAt, Instant updatedAt, String submittedByLabel,
        Instant submittedAt, UUID approvedBy, String approvedByLabel, Instant approvedAt, LocalDate approvalDate,
        String approvalNote, Instant publishedAt, Instant supersededAt, UUID evidenceId) {

    public boolean editable() {
        return status == VersionStatus.DRAFT;
    }
}
