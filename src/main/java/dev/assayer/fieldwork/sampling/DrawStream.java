package dev.assayer.fieldwork.sampling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deterministic random stream of docs/sampling.md. Draw number c (0, 1, 2, …) hashes the UTF-8
 * text {@code <population sha256 hex>:<seed>:<c>} (or {@code <sha256>:<seed>:<label>:<c>} for a
 * labelled stream) with SHA-256 and reads the first 8 bytes as an unsigned big-endian 64-bit
 * integer u. {@link #next(long)} maps u to [0, bound) by rejection: u is discarded (and the next
 * counter used) when u ≥ ⌊2^64 / bound⌋ × bound; otherwise the value is u mod bound.
 */
public final class DrawStream {

    private final String prefix;
    private final MessageDigest sha256;
    private long counter;

    private DrawStream(String prefix) {
        this.prefix = prefix;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The main stream: {@code sha256:seed:counter}. */
    public static DrawStream main(String populationSha256, String seed) {
        return new DrawStream(populationSha256 + ":" + seed + ":");
    }

    /** A labelled stream, e.g. one per quarter: {@code sha256:seed:label:counter}. */
    public static DrawStream labelled(String populationSha256, String seed, String label) {
        return new DrawStream(populationSha256 + ":" + seed + ":" + label + ":");
    }

    /** The counter that the next raw draw will use. */
    public long counter() {
        return counter;
    }

    /** The next raw 64-bit value, as an unsigned number held in a long. */
    public long nextRaw() {
        byte[] digest = sha256.digest((prefix + counter).getBytes(StandardCharsets.UTF_8));
        counter++;
        long u = 0;
        for (int i = 0; i < 8; i++) {
            u = (u << 8) | (digest[i] & 0xFF);
        }
        return u;
    }

    /** A uniform value in [0, bound), without modulo bias. */
    public long next(long bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1, was " + bound);
        }
        // limit = floor(2^64 / bound) * bound, computed in unsigned arithmetic
        long limit = Long.divideUnsigned(-1L, bound) * bound + (Long.remainderUnsigned(-1L, bound) == bound - 1 ? bound : 0);
        while (true) {
            long u = nextRaw();
            // limit == 0 means 2^64 (bound divides 2^64): nothing is rejected
            if (limit == 0 || Long.compareUnsigned(u, limit) < 0) {
                return Long.remainderUnsigned(u, bound);
            }
        }
    }
}
