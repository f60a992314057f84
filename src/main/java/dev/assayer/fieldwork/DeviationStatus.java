package dev.assayer.fieldwork;

/** OPEN while at least one failed result belongs to it; WITHDRAWN when none does any more (kept, never deleted). */
public enum DeviationStatus {
    OPEN, WITHDRAWN
}
