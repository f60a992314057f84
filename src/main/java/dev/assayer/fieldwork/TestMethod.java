package dev.assayer.fieldwork;

/** How a procedure gathers evidence. Inquiry alone never supports a conclusion. */
public enum TestMethod {
    INQUIRY("Inquiry"),
    OBSERVATION("Observation"),
    INSPECTION("Inspection"),
    REPERFORMANCE("Re-performance");

    private final String label;

    TestMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
