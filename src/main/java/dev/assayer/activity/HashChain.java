package dev.assayer.activity;

import dev.assayer.shared.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The chain rule, free of storage: hash(n) = SHA-256 over length-prefixed fields of entry n and
 * hash(n-1). Length prefixes make the encoding unambiguous (no field can bleed into the next).
 */
public final class HashChain {

    /** The previous hash of the first entry in every chain. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    public static String hash(ActivityEntry e) {
        MessageDigest md = Hashing.sha256();
        field(md, e.prevHash());
        field(md, e.orgId().toString());
        field(md, Long.toString(e.seq()));
        field(md, e.occurredAt().toString());
        field(md, e.actorId() == null ? "" : e.actorId().toString());
        field(md, e.actorLabel());
        field(md, e.entityType());
        field(md, e.entityId());
        field(md, e.action());
        field(md, e.before());
        field(md, e.after());
        return Hashing.hex(md.digest());
    }

    private static void field(MessageDigest md, String value) {
        if (value == null) {
            md.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        md.update((byte) 1);
        md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) ':');
        md.update(bytes);
    }

    /**
     * Checks entries one by one, in seq order, without holding the chain in memory; {@link #result}
     * also compares with the recorded head, which catches a deleted tail.
     */
    public static final class Verifier {
        private String prev = GENESIS;
        private long expectedSeq = 1;
        private long count;
        private ChainVerification broken;

        public void accept(ActivityEntry e) {
            count++;
            if (broken != null) {
                return;
            }
            if (e.seq() != expectedSeq) {
                broken = fail(expectedSeq, "entry " + expectedSeq + " is missing (the next entry present is " + e.seq() + ")");
            } else if (!e.prevHash().equals(prev)) {
                broken = fail(e.seq(), "entry " + e.seq() + " does not link to the entry before it");
            } else if (!hash(e).equals(e.hash())) {
                broken = fail(e.seq(), "entry " + e.seq() + " was altered: its content does not match its hash");
            } else {
                prev = e.hash();
                expectedSeq++;
            }
        }

        private ChainVerification fail(long seq, String reason) {
            return new ChainVerification(false, 0, seq, reason, null);
        }

        /** {@code headSeq}/{@code headHash} are null when the chain was never started. */
        public ChainVerification result(Long headSeq, String headHash) {
            if (broken != null) {
                return new ChainVerification(false, count, broken.firstBrokenSeq(), broken.reason(), headHash);
            }
            long last = expectedSeq - 1;
            if (headSeq == null && last > 0) {
                return new ChainVerification(false, count, 1L, "the chain head is missing", null);
            }
            if (headSeq != null && (headSeq != last || !headHash.equals(prev))) {
                return new ChainVerification(false, count, last + 1, "the log ends at entry " + last + " but "
                        + headSeq + " entries were written: entries were deleted", headHash);
            }
            return new ChainVerification(true, count, null, null, prev);
        }
    }
}
