package dev.assayer.fieldwork.sampling;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reproducible selection (docs/sampling.md): the selected rows depend only on the population's
 * SHA-256, the seed, the size and the options, never on the machine or the time.
 */
public final class SampleSelector {

    /** How rows are picked. */
    public enum Method {
        RANDOM, SYSTEMATIC
    }

    /**
     * What to select.
     *
     * @param method random or systematic
     * @param size number of items (random: distinct rows drawn from the main stream)
     * @param seed any text agreed and recorded by the auditor
     * @param chosenRows rows the auditor picks in addition (may be empty)
     * @param justification required when {@code chosenRows} is not empty
     */
    public record Request(Method method, int size, String seed, List<Long> chosenRows, String justification) {
        public Request {
            chosenRows = List.copyOf(chosenRows);
        }
    }

    private SampleSelector() {
    }

    /** Selects from a scanned population (scan it with a date column to spread by quarter). */
    public static Selection select(Population pop, Request req) throws IOException {
        validate(pop, req);
        long n = pop.rows();
        Map<Long, Selection.Item> picked = new LinkedHashMap<>();
        if (req.method() == Method.SYSTEMATIC) {
            if (pop.dateColumn() != null) {
                throw new IllegalArgumentException("spreading by date applies to random selection only");
            }
            long r = DrawStream.main(pop.sha256(), req.seed()).next(n);
            for (int i = 0; i < req.size(); i++) {
                long row = Math.floorDiv(Math.addExact(r, Math.multiplyExact((long) i, n)), req.size()) + 1;
                picked.put(row, new Selection.Item(row, null, i + 1, "systematic"));
            }
        } else {
            int draw = 0;
            if (pop.dateColumn() != null) {
                Map<String, Long> counts = pop.quarterCounts();
                if (req.size() < counts.size()) {
                    throw new IllegalArgumentException("--size " + req.size() + " is smaller than the " + counts.size()
                            + " quarters in the population; at least one item per quarter is needed");
                }
                Map<String, Long> rankOf = new LinkedHashMap<>();
                Map<String, SortedSet<Long>> wanted = new HashMap<>();
                for (Map.Entry<String, Long> q : counts.entrySet()) {
                    long rank = DrawStream.labelled(pop.sha256(), req.seed(), q.getKey()).next(q.getValue());
                    rankOf.put(q.getKey(), rank);
                    wanted.computeIfAbsent(q.getKey(), k -> new TreeSet<>()).add(rank);
                }
                Map<String, Map<Long, Long>> rows = pop.rowsByQuarterRank(wanted);
                for (Map.Entry<String, Long> q : rankOf.entrySet()) {
                    long row = rows.get(q.getKey()).get(q.getValue());
                    picked.put(row, new Selection.Item(row, null, ++draw, "quarter " + q.getKey()));
                }
            }
            DrawStream main = DrawStream.main(pop.sha256(), req.seed());
            while (picked.size() < req.size()) {
                long row = main.next(n) + 1;
                if (!picked.containsKey(row)) {
                    picked.put(row, new Selection.Item(row, null, ++draw, "random"));
                }
            }
        }
        SortedSet<Long> all = new TreeSet<>(picked.keySet());
        all.addAll(req.chosenRows());
        Map<Long, String> keys = pop.keys(all);
        List<Selection.Item> items = new ArrayList<>();
        for (Selection.Item it : picked.values()) {
            items.add(new Selection.Item(it.row(), keys.get(it.row()), it.draw(), it.how()));
        }
        items.sort(Comparator.comparingLong(Selection.Item::row));
        List<Selection.Item> chosen = new ArrayList<>();
        for (long row : new TreeSet<>(req.chosenRows())) {
            chosen.add(new Selection.Item(row, keys.get(row), 0, "chosen"));
        }
        return new Selection(pop.sha256(), req.seed(), req.method().name().toLowerCase(java.util.Locale.ROOT),
                req.size(), n, pop.format(), pop.keyColumn(), pop.dateColumn(), items, chosen,
                req.chosenRows().isEmpty() ? null : req.justification());
    }

    private static void validate(Population pop, Request req) {
        if (req.seed() == null || req.seed().isEmpty()) {
            throw new IllegalArgumentException("a seed is required");
        }
        if (req.size() < 1) {
            throw new IllegalArgumentException("--size must be at least 1, was " + req.size());
        }
        if (req.size() > pop.rows()) {
            throw new IllegalArgumentException("--size " + req.size() + " is larger than the population of "
                    + pop.rows() + " rows in " + pop.file());
        }
        for (long row : req.chosenRows()) {
            if (row < 1 || row > pop.rows()) {
                throw new IllegalArgumentException("chosen row " + row + " is not between 1 and " + pop.rows());
            }
        }
        if (!req.chosenRows().isEmpty() && (req.justification() == null || req.justification().isBlank())) {
            throw new IllegalArgumentException("rows chosen by the auditor need a written justification");
        }
    }
}
