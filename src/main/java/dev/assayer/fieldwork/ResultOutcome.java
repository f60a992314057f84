package dev.assayer.fieldwork;

/** The result of checking one attribute on one item. */
public enum ResultOutcome {
    PASS("Pass"),
    FAIL("Fail"),
    NOT_APPLICABLE("Not applicable");

    private final String label;

    ResultOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
