package dev.assayer.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One check in one run: every check switched on at the time has one, including those that applied
 * to no resource (status NOT_APPLICABLE). {@code resourceType}: the check's type selector;
 * {@code matched}: resources of that type in the run (null for runs recorded before it was kept);
 * {@code applicable}: of those, the ones its where-clause kept (= passed + failed + errors + excluded).
 */
public record RunCheck(UUID runId, Instant at, String checkId, String title, String severity, List<String> controls,
        List<String> criteria, String resourceType, Long matched, long applicable, long passed, long failed,
        long errors, long excluded, CheckRunStatus status) {

    public RunCheck {
        controls = List.copyOf(controls);
        criteria = List.copyOf(criteria);
    }

    public long evaluated() {
        return passed + failed + errors + excluded;
    }

    /** Why a NOT_APPLICABLE check applied to nothing, in words; null otherwise. */
    public String notApplicableReason() {
        return CheckHistoryEntry.reason(status, resourceType, matched);
    }
}
