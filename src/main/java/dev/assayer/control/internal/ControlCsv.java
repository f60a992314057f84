package dev.assayer.control.internal;

import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Reads and writes the control library as CSV (header row; criteria and objectives separated by ';'). */
public final class ControlCsv {

    private ControlCsv() {
    }

    /**
     * Parses a CSV file into records that carry the physical line where each record starts (the
     * header is line 1). Header problems and malformed CSV are reported as a 400 problem with the line.
     */
    public static List<RawRecord> read(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int[] lineStarts = lineStarts(body);
        CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
        List<RawRecord> out = new ArrayList<>();
        List<FieldError> headerErrors = new ArrayList<>();
        long lastEnd = 0;
        try (CSVParser parser = CSVParser.parse(body, format)) {
            List<String> columns = null;
            for (CSVRecord rec : parser) {
                int line = lineOf(lineStarts, skipLineBreaks(body, rec.getCharacterPosition()));
                lastEnd = parser.getCurrentLineNumber();
                if (columns == null) {
                    columns = header(rec, line, headerErrors);
                    if (!headerErrors.isEmpty()) {
                        break;
                    }
                    continue;
                }
                if (rec.size() == 1 && rec.get(0).isEmpty()) {
                    continue;
                }
                if (rec.size() > columns.size()) {
                    throw ApiProblem.invalidLine("CSV", line, null,
                            "the row has " + rec.size() + " values but the header has " + columns.size() + " columns");
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    String v = i < rec.size() ? rec.get(i) : "";
                    values.put(columns.get(i), v.isEmpty() ? null : v);
                }
                out.add(new RawRecord(line, values));
            }
            if (columns == null) {
                throw ApiProblem.invalidLine("CSV", 1, null, "the file is empty; expected a header row with the columns "
                        + String.join(",", TransferColumns.ALL));
            }
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            String reason = e.getMessage() == null ? "malformed CSV" : e.getMessage();
            throw ApiProblem.invalidLine("CSV", (int) lastEnd + 1, null, "malformed CSV: " + reason);
        } catch (IOException e) {
            throw ApiProblem.invalidLine("CSV", (int) lastEnd + 1, null, "malformed CSV: " + e.getMessage());
        }
        if (!headerErrors.isEmpty()) {
            FieldError first = headerErrors.getFirst();
            throw new ApiProblem(400, "Invalid import", "CSV line 1, field '" + first.field() + "': " + first.message()
                    + "; nothing was imported", headerErrors);
        }
        return out;
    }

    private static List<String> header(CSVRecord rec, int line, List<FieldError> errors) {
        List<String> columns = new ArrayList<>();
        for (String h : rec) {
            String c = TransferColumns.canonical(h);
            if (c == null) {
                errors.add(new FieldError(h, "unknown column '" + h + "' (expected " + String.join(",", TransferColumns.ALL)
                        + ")", line));
            } else if (columns.contains(c)) {
                errors.add(new FieldError(c, "column '" + h + "' appears twice", line));
            }
            columns.add(c);
        }
        for (String required : List.of("ref", "title")) {
            if (!columns.contains(required)) {
                errors.add(new FieldError(required, "the header has no '" + required + "' column", line));
            }
        }
        return columns;
    }

    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Skipped empty lines are part of the next record's position: move past them. */
    private static long skipLineBreaks(String s, long pos) {
        int i = (int) pos;
        while (i < s.length() && (s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    /** 1-based line containing character offset {@code pos}. */
    private static int lineOf(int[] starts, long pos) {
        int idx = Arrays.binarySearch(starts, (int) pos);
        return (idx >= 0 ? idx : -idx - 2) + 1;
    }

    /** Writes rows (values by column in {@link TransferColumns#ALL}; lists joined with ';'). */
    public static String write(List<Map<String, Object>> rows) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(TransferColumns.ALL.toArray(String[]::new))
                .setRecordSeparator("\n").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (Map<String, Object> row : rows) {
                List<String> cells = new ArrayList<>();
                for (String col : TransferColumns.ALL) {
                    Object v = row.get(col);
                    cells.add(v == null ? "" : v instanceof List<?> l ? String.join(";", l.stream().map(String::valueOf).toList())
                            : String.valueOf(v));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
