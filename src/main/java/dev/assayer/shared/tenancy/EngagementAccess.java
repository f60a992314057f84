package dev.assayer.shared.tenancy;

import java.util.Optional;
import java.util.UUID;

/**
 * Resolves an audit firm's access grant to the client engagement it opens. Implemented by the
 * engagement module (which owns grants); used by identity to build and re-check the
 * {@link CurrentUser} of an auditor working inside a client, on every request.
 */
public interface EngagementAccess {

    /** The client organization and scope of a grant that is active today; empty when revoked, expired or unknown. */
    Optional<ClientContext> resolve(UUID grantId);

    /** Where an active grant leads: the client organization and the engagement scope. */
    record ClientContext(UUID orgId, String orgName, EngagementScope scope) {
    }
}
