package dev.assayer.monitoring;

import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.List;

/** A run that happened in the past (demo, history from a previous tool): when, and what was observed. */
public record HistoricalRun(Instant at, List<Resource> resources) {

    public HistoricalRun {
        resources = List.copyOf(resources);
    }
}
