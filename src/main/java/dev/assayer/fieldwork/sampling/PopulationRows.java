package dev.assayer.fieldwork.sampling;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One streaming pass that hands every data row of a population file to a visitor: its row number
 * (numbered exactly as {@link Population} and {@link SampleSelector} number rows), the physical
 * line it starts on, its key and the raw text of a date column. Memory does not depend on the
 * number of rows. Used when a population is imported, to check every row (JSONL lines must be
 * objects holding the key) and to compare each row's date with the audit period.
 */
public final class PopulationRows {

    /** Receives the rows in file order. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param row 1-based data row number
         * @param line the physical line the row starts on (CSV: the header is line 1)
         * @param key the value of the key column ("" when a CSV row is too short)
         * @param date the raw text of the date column, or null when there is none for this row or
         *     no date column was asked for
         */
        void row(long row, long line, String key, String date);
    }

    private static final int BUFFER = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PopulationRows() {
    }

    /**
     * Reads the whole file once; returns the number of data rows. A malformed file is a
     * {@link PopulationException} naming the file and the line.
     *
     * @param keyColumn the key column (CSV header name) or property (JSONL); null for the first
     * @param dateColumn a column or property holding dates, or null
     */
    public static long scan(Path file, Population.Format format, String keyColumn, String dateColumn, Visitor visitor)
            throws IOException {
        boolean csv = format == Population.Format.CSV;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteSource src = new ByteSource(ch, 0, BUFFER, null);
            int keyIndex = 0;
            int dateIndex = -1;
            long firstLine = 1;
            if (csv) {
                RecordReader header = new RecordReader(src, true, file.toString(), 1);
                List<String> names = header.next();
                if (names == null) {
                    throw new PopulationException(file + ": line 1: the file is empty; a CSV population needs a header row");
                }
                if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
                    names.set(0, names.get(0).substring(1));
                }
                keyIndex = keyColumn == null ? 0 : column(file, names, keyColumn, "key");
                dateIndex = dateColumn == null ? -1 : column(file, names, dateColumn, "date");
                firstLine = header.line();
            }
            RecordReader reader = new RecordReader(src, csv, file.toString(), firstLine);
            long row = 0;
            List<String> rec;
            while ((rec = reader.next()) != null) {
                row++;
                long line = reader.recordLine();
                if (csv) {
                    String key = keyIndex < rec.size() ? rec.get(keyIndex) : "";
                    String date = dateIndex >= 0 && dateIndex < rec.size() ? rec.get(dateIndex) : null;
                    visitor.row(row, line, key, date);
                } else {
                    JsonNode node = object(file, rec.get(0), line);
                    JsonNode key = keyColumn == null ? first(node) : node.get(keyColumn);
                    if (key == null) {
                        throw new PopulationException(file + ": line " + line + ": no property \""
                                + (keyColumn == null ? "(first)" : keyColumn) + "\"");
                    }
                    JsonNode date = dateColumn == null ? null : node.get(dateColumn);
                    visitor.row(row, line, key.isValueNode() ? key.asString() : key.toString(),
                            date == null || !date.isValueNode() || date.isNull() ? null : date.asString());
                }
            }
            return row;
        }
    }

    private static JsonNode object(Path file, String text, long line) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new PopulationException(file + ": line " + line + ": each line must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new PopulationException(file + ": line " + line + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode first(JsonNode node) {
        for (String name : node.propertyNames()) {
            return node.get(name);
        }
        return null;
    }

    private static int column(Path file, List<String> names, String column, String what) {
        int i = names.indexOf(column);
        if (i < 0) {
            throw new PopulationException(file + ": line 1: no " + what + " column \"" + column + "\" in the header "
                    + names);
        }
        return i;
    }
}
