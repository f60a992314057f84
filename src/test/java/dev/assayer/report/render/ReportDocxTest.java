package dev.assayer.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.report.internal.render.ReportRenderer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Word version, reopened with POI as the CPA firm's Word would read it. */
class ReportDocxTest {

    private static byte[] bytes;
    private static XWPFDocument word;

    @BeforeAll
    static void render() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReportRenderer().docx(SampleReports.soc2TypeII(), out);
        bytes = out.toByteArray();
        Files.write(RenderOutput.dir().resolve("soc2-type2.docx"), bytes);
        word = new XWPFDocument(new ByteArrayInputStream(bytes));
    }

    @AfterAll
    static void close() throws IOException {
        word.close();
    }

    private static List<String> textsWithStyle(String styleId) {
        return word.getParagraphs().stream().filter(p -> styleId.equals(p.getStyleID())).map(XWPFParagraph::getText)
                .toList();
    }

    @Test
    void sectionsAndSubHeadingsUseWordsHeadingStyles() {
        assertThat(textsWithStyle("Heading1")).containsExactly("Section I: Independent Service Auditor's Report",
                "Section II: Management's Assertion", "Section III: Description of the System",
                "Section IV: Trust Services Criteria, Related Controls and Tests of Controls",
                "Section V: Other Information Provided by Management");
        assertThat(textsWithStyle("Heading2")).contains("DC1 Services provided", "CC6.1 Logical access security",
                "Management's responses to deviations");
        assertThat(textsWithStyle("Heading3")).containsExactly("Boundaries");
        for (int level = 1; level <= 3; level++) {
            XWPFStyle style = word.getStyles().getStyle("Heading" + level);
            assertThat(style.getName()).isEqualTo("heading " + level);
            assertThat(style.getCTStyle().getPPr().getOutlineLvl().getVal().intValue()).isEqualTo(level - 1);
        }
    }

    @Test
    void aTableOfContentsFieldIsUpdatedWhenTheDocumentOpens() {
        assertThat(word.isEnforcedUpdateFields()).isTrue();
        String instructions = word.getParagraphs().stream()
                .flatMap(p -> p.getRuns().stream())
                .flatMap(r -> r.getCTR().getInstrTextList().stream())
                .map(t -> t.getStringValue()).collect(Collectors.joining());
        assertThat(instructions).contains("TOC \\o \"1-3\"");
    }

    @Test
    void headerCarriesTheRunningHeaderAndNoticeAndFooterNumbersPages() {
        XWPFHeader header = word.getHeaderFooterPolicy().getDefaultHeader();
        assertThat(header.getText()).contains(SampleReports.RUNNING_HEADER, SampleReports.RESTRICTED);
        XWPFFooter footer = word.getHeaderFooterPolicy().getDefaultFooter();
        String fields = footer.getParagraphs().stream().flatMap(p -> p.getCTP().getFldSimpleList().stream())
                .map(f -> f.getInstr().strip()).collect(Collectors.joining("|"));
        assertThat(fields).contains("PAGE \\* MERGEFORMAT", "NUMPAGES \\* MERGEFORMAT");
        assertThat(footer.getText()).startsWith("Page ").contains(" of ");
    }

    @Test
    void tablesRepeatTheirHeaderRowAndRowsDoNotSplit() {
        XWPFTable results = word.getTables().stream()
                .filter(t -> t.getRow(0).getCell(0).getText().equals(SampleReports.LONG_TABLE_HEADER_1)).findFirst()
                .orElseThrow();
        assertThat(results.getRows()).hasSize(SampleReports.LONG_TABLE_ROWS + 1);
        assertThat(results.getRow(0).isRepeatHeader()).isTrue();
        assertThat(results.getRow(0).getCell(2).getText()).isEqualTo(SampleReports.LONG_TABLE_HEADER_3);
        for (XWPFTableRow row : results.getRows()) {
            assertThat(row.isCantSplitRow()).isTrue();
        }
        assertThat(results.getRow(1).isRepeatHeader()).isFalse();
    }

    @Test
    void recordedTextCarriesASmallItalicAttributionLine() {
        XWPFTable results = word.getTables().stream()
                .filter(t -> t.getRow(0).getCell(0).getText().equals(SampleReports.LONG_TABLE_HEADER_1)).findFirst()
                .orElseThrow();
        List<XWPFParagraph> cell = results.getRow(1).getCell(2).getParagraphs();
        assertThat(cell.get(0).getText()).isEqualTo("No exceptions noted.");
        XWPFRun attribution = cell.get(1).getRuns().get(0);
        assertThat(attribution.text()).isEqualTo("Test result recorded by Ana Müller-Sánchez on 2026-07-02");
        assertThat(attribution.isItalic()).isTrue();
        assertThat(attribution.getFontSizeAsDouble()).isLessThan(9.0);
        assertThat(results.getRow(17).getCell(2).getText()).isEqualTo("No result recorded");
        assertThat(word.getParagraphs().stream().map(XWPFParagraph::getText))
                .contains("Assertion recorded by Zoë Łukasiewicz-Ødegaard on 2026-07-02");
    }

    @Test
    void placeholdersAreShadedBoxedAndLabelled() {
        List<XWPFParagraph> paragraphs = word.getParagraphs();
        int at = -1;
        for (int i = 0; i < paragraphs.size(); i++) {
            if (paragraphs.get(i).getText().startsWith("Section I is supplied by the service auditor")) {
                at = i;
            }
        }
        assertThat(at).isPositive();
        XWPFParagraph text = paragraphs.get(at);
        assertThat(paragraphs.get(at - 1).getText()).isEqualTo("PLACEHOLDER, NOT REPORT CONTENT");
        assertThat(text.getCTP().getPPr().getShd().getFill()).isNotNull();
        assertThat(text.getBorderTop()).isNotNull();
        assertThat(text.getBorderLeft().name()).isEqualTo("SINGLE");
    }

    @Test
    void theDocumentStaysEditableTextInAnyScript() {
        String xml = word.getDocument().xmlText();
        assertThat(xml).doesNotContain("<w:sdt").doesNotContain("documentProtection");
        assertThat(word.getAllPictures()).isEmpty();
        assertThat(word.getSettings().getCTSettings().isSetDocumentProtection()).isFalse();
        String all = word.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.joining("\n"))
                + word.getTables().stream().map(XWPFTable::getText).collect(Collectors.joining("\n"));
        assertThat(all).contains(SampleReports.SCRIPT, "Ингестор", "José Ñúñez, SRE", SampleReports.LONG_WORD,
                "Signed electronically on 2026-07-10 16:42 UTC");
        assertThat(word.getProperties().getCoreProperties().getTitle()).isEqualTo("SOC 2 Type II Report");
        assertThat(word.getProperties().getCoreProperties().getCreator()).isEqualTo(SampleReports.ORG);
    }
}
