package dev.assayer.finding;

/**
 * Where a finding came from. DEVIATION (a failed attribute in a test of operating effectiveness)
 * and TEST_OF_DESIGN (a failed walkthrough) are the audit firm's; READINESS_GAP and OTHER may be
 * raised by either side.
 */
public enum SourceType {
    DEVIATION, TEST_OF_DESIGN, READINESS_GAP, OTHER;

    /** True for the sources only an audit firm's test produces. */
    public boolean auditorOnly() {
        return this == DEVIATION || this == TEST_OF_DESIGN;
    }

    public String label() {
        return switch (this) {
            case DEVIATION -> "Deviation";
            case TEST_OF_DESIGN -> "Test of design";
            case READINESS_GAP -> "Readiness gap";
            case OTHER -> "Other";
        };
    }
}
