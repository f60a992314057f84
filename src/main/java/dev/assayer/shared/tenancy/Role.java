package dev.assayer.shared.tenancy;

import static dev.assayer.shared.tenancy.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * A user's role in one organization. The matrix is the product's authorization policy; it is
 * documented in docs/roles.md and every API endpoint is tested against it.
 */
public enum Role {
    ADMIN("Admin", EnumSet.allOf(Permission.class)),
    COMPLIANCE_MANAGER("Compliance manager", EnumSet.of(CATALOG_READ, OBJECTIVE_WRITE, ENGAGEMENT_READ, ENGAGEMENT_WRITE,
            CONTROL_READ, CONTROL_WRITE, CONTROL_WRITE_OWN, EVIDENCE_READ, EVIDENCE_CONTENT_READ, EVIDENCE_UPLOAD,
            EVIDENCE_REVIEW, EVIDENCE_WITHDRAW, READINESS_READ, ACTIVITY_READ, USER_READ)),
    CONTROL_OWNER("Control owner", EnumSet.of(CATALOG_READ, ENGAGEMENT_READ, CONTROL_READ, CONTROL_WRITE_OWN,
            EVIDENCE_READ, EVIDENCE_CONTENT_READ, EVIDENCE_UPLOAD, READINESS_READ)),
    /** External auditor: reads the client's program, evidence and activity; changes nothing. */
    AUDITOR("Auditor", EnumSet.of(CATALOG_READ, ENGAGEMENT_READ, CONTROL_READ, EVIDENCE_READ, EVIDENCE_CONTENT_READ,
            READINESS_READ, ACTIVITY_READ)),
    /** Sees the state of the program (dashboards, controls, evidence metadata), not evidence files. */
    VIEWER("Viewer", EnumSet.of(CATALOG_READ, ENGAGEMENT_READ, CONTROL_READ, EVIDENCE_READ, READINESS_READ));

    private final String label;
    private final Set<Permission> permissions;

    Role(String label, Set<Permission> permissions) {
        this.label = label;
        this.permissions = permissions;
    }

    public String label() {
        return label;
    }

    public boolean can(Permission p) {
        return permissions.contains(p);
    }

    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
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
        throw new IllegalArgumentException("unknown role '" + text + "' (expected one of admin, compliance_manager, "
                + "control_owner, auditor, viewer)");
    }
}
