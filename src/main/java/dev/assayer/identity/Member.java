package dev.assayer.identity;

import dev.assayer.shared.tenancy.Role;
import java.util.UUID;

/** A user as a member of one organization. {@code active} is false until the invitation is accepted. */
public record Member(UUID userId, String email, String name, Role role, boolean active, long version) {
}
