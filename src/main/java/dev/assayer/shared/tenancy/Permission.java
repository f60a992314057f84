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
    USER_MANAGE,
    /** Grant an audit firm access to one engagement, and revoke it: the client admin's right. */
    ACCESS_GRANT,
    /** Client side of fieldwork: see the requests addressed to the organization, answer them, respond to deviations and findings. */
    FIELDWORK_RESPOND,
    /** Auditor side: read the firm's workpapers (requests, tests, populations, samples, results). */
    FIELDWORK_READ,
    /** Auditor side: prepare workpapers (create requests, tests, populations, samples; record results). */
    FIELDWORK_WRITE,
    /** Auditor side: review and sign off workpapers prepared by someone else. */
    FIELDWORK_REVIEW,
    /** An audit firm's own settings (sample-size frequency table). */
    FIRM_MANAGE,
    /** Monitoring set-up: the organization's own checks, approving exclusions, collectors and their credentials. */
    MONITORING_MANAGE,
    /** Notification settings (e-mail recipients, the webhook and its signing secret) and the delivery log. */
    NOTIFICATION_MANAGE,
    /** Read frozen report versions, the description checker and internal reports. */
    REPORT_READ,
    /** Generate report versions, internal reports and bridge letter drafts (management's side). */
    REPORT_GENERATE,
    /** Sign management's assertion or a bridge letter as a named officer of the organization. */
    ASSERTION_SIGN,
    /** The service auditor's side of a report: Section I (the auditor's report), supplied by the CPA firm. */
    AUDITOR_REPORT_WRITE,
    /** Export the signed evidence package of an engagement. */
    PACKAGE_EXPORT
}
