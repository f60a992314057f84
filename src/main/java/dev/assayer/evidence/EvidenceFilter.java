package dev.assayer.evidence;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Narrows {@link EvidenceService#list}: every non-null criterion must hold. {@code text} matches
 * title, description, filename, source system and SHA-256 (case-insensitive substring);
 * {@code renewalDueBefore} keeps items whose renewal date is before that date; {@code limit} caps
 * the result (default 200, at most 1000), newest upload first.
 */
public record EvidenceFilter(UUID controlId, EvidenceStatus status, String text, LocalDate renewalDueBefore,
        Integer limit) {

    public static EvidenceFilter all() {
        return new EvidenceFilter(null, null, null, null, null);
    }

    public static EvidenceFilter forControl(UUID controlId) {
        return new EvidenceFilter(controlId, null, null, null, null);
    }

    int effectiveLimit() {
        return limit == null ? 200 : Math.max(1, Math.min(limit, 1000));
    }
}
