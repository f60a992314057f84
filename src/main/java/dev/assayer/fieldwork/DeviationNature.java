package dev.assayer.fieldwork;

/** The auditor's assessment of a deviation after investigating its cause. */
public enum DeviationNature {
    ISOLATED("Isolated"),
    SYSTEMIC("Systemic");

    private final String label;

    DeviationNature(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
