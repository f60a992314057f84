package dev.assayer.engagement;

/** Where an engagement stands; only {@link #CLOSED} ends it. */
public enum EngagementStatus {
    PLANNING("Planning"),
    READINESS("Readiness"),
    FIELDWORK("Fieldwork"),
    REPORTING("Reporting"),
    CLOSED("Closed");

    private final String label;

    EngagementStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
