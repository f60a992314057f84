package dev.assayer.finding;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a finding's status history: {@code from} is null for the entry made when the
 * finding was raised. {@code changedByLabel} names the person (and their audit firm).
 */
public record StatusChange(UUID id, int number, FindingStatus from, FindingStatus to, String note, UUID changedBy,
        String changedByLabel, Instant changedAt) {
}
