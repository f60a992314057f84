package dev.assayer.report;

import java.io.IOException;
import java.io.InputStream;

/** Stored bytes to stream (a frozen rendering, or the auditor's Section I PDF); close the stream. */
public record ReportFile(String filename, String contentType, String sha256, long size, Opener opener) {

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public InputStream open() throws IOException {
        return opener.open();
    }
}
