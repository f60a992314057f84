package dev.assayer.monitoring;

/** PENDING until a manager other than the requester decides; only APPROVED and unexpired ones apply. */
public enum ExclusionStatus {
    PENDING, APPROVED, REJECTED, REVOKED, EXPIRED
}
