package dev.assayer.incident;

/** Where an incident stands. RESOLVED and CLOSED need a root cause; CLOSED also needs lessons learned. */
public enum IncidentStatus {
    OPEN, CONTAINED, RESOLVED, CLOSED
}
