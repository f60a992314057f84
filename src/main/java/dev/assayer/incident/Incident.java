package dev.assayer.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One incident of an organization, with its timeline (oldest first). {@code controlIds} are the
 * controls changed because of it; {@code controlRefs} their refs at read time (same order).
 */
public record Incident(UUID id, String ref, String title, Instant detectedAt, String reportedBy, Severity severity,
        boolean significant, List<String> affectedSystems, List<String> affectedData, List<TimelineEntry> timeline,
        String responseSummary, String rootCause, String lessonsLearned, CustomerNotification customerNotification,
        IncidentStatus status, List<UUID> controlIds, List<String> controlRefs, List<String> findingRefs,
        long version, Instant createdAt, Instant updatedAt) {
}
