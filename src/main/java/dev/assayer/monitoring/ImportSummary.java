package dev.assayer.monitoring;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored import: the raw file became evidence item {@code evidenceId} (SHA-256 {@code sha256})
 * before its resources were recorded; {@code resourcesByType} counts them, {@code duplicates} counts
 * rows that repeated a (type, id) already read (the last one wins).
 */
public record ImportSummary(UUID id, String source, String filename, String format, String sha256, UUID evidenceId,
        long resources, long duplicates, Map<String, Long> resourcesByType, String importedBy, Instant importedAt) {
}
