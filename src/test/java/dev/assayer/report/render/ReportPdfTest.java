package dev.assayer.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.report.ReportDocument;
import dev.assayer.report.internal.render.ReportRenderer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The report PDF checked the way a reader sees it: extracted text, embedded fonts, rendered pixels. */
class ReportPdfTest {

    private static final ReportRenderer RENDERER = new ReportRenderer();
    private static byte[] bytes;
    private static PDDocument pdf;
    private static List<String> pages;

    @BeforeAll
    static void render() throws IOException {
        bytes = pdfOf(SampleReports.soc2TypeII());
        Files.write(RenderOutput.dir().resolve("soc2-type2.pdf"), bytes);
        pdf = Loader.loadPDF(bytes);
        pages = new ArrayList<>();
        for (int p = 1; p <= pdf.getNumberOfPages(); p++) {
            pages.add(pageText(pdf, p));
        }
    }

    @AfterAll
    static void close() throws IOException {
        pdf.close();
    }

    @Test
    void everyPageCarriesTheRunningHeaderTheRestrictedUseNoticeAndPageXOfY() {
        int n = pages.size();
        assertThat(n).isGreaterThanOrEqualTo(8);
        for (int p = 1; p <= n; p++) {
            String text = pages.get(p - 1);
            assertThat(text).as("page %d", p)
                    .contains(SampleReports.RUNNING_HEADER)
                    .contains(SampleReports.RESTRICTED)
                    .contains("Page " + p + " of " + n);
        }
    }

    @Test
    void coverPageNamesTheReportAndTheOrganization() {
        assertThat(pages.get(0)).contains("SOC 2 Type II Report", SampleReports.ORG, "Version 3",
                "Generated 2026-07-15 09:30 UTC");
    }

    @Test
    void contentsListEverySectionAndHeadingWithThePageItStartsOn() {
        String contents = flat(pages.get(1));
        assertThat(contents).contains("Contents");
        ReportDocument doc = SampleReports.soc2TypeII();
        List<String> entries = new ArrayList<>();
        for (ReportDocument.Section s : doc.sections()) {
            entries.add("Section " + s.number() + ": " + s.title());
        }
        entries.addAll(List.of("DC1 Services provided", "DC3 System components", "CC6.1 Logical access security",
                "CC8.1 Change management", "Management's responses to deviations"));
        for (String entry : entries) {
            Matcher m = Pattern.compile(Pattern.quote(entry) + "\\s*\\.{3,}\\s*(\\d+)").matcher(contents);
            assertThat(m.find()).as("contents entry for %s in%n%s", entry, contents).isTrue();
            int page = Integer.parseInt(m.group(1));
            assertThat(page).isBetween(3, pages.size());
            assertThat(bodyOf(pages.get(page - 1))).as("page %d starts %s", page, entry).contains(entry);
            for (int before = 3; before < page; before++) {
                assertThat(bodyOf(pages.get(before - 1))).as("%s not before page %d", entry, page).doesNotContain(entry);
            }
        }
    }

    @Test
    void eachSectionStartsOnANewPage() {
        for (ReportDocument.Section s : SampleReports.soc2TypeII().sections()) {
            String heading = "Section " + s.number() + ": " + s.title();
            long starts = pages.stream().skip(2).filter(t -> bodyOf(t).startsWith(heading)).count();
            assertThat(starts).as(heading).isEqualTo(1);
        }
    }

    @Test
    void aTableRunningOverSeveralPagesRepeatsItsHeaderAndNeverSplitsARow() {
        List<Integer> tablePages = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            if (pages.get(p).contains("Access to production")) {
                tablePages.add(p);
            }
        }
        assertThat(tablePages).hasSizeGreaterThanOrEqualTo(3);
        int rows = 0;
        for (int p : tablePages) {
            String text = pages.get(p);
            assertThat(text).as("page %d", p + 1).contains("Control Test performed Test result");
            int first = count(text, "Access to production");
            assertThat(count(text, "requires an approved ticket")).as("page %d", p + 1).isEqualTo(first);
            assertThat(count(text, "date for a sample of 25 grants")).as("page %d", p + 1).isEqualTo(first);
            rows += first;
        }
        assertThat(rows).isEqualTo(SampleReports.LONG_TABLE_ROWS);
    }

    @Test
    void recordedResultsNameWhoRecordedThemAndPlaceholdersAreLabelled() {
        String all = flat(String.join("\n", pages));
        assertThat(all).contains("Test result recorded by Ana Müller-Sánchez on 2026-07-02",
                "Deviation recorded by Ana Müller-Sánchez on 2026-07-02",
                "Assertion recorded by Zoë Łukasiewicz-Ødegaard on 2026-07-02",
                "Management's response recorded by Małgorzata Brzęczyszczykiewicz on 2026-07-02",
                "No result recorded");
        String sectionOne = pages.stream().filter(t -> bodyOf(t).startsWith("Section I:")).findFirst().orElseThrow();
        assertThat(flat(sectionOne)).contains("PLACEHOLDER, NOT REPORT CONTENT", "Section I is supplied by the service auditor");
        assertThat(all).contains("Zoë Łukasiewicz-Ødegaard Chief Executive Officer Signed electronically on "
                + "2026-07-10 16:42 UTC Refers to: Report version 3");
    }

    @Test
    void textIsPrintedLiterallyInAnyScript() {
        String all = flat(String.join("\n", pages));
        assertThat(all).contains(SampleReports.SCRIPT, "Ингестор", "José Ñúñez, SRE", "Kraków");
    }

    @Test
    void everyFontIsEmbedded() throws IOException {
        int fonts = 0;
        for (PDPage page : pdf.getPages()) {
            fonts += checkFonts(page.getResources());
        }
        assertThat(fonts).isPositive();
    }

    private static int checkFonts(PDResources resources) throws IOException {
        if (resources == null) {
            return 0;
        }
        int n = 0;
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
            assertThat(font.getName()).contains("DejaVu");
            n++;
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDFormXObject form) {
                n += checkFonts(form.getResources());
            }
        }
        return n;
    }

    @Test
    void longWordsAreBrokenInsideThePage() throws IOException {
        float width = pdf.getPage(0).getMediaBox().getWidth();
        List<Float> rightEdges = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) throws IOException {
                for (TextPosition t : positions) {
                    rightEdges.add(t.getXDirAdj() + t.getWidthDirAdj());
                }
                super.writeString(text, positions);
            }
        };
        stripper.getText(pdf);
        assertThat(rightEdges).isNotEmpty().allSatisfy(x -> assertThat(x).isLessThanOrEqualTo(width - 30));
        assertThat(String.join("", pages).replaceAll("\\s", "")).contains(SampleReports.LONG_WORD);
    }

    @Test
    void coverAndTablePagesAreDrawnNotBlank() throws IOException {
        PDFRenderer renderer = new PDFRenderer(pdf);
        int tablePage = -1;
        for (int p = 0; p < pages.size(); p++) {
            if (pages.get(p).contains("Access to production")) {
                tablePage = p;
                break;
            }
        }
        for (int p : new int[] {0, tablePage}) {
            BufferedImage image = renderer.renderImageWithDPI(p, 72);
            ImageIO.write(image, "png", RenderOutput.dir().resolve("soc2-type2-page-" + (p + 1) + ".png").toFile());
            double inked = (double) nonWhite(image) / (image.getWidth() * image.getHeight());
            assertThat(inked).as("share of drawn pixels on page %d", p + 1).isGreaterThan(p == 0 ? 0.01 : 0.05);
        }
    }

    @Test
    void theSameDocumentGivesTheSameBytesAndCarriesItsMetadata() throws IOException {
        assertThat(pdfOf(SampleReports.soc2TypeII())).isEqualTo(bytes);
        PDDocumentInformation info = pdf.getDocumentInformation();
        assertThat(info.getTitle()).isEqualTo("SOC 2 Type II Report");
        assertThat(info.getAuthor()).isEqualTo(SampleReports.ORG);
        assertThat(info.getProducer()).isEqualTo("Assayer");
        Calendar created = info.getCreationDate();
        assertThat(created.toInstant()).isEqualTo(SampleReports.GENERATED);
        assertThat(info.getModificationDate().toInstant()).isEqualTo(SampleReports.GENERATED);
        assertThat(pdf.getDocumentCatalog().getDocumentOutline()).as("bookmarks").isNotNull();
    }

    @Test
    void aGeneralUseReportHasNoRestrictedUseNotice() throws IOException {
        ReportDocument base = SampleReports.soc2TypeII();
        ReportDocument soc3 = new ReportDocument("SOC 3 Report", null, base.organization(), "Nordlicht · SOC 3",
                null, base.generatedAt(), null, base.sections().subList(0, 2));
        try (PDDocument d = Loader.loadPDF(pdfOf(soc3))) {
            for (int p = 1; p <= d.getNumberOfPages(); p++) {
                assertThat(pageText(d, p)).contains("Nordlicht · SOC 3").doesNotContainIgnoringCase("restricted");
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    static byte[] pdfOf(ReportDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RENDERER.pdf(doc, out);
        return out.toByteArray();
    }

    static String pageText(PDDocument d, int page) {
        try {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            return stripper.getText(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page's text without the running header (first two lines) and the page number line. */
    private static String bodyOf(String page) {
        String text = page.replace(SampleReports.RUNNING_HEADER + "\n", "").replace(SampleReports.RESTRICTED + "\n", "");
        return flat(text.replaceAll("(?m)^Page \\d+ of \\d+\\R", ""));
    }

    /** Text with line breaks (also those after a hyphen) joined, runs of white space as one space. */
    static String flat(String text) {
        return text.replaceAll("-[ \\t]*\\R", "-").replaceAll("\\s+", " ").strip();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    static long nonWhite(BufferedImage image) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb & 0xFF) < 235 || ((rgb >> 8) & 0xFF) < 235 || ((rgb >> 16) & 0xFF) < 235) {
                    n++;
                }
            }
        }
        return n;
    }
}
