package dev.assayer.testing;

import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementGrant;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An audit firm with a partner, a manager and two staff ({@link #second} is a second staff member,
 * for "another person" rules). {@link #inside} grants the firm access to a client engagement and
 * returns the firm's users acting inside it, with API tokens that work there.
 */
public record TestFirm(UUID id, String name, Map<Role, CurrentUser> users, CurrentUser second) {

    public static final List<Role> ROLES = List.of(Role.AUDIT_PARTNER, Role.AUDIT_MANAGER, Role.AUDIT_STAFF);
    private static final AtomicInteger counter = new AtomicInteger();

    public static TestFirm create(IdentityService identity) {
        String tag = counter.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        String name = "Test Firm " + tag;
        CurrentUser partner = identity.createAuditFirmWithPartner(name, "partner-" + tag + "@firm.test", "Partner " + tag,
                TestOrg.PASSWORD);
        Map<Role, CurrentUser> users = new EnumMap<>(Role.class);
        users.put(Role.AUDIT_PARTNER, partner);
        for (Role role : List.of(Role.AUDIT_MANAGER, Role.AUDIT_STAFF)) {
            String slug = role.name().toLowerCase().replace('_', '-');
            var m = identity.addMemberWithPassword(partner.orgId(), slug + "-" + tag + "@firm.test", role.label() + " " + tag,
                    role, TestOrg.PASSWORD);
            users.put(role, new CurrentUser(m.userId(), m.email(), m.name(), partner.orgId(), name, role));
        }
        var s = identity.addMemberWithPassword(partner.orgId(), "staff2-" + tag + "@firm.test", "Second staff " + tag,
                Role.AUDIT_STAFF, TestOrg.PASSWORD);
        CurrentUser second = new CurrentUser(s.userId(), s.email(), s.name(), partner.orgId(), name, Role.AUDIT_STAFF);
        return new TestFirm(partner.orgId(), name, users, second);
    }

    public CurrentUser user(Role role) {
        return users.get(role);
    }

    /** The firm's users inside one client engagement, after the client's admin granted access. */
    public Inside inside(IdentityService identity, EngagementAccessService access, TestOrg client, UUID engagementId) {
        EngagementGrant grant = access.grant(client.admin(), engagementId, id, null, null);
        return enter(identity, grant);
    }

    /** The firm's users inside the engagement of an existing grant. */
    public Inside enter(IdentityService identity, EngagementGrant grant) {
        Map<Role, CurrentUser> in = new EnumMap<>(Role.class);
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        users.forEach((role, u) -> {
            CurrentUser x = identity.openEngagement(u, grant.id());
            in.put(role, x);
            tokens.put(role, identity.issueToken(x, "test").token());
        });
        CurrentUser secondInside = identity.openEngagement(second, grant.id());
        String secondToken = identity.issueToken(secondInside, "test").token();
        return new Inside(grant, in, tokens, secondInside, secondToken);
    }

    /** The firm inside one engagement: users and tokens per firm role, plus a second staff member. */
    public record Inside(EngagementGrant grant, Map<Role, CurrentUser> users, Map<Role, String> tokens,
            CurrentUser second, String secondToken) {

        public CurrentUser user(Role role) {
            return users.get(role);
        }

        /** "Bearer asy_…" acting inside the engagement with that firm role. */
        public String bearer(Role role) {
            return "Bearer " + tokens.get(role);
        }

        public String secondBearer() {
            return "Bearer " + secondToken;
        }
    }
}
