package dev.assayer.fieldwork.internal.populations;

import dev.assayer.shared.HashingCopy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Population files, exactly as supplied, under {@code ${assayer.data-dir}/populations/<sha256>}.
 * An upload is streamed through a fixed buffer into {@code populations/tmp/} while its SHA-256 is
 * computed (never held in memory), checked by the caller, then published by an atomic rename; a
 * file with the same hash already stored is kept and the copy dropped. Stored files are read-only
 * and never change: a re-extraction is a new file.
 */
@Component
public class PopulationStore {

    private static final Logger log = LoggerFactory.getLogger(PopulationStore.class);
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private static final String TMP_SUFFIX = ".tmp";

    private final Path root;
    private final Path tmp;

    public PopulationStore(@Value("${assayer.data-dir}") String dataDir) {
        this.root = Path.of(dataDir).toAbsolutePath().normalize().resolve("populations");
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the population directory " + root, e);
        }
        sweep(Duration.ofHours(1));
    }

    /** A file streamed aside and hashed, not yet published. Closing an uncommitted stage deletes it. */
    public final class Staged implements AutoCloseable {
        private final Path file;
        private final String sha256;
        private final long size;
        private boolean done;

        private Staged(Path file, String sha256, long size) {
            this.file = file;
            this.sha256 = sha256;
            this.size = size;
        }

        /** The temporary file, for checking before it is published. */
        public Path file() {
            return file;
        }

        public String sha256() {
            return sha256;
        }

        public long size() {
            return size;
        }

        /** Publishes the file under its hash (atomic rename) and returns where it lives. */
        public Path commit() throws IOException {
            if (done) {
                throw new IllegalStateException("already committed or discarded");
            }
            done = true;
            Path target = path(sha256);
            try {
                if (Files.exists(target)) {
                    return target;
                }
                readOnly(file);
                try {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the population store needs atomic renames within " + root, e);
                } catch (FileAlreadyExistsException e) {
                    // stored meanwhile by another upload of the same bytes
                }
                return target;
            } finally {
                deleteQuietly(file);
            }
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                deleteQuietly(file);
            }
        }
    }

    /** Reading the uploaded stream failed (an interrupted upload): nothing was stored. */
    public static final class UploadReadException extends IOException {
        UploadReadException(IOException cause) {
            super("the upload could not be read completely: " + cause.getMessage(), cause);
        }
    }

    /** Streams {@code content} into a temporary file while hashing it; nothing is left behind on failure. */
    public Staged stage(InputStream content) throws IOException {
        Path file = tmp.resolve(UUID.randomUUID() + TMP_SUFFIX);
        try {
            HashingCopy.Result r = HashingCopy.copy(content, file, Long.MAX_VALUE);
            return new Staged(file, r.sha256(), r.size());
        } catch (HashingCopy.SourceFailed e) {
            throw new UploadReadException((IOException) e.getCause());
        }
    }

    /** Where the file with this hash lives (whether or not it exists). */
    public Path path(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return root.resolve(sha256);
    }

    private static void readOnly(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString("r--r-----"));
        } else if (!file.toFile().setReadOnly()) {
            throw new IOException("cannot make " + file + " read-only");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not remove temporary population file {}: {}", file, e.toString());
        }
    }

    /** Removes temporary files left by a crash. */
    private void sweep(Duration age) {
        Instant cutoff = Instant.now().minus(age);
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(TMP_SUFFIX)
                        && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException e) {
            log.warn("could not sweep temporary population files under {}: {}", tmp, e.toString());
        }
    }
}
