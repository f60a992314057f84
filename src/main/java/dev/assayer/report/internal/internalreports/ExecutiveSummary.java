package dev.assayer.report.internal.internalreports;

import dev.assayer.finding.Finding;
import dev.assayer.finding.Severity;
import dev.assayer.readiness.ReadinessReport;
import dev.assayer.readiness.ReadinessReport.CategoryFigure;
import dev.assayer.readiness.ReadinessReport.Gap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one-page executive summary: readiness overall and per category, findings open by severity,
 * the leading gaps. The charts are vector graphics: inline SVG in the HTML, PDF path operators
 * (rectangles filled with PDFBox's content stream) in the PDF, which is drawn directly on one A4 page
 * with the bundled DejaVu fonts embedded. Facts and counts only, each labelled with its number (the
 * colours never carry meaning alone).
 */
public final class ExecutiveSummary {

    /** The figures on the page. {@code openBySeverity} counts open findings, LOW to CRITICAL. */
    public record Summary(String organization, String engagement, LocalDate asOf, Instant generatedAt, int readyPercent,
            int ready, int total, List<CategoryFigure> categories, Map<Severity, Integer> openBySeverity, int openFindings,
            int overdueFindings, int gaps, int controlsApplicable, int controlsImplemented, List<String> leadingGaps) {
    }

    static final int MAX_GAPS = 8;
    private static final float[] BAR = {0.16f, 0.40f, 0.69f};
    private static final float[][] SEVERITY = {{0.45f, 0.62f, 0.45f}, {0.93f, 0.69f, 0.13f}, {0.89f, 0.42f, 0.10f},
        {0.75f, 0.13f, 0.13f}};
    private static final String[] SEVERITY_HEX = {"#73a073", "#edb021", "#e36b1a", "#bf2121"};

    private ExecutiveSummary() {
    }

    public static Summary summary(InternalFacts f) {
        ReadinessReport r = f.readiness();
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            bySeverity.put(s, 0);
        }
        List<Finding> open = f.openFindings();
        open.forEach(x -> bySeverity.merge(x.severity(), 1, Integer::sum));
        List<Gap> gaps = r.gaps().stream().filter(g -> !g.kind().program()).toList();
        List<String> leading = new ArrayList<>();
        for (Gap g : gaps) {
            if (leading.size() == MAX_GAPS) {
                break;
            }
            leading.add(g.requirement() + (g.control() == null ? "" : " · " + g.control()) + ": " + g.kind().label());
        }
        int programGaps = r.programGaps().size();
        return new Summary(f.organization(), f.engagementLine(), r.referenceDate(), f.generatedAt(), r.overall().percent(),
                r.overall().ready(), r.overall().total(), r.categories(), bySeverity, open.size(),
                (int) open.stream().filter(Finding::overdue).count(), gaps.size() + programGaps,
                r.controlSummary().applicable(), r.controlSummary().implemented(), leading);
    }

    // ------------------------------------------------------------------------------------ HTML

    public static String html(Summary s) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Executive summary · ")
                .append(esc(s.organization())).append("</title><style>")
                .append("body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px auto;max-width:960px;color:#1b1b1b}")
                .append("h1{font-size:24px;margin:0}.sub{color:#444}.figures{display:flex;gap:12px;margin:16px 0}")
                .append(".figure{border:1px solid #bbb;padding:8px 12px;min-width:120px}.figure b{display:block;font-size:22px}")
                .append(".charts{display:flex;gap:24px;flex-wrap:wrap}figure{margin:0}figcaption{font-weight:bold;margin-bottom:6px}")
                .append("</style></head><body>\n<h1>Executive summary</h1>\n<p class=\"sub\">").append(esc(s.organization()))
                .append(" · ").append(esc(s.engagement())).append("<br/>Readiness as of ").append(s.asOf())
                .append("; internal report, figures as recorded in Assayer.</p>\n<div class=\"figures\">");
        figureHtml(b, s.readyPercent() + "%", "ready (" + s.ready() + " of " + s.total() + " requirements)");
        figureHtml(b, String.valueOf(s.gaps()), "gaps");
        figureHtml(b, String.valueOf(s.openFindings()), "open findings (" + s.overdueFindings() + " overdue)");
        figureHtml(b, s.controlsImplemented() + "/" + s.controlsApplicable(), "controls implemented");
        b.append("</div>\n<div class=\"charts\">");
        b.append("<figure><figcaption id=\"cat-cap\">Readiness by category</figcaption>").append(categorySvg(s))
                .append("</figure>");
        b.append("<figure><figcaption id=\"sev-cap\">Open findings by severity</figcaption>").append(severitySvg(s))
                .append("</figure></div>\n<h2>Leading gaps</h2>\n");
        if (s.leadingGaps().isEmpty()) {
            b.append("<p>No control or evidence gap is recorded.</p>\n");
        } else {
            b.append("<ul>");
            s.leadingGaps().forEach(g -> b.append("<li>").append(esc(g)).append("</li>"));
            b.append("</ul>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static void figureHtml(StringBuilder b, String value, String label) {
        b.append("<div class=\"figure\"><b>").append(esc(value)).append("</b>").append(esc(label)).append("</div>");
    }

    static String categorySvg(Summary s) {
        int rows = Math.max(1, s.categories().size());
        int h = 24 * rows + 10;
        StringBuilder b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"cat-cap\" width=\"460\" height=\"")
                .append(h).append("\" viewBox=\"0 0 460 ").append(h).append("\">");
        int y = 5;
        for (CategoryFigure c : s.categories()) {
            b.append("<text x=\"0\" y=\"").append(y + 14).append("\" font-size=\"12\">").append(esc(shorten(c.name(), 22)))
                    .append("</text><rect x=\"150\" y=\"").append(y + 2).append("\" width=\"200\" height=\"16\" fill=\"#e6e6e6\"/>")
                    .append("<rect x=\"150\" y=\"").append(y + 2).append("\" width=\"").append(2 * c.percent())
                    .append("\" height=\"16\" fill=\"#29669f\"/><text x=\"358\" y=\"").append(y + 14)
                    .append("\" font-size=\"12\">").append(c.percent()).append("% (").append(c.ready()).append('/')
                    .append(c.total()).append(")</text>");
            y += 24;
        }
        return b.append("</svg>").toString();
    }

    static String severitySvg(Summary s) {
        int max = Math.max(1, s.openBySeverity().values().stream().mapToInt(Integer::intValue).max().orElse(1));
        StringBuilder b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"sev-cap\" width=\"320\" height=\"170\" viewBox=\"0 0 320 170\">");
        b.append("<line x1=\"10\" y1=\"140\" x2=\"310\" y2=\"140\" stroke=\"#444\"/>");
        int i = 0;
        for (Severity sev : Severity.values()) {
            int n = s.openBySeverity().getOrDefault(sev, 0);
            int bh = n * 110 / max;
            int x = 20 + i * 75;
            b.append("<rect x=\"").append(x).append("\" y=\"").append(140 - bh).append("\" width=\"50\" height=\"").append(bh)
                    .append("\" fill=\"").append(SEVERITY_HEX[i]).append("\"/><text x=\"").append(x + 25).append("\" y=\"")
                    .append(134 - bh).append("\" font-size=\"12\" text-anchor=\"middle\">").append(n)
                    .append("</text><text x=\"").append(x + 25).append("\" y=\"158\" font-size=\"11\" text-anchor=\"middle\">")
                    .append(sev.name().charAt(0)).append(sev.name().substring(1).toLowerCase(java.util.Locale.ROOT))
                    .append("</text>");
            i++;
        }
        return b.append("</svg>").toString();
    }

    // ------------------------------------------------------------------------------------ PDF

    /** One A4 page; the same summary gives the same bytes. */
    public static byte[] pdf(Summary s) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDFont regular = font(doc, "DejaVuSans.ttf");
            PDFont bold = font(doc, "DejaVuSans-Bold.ttf");
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            float w = page.getMediaBox().getWidth();
            float left = 50;
            float right = w - 50;
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                Pen pen = new Pen(cs, regular, bold);
                pen.text(left, 800, 8, false, shorten(s.organization() + " · Executive summary", 110));
                pen.text(left, 770, 20, true, "Executive summary");
                pen.text(left, 750, 10, false, fit(regular, s.organization() + " · " + s.engagement(), 10, right - left));
                pen.text(left, 736, 9, false, "Readiness as of " + s.asOf()
                        + "; internal report, figures as recorded in Assayer.");

                String[][] figures = {{s.readyPercent() + "%", "ready (" + s.ready() + " of " + s.total() + ")"},
                    {String.valueOf(s.gaps()), "gaps"},
                    {String.valueOf(s.openFindings()), "open findings (" + s.overdueFindings() + " overdue)"},
                    {s.controlsImplemented() + "/" + s.controlsApplicable(), "controls implemented"}};
                float boxW = (right - left - 30) / 4;
                for (int i = 0; i < figures.length; i++) {
                    float x = left + i * (boxW + 10);
                    cs.setStrokingColor(0.7f, 0.7f, 0.7f);
                    cs.addRect(x, 670, boxW, 52);
                    cs.stroke();
                    pen.text(x + 8, 697, 18, true, figures[i][0]);
                    pen.text(x + 8, 680, 8, false, fit(regular, figures[i][1], 8, boxW - 12));
                }

                // chart 1: readiness by category, horizontal bars
                float y = 640;
                pen.text(left, y, 12, true, "Readiness by category");
                y -= 22;
                float barX = left + 150;
                float barW = 250;
                for (CategoryFigure c : s.categories()) {
                    pen.text(left, y + 3, 10, false, fit(regular, c.name(), 10, 145));
                    cs.setNonStrokingColor(0.90f, 0.90f, 0.90f);
                    cs.addRect(barX, y, barW, 14);
                    cs.fill();
                    cs.setNonStrokingColor(BAR[0], BAR[1], BAR[2]);
                    cs.addRect(barX, y, barW * c.percent() / 100f, 14);
                    cs.fill();
                    pen.text(barX + barW + 8, y + 3, 10, false, c.percent() + "% (" + c.ready() + "/" + c.total() + ")");
                    y -= 22;
                }

                // chart 2: open findings by severity, vertical bars with an axis
                y -= 12;
                pen.text(left, y, 12, true, "Open findings by severity");
                float base = y - 150;
                int max = Math.max(1, s.openBySeverity().values().stream().mapToInt(Integer::intValue).max().orElse(1));
                cs.setStrokingColor(0.25f, 0.25f, 0.25f);
                cs.moveTo(left, base);
                cs.lineTo(left + 330, base);
                cs.stroke();
                int i = 0;
                for (Severity sev : Severity.values()) {
                    int n = s.openBySeverity().getOrDefault(sev, 0);
                    float bh = n * 110f / max;
                    float x = left + 15 + i * 80;
                    cs.setNonStrokingColor(SEVERITY[i][0], SEVERITY[i][1], SEVERITY[i][2]);
                    cs.addRect(x, base, 50, bh);
                    cs.fill();
                    pen.centered(x + 25, base + bh + 5, 10, true, String.valueOf(n));
                    pen.centered(x + 25, base - 14, 9, false, sev.name().charAt(0)
                            + sev.name().substring(1).toLowerCase(java.util.Locale.ROOT));
                    i++;
                }

                // leading gaps
                y = base - 44;
                pen.text(left, y, 12, true, "Leading gaps");
                y -= 16;
                if (s.leadingGaps().isEmpty()) {
                    pen.text(left, y, 10, false, "No control or evidence gap is recorded.");
                }
                for (String g : s.leadingGaps()) {
                    if (y < 70) {
                        break;
                    }
                    pen.text(left, y, 9, false, fit(regular, "• " + g, 9, right - left));
                    y -= 13;
                }
                pen.text(left, 40, 8, false, "Generated " + s.generatedAt() + " by Assayer from recorded facts.");
                pen.text(right - regular.getStringWidth("Page 1 of 1") / 1000 * 8, 40, 8, false, "Page 1 of 1");
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(s.organization() + " · Executive summary");
            info.setProducer("Assayer");
            Calendar at = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            at.setTimeInMillis(s.generatedAt().toEpochMilli());
            info.setCreationDate(at);
            doc.getDocumentCatalog().getCOSObject().setItem(org.apache.pdfbox.cos.COSName.LANG,
                    new org.apache.pdfbox.cos.COSString("en"));
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw the executive summary", e);
        }
    }

    private record Pen(PDPageContentStream cs, PDFont regular, PDFont bold) {
        void text(float x, float y, float size, boolean strong, String s) throws IOException {
            cs.setNonStrokingColor(0.1f, 0.1f, 0.1f);
            cs.beginText();
            cs.setFont(strong ? bold : regular, size);
            cs.newLineAtOffset(x, y);
            cs.showText(s);
            cs.endText();
        }

        void centered(float cx, float y, float size, boolean strong, String s) throws IOException {
            float width = (strong ? bold : regular).getStringWidth(s) / 1000 * size;
            text(cx - width / 2, y, size, strong, s);
        }
    }

    private static PDFont font(PDDocument doc, String file) throws IOException {
        try (InputStream in = ExecutiveSummary.class.getResourceAsStream("/report/fonts/" + file)) {
            if (in == null) {
                throw new IOException("missing font " + file);
            }
            return PDType0Font.load(doc, in);
        }
    }

    /** {@code s} cut (with "…") to fit {@code width} points at {@code size}. */
    static String fit(PDFont font, String s, float size, float width) throws IOException {
        String clean = s.replaceAll("[\\p{Cntrl}]", " ");
        if (font.getStringWidth(clean) / 1000 * size <= width) {
            return clean;
        }
        String cut = clean;
        while (!cut.isEmpty() && font.getStringWidth(cut + "…") / 1000 * size > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
