package dev.assayer.fieldwork;

/**
 * One selected population row: 1-based {@code row} number, its {@code key} (value of the key
 * column), {@code how} it was chosen ("random", "systematic", "quarter 2026-Q3", "chosen") and
 * whether it was added by a sample {@code extension}.
 */
public record SampleItem(long row, String key, String how, boolean extension) {
}
