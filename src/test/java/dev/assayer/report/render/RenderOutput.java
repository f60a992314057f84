package dev.assayer.report.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests leave rendered files for a person to look at: {build dir}/report-render/. */
final class RenderOutput {

    private RenderOutput() {
    }

    static Path dir() {
        try {
            Path classes = Path.of(RenderOutput.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = classes.getParent().resolve("report-render");
            Files.createDirectories(dir);
            return dir;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
