package dev.assayer.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.report.internal.render.ReportRenderer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

/** pdfFromHtml: internal reports (readiness, executive summary) with the report's fonts and page setup. */
class InternalReportPdfTest {

    private static final ReportRenderer RENDERER = new ReportRenderer();
    private static final Instant AT = Instant.parse("2026-09-01T10:00:00Z");

    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\" "
            + "viewBox=\"0 0 200 100\"><rect x=\"0\" y=\"0\" width=\"200\" height=\"100\" fill=\"#ff0000\"/></svg>";

    private static byte[] render(String xhtml, String title) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RENDERER.pdfFromHtml(xhtml, title, AT, out);
        return out.toByteArray();
    }

    @Test
    void aFragmentGetsTheReportPageSetupAndEmbeddedFonts() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 90; i++) {
            rows.append("<tr><td>CC").append(i).append("</td><td>Ready — Łódź ").append(i).append("</td></tr>");
        }
        byte[] pdf = render("<h1>Readiness &amp; gaps</h1><table class=\"grid\"><thead><tr><th>Criterion</th>"
                + "<th>Status</th></tr></thead><tbody>" + rows + "</tbody></table>", "Acme · Readiness report");
        Files.write(RenderOutput.dir().resolve("internal-fragment.pdf"), pdf);
        try (PDDocument d = Loader.loadPDF(pdf)) {
            int n = d.getNumberOfPages();
            assertThat(n).isGreaterThan(1);
            for (int p = 1; p <= n; p++) {
                assertThat(ReportPdfTest.pageText(d, p)).contains("Acme · Readiness report", "Page " + p + " of " + n,
                        "Criterion Status");
            }
            assertThat(ReportPdfTest.flat(ReportPdfTest.pageText(d, 1))).contains("Readiness & gaps", "CC1 Ready — Łódź 1");
            for (PDPage page : d.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    assertThat(page.getResources().getFont(name).isEmbedded()).isTrue();
                }
            }
            assertThat(d.getDocumentInformation().getTitle()).isEqualTo("Acme · Readiness report");
            assertThat(d.getDocumentInformation().getProducer()).isEqualTo("Assayer");
        }
        assertThat(render("<h1>Readiness &amp; gaps</h1><table class=\"grid\"><thead><tr><th>Criterion</th>"
                + "<th>Status</th></tr></thead><tbody>" + rows + "</tbody></table>", "Acme · Readiness report"))
                .as("same input, same bytes").isEqualTo(pdf);
    }

    @Test
    void aWholeDocumentKeepsItsOwnStyleAndInlineSvgIsDrawnWhenSupported() throws IOException {
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Summary</title>"
                + "<style>.big { font-size: 20pt; }</style></head><body><p class=\"big\">Executive summary</p>"
                + "<div>" + SVG + "</div><p>After the chart</p></body></html>";
        byte[] pdf = render(xhtml, "Acme · Executive summary");
        Files.write(RenderOutput.dir().resolve("internal-svg.pdf"), pdf);
        try (PDDocument d = Loader.loadPDF(pdf)) {
            String text = ReportPdfTest.pageText(d, 1);
            assertThat(text).contains("Acme · Executive summary", "Executive summary", "After the chart", "Page 1 of 1");
            BufferedImage image = new PDFRenderer(d).renderImageWithDPI(0, 72);
            ImageIO.write(image, "png", RenderOutput.dir().resolve("internal-svg-page-1.png").toFile());
            long red = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    if (((rgb >> 16) & 0xFF) > 200 && ((rgb >> 8) & 0xFF) < 60 && (rgb & 0xFF) < 60) {
                        red++;
                    }
                }
            }
            if (ReportRenderer.svgSupported()) {
                assertThat(red).as("the SVG rectangle is drawn").isGreaterThan(1000);
                assertThat(d.getPage(0).getResources().getXObjectNames()).as("vector, no image").allSatisfy(
                        name -> assertThat(d.getPage(0).getResources().getXObject(name))
                                .isNotInstanceOf(org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject.class));
            } else {
                assertThat(red).as("without openhtmltopdf-svg-support the SVG is left out").isZero();
            }
        }
    }
}
