package dev.assayer.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A control's health derived from the checks that support it, in the latest run: FAILING (a check
 * failed: which, how many resources), else ERROR (a check could not evaluate), else HEALTHY (at
 * least one check evaluated a resource and every check that did passed), else NOT_APPLICABLE (its
 * checks ran but applied to no resource), else NO_DATA (no run, its checks were not run, or every
 * resource was excluded). A check that was not applicable is listed in {@code problems} with outcome
 * NOT_APPLICABLE: it never counts as a pass of the control.
 */
public record ControlHealth(UUID controlId, String controlRef, HealthStatus status, List<String> checkIds,
        List<CheckStanding> problems, UUID runId, Instant runAt) {

    public ControlHealth {
        checkIds = List.copyOf(checkIds);
        problems = List.copyOf(problems);
    }

    /** A check of the control that did not pass: FAIL, ERROR or NOT_APPLICABLE, and how many resources failed or erred. */
    public record CheckStanding(String checkId, String title, String outcome, long resources) {
    }
}
