package dev.assayer.evidence;

import java.io.IOException;
import java.io.InputStream;

/** The stored bytes of a FILE item, opened for streaming; close the stream. */
public record EvidenceContent(EvidenceItem item, Opener opener) {

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public InputStream open() throws IOException {
        return opener.open();
    }
}
