package dev.assayer.fieldwork.internal.requests;

import dev.assayer.shared.ApiProblem.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a request list CSV (docs/request-lists.md): a header row naming some of the columns
 * {@link #COLUMNS} in any order ({@code title} and {@code due_date} are required), then one request
 * per row. {@code criteria} and {@code controls} hold several values separated by semicolons.
 * Header names ignore case, and spaces or dashes count as underscores. Every row keeps the line it
 * starts on (the header is line 1) so each problem names its line.
 */
public final class RequestCsv {

    public static final List<String> COLUMNS = List.of("ref", "title", "description", "criteria", "controls",
            "owner_email", "due_date");
    public static final List<String> REQUIRED = List.of("title", "due_date");
    public static final int MAX_ROWS = 2000;

    private RequestCsv() {
    }

    /** One data row as written (blank cells are null; lists split on ';'). */
    public record Row(int line, String ref, String title, String description, List<String> criteria,
            List<String> controls, String ownerEmail, String dueDate) {
    }

    /** The rows, and the problems found while reading (header, row shape); nothing is checked against data yet. */
    public record Parsed(List<Row> rows, List<FieldError> errors) {
    }

    public static Parsed parse(String text) {
        String body = text == null ? "" : text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<FieldError> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        long lastLine = 0;
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(body, format)) {
            for (CSVRecord rec : parser) {
                int line = (int) lastLine + 1;
                lastLine = parser.getCurrentLineNumber();
                if (rec.size() == 1 && rec.get(0).isBlank()) {
                    continue;
                }
                if (header == null) {
                    header = header(rec, line, errors);
                    if (!errors.isEmpty()) {
                        return new Parsed(List.of(), errors);
                    }
                    continue;
                }
                if (rec.size() > header.size()) {
                    errors.add(new FieldError(null, "the row has " + rec.size() + " values but the header has "
                            + header.size() + " columns (quote values that contain commas)", line));
                    continue;
                }
                if (rows.size() == MAX_ROWS) {
                    errors.add(new FieldError(null, "a file may hold at most " + MAX_ROWS + " requests", line));
                    break;
                }
                Map<String, String> v = new HashMap<>();
                for (int i = 0; i < rec.size(); i++) {
                    String cell = rec.get(i);
                    v.put(header.get(i), cell == null || cell.isBlank() ? null : cell.strip());
                }
                rows.add(new Row(line, v.get("ref"), v.get("title"), v.get("description"), split(v.get("criteria")),
                        split(v.get("controls")), v.get("owner_email"), v.get("due_date")));
            }
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            errors.add(new FieldError(null, "malformed CSV: " + (e.getMessage() == null ? "cannot be read"
                    : e.getMessage()), (int) lastLine + 1));
            return new Parsed(List.of(), errors);
        } catch (IOException e) {
            errors.add(new FieldError(null, "malformed CSV: " + e.getMessage(), (int) lastLine + 1));
            return new Parsed(List.of(), errors);
        }
        if (header == null) {
            errors.add(new FieldError(null, "the file is empty; the first line must be a header naming the columns ("
                    + String.join(",", COLUMNS) + ")", 1));
        } else if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError(null, "the file has a header but no requests", 2));
        }
        return new Parsed(rows, errors);
    }

    private static List<String> header(CSVRecord rec, int line, List<FieldError> errors) {
        List<String> header = new ArrayList<>();
        for (String h : rec) {
            String name = normalize(h);
            if (!COLUMNS.contains(name)) {
                errors.add(new FieldError(h.strip(), "unknown column '" + h.strip() + "'; the columns are "
                        + String.join(", ", COLUMNS), line));
            } else if (header.contains(name)) {
                errors.add(new FieldError(name, "the column '" + name + "' appears twice in the header", line));
            }
            header.add(name);
        }
        for (String r : REQUIRED) {
            if (!header.contains(r)) {
                errors.add(new FieldError(r, "the header has no '" + r + "' column", line));
            }
        }
        return header;
    }

    /** "Owner E-mail" → "owner_e_mail"; "Due date" → "due_date"; "owner email" → "owner_email". */
    static String normalize(String h) {
        return h == null ? "" : h.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    /** "CC6.1; CC6.2" → [CC6.1, CC6.2]; blank → []. */
    public static List<String> split(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
