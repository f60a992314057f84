package dev.assayer.people;

import java.util.List;

/**
 * What an all-or-nothing import did: rows that created a record, rows that changed one, rows
 * identical to what was stored, and the columns of the file that were not recognised (ignored).
 */
public record ImportSummary(int created, int updated, int unchanged, List<String> ignoredColumns) {

    public ImportSummary {
        ignoredColumns = List.copyOf(ignoredColumns);
    }
}
