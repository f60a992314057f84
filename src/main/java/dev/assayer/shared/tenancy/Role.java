package dev.assayer.shared.tenancy;

import static dev.assayer.shared.tenancy.Permission.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A user's role in one organization. The matrix is the product's authorization policy; it is
 * documented in docs/roles.md and every API endpoint is tested against it.
 *
 * <p>The first five roles belong to service organizations (the clients); the three {@code AUDIT_}
 * roles to audit firms. Client roles never hold the auditor's fieldwork rights, and firm roles
 * never hold a right to change client data: that is the independence rule, enforced here.
 */
public enum Role {
    ADMIN("Admin", false, EnumSet.complementOf(EnumSet.of(FIELDWORK_READ, FIELDWORK_WRITE, FIELDWORK_REVIEW,
            FIRM_MANAGE, AUDITOR_REPORT_WRITE))),
    COMPLIANCE_MANAGER("Compliance manager", false, EnumSet.of(CATALOG_READ, OBJECTIVE_WRITE, ENGAGEMENT_READ,
            ENGAGEMENT_WRITE, CONTROL_READ, CONTROL_WRITE, CONTROL_WRITE_OWN, EVIDENCE_READ, EVIDENCE_CONTENT_READ,
            EVIDENCE_UPLOAD, EVIDENCE_REVIEW, EVIDENCE_WITHDRAW, READINESS_READ, ACTIVITY_READ, USER_READ,
            FIELDWORK_RESPOND, MONITORING_MANAGE, NOTIFICATION_MANAGE, REPORT_READ, REPORT_GENERATE,
            PACKAGE_EXPORT)),
    CONTROL_OWNER("Control owner", false, EnumSet.of(CATALOG_READ, ENGAGEMENT_READ, CONTROL_READ, CONTROL_WRITE_OWN,
            EVIDENCE_READ, EVIDENCE_CONTENT_READ, EVIDENCE_UPLOAD, READINESS_READ, FIELDWORK_RESPOND)),
    /** A read-only seat inside the organization (internal audit, an observer); changes nothing. */
    AUDITOR("Auditor", false, EnumSet.of(CATALOG_READ, ENGAGEMENT_READ, CONTROL_READ, EVIDENCE_READ,
            EVIDENCE_CONTENT_READ, READINESS_READ, ACTIVITY_READ, REPORT_READ)),
    /** Sees the state of the program (dashboards, controls, evidence metadata), not evidence files. */
    VIEWER("Viewer", false, EnumSet.of(CATALOG_READ, ENGAGEMENT_READ, CONTROL_READ, EVIDENCE_READ, READINESS_READ)),
    /** Audit firm partner: everything a manager does, plus the firm's members and settings. */
    AUDIT_PARTNER("Audit partner", true, EnumSet.of(CATALOG_READ, ENGAGEMENT_READ, CONTROL_READ, EVIDENCE_READ,
            EVIDENCE_CONTENT_READ, READINESS_READ, FIELDWORK_READ, FIELDWORK_WRITE, FIELDWORK_REVIEW, FIRM_MANAGE,
            USER_READ, USER_MANAGE, REPORT_READ, AUDITOR_REPORT_WRITE, PACKAGE_EXPORT)),
    /** Audit firm manager: prepares and reviews workpapers. */
    AUDIT_MANAGER("Audit manager", true, EnumSet.of(CATALOG_READ, ENGAGEMENT_READ, CONTROL_READ, EVIDENCE_READ,
            EVIDENCE_CONTENT_READ, READINESS_READ, FIELDWORK_READ, FIELDWORK_WRITE, FIELDWORK_REVIEW, USER_READ, REPORT_READ,
            AUDITOR_REPORT_WRITE, PACKAGE_EXPORT)),
    /** Audit firm staff: prepares workpapers; cannot sign them off as reviewer. */
    AUDIT_STAFF("Audit staff", true, EnumSet.of(CATALOG_READ, ENGAGEMENT_READ, CONTROL_READ, EVIDENCE_READ,
            EVIDENCE_CONTENT_READ, READINESS_READ, FIELDWORK_READ, FIELDWORK_WRITE, REPORT_READ, PACKAGE_EXPORT));

    private final String label;
    private final boolean firmRole;
    private final Set<Permission> permissions;

    Role(String label, boolean firmRole, Set<Permission> permissions) {
        this.label = label;
        this.firmRole = firmRole;
        this.permissions = permissions;
    }

    public String label() {
        return label;
    }

    /** True for the roles of an audit firm's own members. */
    public boolean firmRole() {
        return firmRole;
    }

    public boolean can(Permission p) {
        return permissions.contains(p);
    }

    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }

    /** The roles a member of a service organization (firm = false) or an audit firm (true) may hold. */
    public static Set<Role> forOrganization(boolean auditFirm) {
        return Arrays.stream(values()).filter(r -> r.firmRole == auditFirm)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    /** Parses "compliance manager", "COMPLIANCE_MANAGER", "compliance-manager". */
    public static Role parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("role is required");
        }
        String norm = text.trim().toUpperCase().replace(' ', '_').replace('-', '_');
        for (Role r : values()) {
            if (r.name().equals(norm)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (expected one of "
                + Arrays.stream(values()).map(r -> r.name().toLowerCase()).collect(Collectors.joining(", ")) + ")");
    }
}
