package dev.assayer.evidence;

/** Evidence is never deleted: it is withdrawn, with a reason, and stays readable. */
public enum EvidenceStatus {
    ACTIVE,
    WITHDRAWN
}
