package dev.assayer.control;

/** What a control does about a risk: stop it, find it, or fix its effects. */
public enum ControlKind {
    PREVENTIVE,
    DETECTIVE,
    CORRECTIVE
}
