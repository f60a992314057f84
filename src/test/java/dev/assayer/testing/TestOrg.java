package dev.assayer.testing;

import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh organization with one member per role, each with an API token: the unit of every
 * tenant-isolation and role test. {@code TestOrg.create(identity)} in a test's setup.
 */
public record TestOrg(UUID id, String name, Map<Role, CurrentUser> users, Map<Role, String> tokens) {

    public static final String PASSWORD = "correct horse battery staple";
    /** The roles of a service organization (the client); audit firm roles are in {@link TestFirm}. */
    public static final java.util.List<Role> ROLES = java.util.List.copyOf(Role.forOrganization(false));
    private static final AtomicInteger counter = new AtomicInteger();

    public static TestOrg create(IdentityService identity) {
        int n = counter.incrementAndGet();
        String tag = n + "-" + UUID.randomUUID().toString().substring(0, 6);
        String orgName = "Test Org " + tag;
        CurrentUser admin = identity.createOrganizationWithAdmin(orgName, "admin-" + tag + "@example.test", "Admin " + tag,
                PASSWORD);
        Map<Role, CurrentUser> users = new EnumMap<>(Role.class);
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        users.put(Role.ADMIN, admin);
        for (Role role : ROLES) {
            if (role == Role.ADMIN) {
                continue;
            }
            String slug = role.name().toLowerCase().replace('_', '-');
            var member = identity.addMemberWithPassword(admin.orgId(), slug + "-" + tag + "@example.test",
                    role.label() + " " + tag, role, PASSWORD);
            users.put(role, new CurrentUser(member.userId(), member.email(), member.name(), admin.orgId(), orgName, role));
        }
        users.forEach((role, user) -> tokens.put(role, identity.issueToken(user, "test").token()));
        return new TestOrg(admin.orgId(), orgName, users, tokens);
    }

    public CurrentUser user(Role role) {
        return users.get(role);
    }

    public CurrentUser admin() {
        return users.get(Role.ADMIN);
    }

    /** "Bearer asy_…" for the member with that role. */
    public String bearer(Role role) {
        return "Bearer " + tokens.get(role);
    }
}
