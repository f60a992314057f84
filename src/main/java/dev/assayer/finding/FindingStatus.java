package dev.assayer.finding;

/**
 * Where a finding stands: OPEN → IN_REMEDIATION → READY_FOR_RETEST → CLOSED (a passing re-test),
 * or RISK_ACCEPTED (management accepts the risk, with an approver and a reason). A failing re-test
 * returns a finding to IN_REMEDIATION. CLOSED and RISK_ACCEPTED are final.
 */
public enum FindingStatus {
    OPEN, IN_REMEDIATION, READY_FOR_RETEST, CLOSED, RISK_ACCEPTED;

    /** CLOSED or RISK_ACCEPTED: nothing changes any more. */
    public boolean isFinal() {
        return this == CLOSED || this == RISK_ACCEPTED;
    }

    /** "In remediation", for people. */
    public String label() {
        String s = name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
