package dev.assayer.control;

/** How often a control operates; drives the auditor's sample size. */
public enum Frequency {
    CONTINUOUS("Continuous"),
    MULTIPLE_DAILY("Several times a day"),
    DAILY("Daily"),
    WEEKLY("Weekly"),
    MONTHLY("Monthly"),
    QUARTERLY("Quarterly"),
    ANNUAL("Annual"),
    /** Performed when an event happens (a hire, a change, an incident). */
    PER_EVENT("Per event");

    private final String label;

    Frequency(String label) {
        this.label = label;
    }

    /** How the product shows the value to people. */
    public String label() {
        return label;
    }
}
