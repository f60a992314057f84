package dev.assayer.fieldwork;

import java.time.Instant;

/** One extension of a sample after a deviation: the draw stream continued from {@code fromSize} to {@code toSize}. */
public record SampleExtension(int fromSize, int toSize, String reason, String extendedBy, Instant extendedAt) {
}
