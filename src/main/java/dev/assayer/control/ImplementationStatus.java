package dev.assayer.control;

/** How far the organization is in putting a control in place. */
public enum ImplementationStatus {
    NOT_STARTED("Not started"),
    IN_PROGRESS("In progress"),
    IMPLEMENTED("Implemented"),
    NOT_APPLICABLE("Not applicable");

    private final String label;

    ImplementationStatus(String label) {
        this.label = label;
    }

    /** How the product shows the value to people. */
    public String label() {
        return label;
    }
}
