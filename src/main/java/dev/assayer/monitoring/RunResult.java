package dev.assayer.monitoring;

import dev.assayer.monitoring.checks.Outcome;
import java.time.Instant;
import java.util.UUID;

/** A non-pass result of one check on one resource in one run, with why. */
public record RunResult(UUID runId, Instant at, String checkId, String resourceType, String resourceId, Outcome outcome,
        String message) {
}
