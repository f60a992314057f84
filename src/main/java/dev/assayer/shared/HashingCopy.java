package dev.assayer.shared;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Streams an upload into a new file while computing its SHA-256, then forces it to disk: the
 * first half of every atomic store (evidence blobs, population files), whose second half is a move
 * into place. Memory does not grow with the size of the stream. On any failure the new file is
 * deleted, so nothing half-written is left behind.
 */
public final class HashingCopy {

    private static final int BUFFER = 256 * 1024;

    /** The SHA-256 (lower-case hex) and size in bytes of what was written. */
    public record Result(String sha256, long size) {
    }

    /** Reading the source failed (an interrupted upload); the target was deleted. */
    public static final class SourceFailed extends IOException {
        SourceFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The source is longer than the limit; the target was deleted. */
    public static final class TooLarge extends IOException {
        private final long maxBytes;

        TooLarge(long maxBytes) {
            super("larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private HashingCopy() {
    }

    /** Copies {@code content} into {@code target} (which must not exist) up to {@code maxBytes}. */
    public static Result copy(InputStream content, Path target, long maxBytes) throws IOException {
        MessageDigest md = Hashing.sha256();
        long size = 0;
        boolean ok = false;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            while (true) {
                int n;
                try {
                    n = content.read(buffer);
                } catch (IOException e) {
                    throw new SourceFailed(e);
                }
                if (n < 0) {
                    break;
                }
                size += n;
                if (size > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                md.update(buffer, 0, n);
                wrapped.clear().limit(n);
                while (wrapped.hasRemaining()) {
                    out.write(wrapped);
                }
            }
            out.force(true);
            ok = true;
        } finally {
            if (!ok) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException ignored) {
                    // best effort: a stray temporary file is swept at the next start
                }
            }
        }
        return new Result(Hashing.hex(md.digest()), size);
    }
}
