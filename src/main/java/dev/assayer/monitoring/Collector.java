package dev.assayer.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A configured live collector. {@code settings} are the non-secret fields (defaults filled in);
 * {@code secrets} say which credentials are stored and since when, never their values.
 * {@code nextRunAt}: when the schedule will collect next (null when disabled).
 */
public record Collector(UUID id, CollectorKind kind, String name, Map<String, String> settings,
        List<CollectorSecretStatus> secrets, int intervalHours, boolean enabled, CollectorRun lastRun, Instant nextRunAt,
        long version, Instant createdAt, Instant updatedAt) {

    public Collector {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        secrets = List.copyOf(secrets);
    }
}
