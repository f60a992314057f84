package dev.assayer.fieldwork;

/**
 * Where a request of the request list stands: OPEN → SUBMITTED (by the client) → ACCEPTED or
 * FLAGGED with a reason (by the auditor) → RESUBMITTED (by the client) → ACCEPTED or FLAGGED …
 * ACCEPTED is final.
 */
public enum RequestStatus {
    OPEN("Open"),
    SUBMITTED("Submitted"),
    FLAGGED("Flagged"),
    RESUBMITTED("Resubmitted"),
    ACCEPTED("Accepted");

    private final String label;

    RequestStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The client's turn: the request waits for an answer (OPEN, or FLAGGED after a rejected answer). */
    public boolean awaitingClient() {
        return this == OPEN || this == FLAGGED;
    }

    /** The auditor's turn: an answer waits to be accepted or flagged. */
    public boolean awaitingAuditor() {
        return this == SUBMITTED || this == RESUBMITTED;
    }
}
