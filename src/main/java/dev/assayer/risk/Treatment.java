package dev.assayer.risk;

/**
 * How the organization responds to a risk. MITIGATE needs at least one linked control (otherwise
 * it is a readiness gap); ACCEPT needs an approver, a reason and an expiry date.
 */
public enum Treatment {
    MITIGATE("Mitigate"),
    ACCEPT("Accept"),
    TRANSFER("Transfer"),
    AVOID("Avoid");

    private final String label;

    Treatment(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
