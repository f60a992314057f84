package dev.assayer.engagement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An audit firm's access to one client engagement: granted by a client admin, bounded by
 * {@code accessUntil}, revocable. {@code clientName} is the client organization's name (what the
 * firm's dashboard shows).
 */
public record EngagementGrant(UUID id, UUID orgId, String clientName, UUID engagementId, String engagementName,
        String engagementKind, LocalDate periodStart, LocalDate periodEnd, UUID firmId, String firmName,
        LocalDate accessUntil, String grantedBy, Instant grantedAt, String revokedBy, Instant revokedAt, String note) {

    /** Active on {@code day}: not revoked and not past {@code accessUntil}. */
    public boolean activeOn(LocalDate day) {
        return revokedAt == null && !day.isAfter(accessUntil);
    }

    /** "active", "revoked" or "expired" on {@code day}. */
    public String state(LocalDate day) {
        return revokedAt != null ? "revoked" : day.isAfter(accessUntil) ? "expired" : "active";
    }
}
