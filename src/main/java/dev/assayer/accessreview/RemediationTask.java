package dev.assayer.accessreview;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The work a REVOKE or CHANGE decision leaves: revoke the account, or change its entitlement.
 * Tracked OPEN → DONE (the day it was done, who recorded it, an optional ticket reference).
 */
public record RemediationTask(UUID id, UUID accountId, String account, Decision kind, String description,
        TaskStatus status, Instant createdAt, String createdBy, LocalDate doneOn, UUID doneById, String doneBy,
        Instant doneAt, String ticket, Instant cancelledAt, String cancelledReason, long version) {

    public boolean open() {
        return status == TaskStatus.OPEN;
    }
}
