package dev.assayer.monitoring;

/** A collection in progress, finished with every document imported, or stopped by an error (nothing stored). */
public enum CollectorRunStatus {
    RUNNING, SUCCEEDED, FAILED
}
