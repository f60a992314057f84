package dev.assayer.risk.internal;

import dev.assayer.risk.RiskRating;
import dev.assayer.risk.RiskScore;

/**
 * The scoring scale: likelihood 1..{@code likelihoodLevels} × impact 1..{@code impactLevels}
 * (default 5 × 5) and the lowest score of each band above LOW (defaults for 5 × 5: medium from 5,
 * high from 10, critical from 16). Plain Java, no Spring.
 */
public record RiskScale(int likelihoodLevels, int impactLevels, int mediumFrom, int highFrom, int criticalFrom) {

    public static final RiskScale DEFAULT = new RiskScale(5, 5, 5, 10, 16);

    public RiskScale {
        if (likelihoodLevels < 2 || likelihoodLevels > 10 || impactLevels < 2 || impactLevels > 10) {
            throw new IllegalArgumentException("risk scale levels must be between 2 and 10, got " + likelihoodLevels
                    + " × " + impactLevels);
        }
        int max = likelihoodLevels * impactLevels;
        if (!(1 < mediumFrom && mediumFrom < highFrom && highFrom < criticalFrom && criticalFrom <= max)) {
            throw new IllegalArgumentException("risk bands must satisfy 1 < medium (" + mediumFrom + ") < high ("
                    + highFrom + ") < critical (" + criticalFrom + ") <= " + max);
        }
    }

    public int maxScore() {
        return likelihoodLevels * impactLevels;
    }

    public RiskRating rating(int score) {
        if (score >= criticalFrom) {
            return RiskRating.CRITICAL;
        }
        if (score >= highFrom) {
            return RiskRating.HIGH;
        }
        if (score >= mediumFrom) {
            return RiskRating.MEDIUM;
        }
        return RiskRating.LOW;
    }

    /** The score of a valid pair; throws for values outside the scale (validate first with {@link RiskRules}). */
    public RiskScore score(int likelihood, int impact) {
        if (likelihood < 1 || likelihood > likelihoodLevels || impact < 1 || impact > impactLevels) {
            throw new IllegalArgumentException("likelihood " + likelihood + " / impact " + impact + " outside the "
                    + likelihoodLevels + " × " + impactLevels + " scale");
        }
        int s = likelihood * impact;
        return new RiskScore(likelihood, impact, s, rating(s));
    }

    /** Human description of the bands, e.g. "low 1–4, medium 5–9, high 10–15, critical 16–25". */
    public String bandsText() {
        return "low 1–" + (mediumFrom - 1) + ", medium " + mediumFrom + "–" + (highFrom - 1) + ", high " + highFrom + "–"
                + (criticalFrom - 1) + ", critical " + criticalFrom + "–" + maxScore();
    }
}
