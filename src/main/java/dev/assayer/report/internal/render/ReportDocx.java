package dev.assayer.report.internal.render;

import static dev.assayer.report.internal.render.Text.blank;
import static dev.assayer.report.internal.render.Text.nz;

import dev.assayer.report.ReportDocument;
import dev.assayer.report.ReportDocument.Attribution;
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
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowHeightRule;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTShd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSimpleField;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STShd;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;

/**
 * Writes a {@link ReportDocument} as an editable Word document with Apache POI: built-in Heading
 * 1–3 styles (navigation pane, TOC), a TOC field Word fills when the file is opened
 * (w:updateFields), the running header and restricted-use notice in the page header, "Page X of Y"
 * fields in the footer, tables whose header row repeats and whose rows do not split, placeholders
 * as shaded boxed paragraphs and attributions as small italic lines. No content controls, no
 * protection, no pictures: everything is text the CPA firm can change.
 */
final class ReportDocx {

    private static final String FONT = "Arial";
    /** A4 in twentieths of a point, with 2 cm side margins. */
    private static final int PAGE_W = 11906;
    private static final int PAGE_H = 16838;
    private static final int MARGIN = 1134;
    private static final int TEXT_W = PAGE_W - 2 * MARGIN;
    private static final String PLACEHOLDER_FILL = "EDEDED";
    private static final String HEADER_FILL = "E3E3E3";

    private final ReportDocument doc;
    private final XWPFDocument word = new XWPFDocument();
    private BigInteger bulletNumId;

    private ReportDocx(ReportDocument doc) {
        this.doc = doc;
    }

    static void write(ReportDocument doc, OutputStream out) throws IOException {
        ReportDocx d = new ReportDocx(doc);
        try (XWPFDocument w = d.word) {
            d.build();
            w.write(out);
        }
    }

    private void build() {
        styles();
        properties();
        page();
        cover();
        contents();
        int s = 0;
        for (Section section : doc.sections()) {
            s++;
            section(section, s);
        }
    }

    // ---- styles, properties, page -------------------------------------------------------------

    private void styles() {
        XWPFStyles styles = word.createStyles();
        CTFonts fonts = CTFonts.Factory.newInstance();
        fonts.setAscii(FONT);
        fonts.setHAnsi(FONT);
        fonts.setCs(FONT);
        fonts.setEastAsia(FONT);
        styles.setDefaultFonts(fonts);
        styles.addStyle(paragraphStyle("Normal", "Normal", null, 0, 20, false, 0, 120));
        styles.addStyle(paragraphStyle("Title", "Title", "Normal", -1, 48, true, 0, 120));
        styles.addStyle(paragraphStyle("Subtitle", "Subtitle", "Normal", -1, 28, false, 0, 240));
        styles.addStyle(paragraphStyle("Heading1", "heading 1", "Normal", 0, 32, true, 240, 120));
        styles.addStyle(paragraphStyle("Heading2", "heading 2", "Normal", 1, 26, true, 240, 80));
        styles.addStyle(paragraphStyle("Heading3", "heading 3", "Normal", 2, 22, true, 160, 60));
        styles.addStyle(paragraphStyle("TOCHeading", "TOC Heading", "Normal", -1, 32, true, 0, 160));
        styles.addStyle(paragraphStyle("Header", "header", "Normal", -1, 15, false, 0, 0));
        styles.addStyle(paragraphStyle("Footer", "footer", "Normal", -1, 16, false, 0, 0));
    }

    /**
     * A paragraph style; {@code outline} 0–2 makes it a heading level Word's TOC and navigation
     * pane collect (-1: none). Sizes in half-points, spacing in twentieths of a point.
     */
    private static XWPFStyle paragraphStyle(String id, String name, String basedOn, int outline, int halfPoints,
            boolean bold, int before, int after) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setType(STStyleType.PARAGRAPH);
        style.setStyleId(id);
        style.addNewName().setVal(name);
        if ("Normal".equals(id)) {
            style.setDefault(true);
        }
        if (basedOn != null) {
            style.addNewBasedOn().setVal(basedOn);
            style.addNewNext().setVal("Normal");
        }
        style.addNewQFormat();
        if (outline >= 0) {
            style.addNewUiPriority().setVal(BigInteger.valueOf(9));
        }
        CTPPrGeneral ppr = style.addNewPPr();
        if (outline >= 0) {
            ppr.addNewKeepNext();
            ppr.addNewKeepLines();
            ppr.addNewOutlineLvl().setVal(BigInteger.valueOf(outline));
        }
        var spacing = ppr.addNewSpacing();
        spacing.setBefore(BigInteger.valueOf(before));
        spacing.setAfter(BigInteger.valueOf(after));
        CTRPr rpr = style.addNewRPr();
        CTFonts f = rpr.addNewRFonts();
        f.setAscii(FONT);
        f.setHAnsi(FONT);
        f.setCs(FONT);
        rpr.addNewSz().setVal(BigInteger.valueOf(halfPoints));
        rpr.addNewSzCs().setVal(BigInteger.valueOf(halfPoints));
        if (bold) {
            rpr.addNewB();
            rpr.addNewBCs();
        }
        return new XWPFStyle(style);
    }

    private void properties() {
        POIXMLProperties.CoreProperties core = word.getProperties().getCoreProperties();
        core.setTitle(nz(doc.title()));
        core.setCreator(nz(doc.organization()));
        core.setSubjectProperty(nz(doc.subtitle()));
        if (doc.generatedAt() != null) {
            core.setCreated(Optional.of(java.util.Date.from(doc.generatedAt())));
            core.setModified(Optional.of(java.util.Date.from(doc.generatedAt())));
        }
        word.getProperties().getExtendedProperties().getUnderlyingProperties().setApplication("Assayer");
        word.enforceUpdateFields();
    }

    private void page() {
        CTSectPr sect = word.getDocument().getBody().isSetSectPr() ? word.getDocument().getBody().getSectPr()
                : word.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
        size.setW(BigInteger.valueOf(PAGE_W));
        size.setH(BigInteger.valueOf(PAGE_H));
        CTPageMar mar = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
        mar.setTop(BigInteger.valueOf(1418));
        mar.setBottom(BigInteger.valueOf(1134));
        mar.setLeft(BigInteger.valueOf(MARGIN));
        mar.setRight(BigInteger.valueOf(MARGIN));
        mar.setHeader(BigInteger.valueOf(567));
        mar.setFooter(BigInteger.valueOf(567));
        mar.setGutter(BigInteger.ZERO);

        XWPFHeader header = word.createHeader(HeaderFooterType.DEFAULT);
        XWPFParagraph main = header.getParagraphs().isEmpty() ? header.createParagraph() : header.getParagraphs().get(0);
        main.setStyle("Header");
        main.setAlignment(ParagraphAlignment.CENTER);
        XWPFRun run = main.createRun();
        run.setBold(true);
        run.setFontSize(8);
        run.setText(Text.xmlSafe(blank(doc.runningHeader()) ? nz(doc.title()) : doc.runningHeader()));
        if (!blank(doc.restrictedUse())) {
            XWPFParagraph notice = header.createParagraph();
            notice.setStyle("Header");
            notice.setAlignment(ParagraphAlignment.CENTER);
            XWPFRun r = notice.createRun();
            r.setFontSize(7);
            r.setText(Text.xmlSafe(doc.restrictedUse()));
        }
        header.getParagraphs().get(header.getParagraphs().size() - 1).setBorderBottom(Borders.SINGLE);

        XWPFFooter footer = word.createFooter(HeaderFooterType.DEFAULT);
        XWPFParagraph p = footer.getParagraphs().isEmpty() ? footer.createParagraph() : footer.getParagraphs().get(0);
        p.setStyle("Footer");
        p.setAlignment(ParagraphAlignment.CENTER);
        p.createRun().setText("Page ");
        simpleField(p, "PAGE", "1");
        p.createRun().setText(" of ");
        simpleField(p, "NUMPAGES", "1");
    }

    private static void simpleField(XWPFParagraph p, String instruction, String shown) {
        CTSimpleField field = p.getCTP().addNewFldSimple();
        field.setInstr(" " + instruction + " \\* MERGEFORMAT ");
        CTR r = field.addNewR();
        r.addNewT().setStringValue(shown);
    }

    // ---- front matter ------------------------------------------------------------------------

    private void cover() {
        for (int i = 0; i < 6; i++) {
            word.createParagraph();
        }
        if (!blank(doc.organization())) {
            XWPFParagraph org = word.createParagraph();
            org.setStyle("Subtitle");
            org.createRun().setText(Text.xmlSafe(doc.organization()));
        }
        XWPFParagraph title = word.createParagraph();
        title.setStyle("Title");
        title.createRun().setText(Text.xmlSafe(blank(doc.title()) ? "Report" : doc.title()));
        if (!blank(doc.subtitle())) {
            XWPFParagraph sub = word.createParagraph();
            sub.setStyle("Subtitle");
            sub.createRun().setText(Text.xmlSafe(doc.subtitle()));
        }
        if (!blank(doc.versionLabel())) {
            XWPFParagraph v = word.createParagraph();
            v.setSpacingAfter(0);
            XWPFRun run = v.createRun();
            run.setBold(true);
            run.setText(Text.xmlSafe(doc.versionLabel()));
        }
        if (doc.generatedAt() != null) {
            word.createParagraph().createRun().setText("Generated " + Text.dateTime(doc.generatedAt()));
        }
        if (!blank(doc.restrictedUse())) {
            word.createParagraph();
            XWPFParagraph box = word.createParagraph();
            boxed(box, null);
            if (!doc.restrictedUse().strip().toLowerCase(java.util.Locale.ROOT).startsWith("restricted")) {
                XWPFRun label = box.createRun();
                label.setBold(true);
                label.setText("RESTRICTED USE  ");
            }
            box.createRun().setText(Text.xmlSafe(doc.restrictedUse()));
        }
        pageBreak();
    }

    /** The Word TOC field over Heading 1–3, marked dirty so Word builds it when the file opens. */
    private void contents() {
        XWPFParagraph heading = word.createParagraph();
        heading.setStyle("TOCHeading");
        heading.createRun().setText("Contents");
        XWPFParagraph p = word.createParagraph();
        XWPFRun begin = p.createRun();
        var fc = begin.getCTR().addNewFldChar();
        fc.setFldCharType(STFldCharType.BEGIN);
        fc.setDirty(true);
        XWPFRun instr = p.createRun();
        var it = instr.getCTR().addNewInstrText();
        it.setStringValue(" TOC \\o \"1-3\" \\h \\z \\u ");
        it.setSpace(org.apache.xmlbeans.impl.xb.xmlschema.SpaceAttribute.Space.PRESERVE);
        p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.SEPARATE);
        XWPFRun shown = p.createRun();
        shown.setItalic(true);
        shown.setText("The table of contents is built when the document is opened in Word "
                + "(or: right-click here and choose Update Field).");
        p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.END);
    }

    private void pageBreak() {
        word.createParagraph().createRun().addBreak(BreakType.PAGE);
    }

    // ---- sections and blocks -----------------------------------------------------------------

    private void section(Section section, int s) {
        XWPFParagraph h = word.createParagraph();
        h.setStyle("Heading1");
        h.setPageBreak(true);
        bookmark(h, "sec-" + s);
        h.createRun().setText(Text.xmlSafe(Text.sectionTitle(section)));
        for (Block block : section.blocks()) {
            block(block);
        }
    }

    private static void bookmark(XWPFParagraph p, String name) {
        var start = p.getCTP().addNewBookmarkStart();
        BigInteger id = BigInteger.valueOf(Math.abs((long) name.hashCode()) % 1_000_000_000L);
        start.setId(id);
        start.setName(name.replace('-', '_'));
        p.getCTP().addNewBookmarkEnd().setId(id);
    }

    private void block(Block block) {
        switch (block) {
            case Heading h -> {
                XWPFParagraph p = word.createParagraph();
                p.setStyle(h.level() <= 2 ? "Heading2" : "Heading3");
                p.createRun().setText(Text.xmlSafe(h.text()));
            }
            case Paragraph para -> {
                for (String text : Text.paragraphs(para.text())) {
                    lines(word.createParagraph(), text, false, 0);
                }
            }
            case Bullets b -> {
                BigInteger numId = bulletNumbering();
                for (String item : b.items()) {
                    XWPFParagraph p = word.createParagraph();
                    p.setNumID(numId);
                    p.setNumILvl(BigInteger.ZERO);
                    p.setSpacingAfter(40);
                    lines(p, nz(item).strip(), false, 0);
                }
            }
            case Table t -> table(t);
            case Placeholder ph -> {
                XWPFParagraph label = word.createParagraph();
                boxed(label, PLACEHOLDER_FILL);
                label.setSpacingAfter(0);
                XWPFRun l = label.createRun();
                l.setBold(true);
                l.setFontSize(7);
                l.setText("PLACEHOLDER, NOT REPORT CONTENT");
                List<String> paras = Text.paragraphs(ph.text());
                for (int i = 0; i < paras.size(); i++) {
                    XWPFParagraph p = word.createParagraph();
                    boxed(p, PLACEHOLDER_FILL);
                    p.setSpacingAfter(i == paras.size() - 1 ? 160 : 0);
                    lines(p, paras.get(i), false, 0);
                }
            }
            case Recorded r -> {
                for (String text : Text.paragraphs(r.text())) {
                    XWPFParagraph p = word.createParagraph();
                    p.setBorderLeft(Borders.SINGLE);
                    p.setIndentationLeft(170);
                    p.setSpacingAfter(60);
                    lines(p, text, false, 0);
                }
                if (r.recorded() != null) {
                    XWPFParagraph p = word.createParagraph();
                    p.setIndentationLeft(170);
                    attribution(p, r.recorded());
                }
            }
            case Signature sig -> {
                word.createParagraph();
                boolean first = true;
                for (String line : Text.signatureLines(sig)) {
                    XWPFParagraph p = word.createParagraph();
                    p.setSpacingAfter(0);
                    if (first) {
                        p.setBorderTop(Borders.SINGLE);
                        p.setIndentationRight(TEXT_W / 2);
                    }
                    XWPFRun run = p.createRun();
                    run.setBold(first);
                    run.setText(Text.xmlSafe(line));
                    first = false;
                }
                word.createParagraph();
            }
        }
    }

    private void table(Table t) {
        int columns = Math.max(t.headers().size(), t.rows().stream().mapToInt(List::size).max().orElse(0));
        if (columns == 0) {
            return;
        }
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            double pct = t.widthsPercent().size() == columns ? t.widthsPercent().get(c) : 100.0 / columns;
            widths[c] = (int) Math.round(TEXT_W * pct / 100.0);
        }
        boolean hasHeader = !t.headers().isEmpty();
        int rows = t.rows().size() + (hasHeader ? 1 : 0);
        if (rows == 0) {
            return;
        }
        XWPFTable table = word.createTable(rows, columns);
        CTTblPr tblPr = table.getCTTbl().getTblPr() == null ? table.getCTTbl().addNewTblPr() : table.getCTTbl().getTblPr();
        CTTblWidth tw = tblPr.isSetTblW() ? tblPr.getTblW() : tblPr.addNewTblW();
        tw.setType(STTblWidth.DXA);
        tw.setW(BigInteger.valueOf(TEXT_W));
        CTTblLayoutType layout = tblPr.isSetTblLayout() ? tblPr.getTblLayout() : tblPr.addNewTblLayout();
        layout.setType(STTblLayoutType.FIXED);
        CTTblGrid grid = table.getCTTbl().getTblGrid() == null ? table.getCTTbl().addNewTblGrid()
                : table.getCTTbl().getTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int w : widths) {
            grid.addNewGridCol().setW(BigInteger.valueOf(w));
        }
        table.setTopBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "999999");
        table.setBottomBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "999999");
        table.setLeftBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "999999");
        table.setRightBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "999999");
        table.setInsideHBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "999999");
        table.setInsideVBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "999999");
        table.setCellMargins(40, 80, 40, 80);

        int r = 0;
        if (hasHeader) {
            XWPFTableRow row = table.getRow(r++);
            row.setRepeatHeader(true);
            row.setCantSplitRow(true);
            for (int c = 0; c < columns; c++) {
                XWPFTableCell cell = row.getCell(c);
                width(cell, widths[c]);
                cell.setColor(HEADER_FILL);
                XWPFParagraph p = cell.getParagraphs().get(0);
                p.setSpacingAfter(0);
                lines(p, c < t.headers().size() ? nz(t.headers().get(c)) : "", true, 8);
            }
        }
        for (List<Cell> cells : t.rows()) {
            XWPFTableRow row = table.getRow(r++);
            row.setCantSplitRow(true);
            row.setHeightRule(TableRowHeightRule.AUTO);
            for (int c = 0; c < columns; c++) {
                XWPFTableCell cell = row.getCell(c);
                width(cell, widths[c]);
                Cell value = c < cells.size() ? cells.get(c) : null;
                XWPFParagraph p = cell.getParagraphs().get(0);
                p.setSpacingAfter(0);
                if (value == null) {
                    continue;
                }
                List<String> paras = Text.paragraphs(value.text());
                for (int i = 0; i < paras.size(); i++) {
                    XWPFParagraph target = i == 0 ? p : cell.addParagraph();
                    target.setSpacingAfter(0);
                    lines(target, paras.get(i), false, 8);
                }
                if (value.recorded() != null) {
                    XWPFParagraph a = cell.addParagraph();
                    a.setSpacingAfter(0);
                    attribution(a, value.recorded());
                }
            }
        }
        word.createParagraph().setSpacingAfter(0);
    }

    private static void width(XWPFTableCell cell, int twips) {
        CTTcPr pr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
        CTTblWidth w = pr.isSetTcW() ? pr.getTcW() : pr.addNewTcW();
        w.setType(STTblWidth.DXA);
        w.setW(BigInteger.valueOf(twips));
    }

    // ---- runs and formatting -----------------------------------------------------------------

    /** Text with its line breaks as Word line breaks; {@code points} 0 keeps the style's size. */
    private static void lines(XWPFParagraph p, String text, boolean bold, int points) {
        XWPFRun run = p.createRun();
        if (bold) {
            run.setBold(true);
        }
        if (points > 0) {
            run.setFontSize(points);
        }
        String[] lines = Text.lines(Text.xmlSafe(text));
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                run.addBreak();
            }
            run.setText(lines[i], i);
        }
    }

    private static void attribution(XWPFParagraph p, Attribution a) {
        XWPFRun run = p.createRun();
        run.setItalic(true);
        run.setFontSize(7);
        run.setColor("444444");
        run.setText(Text.xmlSafe(Text.attribution(a)));
    }

    /** A paragraph with a border on every side and, when {@code fill} is given, a grey shading. */
    private static void boxed(XWPFParagraph p, String fill) {
        p.setBorderTop(Borders.SINGLE);
        p.setBorderBottom(Borders.SINGLE);
        p.setBorderLeft(Borders.SINGLE);
        p.setBorderRight(Borders.SINGLE);
        if (fill != null) {
            CTPPr ppr = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
            CTShd shd = ppr.isSetShd() ? ppr.getShd() : ppr.addNewShd();
            shd.setVal(STShd.CLEAR);
            shd.setColor("auto");
            shd.setFill(fill);
        }
    }

    /** One bullet list definition ("•", hanging indent) shared by every bullet list. */
    private BigInteger bulletNumbering() {
        if (bulletNumId != null) {
            return bulletNumId;
        }
        XWPFNumbering numbering = word.createNumbering();
        CTAbstractNum abs = CTAbstractNum.Factory.newInstance();
        abs.setAbstractNumId(BigInteger.ONE);
        CTLvl lvl = abs.addNewLvl();
        lvl.setIlvl(BigInteger.ZERO);
        lvl.addNewStart().setVal(BigInteger.ONE);
        lvl.addNewNumFmt().setVal(STNumberFormat.BULLET);
        lvl.addNewLvlText().setVal("\u2022");
        var ind = lvl.addNewPPr().addNewInd();
        ind.setLeft(BigInteger.valueOf(360));
        ind.setHanging(BigInteger.valueOf(360));
        BigInteger abstractId = numbering.addAbstractNum(new XWPFAbstractNum(abs, numbering));
        bulletNumId = numbering.addNum(abstractId);
        return bulletNumId;
    }
}
