package dev.assayer.people;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A completed security awareness course. {@code expiresOn} is one year after completion (annual renewal). */
public record TrainingRecord(UUID id, UUID personId, String course, LocalDate completedOn, LocalDate expiresOn,
        String recordedBy, Instant recordedAt) {
}
