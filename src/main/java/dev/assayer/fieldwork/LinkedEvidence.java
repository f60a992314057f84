package dev.assayer.fieldwork;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An evidence item the client linked to a request, as the reader may see it. For an auditor an
 * item effective outside the audited period is not shown: {@code visible} is false, only the id
 * is given and {@code note} says "outside the audited period".
 */
public record LinkedEvidence(UUID id, boolean visible, String title, String kind, LocalDate effectiveDate,
        LocalDate periodStart, LocalDate periodEnd, boolean withdrawn, String note) {
}
