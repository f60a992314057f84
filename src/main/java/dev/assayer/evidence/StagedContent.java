package dev.assayer.evidence;

import dev.assayer.evidence.internal.BlobStore;
import dev.assayer.shared.ApiProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * An upload on its way into the vault, for a caller that reads the bytes itself (to parse them)
 * while they are stored: every byte read from {@link #stream()} is written aside and hashed on the
 * way, never held in memory; {@link #finish()} stages what the caller left unread. Then
 * {@link EvidenceService#upload(dev.assayer.shared.tenancy.CurrentUser, EvidenceMetadata, String, String, StagedContent)}
 * files it without reading it again (the staged copy is renamed into place). Closing discards
 * whatever was not filed. Made by {@link EvidenceService#stage}; one reader at a time.
 */
public final class StagedContent implements AutoCloseable {

    private final BlobStore.Tee tee;
    private BlobStore.Staged staged;

    StagedContent(BlobStore.Tee tee) {
        this.tee = tee;
    }

    /** The bytes; reading them stages them. Closing this stream does not end the staging. */
    public InputStream stream() {
        return tee.stream();
    }

    /**
     * Stages what was left unread and forces it to disk. An upload larger than the limit is a 413
     * and an interrupted one a 400, both saying that nothing was stored. Idempotent.
     */
    public void finish() {
        if (staged != null) {
            return;
        }
        try {
            staged = tee.finish();
        } catch (BlobStore.TooLargeException e) {
            throw EvidenceService.tooLarge(e.maxBytes());
        } catch (BlobStore.SourceReadException e) {
            throw EvidenceService.interrupted();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stage evidence content", e);
        }
    }

    /**
     * The problem to report when reading {@link #stream()} failed because of the upload itself
     * (larger than the limit: 413; interrupted: 400) rather than its content; empty otherwise. A
     * parser that turned such a failure into its own error should report this instead.
     */
    public Optional<ApiProblem> uploadFailure() {
        IOException f = tee.failure();
        if (f instanceof BlobStore.TooLargeException e) {
            return Optional.of(EvidenceService.tooLarge(e.maxBytes()));
        }
        if (f instanceof BlobStore.SourceReadException) {
            return Optional.of(EvidenceService.interrupted());
        }
        return Optional.empty();
    }

    /** Reads the staged copy after {@link #finish()} (before it is filed), e.g. to parse it later. */
    public InputStream open() throws IOException {
        return staged().open();
    }

    /** SHA-256 (lower-case hex) of the whole content, after {@link #finish()}. */
    public String sha256() {
        return staged().sha256();
    }

    /** Size in bytes of the whole content, after {@link #finish()}. */
    public long size() {
        return staged().size();
    }

    BlobStore.Staged staged() {
        if (staged == null) {
            throw new IllegalStateException("finish() first");
        }
        return staged;
    }

    /** Discards the staged copy unless it was filed. Never throws. */
    @Override
    public void close() {
        tee.close();
    }
}
