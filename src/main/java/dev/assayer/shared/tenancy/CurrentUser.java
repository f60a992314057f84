package dev.assayer.shared.tenancy;

import dev.assayer.shared.ApiProblem;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The signed-in person acting in one organization with one role. Every service call that reads
 * or writes tenant data takes one, and every query is scoped by {@link #orgId()}.
 *
 * <p>An audit firm's user working on a client engagement acts in the client's organization with
 * their firm role and a non-null {@link #scope()}: they see only that engagement and the evidence
 * effective in its period, and firm-level rights (managing the firm's members, its settings) do not
 * apply inside the client.
 */
public record CurrentUser(UUID userId, String email, String name, UUID orgId, String orgName, Role role,
        EngagementScope scope) implements Serializable {

    /** Rights that belong to a firm's own organization and never reach into a client's. */
    private static final Set<Permission> FIRM_ONLY = EnumSet.of(Permission.USER_READ, Permission.USER_MANAGE,
            Permission.FIRM_MANAGE, Permission.ACTIVITY_READ);

    /** A member acting in their own organization. */
    public CurrentUser(UUID userId, String email, String name, UUID orgId, String orgName, Role role) {
        this(userId, email, name, orgId, orgName, role, null);
    }

    public boolean can(Permission p) {
        if (scope != null && FIRM_ONLY.contains(p)) {
            return false;
        }
        return role.can(p);
    }

    /** Throws a 403 problem unless this user's role grants {@code p}. */
    public CurrentUser require(Permission p) {
        if (!can(p)) {
            throw ApiProblem.forbidden("The role " + role.label() + " may not do this (" + p.name().toLowerCase()
                    + (scope != null && role.can(p) ? " is not available inside a client engagement" : "") + ")");
        }
        return this;
    }

    /** True when this is an audit firm's user inside a client engagement. */
    public boolean inEngagement() {
        return scope != null;
    }

    /**
     * Throws a 404 problem when this user is confined to another engagement than {@code engagementId}
     * (members of the organization itself reach all of its engagements).
     */
    public CurrentUser requireEngagement(UUID engagementId) {
        if (scope != null && !scope.engagementId().equals(engagementId)) {
            throw ApiProblem.notFound("Engagement " + engagementId);
        }
        return this;
    }

    /** A label for the activity log and provenance: "Name <email>", with the firm for an auditor in a client. */
    public String label() {
        return name + " <" + email + ">" + (scope == null ? "" : " (" + scope.firmName() + ")");
    }
}
