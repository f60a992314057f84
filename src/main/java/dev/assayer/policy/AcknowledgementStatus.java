package dev.assayer.policy;

import java.util.List;
import java.util.UUID;

/**
 * Who acknowledged the policy's published version and who is still outstanding (the reminder
 * list). Every active member of the organization is expected to acknowledge. With no published
 * version, {@code versionId} and {@code versionNumber} are null and both lists are empty.
 */
public record AcknowledgementStatus(UUID policyId, UUID versionId, Integer versionNumber,
        List<Acknowledgement> acknowledged, List<Acknowledgement> outstanding) {

    public AcknowledgementStatus {
        acknowledged = List.copyOf(acknowledged);
        outstanding = List.copyOf(outstanding);
    }

    public int expected() {
        return acknowledged.size() + outstanding.size();
    }
}
