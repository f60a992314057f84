package dev.assayer.fieldwork;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One extraction of a population: its completeness-and-accuracy record, what the import found in
 * the file, and who uploaded it. {@code sampled} versions are immutable; {@code version} is the
 * optimistic-locking counter for edits of an unsampled version. {@code outOfPeriod} and
 * {@code unparseableDates} count every flagged row; {@code flags} lists the first 50 of each kind.
 * {@code warnings} are computed for display and never stored.
 */
public record PopulationVersion(UUID id, UUID populationId, UUID engagementId, int number, String name,
        List<UUID> controlIds, List<String> controlRefs, String sourceSystem, String query, String queryParameters,
        String extractedBy, Instant extractedAt, LocalDate periodFrom, LocalDate periodTo, String keyColumn,
        String dateColumn, String format, String filename, long sizeBytes, long rows, String sha256,
        LocalDate firstDate, LocalDate lastDate, long outOfPeriod, long unparseableDates, List<RowFlag> flags,
        String uploadedBy, Instant uploadedAt, boolean sampled, int samples, long version, List<String> warnings) {

    /** Flagged rows shown (and kept) per kind. */
    public static final int FLAGS_KEPT = 50;

    public PopulationVersion {
        controlIds = List.copyOf(controlIds);
        controlRefs = List.copyOf(controlRefs);
        flags = List.copyOf(flags);
        warnings = List.copyOf(warnings);
    }

    /** The flagged rows of one kind ("out-of-period" or "unparseable-date"). */
    public List<RowFlag> flags(String kind) {
        return flags.stream().filter(f -> f.kind().equals(kind)).toList();
    }
}
