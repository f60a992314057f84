package dev.assayer.readiness;

/** Why a requirement or control is not ready. Ordered from the most to the least fundamental. */
public enum GapKind {
    /** The requirement has no mapped control (controls marked not applicable do not count). */
    NO_CONTROL("No control mapped"),
    /** A mapped control is not started or still in progress. */
    NOT_IMPLEMENTED("Control not implemented"),
    /** A mapped control has nobody responsible for it. */
    NO_OWNER("Control without owner"),
    /** A mapped control has no (non-withdrawn) evidence at all. */
    NO_EVIDENCE("No evidence"),
    /** A mapped control has evidence, but none dated inside the engagement's window. */
    EVIDENCE_OUTSIDE_PERIOD("Evidence outside the period"),
    /** A mapped control has evidence, but none is valid because it is past its renewal date (expired). */
    EVIDENCE_EXPIRED("Evidence expired");

    private final String label;

    GapKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
