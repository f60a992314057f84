package dev.assayer.risk;

import java.time.LocalDate;
import java.util.List;

/**
 * For readiness: the date of the latest approved risk assessment (null when none), whether it is
 * stale (none, or older than 12 months on the given day), and the risks treated by mitigation that
 * have no linked control.
 */
public record RiskPosture(LocalDate latestAssessment, boolean stale, List<Risk> mitigatedWithoutControls) {

    /** How many gaps this posture contributes: a stale or missing assessment counts once, plus each risk. */
    public int gapCount() {
        return (stale ? 1 : 0) + mitigatedWithoutControls.size();
    }
}
