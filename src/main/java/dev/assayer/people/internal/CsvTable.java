package dev.assayer.people.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header row, read into rows keyed by canonical column names. Header names are
 * matched through an alias table, ignoring case, spaces, dashes and underscores ("Manager E-mail"
 * = "manager_email"); columns nobody knows are ignored and listed. Each row carries the physical
 * line it starts on (the header is line 1), so every problem can name its line.
 */
public record CsvTable(Set<String> columns, List<String> ignoredColumns, List<Row> rows) {

    /** One data row: values by canonical column; a blank cell is null. */
    public record Row(int line, Map<String, String> values) {

        public boolean has(String column) {
            return values.containsKey(column);
        }

        public String get(String column) {
            return values.get(column);
        }
    }

    /** "Manager E-mail" → "manageremail": lower case, letters and digits only. */
    public static String normalize(String header) {
        return header == null ? "" : header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * Reads {@code text}. Header problems (no header, a required column missing, a column given
     * twice) are thrown at once; a row with more values than the header is added to
     * {@code problems} and skipped, so the caller can report it with everything else.
     *
     * @param aliases normalized header → canonical column
     */
    public static CsvTable read(String text, Map<String, String> aliases, List<String> required, Problems problems) {
        String body = text == null ? "" : text.startsWith("\uFEFF") ? text.substring(1) : text;
        int[] starts = lineStarts(body);
        CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
        List<String> header = null;
        Set<String> columns = new LinkedHashSet<>();
        List<String> ignored = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int line = 1;
        try (CSVParser parser = CSVParser.parse(body, format)) {
            for (CSVRecord rec : parser) {
                line = lineOf(starts, skipBreaks(body, rec.getCharacterPosition()));
                if (header == null) {
                    header = header(rec, line, aliases, required, columns, ignored);
                    continue;
                }
                if (rec.size() == 1 && rec.get(0).isEmpty()) {
                    continue;
                }
                if (rec.size() > header.size()) {
                    problems.add(null, "the row has " + rec.size() + " values but the header has " + header.size()
                            + " columns", line);
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    String column = header.get(i);
                    if (column != null) {
                        String v = i < rec.size() ? rec.get(i) : "";
                        values.put(column, v.isBlank() ? null : v.strip());
                    }
                }
                rows.add(new Row(line, values));
            }
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            Problems p = new Problems();
            p.add(null, "malformed CSV: " + (e.getMessage() == null ? "cannot be read" : e.getMessage()), line);
            p.throwImportIfAny("CSV");
        } catch (IOException e) {
            Problems p = new Problems();
            p.add(null, "malformed CSV: " + e.getMessage(), line);
            p.throwImportIfAny("CSV");
        }
        if (header == null) {
            Problems p = new Problems();
            p.add(null, "the file is empty; the first line must be a header naming the columns", 1);
            p.throwImportIfAny("CSV");
        }
        return new CsvTable(columns, ignored, rows);
    }

    private static List<String> header(CSVRecord rec, int line, Map<String, String> aliases, List<String> required,
            Set<String> columns, List<String> ignored) {
        Problems p = new Problems();
        List<String> header = new ArrayList<>();
        for (String h : rec) {
            String column = aliases.get(normalize(h));
            if (column == null) {
                if (!h.isBlank()) {
                    ignored.add(h.strip());
                }
            } else if (!columns.add(column)) {
                p.add(column, "two columns of the header mean '" + column + "' (the second is '" + h.strip() + "')", line);
            }
            header.add(column);
        }
        for (String r : required) {
            if (!columns.contains(r)) {
                p.add(r, "the header has no '" + r + "' column", line);
            }
        }
        p.throwImportIfAny("CSV");
        return header;
    }

    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n')) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A record after skipped blank lines reports the position of the first break: move to its text. */
    private static long skipBreaks(String s, long pos) {
        int i = (int) pos;
        while (i < s.length() && (s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
            i++;
        }
        return i;
    }

    private static int lineOf(int[] starts, long pos) {
        int i = Arrays.binarySearch(starts, (int) pos);
        return (i >= 0 ? i : -i - 2) + 1;
    }
}
