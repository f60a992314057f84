package dev.assayer.report;

import java.time.Instant;
import java.util.UUID;

/**
 * Section I of an engagement's report as the service auditor supplied it: typed {@code text} (who
 * recorded it and when) and/or a PDF ({@code pdfFilename}, {@code pdfSha256}, {@code pdfSize}; who
 * uploaded it and when), and the audit firm. Assayer never writes any of it. {@code version} is for
 * optimistic locking.
 */
public record AuditorSection(UUID engagementId, UUID firmId, String firmName, String text, String textRecordedBy,
        Instant textRecordedAt, String pdfFilename, String pdfSha256, Long pdfSize, String pdfRecordedBy,
        Instant pdfRecordedAt, long version) {

    public boolean hasText() {
        return text != null;
    }

    public boolean hasPdf() {
        return pdfSha256 != null;
    }
}
