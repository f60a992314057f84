package dev.assayer.report;

import java.time.Instant;
import java.util.List;

/**
 * A report as structured content, independent of the output format: what the renderers turn
 * into PDF, DOCX and HTML. {@code runningHeader} is the text repeated at the top of every page
 * (organization, report type, period); {@code restrictedUse} the notice printed with it (null for
 * general-use reports such as SOC 3).
 */
public record ReportDocument(String title, String subtitle, String organization, String runningHeader,
        String restrictedUse, Instant generatedAt, String versionLabel, List<Section> sections) {

    public ReportDocument {
        sections = List.copyOf(sections);
    }

    /** A numbered section ("I", "II", … or null for front matter) with its blocks. */
    public record Section(String number, String title, List<Block> blocks) {
        public Section {
            blocks = List.copyOf(blocks);
        }
    }

    /** Content of a section. */
    public sealed interface Block permits Heading, Paragraph, Bullets, Table, Placeholder, Signature, Recorded {
    }

    /** A sub-heading: level 2 or 3 (level 1 is the section title). */
    public record Heading(int level, String text) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    public record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /**
     * A table; each cell is plain text or, where the text is a person's recorded conclusion
     * (test result, deviation, opinion, response), carries who recorded it.
     */
    public record Table(List<String> headers, List<List<Cell>> rows, List<Integer> widthsPercent) implements Block {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            widthsPercent = widthsPercent == null ? List.of() : List.copyOf(widthsPercent);
        }
    }

    /** A table cell; {@code recorded} is null for plain facts. */
    public record Cell(String text, Attribution recorded) {
        public static Cell of(String text) {
            return new Cell(text, null);
        }
    }

    /**
     * Text that appears in a report only because a named person recorded it: the kind
     * (OPINION, TEST_RESULT, CONCLUSION, DEVIATION, RESPONSE, ASSERTION), who and when.
     */
    public record Attribution(String kind, String recordedBy, Instant recordedAt) {
    }

    /** A block of recorded text (e.g. the auditor's opinion typed in Section I), with its attribution. */
    public record Recorded(String text, Attribution recorded) implements Block {
    }

    /**
     * A clearly marked empty place, e.g. "Section I is supplied by the service auditor" or "No
     * result recorded": rendered boxed, never as content.
     */
    public record Placeholder(String text) implements Block {
    }

    /** An electronic signature: name, title, when, and what it refers to. */
    public record Signature(String name, String title, Instant signedAt, String refersTo) implements Block {
    }
}
