package dev.assayer.fieldwork;

/**
 * A population row flagged on import: {@code kind} is "out-of-period" (its date lies outside the
 * engagement period) or "unparseable-date" (no date, or not YYYY-MM-DD…); {@code row} is the 1-based
 * row number used by sampling, {@code line} the line of the file it starts on.
 */
public record RowFlag(String kind, long row, long line, String key, String date) {
}
