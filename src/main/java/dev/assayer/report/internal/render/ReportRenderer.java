package dev.assayer.report.internal.render;

import dev.assayer.report.ReportDocument;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Renders a {@link ReportDocument} as PDF (embedded fonts, table of contents, page numbers,
 * running header and restricted-use notice on every page), DOCX (editable: real headings, a TOC
 * field, header/footer with page numbers) or standalone HTML. Pure: no Spring, no SQL.
 */
public final class ReportRenderer {

    public void html(ReportDocument doc, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void pdf(ReportDocument doc, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void docx(ReportDocument doc, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
