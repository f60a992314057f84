package dev.assayer.fieldwork.sampling;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Statistical attribute sampling for tests of controls, on the binomial distribution, with the
 * conventions of the AICPA Audit Sampling guide's Appendix A tables:
 * <ul>
 *   <li><b>Sample size</b>: the smallest n such that, with k = ⌈n × expected rate⌉ deviations
 *       allowed, P(X ≤ k | n, tolerable rate) ≤ risk of over-reliance.</li>
 *   <li><b>Upper deviation limit</b>: the rate p with P(X ≤ d | n, p) = risk, in percent, rounded
 *       up to one decimal (so the published limit is never below the exact one).</li>
 * </ul>
 * Rates are fractions (0.05 = 5 %). Inputs are {@link BigDecimal} so that n × expected rate is
 * computed exactly before rounding up.
 */
public final class AttributeSampling {

    /** The guide prints "*" for sample sizes above this ("too large to be cost-effective"). */
    public static final int TABLE_LIMIT = 1500;

    /** Sizes are searched up to this; beyond it the result is "too large" without a number. */
    public static final int SEARCH_LIMIT = 100_000;

    private AttributeSampling() {
    }

    /** Result of {@link #sampleSize}; {@code size} is null when it exceeds {@link #SEARCH_LIMIT}. */
    public record SampleSize(Integer size, Integer allowedDeviations) {

        /** True when the guide would print "*" (more than 1,500 items, or none suffices). */
        public boolean tooLarge() {
            return size == null || size > TABLE_LIMIT;
        }
    }

    /**
     * The sample size and the number of deviations it tolerates.
     *
     * @param risk risk of over-reliance (1 − confidence), 0 < risk < 1
     * @param tolerableRate tolerable deviation rate, 0 < rate < 1
     * @param expectedRate expected population deviation rate, 0 ≤ rate < 1
     */
    public static SampleSize sampleSize(BigDecimal risk, BigDecimal tolerableRate, BigDecimal expectedRate) {
        requireOpenUnit("risk of over-reliance", risk);
        requireOpenUnit("tolerable rate", tolerableRate);
        if (expectedRate.signum() < 0 || expectedRate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("expected rate must be at least 0 and below 1, was " + expectedRate.toPlainString());
        }
        if (expectedRate.compareTo(tolerableRate) >= 0) {
            return new SampleSize(null, null); // no sample size can support reliance
        }
        double r = risk.doubleValue();
        double t = tolerableRate.doubleValue();
        for (int n = 1; n <= SEARCH_LIMIT; n++) {
            int k = expectedRate.multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).intValueExact();
            if (binomialCdf(k, n, t) <= r) {
                return new SampleSize(n, k);
            }
        }
        return new SampleSize(null, null);
    }

    /**
     * The upper deviation limit, in percent rounded up to one decimal: the smallest multiple of
     * 0.1 % at which finding {@code deviations} or fewer in {@code size} items has probability at
     * most {@code risk}.
     */
    public static BigDecimal upperLimitPercent(BigDecimal risk, int size, int deviations) {
        requireOpenUnit("risk of over-reliance", risk);
        if (size < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, was " + size);
        }
        if (deviations < 0 || deviations > size) {
            throw new IllegalArgumentException("deviations must be between 0 and the sample size " + size + ", was " + deviations);
        }
        if (deviations == size) {
            return BigDecimal.valueOf(1000, 1);
        }
        double r = risk.doubleValue();
        // smallest u in tenths of a percent with P(X <= d | n, u / 1000) <= risk; the cdf falls as p rises
        int lo = 0;
        int hi = 1000;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (binomialCdf(deviations, size, mid / 1000.0) <= r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return BigDecimal.valueOf(lo, 1);
    }

    /** P(X ≤ k) for X ~ Binomial(n, p), summed term by term (n up to {@link #SEARCH_LIMIT}). */
    static double binomialCdf(int k, int n, double p) {
        if (k >= n || p <= 0) {
            return 1.0;
        }
        if (p >= 1) {
            return 0.0;
        }
        double logQ = Math.log1p(-p);
        double ratio = p / (1 - p);
        // work in logs so that large n does not underflow the first term
        double logTerm = n * logQ;
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                logTerm += Math.log((double) (n - i + 1) / i) + Math.log(ratio);
            }
            sum += Math.exp(logTerm);
        }
        return Math.min(1.0, sum);
    }

    private static void requireOpenUnit(String what, BigDecimal value) {
        if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException(what + " must be above 0 and below 1, was " + value.toPlainString());
        }
    }
}
