package dev.assayer.readiness;

/**
 * Why a requirement or control is not ready. Ordered from the most to the least fundamental: first
 * the gaps of the controls and their evidence, then the gaps of the compliance program around them
 * ({@link #program()}: risk assessment, policies, vendors, training), which the other modules report
 * and which hold back the criteria they bear on.
 */
public enum GapKind {
    /** The requirement has no mapped control (controls marked not applicable do not count). */
    NO_CONTROL("No control mapped", false),
    /** A mapped control is not started or still in progress. */
    NOT_IMPLEMENTED("Control not implemented", false),
    /** A mapped control has nobody responsible for it. */
    NO_OWNER("Control without owner", false),
    /** A mapped control has no (non-withdrawn) evidence at all. */
    NO_EVIDENCE("No evidence", false),
    /** A mapped control has evidence, but none dated inside the engagement's window. */
    EVIDENCE_OUTSIDE_PERIOD("Evidence outside the period", false),
    /** A mapped control has evidence, but none is valid because it is past its renewal date (expired). */
    EVIDENCE_EXPIRED("Evidence expired", false),
    /** No risk assessment has been approved (signed off) yet. */
    RISK_ASSESSMENT_MISSING("No approved risk assessment", true),
    /** The latest approved risk assessment is more than 12 months old. */
    RISK_ASSESSMENT_STALE("Risk assessment out of date", true),
    /** A risk is treated by mitigation but no control is linked to it. */
    RISK_UNMITIGATED("Risk without mitigating control", true),
    /** People expected to acknowledge the published version of a policy have not done so. */
    POLICY_UNACKNOWLEDGED("Policy not acknowledged by everyone", true),
    /** A CUEC of a vendor's reviewed report (a control the vendor expects of us) is mapped to none of our controls. */
    VENDOR_CUEC_UNMAPPED("Vendor CUEC not mapped", true),
    /** A person's security awareness training is overdue. */
    TRAINING_OVERDUE("Training overdue", true);

    private final String label;
    private final boolean program;

    GapKind(String label, boolean program) {
        this.label = label;
        this.program = program;
    }

    public String label() {
        return label;
    }

    /** A gap of the compliance program (risk, policy, vendor, training) rather than of a control or its evidence. */
    public boolean program() {
        return program;
    }
}
