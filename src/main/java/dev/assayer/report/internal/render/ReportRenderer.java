package dev.assayer.report.internal.render;

import dev.assayer.report.ReportDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Renders a {@link ReportDocument} as PDF (embedded fonts, table of contents, page numbers,
 * running header and restricted-use notice on every page), DOCX (editable: real headings, a TOC
 * field, header/footer with page numbers) or standalone HTML. Pure: no Spring, no SQL.
 *
 * <p>Every text of the document is escaped and printed as given: the renderer adds labels
 * ("Placeholder, not report content", "Test result recorded by …") but never any finding, result
 * or conclusion of its own. The same document gives the same HTML and the same PDF bytes.
 */
public final class ReportRenderer {

    private static final String PRINT_CSS = resource("/report/report-print.css");
    private static final String SCREEN_CSS = resource("/report/report-screen.css");

    /** Standalone HTML5 (inline CSS, no scripts, nothing loaded from elsewhere), UTF-8. */
    public void html(ReportDocument doc, OutputStream out) throws IOException {
        out.write(ReportXhtml.render(doc, ReportXhtml.Mode.SCREEN, SCREEN_CSS).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A4 PDF: cover page, contents with page numbers, running header, "Page X of Y", bookmarks. */
    public void pdf(ReportDocument doc, OutputStream out) throws IOException {
        String xhtml = ReportXhtml.render(doc, ReportXhtml.Mode.PRINT, PRINT_CSS);
        PdfWriter.write(xhtml, new PdfWriter.Info(doc.title(), doc.organization(), doc.subtitle(), doc.generatedAt()),
                out);
    }

    /** Word document (OOXML) the CPA firm can edit. */
    public void docx(ReportDocument doc, OutputStream out) throws IOException {
        ReportDocx.write(doc, out);
    }

    /** The document in each of {@code formats} ("pdf", "docx", "html"), in that order. */
    public java.util.Map<String, byte[]> render(ReportDocument doc, String... formats) {
        java.util.Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        try {
            for (String format : formats) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                switch (format) {
                    case "pdf" -> pdf(doc, bytes);
                    case "docx" -> docx(doc, bytes);
                    case "html" -> html(doc, bytes);
                    default -> throw new IllegalArgumentException("no renderer for " + format);
                }
                out.put(format, bytes.toByteArray());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("could not render " + doc.title(), ex);
        }
        return out;
    }

    /** The media type of a report file format (pdf, docx, xlsx, html; anything else is JSON). */
    public static String contentType(String format) {
        return switch (format) {
            case "pdf" -> "application/pdf";
            case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            case "html" -> "text/html; charset=utf-8";
            default -> "application/json";
        };
    }

    /**
     * A PDF of an internal report written as XHTML (well-formed XML: close every element, no HTML
     * named entities but the XML ones), with the report page setup: A4, the bundled embedded fonts
     * ({@code 'DejaVu Sans'}, {@code 'DejaVu Sans Mono'}), {@code title} as the running header,
     * "Page X of Y" at the bottom. The report stylesheet comes first, so the document's own
     * {@code <style>} may override it and may use its classes ({@code table.grid},
     * {@code .placeholder}, {@code .attribution}). Either a whole document ({@code <html>} with a
     * {@code <head>} and a {@code <body>}) or a body fragment may be given. Inline {@code <svg>} is
     * drawn as vector graphics when openhtmltopdf-svg-support is on the classpath, and left out
     * otherwise (see {@link #svgSupported()}). The creation date is the current time.
     */
    public void pdfFromHtml(String xhtml, String title, OutputStream out) throws IOException {
        pdfFromHtml(xhtml, title, Instant.now(), out);
    }

    /** As {@link #pdfFromHtml(String, String, OutputStream)} with a fixed date: same input, same bytes. */
    public void pdfFromHtml(String xhtml, String title, Instant createdAt, OutputStream out) throws IOException {
        PdfWriter.write(internalPage(xhtml, title), new PdfWriter.Info(title, null, null, createdAt), out);
    }

    /** Whether inline SVG in {@link #pdfFromHtml} XHTML is drawn (openhtmltopdf-svg-support present). */
    public static boolean svgSupported() {
        return PdfWriter.svgSupported();
    }

    static String internalPage(String xhtml, String title) {
        String header = "<div class=\"running-header\"><div class=\"rh-main\">" + Text.esc(title == null ? "" : title)
                + "</div></div>";
        String style = "<style>\n" + PRINT_CSS + "\n</style>";
        String source = xhtml == null ? "" : xhtml;
        String lower = source.toLowerCase(Locale.ROOT);
        int body = openTag(lower, "body");
        if (body < 0) {
            return "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/><title>"
                    + Text.esc(title == null ? "" : title) + "</title>" + style + "</head><body>" + header + source
                    + "</body></html>";
        }
        int bodyOpenEnd = source.indexOf('>', body) + 1;
        int head = openTag(lower, "head");
        StringBuilder sb = new StringBuilder(source.length() + style.length() + header.length() + 64);
        if (head >= 0 && head < body) {
            int headOpenEnd = source.indexOf('>', head) + 1;
            sb.append(source, 0, headOpenEnd).append(style).append(source, headOpenEnd, bodyOpenEnd);
        } else {
            sb.append(source, 0, body).append("<head>").append(style).append("</head>").append(source, body, bodyOpenEnd);
        }
        sb.append(header).append(source, bodyOpenEnd, source.length());
        return sb.toString();
    }

    /** Where the start tag {@code <name>} or {@code <name ...>} begins, or -1. */
    private static int openTag(String lower, String name) {
        int from = 0;
        while (true) {
            int at = lower.indexOf("<" + name, from);
            if (at < 0) {
                return -1;
            }
            int next = at + name.length() + 1;
            if (next < lower.length() && (lower.charAt(next) == '>' || Character.isWhitespace(lower.charAt(next)))) {
                return at;
            }
            from = next;
        }
    }

    private static String resource(String path) {
        try (InputStream in = ReportRenderer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
