package dev.assayer.fieldwork;

import java.time.Instant;

/** One line of a test's own history: who did what when (reopening records why). */
public record TestHistoryEntry(long seq, Instant at, String actor, String action, String detail) {
}
