package dev.assayer.engagement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A change to the system during an engagement's period (description criterion DC9): when, what
 * area (e.g. "infrastructure", "software", "people", "procedures", "data", "controls"), what
 * changed, whether it is significant, where the fact came from ("control change", "incident",
 * "roll-forward", "manual") and who recorded it.
 */
public record SystemChange(UUID id, UUID engagementId, LocalDate changedOn, String area, String description,
        boolean significant, String source, String recordedBy, Instant recordedAt) {
}
