package dev.assayer.fieldwork;

/** Where a test (or, for a control, its least advanced test) stands. */
public enum TestStatus {
    NOT_PLANNED("Not planned"),
    PLANNED("Planned"),
    IN_PROGRESS("In progress"),
    CONCLUDED("Concluded"),
    REVIEWED("Reviewed");

    private final String label;

    TestStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
