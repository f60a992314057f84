package dev.assayer.report.internal.render;

import com.openhtmltopdf.extend.SVGDrawer;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFCreationListener;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * Runs openhtmltopdf over XHTML with the bundled, embedded DejaVu fonts and nothing loaded from
 * outside, then fixes the document information (title, author, producer "Assayer", dates) and the
 * trailer id so that the same input gives the same bytes.
 */
final class PdfWriter {

    static final String SANS = "DejaVu Sans";
    static final String MONO = "DejaVu Sans Mono";

    /** What goes into the PDF's document information dictionary. */
    record Info(String title, String author, String subject, Instant created) {
    }

    private record Face(String file, String family, int weight, FontStyle style) {
    }

    private static final List<Face> FACES = List.of(
            new Face("DejaVuSans.ttf", SANS, 400, FontStyle.NORMAL),
            new Face("DejaVuSans-Bold.ttf", SANS, 700, FontStyle.NORMAL),
            new Face("DejaVuSans-Oblique.ttf", SANS, 400, FontStyle.ITALIC),
            new Face("DejaVuSans-BoldOblique.ttf", SANS, 700, FontStyle.ITALIC),
            new Face("DejaVuSansMono.ttf", MONO, 400, FontStyle.NORMAL),
            new Face("DejaVuSansMono-Bold.ttf", MONO, 700, FontStyle.NORMAL));

    /** The font files, read once from the classpath (about 3.4 MB). */
    private static volatile byte[][] fontBytes;

    private PdfWriter() {
    }

    static void write(String xhtml, Info info, OutputStream out) throws IOException {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useUriResolver((base, uri) -> null);
        builder.withHtmlContent(xhtml, null);
        builder.withProducer("Assayer");
        byte[][] fonts = fonts();
        for (int i = 0; i < FACES.size(); i++) {
            Face face = FACES.get(i);
            byte[] bytes = fonts[i];
            builder.useFont(() -> new ByteArrayInputStream(bytes), face.family(), face.weight(), face.style(), true);
        }
        SVGDrawer svg = batikIfPresent();
        if (svg != null) {
            builder.useSVGDrawer(svg);
        }
        builder.toStream(out);
        byte[] id = Arrays.copyOf(sha256(xhtml), 16);
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.setListener(new PDFCreationListener() {
                @Override
                public void preOpen(PdfBoxRenderer r) {
                }

                @Override
                public void preWrite(PdfBoxRenderer r, int pageCount) {
                }

                @Override
                public void onClose(PdfBoxRenderer r) {
                    stamp(r.getPdfDocument(), info, id);
                }
            });
            renderer.createPDF();
        }
    }

    /** Dates, names and the trailer id from the input only, never from the clock. */
    private static void stamp(PDDocument pdf, Info info, byte[] id) {
        PDDocumentInformation di = pdf.getDocumentInformation();
        di.setTitle(info.title());
        di.setAuthor(info.author());
        di.setSubject(info.subject());
        di.setCreator("Assayer");
        di.setProducer("Assayer");
        Calendar when = null;
        if (info.created() != null) {
            when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            when.setTimeInMillis(info.created().toEpochMilli());
        }
        di.setCreationDate(when);
        di.setModificationDate(when);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static byte[][] fonts() {
        byte[][] f = fontBytes;
        if (f == null) {
            synchronized (PdfWriter.class) {
                f = fontBytes;
                if (f == null) {
                    f = new byte[FACES.size()][];
                    for (int i = 0; i < FACES.size(); i++) {
                        String path = "/report/fonts/" + FACES.get(i).file();
                        try (InputStream in = PdfWriter.class.getResourceAsStream(path)) {
                            if (in == null) {
                                throw new IllegalStateException("font missing from the classpath: " + path);
                            }
                            f[i] = withoutTables(in.readAllBytes(), "GSUB", "GPOS", "GDEF");
                        } catch (IOException e) {
                            throw new UncheckedIOException("could not read " + path, e);
                        }
                    }
                    fontBytes = f;
                }
            }
        }
        return f;
    }

    /**
     * A copy of a TrueType font without the named tables. The glyph substitution and positioning
     * tables are left out: PDFBox would otherwise run its (slow, regex-based) substitution engine
     * on every string it draws, which alone took a large share of the time of a long report, and
     * openhtmltopdf uses neither table for the Latin, Greek and Cyrillic text of our reports. The
     * font files on disk stay as distributed.
     */
    static byte[] withoutTables(byte[] font, String... drop) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(font);
        int numTables = Short.toUnsignedInt(in.getShort(4));
        java.util.Set<String> dropped = java.util.Set.of(drop);
        List<int[]> keep = new java.util.ArrayList<>();
        for (int t = 0; t < numTables; t++) {
            int rec = 12 + 16 * t;
            String tag = new String(font, rec, 4, StandardCharsets.ISO_8859_1);
            if (!dropped.contains(tag)) {
                keep.add(new int[] {rec, in.getInt(rec + 8), in.getInt(rec + 12)});
            }
        }
        if (keep.size() == numTables) {
            return font;
        }
        int n = keep.size();
        int headerLength = 12 + 16 * n;
        int size = headerLength;
        for (int[] k : keep) {
            size += (k[2] + 3) & ~3;
        }
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(size);
        int pow = Integer.highestOneBit(n);
        out.putInt(in.getInt(0)).putShort((short) n).putShort((short) (pow * 16))
                .putShort((short) Integer.numberOfTrailingZeros(pow)).putShort((short) (n * 16 - pow * 16));
        int offset = headerLength;
        for (int[] k : keep) {
            out.position(12 + 16 * keep.indexOf(k));
            out.put(font, k[0], 8).putInt(offset).putInt(k[2]);
            out.position(offset);
            out.put(font, k[1], k[2]);
            offset += (k[2] + 3) & ~3;
        }
        return out.array();
    }

    /**
     * Inline SVG is drawn as vector graphics only when openhtmltopdf-svg-support (Batik) is on the
     * classpath; without it openhtmltopdf leaves SVG elements out.
     */
    private static SVGDrawer batikIfPresent() {
        try {
            Class<?> type = Class.forName("com.openhtmltopdf.svgsupport.BatikSVGDrawer");
            return (SVGDrawer) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    static boolean svgSupported() {
        return batikIfPresent() != null;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
