package dev.assayer.risk;

/** One assessment of a risk: likelihood and impact on the configured scale, their product and its band. */
public record RiskScore(int likelihood, int impact, int score, RiskRating rating) {
}
