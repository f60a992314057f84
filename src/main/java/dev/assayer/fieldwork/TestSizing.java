package dev.assayer.fieldwork;

import dev.assayer.fieldwork.sampling.ControlFrequency;
import java.math.BigDecimal;

/**
 * How a test's sample size was determined. Inputs by method: FREQUENCY — {@code frequency} (and
 * {@code populationSize} when event-driven); STATISTICAL — {@code confidence}, {@code tolerableRate},
 * {@code expectedRate} (fractions: 0.05 = 5 %); JUDGMENTAL — {@code sampleSize} and {@code reason}.
 * {@code sampleSize}, {@code allowedDeviations} (statistical only) and {@code note} are computed when
 * the test is saved, except a judgmental size. {@code confidence} is also the confidence the
 * evaluation uses (default: the firm's, 95 % unless the firm chose 90 %).
 */
public record TestSizing(TestSizingMethod method, ControlFrequency frequency, Long populationSize,
        BigDecimal confidence, BigDecimal tolerableRate, BigDecimal expectedRate, Integer sampleSize,
        Integer allowedDeviations, String note, String reason) {

    /** No sizing method chosen yet (typical for a test of design). */
    public static TestSizing none() {
        return new TestSizing(null, null, null, null, null, null, null, null, null, null);
    }

    public static TestSizing byFrequency(ControlFrequency frequency, Long populationSize) {
        return new TestSizing(TestSizingMethod.FREQUENCY, frequency, populationSize, null, null, null, null, null, null,
                null);
    }

    public static TestSizing statistical(BigDecimal confidence, BigDecimal tolerableRate, BigDecimal expectedRate) {
        return new TestSizing(TestSizingMethod.STATISTICAL, null, null, confidence, tolerableRate, expectedRate, null,
                null, null, null);
    }

    public static TestSizing judgmental(int sampleSize, String reason) {
        return new TestSizing(TestSizingMethod.JUDGMENTAL, null, null, null, null, null, sampleSize, null, null, reason);
    }
}
