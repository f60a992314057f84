package dev.assayer.vendor;

import dev.assayer.engagement.SubserviceMethod;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One vendor of an organization. {@code lastReviewedOn}, {@code nextReviewDue},
 * {@code reviewOverdue}, {@code socReportRequired} and {@code warnings} are computed when read
 * (from the reviews and the tier) and never stored.
 */
public record Vendor(UUID id, String ref, String name, String serviceProvided, List<String> dataAccessed,
        CriticalityTier tier, UUID ownerId, LocalDate contractStart, LocalDate contractEnd, boolean subservice,
        SubserviceMethod subserviceMethod, List<String> csocs, List<UUID> engagementIds, VendorStatus status,
        LocalDate lastReviewedOn, LocalDate nextReviewDue, boolean reviewOverdue, boolean socReportRequired,
        List<String> warnings, long version, Instant createdAt, Instant updatedAt) {
}
