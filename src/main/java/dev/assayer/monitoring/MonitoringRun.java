package dev.assayer.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One evaluation of the checks over the inventory at {@code at}. Counts are per (check, resource).
 * {@code evidenceId}: the run's results as an evidence item (JSON, linked to the controls the checks
 * support); {@code unknownControlRefs}: control refs named by checks that the organization lacks.
 */
public record MonitoringRun(UUID id, Instant at, RunTrigger trigger, boolean replayed, UUID evidenceId,
        long resources, int checks, long passed, long failed, long errors, long excluded, List<RunInput> inputs,
        List<String> unknownControlRefs, String runBy) {

    public MonitoringRun {
        inputs = List.copyOf(inputs);
        unknownControlRefs = List.copyOf(unknownControlRefs);
    }
}
