package dev.assayer.engagement;

/** The kind of report: SOC 1 (financial reporting, control objectives) or SOC 2 (Trust Services Criteria). */
public enum Framework {
    SOC1("SOC 1"),
    SOC2("SOC 2");

    private final String label;

    Framework(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
