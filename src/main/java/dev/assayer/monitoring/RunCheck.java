package dev.assayer.monitoring;

import dev.assayer.monitoring.checks.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One check in one run: counts per outcome and the overall outcome (see {@link RunObservation}). */
public record RunCheck(UUID runId, Instant at, String checkId, String title, String severity, List<String> controls,
        List<String> criteria, long passed, long failed, long errors, long excluded, Outcome outcome) {

    public RunCheck {
        controls = List.copyOf(controls);
        criteria = List.copyOf(criteria);
    }

    public long evaluated() {
        return passed + failed + errors + excluded;
    }
}
