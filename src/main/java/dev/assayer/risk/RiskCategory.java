package dev.assayer.risk;

/** What kind of risk it is. FRAUD and CHANGE exist because CC3.3 and CC3.4 ask for them explicitly. */
public enum RiskCategory {
    SECURITY("Security"),
    AVAILABILITY("Availability"),
    DATA_PROTECTION("Data protection and privacy"),
    PROCESSING("Processing accuracy"),
    FRAUD("Fraud"),
    CHANGE("Change"),
    VENDOR("Vendor and subservice"),
    PEOPLE("People and insider"),
    COMPLIANCE("Legal and compliance"),
    STRATEGIC("Strategic and business");

    private final String label;

    RiskCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
