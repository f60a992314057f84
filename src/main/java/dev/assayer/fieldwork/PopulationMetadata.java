package dev.assayer.fieldwork;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The completeness-and-accuracy record of one extraction of a population, as the auditor enters it.
 *
 * @param name what the population is, e.g. "Changes merged to main"
 * @param controls controls it is for (ids or refs; may be empty)
 * @param sourceSystem the system the rows come from, e.g. "GitHub"
 * @param query the query or report that produced the file
 * @param queryParameters its parameters (filters, report options), or null
 * @param extractedBy who ran it (free text, e.g. "J. Diaz, DBA at the client")
 * @param extractedAt when it was run
 * @param periodFrom first day of the extraction's period filter, or null
 * @param periodTo last day of the extraction's period filter, or null
 * @param keyColumn the column (CSV) or property (JSONL) naming each row; null for the first
 * @param dateColumn the column or property holding each row's date, or null
 * @param format "csv" or "jsonl"; null to take it from the file name (.jsonl / .ndjson, else CSV)
 */
public record PopulationMetadata(String name, List<String> controls, String sourceSystem, String query,
        String queryParameters, String extractedBy, Instant extractedAt, LocalDate periodFrom, LocalDate periodTo,
        String keyColumn, String dateColumn, String format) {

    public PopulationMetadata {
        controls = controls == null ? List.of() : List.copyOf(controls);
    }
}
