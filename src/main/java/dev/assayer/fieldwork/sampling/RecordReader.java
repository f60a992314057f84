package dev.assayer.fieldwork.sampling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads records one by one: CSV fields (RFC 4180 dialect of docs/sampling.md) or JSONL lines.
 * Blank lines (empty, or a lone carriage return) are not records.
 */
final class RecordReader {

    private final ByteSource in;
    private final boolean csv;
    private final String file;
    private long line = 1;
    private long recordLine;
    private long recordOffset;

    RecordReader(ByteSource in, boolean csv, String file, long firstLine) {
        this.in = in;
        this.csv = csv;
        this.file = file;
        this.line = firstLine;
    }

    /** The physical line the reader is on (1-based). */
    long line() {
        return line;
    }

    /** The physical line on which the last record returned started. */
    long recordLine() {
        return recordLine;
    }

    /** The file offset at which the last record returned started. */
    long recordOffset() {
        return recordOffset;
    }

    /** The file offset just after the last record returned. */
    long offset() {
        return in.offset();
    }

    /** CSV: the fields; JSONL: one element, the line. Null at the end of the file. */
    List<String> next() throws IOException {
        while (true) {
            recordLine = line;
            recordOffset = in.offset();
            List<String> fields = new ArrayList<>();
            ByteArrayOutputStream field = new ByteArrayOutputStream();
            boolean inQuote = false;
            boolean nonEmpty = false;
            int b;
            while (true) {
                b = in.read();
                if (b < 0) {
                    if (inQuote) {
                        throw new PopulationException(file + ": line " + recordLine + ": the file ends inside a quoted field");
                    }
                    break;
                }
                if (b == '\n') {
                    line++;
                    if (!inQuote) {
                        break;
                    }
                    field.write(b);
                    continue;
                }
                if (b == '\r' && !inQuote) {
                    continue;
                }
                nonEmpty = true;
                if (csv && b == '"') {
                    if (inQuote && in.peek() == '"') {
                        in.read();
                        field.write('"');
                    } else {
                        inQuote = !inQuote;
                    }
                } else if (csv && b == ',' && !inQuote) {
                    fields.add(field.toString(StandardCharsets.UTF_8));
                    field.reset();
                } else {
                    field.write(b);
                }
            }
            if (nonEmpty) {
                fields.add(field.toString(StandardCharsets.UTF_8));
                return fields;
            }
            if (b < 0) {
                return null;
            }
        }
    }
}
