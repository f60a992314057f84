package dev.assayer.engagement;

import java.time.LocalDate;

/**
 * What a person records about a change to the system (DC9): the day it took effect, its area (one
 * of {@link SystemChangeService#AREAS}), what changed, whether it is significant (required: the
 * person decides), where the fact came from (default "manual") and a reference (ticket, record).
 */
public record SystemChangeDraft(LocalDate changedOn, String area, String description, Boolean significant,
        String source, String sourceRef) {
}
