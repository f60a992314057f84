package dev.assayer.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A resource excluded from one check, with a reason, until {@code expiresOn} (inclusive). Status
 * EXPIRED is derived: approved, but the expiry date has passed.
 */
public record Exclusion(UUID id, String checkId, String resourceId, String reason, LocalDate expiresOn,
        ExclusionStatus status, String requestedBy, UUID requestedById, Instant requestedAt, String decidedBy,
        Instant decidedAt, String decisionNote, String revokedBy, Instant revokedAt, String revokeReason,
        long version) {

    public boolean inForce() {
        return status == ExclusionStatus.APPROVED;
    }
}
