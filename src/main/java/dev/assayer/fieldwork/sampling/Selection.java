package dev.assayer.fieldwork.sampling;

import java.util.List;

/**
 * A selected sample: everything needed to re-derive it from the population file.
 *
 * @param sha256 SHA-256 of the population file (hex)
 * @param seed the seed, as given
 * @param method "random" or "systematic"
 * @param size the sample size asked for
 * @param populationRows rows in the population
 * @param format CSV or JSONL
 * @param keyColumn the key column asked for, or null for the first
 * @param spreadByDate the date column the sample was spread by (one item per quarter first), or null
 * @param items the selected rows, sorted by row number
 * @param chosen rows the auditor chose, with the justification, sorted by row number
 * @param justification the auditor's written reason for the chosen rows, or null
 */
public record Selection(String sha256, String seed, String method, int size, long populationRows,
        Population.Format format, String keyColumn, String spreadByDate, List<Item> items, List<Item> chosen,
        String justification) {

    /**
     * One selected row.
     *
     * @param row 1-based data row number (CSV: the header is not a row)
     * @param key the row's key (value of the key column)
     * @param draw the order in which it was drawn (1-based); 0 for chosen rows
     * @param how "random", "systematic", "quarter YYYY-Qn" or "chosen"
     */
    public record Item(long row, String key, int draw, String how) {
    }

    public Selection {
        items = List.copyOf(items);
        chosen = List.copyOf(chosen);
    }
}
