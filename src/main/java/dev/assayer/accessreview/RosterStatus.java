package dev.assayer.accessreview;

/**
 * How the account's owner stands on the personnel roster as of the campaign's as-of date.
 * Anything but ON_ROSTER is flagged for the reviewer (a person who left still holding access is
 * exactly what an auditor looks for).
 */
public enum RosterStatus {
    ON_ROSTER("On the roster"),
    LEFT("Left the organization"),
    NOT_ON_ROSTER("Not on the roster"),
    NO_OWNER_EMAIL("No owner e-mail");

    private final String label;

    RosterStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean flagged() {
        return this != ON_ROSTER;
    }
}
