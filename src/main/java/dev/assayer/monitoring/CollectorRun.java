package dev.assayer.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One collection job: who or what started it ({@code trigger} MANUAL or SCHEDULE, {@code startedBy}),
 * when it was asked for ({@code queuedAt}), when a worker took it ({@code startedAt}, null while
 * QUEUED) and when it ended; its progress while it runs ({@code pagesFetched}: API requests answered,
 * {@code itemsFetched}: items read, {@code phase}: what it is doing now); the documents imported (all
 * or none) and, when it failed, why. Neither the phase nor the error ever contains a credential.
 */
public record CollectorRun(UUID id, UUID collectorId, String trigger, String startedBy, Instant queuedAt,
        Instant startedAt, Instant finishedAt, CollectorRunStatus status, long pagesFetched, long itemsFetched,
        String phase, long documentCount, long resourceCount, String errorMessage, List<CollectorRunDocument> documents) {

    public CollectorRun {
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    /** QUEUED or RUNNING. */
    public boolean active() {
        return status.active();
    }
}
