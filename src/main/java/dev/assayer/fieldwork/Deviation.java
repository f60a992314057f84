package dev.assayer.fieldwork;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A deviation found in a test: the failed items ({@code items}: keys of the items with a failed
 * attribute), the auditor's {@code description}, {@code cause}, {@code nature} and
 * {@code compensatingControls}, and the client's {@code managementResponse} (written only by the
 * client). {@code ref} is "D1", "D2", … within the test.
 */
public record Deviation(UUID id, UUID engagementId, UUID testId, UUID controlId, String controlRef,
        String controlTitle, TestKind testKind, String ref, List<String> items, String description, String cause,
        DeviationNature nature, String compensatingControls, String managementResponse, String respondedBy,
        Instant respondedAt, DeviationStatus status, String createdBy, Instant createdAt, long version) {

    public Deviation {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
