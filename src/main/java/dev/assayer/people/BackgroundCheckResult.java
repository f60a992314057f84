package dev.assayer.people;

/**
 * The outcome of a background check as the provider reports it. Nothing about findings is stored:
 * CONSIDER only says the provider reported something for the organization to adjudicate.
 */
public enum BackgroundCheckResult {
    CLEAR("Clear"), CONSIDER("Consider"), NOT_COMPLETED("Not completed");

    private final String label;

    BackgroundCheckResult(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True when the check was carried out (whatever its outcome). */
    public boolean completed() {
        return this != NOT_COMPLETED;
    }
}
