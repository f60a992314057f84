package dev.assayer.monitoring;

import dev.assayer.monitoring.checks.Outcome;
import java.time.Instant;
import java.util.UUID;

/** One check in one run, for the check's history. */
public record CheckHistoryEntry(UUID runId, Instant at, Outcome outcome, long passed, long failed, long errors,
        long excluded) {
}
