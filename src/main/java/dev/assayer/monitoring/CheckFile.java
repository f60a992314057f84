package dev.assayer.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One of the organization's own check files, at its current version. */
public record CheckFile(UUID id, String filename, long version, String yaml, List<String> checkIds, String savedBy,
        Instant savedAt) {

    public CheckFile {
        checkIds = List.copyOf(checkIds);
    }
}
