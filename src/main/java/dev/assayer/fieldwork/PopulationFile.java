package dev.assayer.fieldwork;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A stored population file, exactly as supplied: {@code sha256} is that of its bytes. */
public record PopulationFile(String filename, String contentType, long size, String sha256, Path path) {

    /** The stored bytes. */
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
