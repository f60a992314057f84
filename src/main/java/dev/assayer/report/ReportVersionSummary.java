package dev.assayer.report;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A frozen report version: {@code sha256} is the PDF's; {@code evidenceByFormat} maps "pdf",
 * "docx", "html", "json" to the evidence items holding each frozen rendering.
 */
public record ReportVersionSummary(UUID id, UUID engagementId, int number, String kind, String sha256,
        Instant generatedAt, String generatedBy, Map<String, UUID> evidenceByFormat) {
}
