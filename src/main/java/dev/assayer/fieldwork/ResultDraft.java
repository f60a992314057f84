package dev.assayer.fieldwork;

import java.util.List;
import java.util.UUID;

/**
 * One result to record: the item (a sample item by {@code row}, optionally with its {@code key} as a
 * check; a manual item by {@code key}), the attribute code, the outcome, a note (required for FAIL),
 * linked evidence, and for a FAIL the deviation to attach to (null: a new deviation). {@code version}
 * is the version of the result being replaced (null when recording a cell for the first time).
 */
public record ResultDraft(Long row, String key, String attribute, ResultOutcome outcome, String note,
        List<UUID> evidenceIds, UUID deviationId, Long version) {

    public ResultDraft {
        evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
    }
}
