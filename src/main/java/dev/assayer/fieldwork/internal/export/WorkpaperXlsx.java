package dev.assayer.fieldwork.internal.export;

import dev.assayer.engagement.Engagement;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.InformationRequest;
import dev.assayer.fieldwork.ItemResult;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationVersion;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.ReviewNote;
import dev.assayer.fieldwork.Sample;
import dev.assayer.fieldwork.SampleDetail;
import dev.assayer.fieldwork.SampleItem;
import dev.assayer.fieldwork.SignOff;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestEvaluation;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.finding.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes {@link Workpapers} as an XLSX workbook, streaming rows ({@link SXSSFWorkbook} keeps only a
 * window of rows in memory). Sheets: Summary, Tests, Results, Deviations, Populations, Samples,
 * Requests, Sign-offs and Review notes. Each sheet has one bold header row, frozen, and an auto
 * filter over its columns. Dates and instants are real date cells (instants in UTC); numbers are
 * numbers; every text is a plain string cell — the workbook holds no formula, so a text starting
 * with "=", "+", "-" or "@" stays text. A text longer than a cell can hold (32,767 characters) is
 * cut with a marker; the JSON export has it whole. No Spring, no SQL.
 */
public final class WorkpaperXlsx {

    public static final List<String> SHEETS = List.of("Summary", "Tests", "Results", "Deviations", "Populations",
            "Samples", "Requests", "Sign-offs", "Review notes");

    static final int MAX_CELL_TEXT = 32_767;
    static final String CUT = " … [cut: see the JSON export]";
    private static final int WINDOW = 200;

    private WorkpaperXlsx() {
    }

    public static void write(Workpapers w, OutputStream out) {
        SXSSFWorkbook wb = new SXSSFWorkbook(null, WINDOW, true, false);
        try {
            Styles styles = new Styles(wb);
            summary(new Table(wb, styles, "Summary", col("Item", 28), col("Value", 70)), w);
            tests(new Table(wb, styles, "Tests", col("Control", 12), col("Control title", 36), col("Test", 30),
                    col("Status", 13), col("Procedures", 60), col("Attributes", 50), col("Population", 36),
                    col("Sizing method", 28), col("Frequency", 16), col("Population size", 12), col("Confidence", 11),
                    col("Tolerable rate", 11), col("Expected rate", 11), col("Planned sample size", 12),
                    col("Deviations tolerated", 12), col("Sizing note", 36), col("Sizing reason", 36),
                    col("Sample", 38), col("Population SHA-256", 66), col("Seed", 16), col("Items", 8),
                    col("Items tested", 9), col("Results recorded", 9), col("Items with a deviation", 10),
                    col("Upper deviation limit %", 11), col("Tolerable rate %", 11), col("Conclusion", 24),
                    col("Result wording", 60), col("Concluded by", 30), col("Concluded at (UTC)", 19),
                    col("Prepared by", 30), col("Prepared at (UTC)", 19), col("Reviewed by", 30),
                    col("Reviewed at (UTC)", 19), col("Locked", 8), col("Open review notes", 9), col("Test id", 38)), w);
            results(new Table(wb, styles, "Results", col("Control", 12), col("Test", 30), col("Item", 16),
                    col("Row", 9), col("Key", 20), col("Attribute", 9), col("Attribute description", 44),
                    col("Outcome", 14), col("Note", 50), col("Deviation", 10), col("Evidence", 40),
                    col("Recorded by", 30), col("Recorded at (UTC)", 19)), w);
            deviations(new Table(wb, styles, "Deviations", col("Control", 12), col("Test", 30), col("Deviation", 10),
                    col("Status", 11), col("Items", 36), col("Description", 50), col("Cause", 40),
                    col("Isolated or systemic", 12), col("Compensating controls", 40), col("Management response", 50),
                    col("Responded by", 30), col("Responded at (UTC)", 19), col("Finding", 10), col("Finding status", 16),
                    col("Created by", 30), col("Created at (UTC)", 19)), w);
            populations(new Table(wb, styles, "Populations", col("Population id", 38), col("Population", 30),
                    col("Version", 8), col("Name", 30), col("Controls", 20), col("Source system", 20), col("Query", 50),
                    col("Query parameters", 36), col("Extracted by", 30), col("Extracted at (UTC)", 19),
                    col("Period from", 11), col("Period to", 11), col("Key column", 14), col("Date column", 14),
                    col("Format", 8), col("File name", 28), col("Size (bytes)", 12), col("Rows", 10),
                    col("SHA-256", 66), col("First date", 11), col("Last date", 11), col("Rows out of period", 10),
                    col("Rows with unparseable dates", 10), col("Uploaded by", 30), col("Uploaded at (UTC)", 19),
                    col("Sampled", 8)), w);
            samples(new Table(wb, styles, "Samples", col("Sample", 38), col("Population", 30),
                    col("Population version", 10), col("Population SHA-256", 66), col("Method", 12), col("Seed", 16),
                    col("Size", 8), col("Row", 10), col("Key", 20), col("How chosen", 18), col("Extension", 10),
                    col("Selected by", 30), col("Selected at (UTC)", 19), col("Used by tests of", 20)), w);
            requests(new Table(wb, styles, "Requests", col("Ref", 10), col("Title", 44), col("Status", 12),
                    col("Due date", 11), col("Overdue", 9), col("Owner", 26), col("Owner e-mail", 30),
                    col("Controls", 20), col("Criteria", 20), col("Evidence items", 9), col("Last flag reason", 40),
                    col("Created by", 30), col("Created at (UTC)", 19), col("Updated at (UTC)", 19)), w);
            signOffs(new Table(wb, styles, "Sign-offs", col("Control", 12), col("Test", 30), col("Status", 13),
                    col("Conclusion", 24), col("Prepared by", 30), col("Prepared at (UTC)", 19), col("Reviewed by", 30),
                    col("Reviewed at (UTC)", 19), col("Locked", 8), col("Review notes", 9),
                    col("Open review notes", 9)), w);
            reviewNotes(new Table(wb, styles, "Review notes", col("Control", 12), col("Test", 30), col("Note", 8),
                    col("Text", 50), col("Author", 30), col("Written at (UTC)", 19), col("Response", 50),
                    col("Responded by", 30), col("Responded at (UTC)", 19), col("Cleared by", 30),
                    col("Cleared at (UTC)", 19)), w);
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            wb.dispose();
            try {
                wb.close();
            } catch (IOException ignored) {
                // temporary files are already disposed of
            }
        }
    }

    // ------------------------------------------------------------------------------------ sheets

    private static void summary(Table t, Workpapers w) {
        Engagement e = w.engagement();
        List<TestOfControl> tests = w.tests();
        t.row("Engagement", e.name());
        t.row("Report", e.kindLabel());
        if (e.periodStart() != null) {
            t.row("Period start", e.periodStart());
        }
        if (e.periodEnd() != null) {
            t.row("Period end", e.periodEnd());
        }
        if (e.asOfDate() != null) {
            t.row("As of", e.asOfDate());
        }
        t.row("Audit firm", w.firmName());
        t.row("Exported at (UTC)", w.generatedAt());
        t.row("Exported by", w.generatedBy());
        t.row("Scope", w.control() == null ? "Whole engagement" : "Control " + w.control());
        t.row("Controls", w.controls().size());
        t.row("Tests", tests.size());
        t.row("Tests concluded", tests.stream().filter(x -> x.conclusion() != null).count());
        t.row("Tests signed off by a reviewer", tests.stream().filter(x -> x.reviewer() != null).count());
        t.row("Results recorded", tests.stream().mapToLong(x -> x.results().size()).sum());
        t.row("Failed results", tests.stream().flatMap(x -> x.results().stream())
                .filter(r -> r.outcome() == ResultOutcome.FAIL).count());
        t.row("Deviations", tests.stream().mapToLong(x -> x.deviations().size()).sum());
        t.row("Populations", w.populations().size());
        t.row("Samples", w.samples().size());
        t.row("Requests", w.requests().size());
        t.row("Format", "Assayer workpapers, schema " + WorkpaperJson.SCHEMA_VERSION + " (docs/workpapers.md)");
        t.finish();
    }

    private static void tests(Table t, Workpapers w) {
        for (Workpapers.ControlPapers c : w.controls()) {
            for (TestOfControl x : c.tests()) {
                TestSizing s = x.sizing() == null ? TestSizing.none() : x.sizing();
                TestEvaluation ev = x.evaluation();
                SampleDetail sd = x.sampleId() == null ? null : w.samples().get(x.sampleId());
                String procedures = numbered(x.procedures().stream()
                        .map(p -> (p.method() == null ? "" : p.method().label() + ": ") + nz(p.text())).toList());
                String attributes = x.attributes().stream().map(a -> a.code() + ": " + nz(a.description()))
                        .collect(Collectors.joining("\n"));
                t.row(c.ref(), c.title(), x.kind().label(), x.status().label(), procedures, attributes,
                        x.populationDescription(), s.method() == null ? null : s.method().label(),
                        s.frequency() == null ? null : s.frequency().name(), s.populationSize(), s.confidence(),
                        s.tolerableRate(), s.expectedRate(), s.sampleSize(), s.allowedDeviations(), s.note(), s.reason(),
                        x.sampleId() == null ? null : x.sampleId().toString(),
                        sd == null ? null : sd.sample().populationSha256(), sd == null ? null : sd.sample().seed(),
                        ev == null ? null : ev.items(), ev == null ? null : ev.itemsTested(),
                        ev == null ? null : ev.resultsRecorded(), ev == null ? null : ev.deviations(),
                        ev == null ? null : ev.upperLimitPercent(), ev == null ? null : ev.tolerableRatePercent(),
                        x.conclusion() == null ? null : x.conclusion().label(), x.resultWording(), x.concludedBy(),
                        x.concludedAt(), by(x.preparer()), at(x.preparer()), by(x.reviewer()), at(x.reviewer()),
                        x.locked(), x.openReviewNotes(), x.id().toString());
            }
        }
        t.finish();
    }

    private static void results(Table t, Workpapers w) {
        for (Workpapers.ControlPapers c : w.controls()) {
            for (TestOfControl x : c.tests()) {
                Map<String, String> attributes = x.attributes().stream()
                        .collect(Collectors.toMap(TestAttribute::code, a -> nz(a.description()), (a, b) -> a));
                Map<UUID, String> deviations = x.deviations().stream()
                        .collect(Collectors.toMap(Deviation::id, Deviation::ref, (a, b) -> a));
                for (ItemResult r : x.results()) {
                    t.row(c.ref(), x.kind().label(), r.itemRef(), r.row(), r.key(), r.attribute(),
                            attributes.get(r.attribute()), r.outcome() == null ? null : r.outcome().label(), r.note(),
                            r.deviationId() == null ? null : deviations.get(r.deviationId()),
                            r.evidenceIds().stream().map(UUID::toString).collect(Collectors.joining("\n")),
                            r.recordedBy(), r.recordedAt());
                }
            }
        }
        t.finish();
    }

    private static void deviations(Table t, Workpapers w) {
        for (Workpapers.ControlPapers c : w.controls()) {
            for (TestOfControl x : c.tests()) {
                for (Deviation d : x.deviations()) {
                    Finding f = w.findingsByDeviation().get(d.id());
                    t.row(c.ref(), x.kind().label(), d.ref(), d.status() == null ? null : d.status().name(),
                            String.join("\n", d.items()), d.description(), d.cause(),
                            d.nature() == null ? null : d.nature().label(), d.compensatingControls(),
                            d.managementResponse(), d.respondedBy(), d.respondedAt(), f == null ? null : f.ref(),
                            f == null || f.status() == null ? null : f.status().name(), d.createdBy(), d.createdAt());
                }
            }
        }
        t.finish();
    }

    private static void populations(Table t, Workpapers w) {
        for (PopulationRecord p : w.populations()) {
            for (PopulationVersion v : p.versions().reversed()) {
                t.row(p.id().toString(), p.name(), v.number(), v.name(), String.join(", ", v.controlRefs()),
                        v.sourceSystem(), v.query(), v.queryParameters(), v.extractedBy(), v.extractedAt(),
                        v.periodFrom(), v.periodTo(), v.keyColumn(), v.dateColumn(), v.format(), v.filename(),
                        v.sizeBytes(), v.rows(), v.sha256(), v.firstDate(), v.lastDate(), v.outOfPeriod(),
                        v.unparseableDates(), v.uploadedBy(), v.uploadedAt(), v.sampled());
            }
        }
        t.finish();
    }

    private static void samples(Table t, Workpapers w) {
        Map<UUID, List<String>> users = w.sampleUsers();
        for (SampleDetail d : w.samples().values()) {
            Sample s = d.sample();
            String usedBy = String.join(", ", users.getOrDefault(s.id(), List.of()));
            for (SampleItem i : s.items()) {
                t.row(s.id().toString(), d.populationName(), s.populationVersion(), s.populationSha256(), s.method(),
                        s.seed(), s.size(), i.row(), i.key(), i.how(), i.extension(), s.selectedBy(), s.selectedAt(),
                        usedBy);
            }
        }
        t.finish();
    }

    private static void requests(Table t, Workpapers w) {
        for (InformationRequest r : w.requests()) {
            t.row(r.ref(), r.title(), r.status() == null ? null : r.status().label(), r.dueDate(), r.overdue(),
                    r.ownerName(), r.ownerEmail(), String.join(", ", r.controlRefs()), String.join(", ", r.criteria()),
                    r.evidenceIds().size(), r.lastFlagReason(), r.createdBy(), r.createdAt(), r.updatedAt());
        }
        t.finish();
    }

    private static void signOffs(Table t, Workpapers w) {
        for (Workpapers.ControlPapers c : w.controls()) {
            for (TestOfControl x : c.tests()) {
                t.row(c.ref(), x.kind().label(), x.status().label(),
                        x.conclusion() == null ? null : x.conclusion().label(), by(x.preparer()), at(x.preparer()),
                        by(x.reviewer()), at(x.reviewer()), x.locked(), x.reviewNotes().size(), x.openReviewNotes());
            }
        }
        t.finish();
    }

    private static void reviewNotes(Table t, Workpapers w) {
        for (Workpapers.ControlPapers c : w.controls()) {
            for (TestOfControl x : c.tests()) {
                for (ReviewNote n : x.reviewNotes()) {
                    t.row(c.ref(), x.kind().label(), n.ref(), n.text(), n.author(), n.createdAt(), n.response(),
                            n.respondedBy(), n.respondedAt(), n.clearedBy(), n.clearedAt());
                }
            }
        }
        t.finish();
    }

    // ------------------------------------------------------------------------------------ helpers

    private static String numbered(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add((i + 1) + ". " + lines.get(i));
        }
        return String.join("\n", out);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String by(SignOff s) {
        return s == null ? null : s.by();
    }

    private static Instant at(SignOff s) {
        return s == null ? null : s.at();
    }

    /** Text as a cell may hold it. */
    static String cellText(String s) {
        if (s.length() <= MAX_CELL_TEXT) {
            return s;
        }
        return s.substring(0, MAX_CELL_TEXT - CUT.length()) + CUT;
    }

    private record Column(String title, int width) {
    }

    private static Column col(String title, int width) {
        return new Column(title, width);
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle date;
        final CellStyle instant;
        final CellStyle text;

        Styles(SXSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            short dateFormat = wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd");
            short instantFormat = wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss");
            date = wb.createCellStyle();
            date.setDataFormat(dateFormat);
            instant = wb.createCellStyle();
            instant.setDataFormat(instantFormat);
            text = wb.createCellStyle();
            text.setWrapText(true);
        }
    }

    /** One sheet: the header row, then {@link #row} per record, then {@link #finish}. */
    private static final class Table {
        private final SXSSFSheet sheet;
        private final Styles styles;
        private final int columns;
        private int next;

        Table(SXSSFWorkbook wb, Styles styles, String name, Column... columns) {
            this.sheet = wb.createSheet(name);
            this.styles = styles;
            this.columns = columns.length;
            Row header = sheet.createRow(next++);
            for (int i = 0; i < columns.length; i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(columns[i].title());
                cell.setCellStyle(styles.header);
                sheet.setColumnWidth(i, Math.min(255, columns[i].width()) * 256);
            }
            sheet.createFreezePane(0, 1);
        }

        void row(Object... values) {
            if (values.length != columns) {
                throw new IllegalArgumentException(sheet.getSheetName() + ": " + values.length + " values for "
                        + columns + " columns");
            }
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                switch (v) {
                    case String s -> {
                        // a string cell, never a formula, whatever the text starts with
                        cell.setCellValue(cellText(s));
                        if (s.indexOf('\n') >= 0) {
                            cell.setCellStyle(styles.text);
                        }
                    }
                    case Integer n -> cell.setCellValue(n);
                    case Long n -> cell.setCellValue(n);
                    case BigDecimal n -> cell.setCellValue(n.doubleValue());
                    case Boolean b -> cell.setCellValue(b);
                    case LocalDate d -> {
                        cell.setCellValue(d);
                        cell.setCellStyle(styles.date);
                    }
                    case Instant at -> {
                        cell.setCellValue(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
                        cell.setCellStyle(styles.instant);
                    }
                    default -> cell.setCellValue(cellText(v.toString()));
                }
            }
        }

        void finish() {
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, next - 1), 0, columns - 1));
        }
    }
}
