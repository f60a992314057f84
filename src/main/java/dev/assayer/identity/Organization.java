package dev.assayer.identity;

import java.util.UUID;

/** An organization: a service organization (a client) or, when {@code auditFirm}, an audit firm. */
public record Organization(UUID id, String name, boolean auditFirm) {

    public String kindLabel() {
        return auditFirm ? "Audit firm" : "Service organization";
    }
}
