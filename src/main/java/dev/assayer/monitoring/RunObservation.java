package dev.assayer.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One check in one run, as the period view needs it: when, which check, the controls it supports,
 * the check's status in that run ({@link CheckRunStatus}: FAIL if any resource failed, else ERROR if
 * any could not be evaluated, else EXCLUDED when every applicable resource was excluded, else PASS;
 * NOT_APPLICABLE when the check applied to no resource), how many resources were evaluated, and
 * which failed.
 */
public record RunObservation(UUID runId, Instant at, String checkId, String checkTitle, List<String> controlRefs,
        CheckRunStatus status, int evaluated, List<String> failingResources) {

    public RunObservation {
        controlRefs = List.copyOf(controlRefs);
        failingResources = List.copyOf(failingResources);
    }
}
