package dev.assayer.control;

/** What a control does about a risk: stop it, find it, or fix its effects. */
public enum ControlKind {
    PREVENTIVE("Preventive"),
    DETECTIVE("Detective"),
    CORRECTIVE("Corrective");

    private final String label;

    ControlKind(String label) {
        this.label = label;
    }

    /** How the product shows the value to people. */
    public String label() {
        return label;
    }
}
