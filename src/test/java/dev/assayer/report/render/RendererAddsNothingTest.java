package dev.assayer.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.report.ReportDocument;
import dev.assayer.report.ReportDocument.Block;
import dev.assayer.report.ReportDocument.Bullets;
import dev.assayer.report.ReportDocument.Cell;
import dev.assayer.report.ReportDocument.Heading;
import dev.assayer.report.ReportDocument.Paragraph;
import dev.assayer.report.ReportDocument.Placeholder;
import dev.assayer.report.ReportDocument.Recorded;
import dev.assayer.report.ReportDocument.Section;
import dev.assayer.report.ReportDocument.Signature;
import dev.assayer.report.ReportDocument.Table;
import dev.assayer.report.internal.render.ReportRenderer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/**
 * The renderers print the document's text and their own fixed labels, nothing else: a report in
 * which nobody recorded a result comes out of every format without a single word of a result,
 * conclusion or opinion.
 */
class RendererAddsNothingTest {

    /** Every word a renderer may print on its own: labels, "Page X of Y", the Word TOC hint (and numbers). */
    private static final Set<String> RENDERER_WORDS = Set.of("section", "contents", "page", "of", "generated", "utc",
            "restricted", "use", "placeholder", "not", "report", "content", "recorded", "by", "on", "test", "result",
            "deviation", "opinion", "conclusion", "assertion", "management's", "response", "signed", "electronically",
            "refers", "to", "no", "name", "an", "unnamed", "person", "text", "the", "table", "is", "built",
            "when", "document", "opened", "in", "word", "or", "right", "click", "here", "and", "choose", "update",
            "field");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    static ReportDocument nothingRecorded() {
        List<Section> sections = List.of(
                new Section("I", "Independent Service Auditor's Report",
                        List.of(new Placeholder("Supplied by the service auditor."))),
                new Section("II", "Management's Assertion", List.of(
                        new Paragraph("Draft wording for management to review."),
                        new Signature("Priya Raman", "CFO", null, "Version 1"))),
                new Section("IV", "Criteria, Controls and Tests", List.of(
                        new Heading(2, "CC6.1 Logical access"),
                        new Table(List.of("Control", "Test", "Outcome"), List.of(
                                List.of(Cell.of("AC-01 Quarterly access review"), Cell.of("Inspection, 25 items"),
                                        Cell.of("No result recorded")),
                                List.of(Cell.of("AC-02 Offboarding within one day"), Cell.of("Inspection, 25 items"),
                                        Cell.of("No result recorded"))), null),
                        new Placeholder("No result recorded for CHG-01."),
                        new Bullets(List.of("Population: 412 merged changes")))),
                new Section("V", "Other Information", List.of(new Placeholder("No response recorded."))));
        return new ReportDocument("SOC 2 Type II Report (draft)", "Payroll platform, 2026", "Acme Payroll Ltd",
                "Acme Payroll Ltd · SOC 2 Type II · 2026", "Restricted to Acme's customers and their auditors.",
                Instant.parse("2026-08-01T08:00:00Z"), "Draft 1", sections);
    }

    @Test
    void aReportWithNothingRecordedSaysNothingInAnyFormat() throws IOException {
        ReportDocument doc = nothingRecorded();
        Set<String> allowed = new TreeSet<>(RENDERER_WORDS);
        allowed.addAll(words(String.join(" ", documentText(doc))));
        ReportRenderer renderer = new ReportRenderer();

        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        renderer.pdf(doc, pdf);
        String pdfText;
        try (PDDocument d = Loader.loadPDF(pdf.toByteArray())) {
            pdfText = new PDFTextStripper().getText(d);
        }
        ByteArrayOutputStream html = new ByteArrayOutputStream();
        renderer.html(doc, html);
        String htmlText = html.toString(StandardCharsets.UTF_8).replaceAll("(?s)<style>.*?</style>", " ")
                .replaceAll("(?s)<head>.*?</head>", " ").replaceAll("<[^>]+>", " ").replace("&#39;", "'")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
        ByteArrayOutputStream docx = new ByteArrayOutputStream();
        renderer.docx(doc, docx);
        String docxText;
        try (XWPFDocument w = new XWPFDocument(new ByteArrayInputStream(docx.toByteArray()));
                XWPFWordExtractor extractor = new XWPFWordExtractor(w)) {
            docxText = extractor.getText();
        }

        for (var format : List.of(List.of("PDF", pdfText), List.of("HTML", htmlText), List.of("DOCX", docxText))) {
            String text = ReportPdfTest.flat(format.get(1));
            Set<String> extra = new TreeSet<>(words(text));
            extra.removeAll(allowed);
            extra.removeIf(w -> w.matches("\\d+")); // page numbers
            assertThat(extra).as("%s words that are neither the document's nor a renderer label", format.get(0))
                    .isEmpty();
            assertThat(text.toLowerCase(Locale.ROOT)).as(format.get(0)).doesNotContain("exception", "passed",
                    "effective", "fairly", "no deviations").contains("no result recorded", "not signed");
        }
    }

    private static Set<String> words(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static List<String> documentText(ReportDocument doc) {
        List<String> out = new ArrayList<>(List.of(doc.title(), doc.subtitle(), doc.organization(), doc.runningHeader(),
                doc.restrictedUse(), doc.versionLabel(), "2026-08-01 08:00"));
        for (Section s : doc.sections()) {
            out.add(s.number());
            out.add(s.title());
            for (Block b : s.blocks()) {
                switch (b) {
                    case Heading h -> out.add(h.text());
                    case Paragraph p -> out.add(p.text());
                    case Bullets l -> out.addAll(l.items());
                    case Table t -> {
                        out.addAll(t.headers());
                        out.addAll(t.rows().stream().flatMap(List::stream).map(Cell::text).collect(Collectors.toList()));
                    }
                    case Placeholder p -> out.add(p.text());
                    case Recorded r -> out.add(r.text());
                    case Signature sig -> out.addAll(List.of(sig.name(), sig.title(), sig.refersTo()));
                }
            }
        }
        return out;
    }
}
