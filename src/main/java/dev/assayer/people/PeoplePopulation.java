package dev.assayer.people;

import dev.assayer.people.internal.PopulationCsv;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A population for fieldwork: its columns, its rows (values by column, dates as YYYY-MM-DD) and
 * the record of the extraction. {@link #csv()} gives the CSV bytes whose SHA-256 the extraction
 * records; the same rows always give the same bytes.
 */
public record PeoplePopulation(PopulationKind kind, LocalDate from, LocalDate to, List<String> columns,
        List<Map<String, String>> rows, PopulationExtraction extraction) {

    public PeoplePopulation {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The population as CSV (UTF-8, header row, LF line ends): exactly the bytes that were hashed. */
    public byte[] csv() {
        return PopulationCsv.write(columns, rows);
    }
}
