package dev.assayer.fieldwork;

/** How a test's sample size was determined. */
public enum TestSizingMethod {
    /** From the control's frequency and the firm's frequency table. */
    FREQUENCY("By control frequency"),
    /** Statistical attribute sampling (confidence, tolerable rate, expected rate). */
    STATISTICAL("Statistical attribute sampling"),
    /** The auditor's judgment, with a written reason. */
    JUDGMENTAL("Judgmental");

    private final String label;

    TestSizingMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
