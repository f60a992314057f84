package dev.assayer.fieldwork;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A population of an engagement: all its versions (newest first; each re-extraction is a new
 * version) and the samples selected from any of them (newest first). {@code name} is the latest
 * version's.
 */
public record PopulationRecord(UUID id, UUID engagementId, String name, int latestVersion, String createdBy,
        Instant createdAt, List<PopulationVersion> versions, List<Sample> samples) {

    public PopulationRecord {
        versions = List.copyOf(versions);
        samples = List.copyOf(samples);
    }

    /** The newest version. */
    public PopulationVersion latest() {
        return versions.getFirst();
    }
}
