package dev.assayer.monitoring.checks;

import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.List;

/**
 * Evaluates a pack against resources one at a time. CEL variables: {@code resource} (the
 * attributes map), {@code meta} ({@code type}, {@code id}, {@code source}, {@code observed_at}
 * timestamp) and {@code now} (the run's timestamp, so age checks are reproducible). A check that
 * throws or does not yield a bool on a resource gives {@link Outcome#ERROR} with why; evaluation
 * goes on. Thread-safe.
 */
public final class CheckEvaluator {

    public CheckEvaluator(CheckPack pack, Instant now) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Results of every check that applies to {@code resource} (type selector and where-clause). */
    public List<CheckResult> evaluate(Resource resource) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
