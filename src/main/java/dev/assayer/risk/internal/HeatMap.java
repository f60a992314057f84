package dev.assayer.risk.internal;

import dev.assayer.risk.RiskScore;
import java.util.Collection;

/**
 * How many risks fall in each likelihood × impact cell of a scale. Plain Java.
 * {@code count(l, i)} is 1-based like the scale.
 */
public final class HeatMap {

    private final RiskScale scale;
    private final int[][] counts;
    private int total;

    public HeatMap(RiskScale scale) {
        this.scale = scale;
        this.counts = new int[scale.likelihoodLevels()][scale.impactLevels()];
    }

    public static HeatMap of(RiskScale scale, Collection<RiskScore> scores) {
        HeatMap m = new HeatMap(scale);
        scores.forEach(m::add);
        return m;
    }

    public HeatMap add(RiskScore s) {
        if (s != null && s.likelihood() >= 1 && s.likelihood() <= scale.likelihoodLevels() && s.impact() >= 1
                && s.impact() <= scale.impactLevels()) {
            counts[s.likelihood() - 1][s.impact() - 1]++;
            total++;
        }
        return this;
    }

    public int count(int likelihood, int impact) {
        return counts[likelihood - 1][impact - 1];
    }

    public int total() {
        return total;
    }

    public RiskScale scale() {
        return scale;
    }
}
