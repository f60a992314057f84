package dev.assayer.monitoring;

import dev.assayer.monitoring.checks.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One check in one run, as the period view needs it: when, which check, the controls it supports,
 * the check's overall outcome in that run (FAIL if any resource failed, else ERROR if any could not
 * be evaluated, else PASS; EXCLUDED when every resource was excluded), how many resources were
 * evaluated, and which failed.
 */
public record RunObservation(UUID runId, Instant at, String checkId, String checkTitle, List<String> controlRefs,
        Outcome outcome, int evaluated, List<String> failingResources) {

    public RunObservation {
        controlRefs = List.copyOf(controlRefs);
        failingResources = List.copyOf(failingResources);
    }
}
