package dev.assayer.risk;

/** The band a likelihood × impact score falls in; the thresholds are configurable. */
public enum RiskRating {
    LOW("Low"),
    MEDIUM("Medium"),
    HIGH("High"),
    CRITICAL("Critical");

    private final String label;

    RiskRating(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
