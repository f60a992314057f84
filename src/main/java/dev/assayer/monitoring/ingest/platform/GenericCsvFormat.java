package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Any CSV with a header row (comma-separated, or semicolon-separated when the header has more
 * semicolons than commas), mapped by {@link FormatOptions}: every row becomes one resource of the
 * declared type, id from the declared id column. Cells: "true"/"false" become booleans, whole
 * numbers without leading zeros become numbers, empty cells are left out, the rest stays text.
 */
public final class GenericCsvFormat implements ResourceFormat {

    public static final String NAME = "generic-csv";
    private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Any CSV with a header row, with a declared mapping (type, id column, optional renames)";
    }

    @Override
    public int detect(String filename, byte[] bytes) {
        try {
            Head h = Head.of(filename, bytes);
            if (h.json()) {
                return 0;
            }
            String t = h.text.stripLeading();
            if (t.isEmpty() || t.startsWith("{") || t.startsWith("[") || t.startsWith("---") || t.startsWith("<")) {
                return 0;
            }
            if (h.lowerName().endsWith(".csv")) {
                return 1;
            }
            int nl = t.indexOf('\n');
            String first = nl < 0 ? t : t.substring(0, nl);
            return first.indexOf(',') >= 0 || first.indexOf(';') >= 0 ? 1 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        GenericMapping mapping = GenericMapping.of(NAME, filename, options);
        Instant at = Json.importedAt(options);
        BufferedReader reader = new BufferedReader(Text.reader(in), 64 * 1024);
        reader.mark(8 * 1024 * 1024);
        String firstLine = reader.readLine();
        reader.reset();
        if (firstLine == null || firstLine.isBlank()) {
            throw new InputProblem(filename, 1, 0, "the file is empty: a header row is expected");
        }
        char delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            Iterator<CSVRecord> it = parser.iterator();
            long lineBefore = parser.getCurrentLineNumber();
            CSVRecord header = next(filename, it, parser, lineBefore);
            List<String> names = header.toList();
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).trim();
                if (name.isEmpty()) {
                    throw new InputProblem(filename, 1, i + 1, "header column " + (i + 1) + " has no name");
                }
                if (index.putIfAbsent(name, i) != null) {
                    throw new InputProblem(filename, 1, i + 1, "header names column '" + name + "' twice");
                }
            }
            if (!index.containsKey(mapping.idField())) {
                throw new InputProblem(filename, 1, 0, "id field '" + mapping.idField() + "' is not in the header ("
                        + String.join(", ", index.keySet()) + ")");
            }
            for (String field : mapping.fields().keySet()) {
                if (!index.containsKey(field)) {
                    throw new InputProblem(filename, 1, 0, "mapped field '" + field + "' is not in the header");
                }
            }
            List<String[]> columns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).trim();
                if (mapping.fields().isEmpty()) {
                    columns.add(new String[] {name, name});
                } else if (mapping.fields().containsKey(name)) {
                    columns.add(new String[] {name, mapping.fields().get(name)});
                } else {
                    columns.add(null);
                }
            }
            int idIndex = index.get(mapping.idField());
            lineBefore = parser.getCurrentLineNumber();
            while (true) {
                CSVRecord row = next(filename, it, parser, lineBefore);
                if (row == null) {
                    break;
                }
                long line = lineBefore + 1;
                lineBefore = parser.getCurrentLineNumber();
                if (row.size() != names.size()) {
                    throw new InputProblem(filename, line, 0, "expected " + names.size() + " fields, found " + row.size());
                }
                String id = row.get(idIndex).trim();
                if (id.isEmpty()) {
                    throw new InputProblem(filename, line, idIndex + 1, "row has no " + mapping.idField());
                }
                Attrs a = new Attrs();
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i) != null) {
                        a.put(columns.get(i)[1], cell(row.get(i)));
                    }
                }
                sink.accept(new Resource(mapping.type(), id, a.build(), NAME + ":" + filename, at));
            }
        }
    }

    private static CSVRecord next(String filename, Iterator<CSVRecord> it, CSVParser parser, long lineBefore) {
        try {
            return it.hasNext() ? it.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            String msg = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new InputProblem(filename, lineBefore + 1, 0, "not valid CSV: " + Json.firstLine(String.valueOf(msg)));
        }
    }

    static Object cell(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (raw.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        if (WHOLE.matcher(raw).matches()) {
            return Long.parseLong(raw);
        }
        return raw;
    }

    private static int count(String s, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                n++;
            }
        }
        return n;
    }
}
