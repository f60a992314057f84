package dev.assayer.monitoring;

/**
 * A collection job: waiting for a worker (QUEUED), collecting (RUNNING), finished with every document
 * imported (SUCCEEDED), or stopped by an error, a restart or a lost lease (FAILED; nothing stored
 * unless its documents say otherwise).
 */
public enum CollectorRunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    /** QUEUED or RUNNING: the collector is busy and another collection of it is refused (409). */
    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }
}
