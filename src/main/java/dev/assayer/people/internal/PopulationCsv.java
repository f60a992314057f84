package dev.assayer.people.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a population as CSV: UTF-8 without a byte-order mark, a header row, LF line ends,
 * fields quoted only when they hold a comma, quote or line break, missing values empty. The same
 * rows always give the same bytes, so the SHA-256 identifies the population's content.
 */
public final class PopulationCsv {

    private PopulationCsv() {
    }

    public static byte[] write(List<String> columns, List<Map<String, String>> rows) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            printer.printRecord(columns);
            for (Map<String, String> row : rows) {
                printer.printRecord(columns.stream().map(c -> {
                    String v = row.get(c);
                    return v == null ? "" : v;
                }).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
