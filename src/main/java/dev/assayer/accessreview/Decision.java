package dev.assayer.accessreview;

/** What the reviewer decided for one account. REVOKE and CHANGE create a remediation task. */
public enum Decision {
    KEEP("Keep"), REVOKE("Revoke"), CHANGE("Change");

    private final String label;

    Decision(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True when the decision needs someone to act on the system (a remediation task). */
    public boolean needsRemediation() {
        return this != KEEP;
    }
}
