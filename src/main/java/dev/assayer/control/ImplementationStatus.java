package dev.assayer.control;

/** How far the organization is in putting a control in place. */
public enum ImplementationStatus {
    NOT_STARTED,
    IN_PROGRESS,
    IMPLEMENTED,
    NOT_APPLICABLE
}
