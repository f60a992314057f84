package dev.assayer.report;

import java.time.Instant;
import java.util.UUID;

/**
 * One generated internal report: its bytes, the SHA-256 recorded in the activity log for this
 * download, and the engagement it is about.
 */
public record InternalReport(InternalReportKind kind, String format, UUID engagementId, String filename,
        String contentType, String sha256, Instant generatedAt, byte[] content) {
}
