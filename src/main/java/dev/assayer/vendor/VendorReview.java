package dev.assayer.vendor;

import dev.assayer.engagement.ReportType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A recorded review of a vendor's report. Reviews are append-only: a newer report gets a new
 * review. {@code nextReviewDue} is computed from {@code reviewedOn} and the vendor's current tier.
 */
public record VendorReview(UUID id, UUID vendorId, ReportKind reportKind, ReportType reportType, LocalDate periodStart,
        LocalDate periodEnd, LocalDate asOfDate, String serviceAuditor, Opinion opinion, List<String> exceptions,
        String exceptionsEffect, List<VendorCuec> cuecs, LocalDate bridgeLetterReceivedOn,
        LocalDate bridgeLetterCoversUntil, UUID reviewedBy, LocalDate reviewedOn, UUID evidenceId, String notes,
        LocalDate nextReviewDue, Instant createdAt) {

    public long gapCount() {
        return cuecs.stream().filter(VendorCuec::gap).count();
    }
}
