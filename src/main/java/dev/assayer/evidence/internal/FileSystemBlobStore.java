package dev.assayer.evidence.internal;

import dev.assayer.shared.Hashing;
import dev.assayer.shared.HashingCopy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BlobStore} on a local directory: {@code <root>/sha256/ab/cd/<full hash>}, temporary files
 * in {@code <root>/tmp} (same file system, so the final rename is atomic). A write streams through
 * a fixed buffer into the temporary file while computing SHA-256, forces it to disk, makes it
 * read-only and renames it into place; if the final path already exists the bytes were stored
 * before and the temporary file is removed.
 */
public class FileSystemBlobStore implements BlobStore {

    private static final Logger log = LoggerFactory.getLogger(FileSystemBlobStore.class);
    private static final int BUFFER = 256 * 1024;
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    static final String TMP_SUFFIX = ".tmp";

    private final Path root;
    private final Path blobs;
    private final Path tmp;

    public FileSystemBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.blobs = this.root.resolve("sha256");
        this.tmp = this.root.resolve("tmp");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the evidence storage directory " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** Where the blob with this hash lives (whether or not it exists). */
    public Path pathOf(String sha256) {
        check(sha256);
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private static void check(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
    }

    @Override
    public Staged stage(InputStream content, long maxBytes) throws IOException {
        Path file = tmp.resolve(UUID.randomUUID() + TMP_SUFFIX);
        try {
            HashingCopy.Result r = HashingCopy.copy(content, file, maxBytes);
            return new FsStaged(file, r.sha256(), r.size());
        } catch (HashingCopy.SourceFailed e) {
            throw new SourceReadException((IOException) e.getCause());
        } catch (HashingCopy.TooLarge e) {
            throw new TooLargeException(e.maxBytes());
        }
    }

    @Override
    public Tee tee(InputStream content, long maxBytes) throws IOException {
        Path file = tmp.resolve(UUID.randomUUID() + TMP_SUFFIX);
        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FsTee(file, out, content, maxBytes);
    }

    /** Copies every byte the caller reads into the temporary file and the digest. */
    private final class FsTee implements Tee {
        private final Path file;
        private final FileChannel out;
        private final InputStream source;
        private final long maxBytes;
        private final MessageDigest md = Hashing.sha256();
        private long size;
        private IOException failure;
        private FsStaged staged;
        private boolean closed;
        private final InputStream stream = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n;
                do {
                    n = pull(one, 0, 1);
                } while (n == 0);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return pull(b, off, len);
            }

            @Override
            public int available() throws IOException {
                return staged != null || closed ? 0 : source.available();
            }

            @Override
            public void close() {
                // the tee's owner closes it; the caller's parser may close this view early
            }
        };

        FsTee(Path file, FileChannel out, InputStream source, long maxBytes) {
            this.file = file;
            this.out = out;
            this.source = source;
            this.maxBytes = maxBytes;
        }

        @Override
        public InputStream stream() {
            return stream;
        }

        private int pull(byte[] b, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (staged != null || closed) {
                throw new IOException("the staged content was already finished or discarded");
            }
            int n;
            try {
                n = source.read(b, off, len);
            } catch (IOException e) {
                throw fail(new SourceReadException(e));
            }
            if (n <= 0) {
                return n;
            }
            if (size + n > maxBytes) {
                throw fail(new TooLargeException(maxBytes));
            }
            size += n;
            md.update(b, off, n);
            try {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, n);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            } catch (IOException e) {
                throw fail(e);
            }
            return n;
        }

        @Override
        public IOException failure() {
            return failure;
        }

        private IOException fail(IOException e) {
            failure = e;
            return e;
        }

        @Override
        public Staged finish() throws IOException {
            if (staged != null) {
                return staged;
            }
            byte[] buffer = new byte[BUFFER];
            while (pull(buffer, 0, buffer.length) >= 0) {
                // stage what the caller did not read
            }
            try {
                out.force(true);
                out.close();
            } catch (IOException e) {
                throw fail(e);
            }
            staged = new FsStaged(file, Hashing.hex(md.digest()), size);
            return staged;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (staged != null) {
                staged.close();
                return;
            }
            try {
                out.close();
            } catch (IOException e) {
                log.debug("could not close {}: {}", file, e.toString());
            }
            deleteQuietly(file);
        }
    }

    private final class FsStaged implements Staged {
        private final Path file;
        private final String sha256;
        private final long size;
        private boolean done;

        FsStaged(Path file, String sha256, long size) {
            this.file = file;
            this.sha256 = sha256;
            this.size = size;
        }

        @Override
        public String sha256() {
            return sha256;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public boolean commit() throws IOException {
            if (done) {
                throw new IllegalStateException("already committed or discarded");
            }
            Path target = pathOf(sha256);
            try {
                if (Files.exists(target)) {
                    return false;
                }
                Files.createDirectories(target.getParent());
                makeReadOnly(file);
                try {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the evidence store needs atomic renames within " + root, e);
                } catch (FileAlreadyExistsException e) {
                    return false;
                }
                syncDirectory(target.getParent());
                return true;
            } finally {
                done = true;
                deleteQuietly(file);
            }
        }

        @Override
        public InputStream open() throws IOException {
            if (done) {
                throw new IllegalStateException("already committed or discarded");
            }
            return Files.newInputStream(file, StandardOpenOption.READ);
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                deleteQuietly(file);
            }
        }
    }

    private static void makeReadOnly(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString("r--r-----"));
        } else if (!file.toFile().setReadOnly()) {
            throw new IOException("cannot make " + file + " read-only");
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can sync a directory; the file itself is already on disk
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not remove temporary evidence file {}: {}", file, e.toString());
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(pathOf(sha256), StandardOpenOption.READ);
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    @Override
    public boolean deleteFailedWrite(String sha256) throws IOException {
        Path target = pathOf(sha256);
        try {
            return Files.deleteIfExists(target);
        } catch (AccessDeniedException e) {
            target.toFile().setWritable(true, true);
            return Files.deleteIfExists(target);
        }
    }

    /** Removes temporary files older than {@code age} (left by a crash); returns how many. */
    public int sweepStaleTemporaryFiles(Duration age) {
        Instant cutoff = Instant.now().minus(age);
        int removed = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(TMP_SUFFIX) && Files.isRegularFile(p)) {
                    FileTime modified = Files.getLastModifiedTime(p);
                    if (modified.toInstant().isBefore(cutoff) && Files.deleteIfExists(p)) {
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            log.warn("could not sweep temporary evidence files under {}: {}", root, e.toString());
        }
        if (removed > 0) {
            log.info("removed {} stale temporary evidence file(s) under {}", removed, root);
        }
        return removed;
    }
}
