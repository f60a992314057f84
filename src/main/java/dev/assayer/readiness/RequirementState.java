package dev.assayer.readiness;

/** Where one in-scope requirement (criterion or control objective) stands. */
public enum RequirementState {
    /** At least one applicable mapped control is implemented, owned and has valid evidence. */
    READY,
    /** Controls are mapped, but none of them is fully ready yet. */
    PARTIAL,
    /** No applicable control is mapped at all. */
    GAP
}
