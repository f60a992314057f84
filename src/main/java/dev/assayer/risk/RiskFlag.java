package dev.assayer.risk;

/** Something about a risk that needs attention, computed on read for a given day. */
public enum RiskFlag {
    /** Treated by mitigation but no control is linked: a readiness gap. */
    NO_MITIGATING_CONTROL("Mitigate without a linked control"),
    /** An accepted risk whose acceptance has passed its expiry date. */
    ACCEPTANCE_EXPIRED("Acceptance expired"),
    /** The review date has passed. */
    REVIEW_OVERDUE("Review overdue");

    private final String label;

    RiskFlag(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
