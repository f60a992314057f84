package dev.assayer.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A control's health derived from the checks that support it, in the latest run: HEALTHY (every
 * check that applied passed), FAILING (which checks, how many resources), ERROR (a check could not
 * evaluate, none failed), NO_DATA (no run, or none of its checks applied to a resource).
 */
public record ControlHealth(UUID controlId, String controlRef, HealthStatus status, List<String> checkIds,
        List<CheckStanding> problems, UUID runId, Instant runAt) {

    public ControlHealth {
        checkIds = List.copyOf(checkIds);
        problems = List.copyOf(problems);
    }

    /** A check of the control that did not pass: its outcome and how many resources failed or erred. */
    public record CheckStanding(String checkId, String title, String outcome, long resources) {
    }
}
