package dev.assayer.engagement;

/** Type I: design as of a date. Type II: design and operating effectiveness throughout a period. */
public enum ReportType {
    TYPE1("Type I"),
    TYPE2("Type II");

    private final String label;

    ReportType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
