package dev.assayer.people;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A background check record: the date, the result and the provider — deliberately nothing else. */
public record BackgroundCheck(UUID id, UUID personId, LocalDate completedOn, BackgroundCheckResult result,
        String provider, String recordedBy, Instant recordedAt) {
}
