package dev.assayer.evidence.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Write-once, content-addressed storage for evidence bytes. A blob is named by the SHA-256 of its
 * content (lower-case hex); identical bytes are stored once; stored bytes never change. Writing is
 * two-phase so that a caller can decide, once the hash is known, whether to publish:
 * {@link #stage} streams the content aside (hashing it on the way, never holding it in memory),
 * {@link Staged#commit} publishes it atomically, closing an uncommitted stage discards it.
 */
public interface BlobStore {

    /** The outcome of a write: {@code created} is false when identical bytes were already stored. */
    record Stored(String sha256, long size, boolean created) {
    }

    /** Content streamed aside and hashed, not yet visible under its hash. */
    interface Staged extends AutoCloseable {
        String sha256();

        long size();

        /**
         * Publishes the content under its hash; returns true if this call stored it, false if it was
         * already stored (the staged copy is then dropped).
         */
        boolean commit() throws IOException;

        /** Reads the staged copy (before {@link #commit}), e.g. to parse what was received. */
        InputStream open() throws IOException;

        /** Discards the staged copy unless it was committed. Never throws. */
        @Override
        void close();
    }

    /** Reading the caller's stream failed (an interrupted upload): nothing was stored. */
    class SourceReadException extends IOException {
        public SourceReadException(IOException cause) {
            super("the content could not be read completely: " + cause.getMessage(), cause);
        }
    }

    /** The content is longer than the allowed maximum: nothing was stored. */
    class TooLargeException extends IOException {
        private final long maxBytes;

        public TooLargeException(long maxBytes) {
            super("the content is larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    /** Streams {@code content} aside while hashing it; fails with nothing left behind. */
    Staged stage(InputStream content, long maxBytes) throws IOException;

    /**
     * A stage written by the caller's own reads: every byte read from {@link #stream()} is written
     * aside and hashed on the way, so a caller can parse an upload and store it in one pass.
     */
    interface Tee extends AutoCloseable {
        /**
         * The content. Reading it stages it; a failing source gives {@link SourceReadException}, content
         * past the maximum {@link TooLargeException}. Closing this stream does not close the source.
         */
        InputStream stream();

        /** Why reading {@link #stream()} failed so far (source, size or disk), or null. */
        IOException failure();

        /** Stages whatever the caller left unread, forces the copy to disk and returns it. */
        Staged finish() throws IOException;

        /** Discards the staged copy unless it was committed. Never throws. */
        @Override
        void close();
    }

    /** Starts a {@link Tee} over {@code content}; nothing is read yet. */
    Tee tee(InputStream content, long maxBytes) throws IOException;

    /** Stages and commits in one step. */
    default Stored put(InputStream content) throws IOException {
        try (Staged staged = stage(content, Long.MAX_VALUE)) {
            boolean created = staged.commit();
            return new Stored(staged.sha256(), staged.size(), created);
        }
    }

    /** The stored bytes; {@link java.nio.file.NoSuchFileException} if there is no such blob. */
    InputStream open(String sha256) throws IOException;

    boolean exists(String sha256);

    /**
     * Removes a blob that this process just stored for a record that could not be saved. Only for
     * that: stored evidence is never deleted. Returns whether a blob was removed.
     */
    boolean deleteFailedWrite(String sha256) throws IOException;
}
