package dev.assayer.vendor;

/** The kind of assurance report a vendor provided. */
public enum ReportKind {
    SOC1("SOC 1"),
    SOC2("SOC 2"),
    SOC3("SOC 3"),
    ISO27001("ISO/IEC 27001 certificate"),
    OTHER("Other");

    private final String label;

    ReportKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** SOC 1 and SOC 2 reports are Type I or Type II and carry CUECs; the others do not have a type. */
    public boolean typed() {
        return this == SOC1 || this == SOC2;
    }

    /** SOC reports carry a service auditor's opinion. */
    public boolean hasOpinion() {
        return this == SOC1 || this == SOC2 || this == SOC3;
    }
}
