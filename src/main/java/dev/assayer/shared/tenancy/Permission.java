package dev.assayer.shared.tenancy;

/** What a member of an organization may do. Roles are sets of permissions; see {@link Role}. */
public enum Permission {
    CATALOG_READ,
    OBJECTIVE_WRITE,
    ENGAGEMENT_READ,
    ENGAGEMENT_WRITE,
    CONTROL_READ,
    CONTROL_WRITE,
    /** Edit the controls one owns (status, description): the control owner's right. */
    CONTROL_WRITE_OWN,
    EVIDENCE_READ,
    EVIDENCE_CONTENT_READ,
    EVIDENCE_UPLOAD,
    EVIDENCE_REVIEW,
    EVIDENCE_WITHDRAW,
    READINESS_READ,
    ACTIVITY_READ,
    USER_READ,
    USER_MANAGE
}
