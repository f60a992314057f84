package dev.assayer.report.internal;

import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.HashingCopy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The service auditor's Section I PDFs, under {@code ${assayer.data-dir}/reports/auditor/<sha256>.pdf}.
 * The auditor's file is not client evidence (an auditor never adds to the client's evidence), so it
 * lives here: streamed to a temporary file while hashed, checked to be a PDF, then published by
 * rename under its hash; files never change.
 */
@Component
public class AuditorPdfStore {

    /** Largest Section I PDF accepted. */
    public static final long MAX_BYTES = 50L * 1024 * 1024;
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    private final Path root;

    public AuditorPdfStore(@Value("${assayer.data-dir}") String dataDir) {
        this.root = Path.of(dataDir).toAbsolutePath().normalize().resolve("reports").resolve("auditor");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    /** Stores a PDF; 400 naming "file" when it is empty, not a PDF or too large. */
    public HashingCopy.Result store(InputStream content) {
        Path tmp = root.resolve("upload-" + UUID.randomUUID() + ".tmp");
        try {
            HashingCopy.Result r;
            try {
                r = HashingCopy.copy(content, tmp, MAX_BYTES);
            } catch (HashingCopy.TooLarge e) {
                throw new ApiProblem(413, "Upload too large", "The PDF exceeds " + (MAX_BYTES / 1024 / 1024)
                        + " MB; nothing was stored", List.of(new ApiProblem.FieldError("file", "larger than the limit")));
            } catch (HashingCopy.SourceFailed e) {
                throw ApiProblem.invalidField("file", "could not be read completely; nothing was stored");
            }
            byte[] head = new byte[5];
            try (InputStream in = Files.newInputStream(tmp)) {
                int n = in.readNBytes(head, 0, 5);
                if (n < 5 || !new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-")) {
                    throw ApiProblem.invalidField("file", "is not a PDF (it must start with %PDF-)");
                }
            }
            Path target = path(r.sha256());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // the same bytes are already stored
            }
            if (Files.exists(tmp)) {
                Files.deleteIfExists(tmp);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the auditor's PDF", e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    private Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256 + ".pdf");
    }
}
