package dev.assayer.people;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The completeness-and-accuracy record of one extracted population: what was extracted (kind,
 * period, the filter in words, the source), when, by whom, how many rows, and the SHA-256 (hex)
 * of the exact CSV bytes produced.
 */
public record PopulationExtraction(UUID id, PopulationKind kind, LocalDate from, LocalDate to, String filter,
        String source, int rowCount, String sha256, UUID extractedById, String extractedBy, Instant extractedAt) {
}
