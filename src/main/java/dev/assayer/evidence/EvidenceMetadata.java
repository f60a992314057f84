package dev.assayer.evidence;

import java.time.LocalDate;
import java.util.List;

/**
 * What the uploader says about a file or link. {@code controls} holds control ids or refs
 * ("AC-01"), resolved within the organization. Either {@code effectiveDate} (the point in time the
 * evidence shows) or the covered period {@code periodStart}..{@code periodEnd} is required; both
 * are distinct from the upload time. {@code renewalDate} is the date by which fresh evidence is
 * needed (after it the item counts as expired). {@code collectedBy} defaults to the uploader's
 * label and {@code collectionMethod} to MANUAL_UPLOAD.
 */
public record EvidenceMetadata(String title, String description, List<String> controls, LocalDate effectiveDate,
        LocalDate periodStart, LocalDate periodEnd, LocalDate renewalDate, String collectedBy,
        CollectionMethod collectionMethod, String sourceSystem) {

    public EvidenceMetadata {
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    /** The minimum: a title, the controls and the point in time the evidence shows. */
    public static EvidenceMetadata of(String title, LocalDate effectiveDate, String... controls) {
        return new EvidenceMetadata(title, null, List.of(controls), effectiveDate, null, null, null, null, null, null);
    }
}
