package dev.assayer.monitoring;

import java.time.Instant;
import java.util.UUID;

/**
 * One run in a check's history: every run in the window appears, with the check's status in it
 * ({@link CheckRunStatus}: NOT_RUN when the check was switched off or not defined then,
 * NOT_RECORDED for runs from before every check was recorded). {@code resourceType} and
 * {@code matched} as in {@link RunCheck} (null when the run has no row for the check).
 */
public record CheckHistoryEntry(UUID runId, Instant at, CheckRunStatus status, String resourceType, Long matched,
        long applicable, long passed, long failed, long errors, long excluded) {

    /** Why a NOT_APPLICABLE check applied to nothing, in words; null otherwise. */
    public String notApplicableReason() {
        return reason(status, resourceType, matched);
    }

    static String reason(CheckRunStatus status, String resourceType, Long matched) {
        if (status != CheckRunStatus.NOT_APPLICABLE) {
            return null;
        }
        String type = resourceType == null ? "matching" : resourceType;
        if (matched == null) {
            return "no applicable resource";
        }
        if (matched == 0) {
            return "no " + type + " resources";
        }
        return "all " + matched + " " + type + (matched == 1 ? " resource" : " resources")
                + " left out by the where-clause";
    }
}
