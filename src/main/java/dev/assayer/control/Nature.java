package dev.assayer.control;

/** How a control is performed. */
public enum Nature {
    MANUAL("Manual"),
    AUTOMATED("Automated"),
    /** A person performs it, relying on a report or data produced by a system. */
    IT_DEPENDENT_MANUAL("IT-dependent manual");

    private final String label;

    Nature(String label) {
        this.label = label;
    }

    /** How the product shows the value to people. */
    public String label() {
        return label;
    }
}
