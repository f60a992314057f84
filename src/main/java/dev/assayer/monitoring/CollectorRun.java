package dev.assayer.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One collection: who or what started it ({@code trigger} MANUAL or SCHEDULE, {@code startedBy}),
 * when, how it ended, the documents imported (all or none) and, when it failed, why.
 */
public record CollectorRun(UUID id, UUID collectorId, String trigger, String startedBy, Instant startedAt,
        Instant finishedAt, CollectorRunStatus status, long documentCount, long resourceCount, String errorMessage,
        List<CollectorRunDocument> documents) {

    public CollectorRun {
        documents = documents == null ? List.of() : List.copyOf(documents);
    }
}
