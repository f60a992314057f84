package dev.assayer.shared.tenancy;

import dev.assayer.shared.ApiProblem;
import java.io.Serializable;
import java.util.UUID;

/**
 * The signed-in person acting in one organization with one role. Every service call that reads
 * or writes tenant data takes one, and every query is scoped by {@link #orgId()}.
 */
public record CurrentUser(UUID userId, String email, String name, UUID orgId, String orgName, Role role)
        implements Serializable {

    public boolean can(Permission p) {
        return role.can(p);
    }

    /** Throws a 403 problem unless this user's role grants {@code p}. */
    public CurrentUser require(Permission p) {
        if (!role.can(p)) {
            throw ApiProblem.forbidden("The role " + role.label() + " may not do this (" + p.name().toLowerCase() + ")");
        }
        return this;
    }

    /** A label for the activity log and provenance: "Name <email>". */
    public String label() {
        return name + " <" + email + ">";
    }
}
