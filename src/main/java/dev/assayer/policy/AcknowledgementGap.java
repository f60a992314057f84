package dev.assayer.policy;

import java.util.List;
import java.util.UUID;

/**
 * A published policy whose current version some of the people expected to acknowledge it (active
 * members other than auditors) have not acknowledged yet. {@code template} is the starter template
 * the policy was created from (null when written from scratch); {@code outstanding} are the people
 * still to acknowledge, by name.
 */
public record AcknowledgementGap(UUID policyId, String key, String title, String template, UUID versionId,
        int versionNumber, int expected, List<Acknowledgement> outstanding) {

    public AcknowledgementGap {
        outstanding = List.copyOf(outstanding);
    }
}
