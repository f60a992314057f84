package dev.assayer.monitoring;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An import as recorded, also while it runs: {@code status} READING (first pass: every row is read
 * and checked, nothing stored), STORING (the file became evidence; resources are being written),
 * DONE or FAILED ({@code error} names file and position). {@code rowsRead}/{@code rowsStored} grow
 * while it runs. {@code current}: its resources are the inventory of {@code source}.
 */
public record ImportRecord(UUID id, String source, String filename, String format, String status, long rowsRead,
        long rowsStored, long resources, long duplicates, Map<String, Long> resourcesByType, String sha256,
        Long size, UUID evidenceId, String error, boolean current, String importedBy, Instant startedAt,
        Instant finishedAt) {

    public ImportRecord {
        resourcesByType = resourcesByType == null ? Map.of() : Map.copyOf(resourcesByType);
    }

    public boolean running() {
        return "READING".equals(status) || "STORING".equals(status);
    }
}
