package dev.assayer.monitoring.ingest.cloud;

import dev.assayer.monitoring.ingest.InputProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a delimited file with a header row: a UTF-8 BOM is skipped, CRLF and LF both end
 * lines, quoted fields may hold the delimiter and line breaks. Each row comes with the physical
 * line it starts on (header = line 1). A row whose field count differs from the header's is an
 * {@link InputProblem} at that line, as is malformed quoting.
 */
final class CsvRows {

    /** One data row: values by header name (exactly as in the header), and its line. */
    record Row(long line, Map<String, String> values) {

        String get(String column) {
            return values.get(column);
        }
    }

    interface RowSink {
        void accept(Row row);
    }

    interface HeaderCheck {
        /** Throws an InputProblem (line 1) when the header is not the format's. */
        void check(List<String> header);
    }

    private CsvRows() {
    }

    static void read(String filename, InputStream in, char delimiter, HeaderCheck headerCheck, RowSink sink)
            throws IOException {
        Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        reader.mark(1);
        int first = reader.read();
        if (first != '\uFEFF' && first != -1) {
            reader.reset();
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false).get();
        long line = 1;
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            List<String> header = null;
            while (true) {
                long start = parser.getCurrentLineNumber() + 1;
                line = start;
                CSVRecord rec;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    rec = it.next();
                } catch (UncheckedIOException e) {
                    throw new InputProblem(filename, start, 0, "malformed CSV: " + reason(e));
                } catch (IllegalStateException e) {
                    throw new InputProblem(filename, start, 0, "malformed CSV: " + reason(e));
                }
                if (rec.size() == 1 && rec.get(0).isEmpty()) {
                    continue; // blank line
                }
                if (header == null) {
                    header = new ArrayList<>();
                    for (String h : rec) {
                        header.add(h.strip());
                    }
                    headerCheck.check(header);
                    continue;
                }
                if (rec.size() != header.size()) {
                    throw new InputProblem(filename, start, 0, "expected " + header.size() + " fields as in the header, found "
                            + rec.size());
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    values.put(header.get(i), rec.get(i));
                }
                sink.accept(new Row(start, values));
            }
            if (header == null) {
                throw new InputProblem(filename, 1, 0, "empty file; expected a header row");
            }
        } catch (UncheckedIOException e) {
            throw new InputProblem(filename, line, 0, "malformed CSV: " + reason(e));
        }
    }

    private static String reason(RuntimeException e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }

    /** 1-based column number of {@code column} in the row's header order. */
    static int columnOf(Row row, String column) {
        int i = 1;
        for (String k : row.values().keySet()) {
            if (k.equals(column)) {
                return i;
            }
            i++;
        }
        return 0;
    }
}
