package dev.assayer.monitoring.ingest.platform;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Text input: honours a UTF-8 or UTF-16 byte order mark (and drops it), UTF-8 otherwise. */
final class Text {

    private Text() {
    }

    static Reader reader(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 64 * 1024);
        b.mark(4);
        int b0 = b.read();
        int b1 = b.read();
        int b2 = b.read();
        Charset cs = StandardCharsets.UTF_8;
        b.reset();
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            b.skipNBytes(3);
        } else if (b0 == 0xFE && b1 == 0xFF) {
            b.skipNBytes(2);
            cs = StandardCharsets.UTF_16BE;
        } else if (b0 == 0xFF && b1 == 0xFE) {
            b.skipNBytes(2);
            cs = StandardCharsets.UTF_16LE;
        }
        return new InputStreamReader(b, cs);
    }
}
