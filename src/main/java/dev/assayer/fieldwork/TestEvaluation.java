package dev.assayer.fieldwork;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The figures an auditor weighs before concluding, computed from the recorded results and never a
 * conclusion itself: {@code items} in the test, {@code itemsTested} (every attribute recorded),
 * {@code deviations} (items with at least one failed attribute), per attribute, the planned size and
 * the deviations the statistical plan tolerates, and the upper deviation limit (AICPA attribute
 * sampling, in percent rounded up to one decimal) for {@code items} and {@code deviations} at
 * {@code confidence}, beside the tolerable rate (percent; null when the plan has none).
 * {@code exceedsTolerableRate} is null without a tolerable rate or items. {@code remarks} state facts
 * (e.g. fewer items than planned), never an opinion.
 */
public record TestEvaluation(int items, int itemsTested, int resultsRecorded, int resultsExpected, int deviations,
        Map<String, Integer> deviationsByAttribute, Integer plannedSampleSize, Integer allowedDeviations,
        BigDecimal confidencePercent, BigDecimal upperLimitPercent, BigDecimal tolerableRatePercent,
        Boolean exceedsTolerableRate, List<String> remarks) {

    public TestEvaluation {
        deviationsByAttribute = deviationsByAttribute == null ? Map.of() : Map.copyOf(deviationsByAttribute);
        remarks = remarks == null ? List.of() : List.copyOf(remarks);
    }
}
