package dev.assayer.policy.internal;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import dev.assayer.shared.Hashing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * Renders a policy version to PDF with openhtmltopdf: a header block (organization, title, version,
 * approval), the Markdown body as HTML, and a print stylesheet using the built-in PDF fonts.
 * Nothing external is loaded (no images, fonts or stylesheets by URL). The output is deterministic
 * for the same input: dates and the document id come from the input, so re-rendering an approved
 * version gives the same bytes (and SHA-256) as the PDF filed as evidence.
 */
public final class PolicyPdf {

    /** What goes into the PDF besides the Markdown. {@code status} is a label like "Approved". */
    public record Header(String organization, String title, String key, int number, String status, String owner,
            String approval, String sha256, Instant stamp) {
    }

    private static final String CSS = """
            @page { size: A4; margin: 20mm 18mm 22mm 18mm;
              @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; } }
            body { font-family: Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111; }
            h1 { font-size: 18pt; margin: 0 0 4pt 0; }
            h2 { font-size: 13pt; margin: 14pt 0 4pt 0; }
            h3 { font-size: 11pt; margin: 10pt 0 3pt 0; }
            .meta { font-size: 8.5pt; color: #444; border-bottom: 1px solid #999; padding-bottom: 6pt; margin-bottom: 10pt; }
            .meta td { padding: 1pt 8pt 1pt 0; vertical-align: top; }
            table { border-collapse: collapse; }
            .body table td, .body table th { border: 1px solid #999; padding: 2pt 5pt; }
            code, pre { font-family: Courier, monospace; font-size: 9pt; }
            pre { white-space: pre-wrap; background: #f2f2f2; padding: 4pt; }
            blockquote { margin-left: 10pt; padding-left: 8pt; border-left: 2px solid #999; color: #333; }
            """;

    private PolicyPdf() {
    }

    public static byte[] render(Header h, String markdown) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\" /><title>"
                + LineDiff.escape(h.title()) + "</title><style>" + CSS + "</style></head><body>"
                + "<h1>" + LineDiff.escape(h.title()) + "</h1>"
                + "<table class=\"meta\">"
                + row("Organization", h.organization()) + row("Policy", h.key() + ", version " + h.number())
                + row("Status", h.status()) + row("Owner", h.owner()) + row("Approval", h.approval())
                + row("Markdown SHA-256", h.sha256())
                + "</table><div class=\"body\">" + MarkdownRenderer.toHtml(markdown) + "</div></body></html>";
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useUriResolver((base, uri) -> null);
            builder.withHtmlContent(html, null);
            builder.toStream(raw);
            builder.run();
            return stamp(raw.toByteArray(), h);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the policy PDF", e);
        }
    }

    /** Fixes the document dates and id so the same version always gives the same bytes. */
    private static byte[] stamp(byte[] pdf, Header h) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            Calendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            when.setTimeInMillis(h.stamp().toEpochMilli());
            info.setCreationDate(when);
            info.setModificationDate(when);
            info.setTitle(h.title());
            info.setSubject(h.organization() + " policy " + h.key() + " version " + h.number());
            info.setProducer("Assayer policies");
            info.setCreator("Assayer");
            byte[] id = Hashing.sha256().digest((h.key() + "|" + h.number() + "|" + h.sha256() + "|" + h.status())
                    .getBytes(StandardCharsets.UTF_8));
            byte[] half = java.util.Arrays.copyOf(id, 16);
            COSArray ids = new COSArray();
            ids.add(new COSString(half));
            ids.add(new COSString(half));
            doc.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static String row(String label, String value) {
        return "<tr><td>" + LineDiff.escape(label) + "</td><td>" + LineDiff.escape(value == null ? "—" : value)
                + "</td></tr>";
    }
}
