package dev.assayer.fieldwork;

import java.util.List;

/**
 * What to select from a population version, with exactly the options of
 * {@code assayer sample select} (docs/sampling.md).
 *
 * @param method "random" (default when null) or "systematic" (random start from the seed)
 * @param size number of items
 * @param seed any text the auditor records
 * @param chosenRows rows the auditor adds by judgement (may be empty)
 * @param justification the written reason for {@code chosenRows}; required with them
 * @param spreadByQuarter random only: first one item per calendar quarter of the version's date
 *     column, then random
 */
public record SampleRequest(String method, Integer size, String seed, List<Long> chosenRows, String justification,
        boolean spreadByQuarter) {

    public SampleRequest {
        chosenRows = chosenRows == null ? List.of() : List.copyOf(chosenRows);
    }

    /** Plain random selection. */
    public static SampleRequest random(int size, String seed) {
        return new SampleRequest("random", size, seed, List.of(), null, false);
    }
}
