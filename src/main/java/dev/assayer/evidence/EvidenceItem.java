package dev.assayer.evidence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One piece of evidence as recorded. For a FILE, {@code sha256} (lower-case hex, as printed by
 * sha256sum), {@code size}, {@code filename} and {@code contentType} describe the stored bytes;
 * for a LINK, {@code url} is set and there are no bytes.
 */
public record EvidenceItem(UUID id, EvidenceKind kind, String title, String description, String url, String filename,
        String contentType, Long size, String sha256, List<ControlRef> controls, LocalDate effectiveDate,
        LocalDate periodStart, LocalDate periodEnd, LocalDate renewalDate, String collectedBy,
        CollectionMethod collectionMethod, String sourceSystem, UUID uploadedBy, String uploadedByLabel,
        Instant uploadedAt, UUID reviewedBy, String reviewedByLabel, Instant reviewedAt, String reviewNote,
        EvidenceStatus status, UUID withdrawnBy, String withdrawnByLabel, Instant withdrawnAt, String withdrawnReason,
        long version) {

    public EvidenceItem {
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    public boolean hasContent() {
        return kind == EvidenceKind.FILE;
    }

    public boolean reviewed() {
        return reviewedAt != null;
    }

    public boolean withdrawn() {
        return status == EvidenceStatus.WITHDRAWN;
    }

    /** Past its renewal date on {@code today}: fresh evidence is needed. */
    public boolean expiredOn(LocalDate today) {
        return renewalDate != null && renewalDate.isBefore(today);
    }

    /** The first 12 hex digits of the SHA-256, for lists; null for links. */
    public String shortSha256() {
        return sha256 == null ? null : sha256.substring(0, 12);
    }
}
