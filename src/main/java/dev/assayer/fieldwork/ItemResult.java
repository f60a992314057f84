package dev.assayer.fieldwork;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The auditor's result for one item ({@code itemRef}, see {@link TestItem}) and one attribute code.
 * A FAIL always belongs to a {@link Deviation} ({@code deviationId}); {@code evidenceIds} are client
 * evidence the auditor inspected.
 */
public record ItemResult(UUID id, String itemRef, Long row, String key, String attribute, ResultOutcome outcome,
        String note, List<UUID> evidenceIds, UUID deviationId, String recordedBy, Instant recordedAt, long version) {

    public ItemResult {
        evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
    }
}
