package dev.assayer.control;

import java.util.List;

/** What an import did: refs created, refs updated, and the number of rows that were already identical. */
public record ImportResult(List<String> created, List<String> updated, int unchanged) {

    public ImportResult {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
    }
}
