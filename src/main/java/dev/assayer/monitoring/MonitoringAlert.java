package dev.assayer.monitoring;

import java.time.Instant;
import java.util.UUID;

/** A new failure: the (check, resource) failed in run {@code runId} and had not failed in the run before. */
public record MonitoringAlert(UUID id, UUID runId, String checkId, String checkTitle, String severity,
        String resourceType, String resourceId, String message, Instant raisedAt, String status,
        String acknowledgedBy, Instant acknowledgedAt, String note, long version) {
}
