package dev.assayer.fieldwork;

/** Test of design (a walkthrough of one instance; Type I and II) or of operating effectiveness (samples across a Type II period). */
public enum TestKind {
    DESIGN("Test of design"),
    OPERATING_EFFECTIVENESS("Test of operating effectiveness");

    private final String label;

    TestKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
