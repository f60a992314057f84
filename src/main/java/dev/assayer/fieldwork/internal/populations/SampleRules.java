package dev.assayer.fieldwork.internal.populations;

import dev.assayer.fieldwork.SampleItem;
import dev.assayer.fieldwork.SampleRequest;
import dev.assayer.fieldwork.sampling.SampleSelector;
import dev.assayer.fieldwork.sampling.Selection;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what the auditor asks for into a {@link SampleSelector.Request} (the only selection
 * algorithm), and a {@link Selection} into sample items and the equivalent command line. Pure.
 */
public final class SampleRules {

    /** The largest sample made in the app (the command line has no limit). */
    public static final int MAX_SIZE = 10_000;

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:=@%+,-]+");

    private SampleRules() {
    }

    /** A checked request; {@code spread} means the selection spreads by quarter over the date column. */
    public record Checked(SampleSelector.Request request, boolean spread) {
    }

    /**
     * Checks the request against a version with {@code rows} rows, its {@code dateColumn} (or
     * null) and its count of rows without a readable date; every bad field is reported at once.
     */
    public static Checked check(SampleRequest r, long rows, String dateColumn, long unparseableDates) {
        List<FieldError> errors = new ArrayList<>();
        if (r == null) {
            r = new SampleRequest(null, null, null, null, null, false);
        }
        SampleSelector.Method method = SampleSelector.Method.RANDOM;
        if (r.method() != null && !r.method().isBlank()) {
            switch (r.method().strip().toLowerCase(Locale.ROOT)) {
                case "random" -> method = SampleSelector.Method.RANDOM;
                case "systematic" -> method = SampleSelector.Method.SYSTEMATIC;
                default -> errors.add(new FieldError("method", "'" + r.method() + "' is not random or systematic"));
            }
        }
        Integer size = r.size();
        if (size == null) {
            errors.add(new FieldError("size", "is required"));
        } else if (size < 1) {
            errors.add(new FieldError("size", "must be at least 1"));
        } else if (size > rows) {
            errors.add(new FieldError("size", size + " is larger than the population of " + rows + " rows"));
        } else if (size > MAX_SIZE) {
            errors.add(new FieldError("size", "at most " + MAX_SIZE + " items are selected in the app"));
        }
        String seed = r.seed() == null ? null : r.seed();
        if (seed == null || seed.isBlank()) {
            errors.add(new FieldError("seed", "is required: any text, recorded with the sample (e.g. FY2026-Q3)"));
        } else if (seed.length() > 200) {
            errors.add(new FieldError("seed", "is longer than 200 characters"));
        }
        for (Long row : r.chosenRows()) {
            if (row == null || row < 1 || row > rows) {
                errors.add(new FieldError("chosenRows", "row " + row + " is not between 1 and " + rows));
            }
        }
        if (r.chosenRows().size() > MAX_SIZE) {
            errors.add(new FieldError("chosenRows", "at most " + MAX_SIZE + " rows"));
        }
        String justification = r.justification() == null || r.justification().isBlank() ? null
                : r.justification().strip();
        if (!r.chosenRows().isEmpty() && justification == null) {
            errors.add(new FieldError("justification", "rows chosen by the auditor need a written justification"));
        } else if (justification != null && justification.length() > 4000) {
            errors.add(new FieldError("justification", "is longer than 4000 characters"));
        }
        if (r.spreadByQuarter()) {
            if (method == SampleSelector.Method.SYSTEMATIC) {
                errors.add(new FieldError("spreadByQuarter", "spreading by quarter applies to random selection only"));
            } else if (dateColumn == null) {
                errors.add(new FieldError("spreadByQuarter", "this population version has no date column"));
            } else if (unparseableDates > 0) {
                errors.add(new FieldError("spreadByQuarter", unparseableDates + " rows have no readable date in column \""
                        + dateColumn + "\"; every row needs one to spread by quarter"));
            }
        }
        if (!errors.isEmpty()) {
            throw PopulationRules.problem(errors);
        }
        return new Checked(new SampleSelector.Request(method, size, seed,
                r.chosenRows().isEmpty() ? List.of() : r.chosenRows(), r.chosenRows().isEmpty() ? null : justification),
                r.spreadByQuarter());
    }

    /** A selector refusal (e.g. fewer items than quarters) as a 400 naming the field. */
    public static ApiProblem selectorProblem(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "the selection is not possible" : e.getMessage().replace("--size", "size");
        String field = message.contains("quarter") ? "size" : message.contains("chosen") ? "chosenRows"
                : message.contains("justification") ? "justification" : message.contains("seed") ? "seed" : "size";
        return ApiProblem.invalidField(field, message);
    }

    /**
     * The items of a selection, in row order: drawn rows (those drawn after the first
     * {@code originalSize} draws of a random sample are extension items), then any chosen row not
     * also drawn.
     */
    public static List<SampleItem> items(Selection s, int originalSize) {
        boolean random = "random".equals(s.method());
        List<SampleItem> items = new ArrayList<>();
        Set<Long> rows = new HashSet<>();
        for (Selection.Item it : s.items()) {
            items.add(new SampleItem(it.row(), it.key(), it.how(), random && it.draw() > originalSize));
            rows.add(it.row());
        }
        for (Selection.Item it : s.chosen()) {
            if (rows.add(it.row())) {
                items.add(new SampleItem(it.row(), it.key(), "chosen", false));
            }
        }
        items.sort(Comparator.comparingLong(SampleItem::row));
        return items;
    }

    /**
     * The first difference between the items already selected and a re-selection with a larger
     * size, or null when every earlier item is still there unchanged (the extension rule).
     */
    public static String lostItem(Selection before, Selection after) {
        Set<Selection.Item> now = new HashSet<>(after.items());
        for (Selection.Item it : before.items()) {
            if (!now.contains(it)) {
                return "row " + it.row() + " (draw " + it.draw() + ") would change";
            }
        }
        return before.chosen().equals(after.chosen()) ? null : "the chosen rows would change";
    }

    /** {@code assayer sample select …} that prints the same selection for the downloaded file. */
    public static String command(String filename, Selection s) {
        StringBuilder b = new StringBuilder("./assayer sample select --population ").append(quote(filename))
                .append(" --size ").append(s.size()).append(" --seed ").append(quote(s.seed()));
        if (s.keyColumn() != null) {
            b.append(" --key-column ").append(quote(s.keyColumn()));
        }
        if (!"random".equals(s.method())) {
            b.append(" --method ").append(s.method());
        }
        if (s.spreadByDate() != null) {
            b.append(" --spread-by ").append(quote(s.spreadByDate()));
        }
        if (!s.chosen().isEmpty()) {
            b.append(" --choose ").append(s.chosen().stream().map(i -> String.valueOf(i.row()))
                    .collect(Collectors.joining(","))).append(" --justification ").append(quote(s.justification()));
        }
        return b.append(" --json").toString();
    }

    /** A POSIX shell word: as is when plain, else in single quotes. */
    static String quote(String s) {
        if (s != null && !s.isEmpty() && PLAIN.matcher(s).matches()) {
            return s;
        }
        return "'" + (s == null ? "" : s.replace("'", "'\\''")) + "'";
    }
}
