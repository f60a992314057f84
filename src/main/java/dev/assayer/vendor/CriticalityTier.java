package dev.assayer.vendor;

/** How much a vendor matters to us; it sets how often the vendor is reviewed and whether a SOC report is required. */
public enum CriticalityTier {
    TIER_1("Tier 1 — critical"),
    TIER_2("Tier 2 — moderate"),
    TIER_3("Tier 3 — low");

    private final String label;

    CriticalityTier(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
