package dev.assayer.report.internal.render;

import static dev.assayer.report.internal.render.Text.blank;
import static dev.assayer.report.internal.render.Text.esc;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link ReportDocument} as well-formed XHTML, either for the screen (standalone HTML: a
 * header, a linked table of contents) or for openhtmltopdf (cover page, running header element,
 * table of contents with page numbers, PDF bookmarks). Everything from the document is escaped;
 * nothing is loaded from outside and no script is written.
 */
final class ReportXhtml {

    enum Mode { SCREEN, PRINT }

    /** One entry of the table of contents: anchor, text and level (1 = section, 2 = sub-heading). */
    record TocEntry(String anchor, String text, int level) {
    }

    private final ReportDocument doc;
    private final Mode mode;
    private final StringBuilder out;

    private ReportXhtml(ReportDocument doc, Mode mode) {
        this.doc = doc;
        this.mode = mode;
        this.out = new StringBuilder(4096 + doc.sections().size() * 4096);
    }

    static String render(ReportDocument doc, Mode mode, String css) {
        ReportXhtml x = new ReportXhtml(doc, mode);
        x.document(css);
        return x.out.toString();
    }

    /** Section anchors are "sec-N", headings inside a section "sec-N-M" (N, M counting from 1). */
    static List<TocEntry> toc(ReportDocument doc) {
        List<TocEntry> entries = new ArrayList<>();
        int s = 0;
        for (Section section : doc.sections()) {
            s++;
            entries.add(new TocEntry("sec-" + s, Text.sectionTitle(section), 1));
            int b = 0;
            for (Block block : section.blocks()) {
                b++;
                if (block instanceof Heading h && h.level() <= 2) {
                    entries.add(new TocEntry("sec-" + s + "-" + b, nz(h.text()), 2));
                }
            }
        }
        return entries;
    }

    private void document(String css) {
        List<TocEntry> toc = toc(doc);
        out.append(mode == Mode.SCREEN ? "<!DOCTYPE html>\n" : "");
        out.append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        if (mode == Mode.SCREEN) {
            out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        }
        out.append("<title>").append(esc(docTitle())).append("</title>\n");
        meta("author", doc.organization());
        meta("subject", doc.subtitle());
        if (mode == Mode.SCREEN) {
            meta("generator", "Assayer");
        }
        out.append("<style>\n").append(css).append("\n</style>\n");
        if (mode == Mode.PRINT) {
            bookmarks(toc);
        }
        out.append("</head>\n<body>\n");
        if (mode == Mode.PRINT) {
            runningHeader();
        }
        cover();
        contents(toc);
        int s = 0;
        for (Section section : doc.sections()) {
            s++;
            section(section, s);
        }
        out.append("</body>\n</html>\n");
    }

    private String docTitle() {
        return blank(doc.title()) ? "Report" : doc.title();
    }

    private void meta(String name, String content) {
        if (!blank(content)) {
            out.append("<meta name=\"").append(name).append("\" content=\"").append(esc(content)).append("\"/>\n");
        }
    }

    private void bookmarks(List<TocEntry> toc) {
        out.append("<bookmarks>\n");
        boolean open = false;
        for (TocEntry e : toc) {
            if (e.level() == 1) {
                if (open) {
                    out.append("</bookmark>\n");
                }
                out.append("<bookmark name=\"").append(esc(e.text())).append("\" href=\"#").append(e.anchor()).append("\">");
                open = true;
            } else if (open) {
                out.append("<bookmark name=\"").append(esc(e.text())).append("\" href=\"#").append(e.anchor())
                        .append("\"/>");
            }
        }
        if (open) {
            out.append("</bookmark>\n");
        }
        out.append("</bookmarks>\n");
    }

    /** The element openhtmltopdf moves into the top margin of every page (CSS position: running). */
    private void runningHeader() {
        out.append("<div class=\"running-header\">");
        out.append("<div class=\"rh-main\">").append(esc(blank(doc.runningHeader()) ? docTitle() : doc.runningHeader()))
                .append("</div>");
        if (!blank(doc.restrictedUse())) {
            out.append("<div class=\"rh-restricted\">").append(esc(doc.restrictedUse())).append("</div>");
        }
        out.append("</div>\n");
    }

    private void cover() {
        out.append(mode == Mode.PRINT ? "<div class=\"cover\">\n" : "<header class=\"cover\">\n");
        if (!blank(doc.organization())) {
            out.append("<p class=\"cover-org\">").append(esc(doc.organization())).append("</p>\n");
        }
        out.append("<p class=\"cover-title\">").append(esc(docTitle())).append("</p>\n");
        if (!blank(doc.subtitle())) {
            out.append("<p class=\"cover-subtitle\">").append(esc(doc.subtitle())).append("</p>\n");
        }
        if (!blank(doc.versionLabel())) {
            out.append("<p class=\"cover-version\">").append(esc(doc.versionLabel())).append("</p>\n");
        }
        if (doc.generatedAt() != null) {
            out.append("<p class=\"cover-generated\">Generated ").append(esc(Text.dateTime(doc.generatedAt())))
                    .append("</p>\n");
        }
        if (!blank(doc.restrictedUse())) {
            out.append("<div class=\"restricted\">");
            if (!doc.restrictedUse().strip().toLowerCase(java.util.Locale.ROOT).startsWith("restricted")) {
                out.append("<span class=\"restricted-label\">Restricted use</span> ");
            }
            out.append(esc(doc.restrictedUse())).append("</div>\n");
        }
        out.append(mode == Mode.PRINT ? "</div>\n" : "</header>\n");
    }

    private void contents(List<TocEntry> toc) {
        out.append("<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<p class=\"toc-title\" id=\"toc-title\">Contents</p>\n<ul>\n");
        for (TocEntry e : toc) {
            out.append("<li class=\"toc-").append(e.level()).append("\"><a href=\"#").append(e.anchor()).append("\">");
            if (mode == Mode.PRINT) {
                out.append("<span class=\"toc-text\">").append(esc(e.text())).append("</span>");
            } else {
                out.append(esc(e.text()));
            }
            out.append("</a></li>\n");
        }
        out.append("</ul>\n</nav>\n");
    }

    private void section(Section section, int s) {
        out.append("<section class=\"section\" id=\"sec-").append(s).append("\">\n<h1>")
                .append(esc(Text.sectionTitle(section))).append("</h1>\n");
        int b = 0;
        for (Block block : section.blocks()) {
            b++;
            block(block, "sec-" + s + "-" + b);
        }
        out.append("</section>\n");
    }

    private void block(Block block, String anchor) {
        switch (block) {
            case Heading h -> {
                int level = Math.max(2, Math.min(3, h.level()));
                out.append("<h").append(level).append(" id=\"").append(anchor).append("\">").append(esc(h.text()))
                        .append("</h").append(level).append(">\n");
            }
            case Paragraph p -> paragraphs(p.text(), "");
            case Bullets b -> {
                out.append("<ul class=\"bullets\">\n");
                for (String item : b.items()) {
                    out.append("<li>");
                    lines(item);
                    out.append("</li>\n");
                }
                out.append("</ul>\n");
            }
            case Table t -> table(t);
            case Placeholder p -> {
                out.append("<div class=\"placeholder\" role=\"note\"><p class=\"placeholder-label\">Placeholder, not report content</p>");
                paragraphs(p.text(), "placeholder-text");
                out.append("</div>\n");
            }
            case Recorded r -> {
                out.append("<div class=\"recorded\"");
                titleAttr(r.recorded());
                out.append(">");
                paragraphs(r.text(), "");
                attributionLine(r.recorded());
                out.append("</div>\n");
            }
            case Signature sig -> {
                out.append("<div class=\"signature\">");
                boolean first = true;
                for (String line : Text.signatureLines(sig)) {
                    out.append("<p class=\"").append(first ? "sig-name" : "sig-line").append("\">").append(esc(line))
                            .append("</p>");
                    first = false;
                }
                out.append("</div>\n");
            }
        }
    }

    private void table(Table t) {
        int columns = Math.max(t.headers().size(), t.rows().stream().mapToInt(List::size).max().orElse(0));
        if (columns == 0) {
            return;
        }
        out.append("<table class=\"grid\">\n<colgroup>");
        List<Integer> widths = t.widthsPercent();
        for (int c = 0; c < columns; c++) {
            double width = widths.size() == columns ? widths.get(c) : 100.0 / columns;
            out.append("<col style=\"width: ").append(String.format(java.util.Locale.ROOT, "%.2f", width)).append("%\"/>");
        }
        out.append("</colgroup>\n");
        if (!t.headers().isEmpty()) {
            out.append("<thead><tr>");
            for (int c = 0; c < columns; c++) {
                out.append("<th scope=\"col\">").append(esc(c < t.headers().size() ? t.headers().get(c) : ""))
                        .append("</th>");
            }
            out.append("</tr></thead>\n");
        }
        out.append("<tbody>\n");
        for (List<Cell> row : t.rows()) {
            out.append("<tr>");
            for (int c = 0; c < columns; c++) {
                Cell cell = c < row.size() ? row.get(c) : null;
                if (cell == null) {
                    out.append("<td></td>");
                    continue;
                }
                out.append("<td");
                if (cell.recorded() != null) {
                    out.append(" class=\"recorded-cell\"");
                    titleAttr(cell.recorded());
                }
                out.append(">");
                List<String> paras = Text.paragraphs(cell.text());
                for (int i = 0; i < paras.size(); i++) {
                    if (i > 0) {
                        out.append("<br/><br/>");
                    }
                    lines(paras.get(i));
                }
                attributionLine(cell.recorded());
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private void titleAttr(Attribution a) {
        if (a != null && mode == Mode.SCREEN) {
            out.append(" title=\"").append(esc(Text.attribution(a))).append("\"");
        }
    }

    private void attributionLine(Attribution a) {
        if (a != null) {
            out.append("<span class=\"attribution\">").append(esc(Text.attribution(a))).append("</span>");
        }
    }

    private void paragraphs(String text, String cssClass) {
        for (String p : Text.paragraphs(text)) {
            out.append(cssClass.isEmpty() ? "<p>" : "<p class=\"" + cssClass + "\">");
            lines(p);
            out.append("</p>\n");
        }
    }

    private void lines(String text) {
        String[] lines = Text.lines(nz(text));
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append("<br/>");
            }
            out.append(esc(lines[i]));
        }
    }
}
