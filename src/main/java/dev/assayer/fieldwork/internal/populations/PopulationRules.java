package dev.assayer.fieldwork.internal.populations;

import dev.assayer.fieldwork.PopulationMetadata;
import dev.assayer.fieldwork.PopulationVersion;
import dev.assayer.fieldwork.RowFlag;
import dev.assayer.fieldwork.sampling.Population;
import dev.assayer.fieldwork.sampling.PopulationException;
import dev.assayer.fieldwork.sampling.PopulationRows;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a population's completeness-and-accuracy record: which fields are required and how
 * long they may be, how a row's date is read and compared with the engagement period, and how a
 * malformed file is reported (naming the line). Pure: no Spring, no SQL.
 */
public final class PopulationRules {

    /** Kinds of {@link RowFlag}. */
    public static final String OUT_OF_PERIOD = "out-of-period";
    public static final String UNPARSEABLE_DATE = "unparseable-date";

    private static final int MAX_FLAG_TEXT = 200;
    private static final Pattern WHERE = Pattern.compile("(?s)^.*?: (?:line|row) (\\d+): (.*)$");

    private PopulationRules() {
    }

    /** Metadata trimmed (blank → null) and checked, with the file format resolved. */
    public record Checked(PopulationMetadata metadata, Population.Format format) {
    }

    /**
     * Checks every field at once and throws one 400 problem listing them all. {@code filename} is
     * the uploaded file's name (null when the file is missing, which is an error when
     * {@code fileRequired}); {@code earlier} are errors found before (e.g. unknown controls).
     */
    public static Checked check(PopulationMetadata m, String filename, boolean fileRequired, Instant now,
            List<FieldError> earlier) {
        List<FieldError> errors = new ArrayList<>(earlier);
        if (m == null) {
            m = new PopulationMetadata(null, null, null, null, null, null, null, null, null, null, null, null);
        }
        if (fileRequired && filename == null) {
            errors.add(new FieldError("file", "a population file (CSV with a header row, or JSONL) is required"));
        }
        String name = text(errors, "name", m.name(), 200, true);
        String source = text(errors, "sourceSystem", m.sourceSystem(), 200, true);
        String query = text(errors, "query", m.query(), 10_000, true);
        String params = text(errors, "queryParameters", m.queryParameters(), 4000, false);
        String by = text(errors, "extractedBy", m.extractedBy(), 400, true);
        String key = text(errors, "keyColumn", m.keyColumn(), 200, false);
        String date = text(errors, "dateColumn", m.dateColumn(), 200, false);
        Instant at = m.extractedAt();
        if (at == null) {
            errors.add(new FieldError("extractedAt", "is required: when the query or report was run"));
        } else if (at.isAfter(now.plus(Duration.ofDays(1)))) {
            errors.add(new FieldError("extractedAt", "is in the future"));
        }
        if (m.periodFrom() != null && m.periodTo() != null && m.periodFrom().isAfter(m.periodTo())) {
            errors.add(new FieldError("periodTo", "is before periodFrom"));
        }
        List<String> controls = m.controls();
        if (controls.size() > 50) {
            errors.add(new FieldError("controls", "at most 50 controls"));
        }
        Population.Format format = null;
        String f = m.format() == null ? null : m.format().strip().toLowerCase(Locale.ROOT);
        if (f == null || f.isEmpty()) {
            format = filename == null ? Population.Format.CSV : formatOf(filename);
        } else if (f.equals("csv")) {
            format = Population.Format.CSV;
        } else if (f.equals("jsonl") || f.equals("ndjson")) {
            format = Population.Format.JSONL;
        } else {
            errors.add(new FieldError("format", "'" + m.format() + "' is not csv or jsonl"));
        }
        if (!errors.isEmpty()) {
            throw problem(errors);
        }
        return new Checked(new PopulationMetadata(name, controls, source, query, params, by,
                at.truncatedTo(java.time.temporal.ChronoUnit.MICROS), m.periodFrom(), m.periodTo(), key, date,
                format.name().toLowerCase(Locale.ROOT)), format);
    }

    /** One problem naming every field; the detail names the first. */
    public static ApiProblem problem(List<FieldError> errors) {
        FieldError first = errors.getFirst();
        String detail = errors.size() == 1 ? first.field() + ": " + first.message()
                : errors.size() + " fields are invalid; " + first.field() + ": " + first.message();
        return ApiProblem.badRequest(detail, errors);
    }

    private static String text(List<FieldError> errors, String field, String value, int max, boolean required) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (v.length() > max) {
            errors.add(new FieldError(field, "is longer than " + max + " characters"));
        }
        return v;
    }

    /** JSONL for {@code .jsonl} / {@code .ndjson} names, CSV otherwise (as the command line decides). */
    public static Population.Format formatOf(String filename) {
        String n = filename.toLowerCase(Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".ndjson") ? Population.Format.JSONL : Population.Format.CSV;
    }

    /** The uploaded name without any directory part or control characters; "population.csv" when none. */
    public static String cleanFilename(String original) {
        String n = original == null ? "" : original.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (n.isEmpty()) {
            n = "population.csv";
        }
        return n.length() > 400 ? n.substring(n.length() - 400) : n;
    }

    /**
     * The name to download the file under: the uploaded name, with {@code .csv} or {@code .jsonl}
     * added when the name would make {@code assayer sample select} read it in the other format.
     */
    public static String downloadName(String filename, String format) {
        Population.Format f = "jsonl".equalsIgnoreCase(format) ? Population.Format.JSONL : Population.Format.CSV;
        if (formatOf(filename) == f) {
            return filename;
        }
        return filename + (f == Population.Format.JSONL ? ".jsonl" : ".csv");
    }

    /** An instant typed in a form or sent as text: ISO instant or offset date-time, local date-time or date (UTC). */
    public static Instant instant(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + text + "' is not a date and time; use e.g. 2026-03-31T17:00:00Z"));
            return null;
        }
    }

    /** A date typed in a form (YYYY-MM-DD), or null. */
    public static LocalDate date(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + text + "' is not a date; use YYYY-MM-DD"));
            return null;
        }
    }

    /**
     * A row's date as sampling reads it (docs/sampling.md): the first 10 characters, YYYY-MM-DD,
     * after trimming; null when there is none or it is not a date.
     */
    public static LocalDate rowDate(String raw) {
        if (raw == null) {
            return null;
        }
        String v = raw.strip();
        try {
            return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Compares each row's date with the engagement period while the file streams past: counts rows
     * outside it and rows without a readable date, keeps the first {@value PopulationVersion#FLAGS_KEPT}
     * of each, and the earliest and latest date. Memory does not depend on the number of rows.
     * {@code periodStart} null (a Type I report) means the period is the single day {@code periodEnd}.
     */
    public static final class PeriodCheck implements PopulationRows.Visitor {
        private final LocalDate start;
        private final LocalDate end;
        private final List<RowFlag> outside = new ArrayList<>();
        private final List<RowFlag> unreadable = new ArrayList<>();
        private long outsideCount;
        private long unreadableCount;
        private LocalDate first;
        private LocalDate last;

        public PeriodCheck(LocalDate periodStart, LocalDate periodEnd) {
            this.end = periodEnd;
            this.start = periodStart == null ? periodEnd : periodStart;
        }

        @Override
        public void row(long row, long line, String key, String date) {
            LocalDate d = rowDate(date);
            if (d == null) {
                if (unreadable.size() < PopulationVersion.FLAGS_KEPT) {
                    unreadable.add(new RowFlag(UNPARSEABLE_DATE, row, line, clip(key), clip(date)));
                }
                unreadableCount++;
                return;
            }
            if (first == null || d.isBefore(first)) {
                first = d;
            }
            if (last == null || d.isAfter(last)) {
                last = d;
            }
            if ((start != null && d.isBefore(start)) || (end != null && d.isAfter(end))) {
                if (outside.size() < PopulationVersion.FLAGS_KEPT) {
                    outside.add(new RowFlag(OUT_OF_PERIOD, row, line, clip(key), clip(date)));
                }
                outsideCount++;
            }
        }

        public long outOfPeriod() {
            return outsideCount;
        }

        public long unparseable() {
            return unreadableCount;
        }

        public LocalDate firstDate() {
            return first;
        }

        public LocalDate lastDate() {
            return last;
        }

        /** Out-of-period flags first, then unreadable dates, each in row order. */
        public List<RowFlag> flags() {
            List<RowFlag> all = new ArrayList<>(outside);
            all.addAll(unreadable);
            return all;
        }

        private static String clip(String s) {
            return s == null || s.length() <= MAX_FLAG_TEXT ? s : s.substring(0, MAX_FLAG_TEXT) + "…";
        }
    }

    /**
     * A malformed file as a 400 problem naming the line (and the key or date column when that is
     * what is missing), with the temporary path replaced by the uploaded file's name.
     */
    public static ApiProblem fileProblem(PopulationException e, Path tempFile, String filename) {
        String message = e.getMessage() == null ? "the file cannot be read" : e.getMessage()
                .replace(tempFile.toString(), filename);
        String field = message.contains("no key column") || message.contains("no property") ? "keyColumn"
                : message.contains("no date column") ? "dateColumn" : "file";
        Matcher m = WHERE.matcher(message);
        if (m.matches()) {
            return ApiProblem.invalidLine(filename, Integer.parseInt(m.group(1)), field, m.group(2));
        }
        return ApiProblem.invalidField(field, message);
    }

    /**
     * What a reader of the record should notice: rows outside the period or without a date, a
     * period filter that does not cover the engagement period, an empty file, no date column.
     */
    public static List<String> warnings(PopulationVersion v, LocalDate periodStart, LocalDate periodEnd) {
        List<String> w = new ArrayList<>();
        LocalDate start = periodStart == null ? periodEnd : periodStart;
        if (v.rows() == 0) {
            w.add("The file has no rows.");
        }
        if (v.dateColumn() == null) {
            w.add("No date column: the rows were not checked against the engagement period, and a sample cannot be"
                    + " spread by quarter.");
        } else {
            if (v.outOfPeriod() > 0) {
                w.add(v.outOfPeriod() + (v.outOfPeriod() == 1 ? " row is" : " rows are") + " dated outside the engagement"
                        + " period (" + start + " to " + periodEnd + ").");
            }
            if (v.unparseableDates() > 0) {
                w.add(v.unparseableDates() + (v.unparseableDates() == 1 ? " row has" : " rows have")
                        + " no readable date (YYYY-MM-DD) in column \"" + v.dateColumn() + "\".");
            }
        }
        if (v.periodFrom() == null && v.periodTo() == null) {
            w.add("No period filter is recorded: note how the extraction was limited to the period.");
        } else if ((v.periodFrom() != null && start != null && v.periodFrom().isAfter(start))
                || (v.periodTo() != null && periodEnd != null && v.periodTo().isBefore(periodEnd))) {
            w.add("The extraction's period filter (" + (v.periodFrom() == null ? "…" : v.periodFrom()) + " to "
                    + (v.periodTo() == null ? "…" : v.periodTo()) + ") does not cover the whole engagement period ("
                    + start + " to " + periodEnd + "): the population may be incomplete.");
        }
        return w;
    }
}
