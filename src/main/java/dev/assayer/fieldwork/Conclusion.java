package dev.assayer.fieldwork;

/** The auditor's conclusion on a test. Assayer records it; it never chooses one. */
public enum Conclusion {
    OPERATING_EFFECTIVELY("Operating effectively"),
    EFFECTIVE_WITH_EXCEPTIONS("Effective with exceptions"),
    NOT_EFFECTIVE("Not effective");

    private final String label;

    Conclusion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
