package dev.assayer.accessreview;

/** A remediation task is OPEN until done; CANCELLED when the reviewer changed the decision before it was done. */
public enum TaskStatus {
    OPEN, DONE, CANCELLED
}
