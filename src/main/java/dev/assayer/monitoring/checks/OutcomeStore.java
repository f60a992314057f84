package dev.assayer.monitoring.checks;

import java.util.Arrays;

/**
 * The outcomes of every resource of a run, two bits per check (none, pass, fail, error), keyed by
 * a 128-bit hash of (type, id, scope — the input format): enough to take a resource's results back when it is read again,
 * at about 40 bytes per resource for 100 checks. Open addressing; not thread-safe.
 */
final class OutcomeStore {

    private static final Outcome[] CODES = {null, Outcome.PASS, Outcome.FAIL, Outcome.ERROR};

    private final int words;
    private long[] keys1 = new long[1024];
    private long[] keys2 = new long[1024];
    private int[] offsets = new int[1024];
    private int size;
    private long[] arena;
    private int used;

    OutcomeStore(int checks) {
        this.words = (checks * 2 + 63) / 64;
        this.arena = new long[Math.max(1, words * 1024)];
        Arrays.fill(offsets, -1);
    }

    /**
     * The offset of this resource's outcomes: {@code offset} when it was seen before, else
     * {@code -offset - 1} for a fresh (cleared) slot just added. Hashes the key once.
     */
    int findOrInsert(String type, String id, String scope) {
        long h1 = hash1(type, id, scope);
        long h2 = hash2(type, id, scope);
        int mask = offsets.length - 1;
        int i = (int) h1 & mask;
        for (; offsets[i] >= 0; i = (i + 1) & mask) {
            if (keys1[i] == h1 && keys2[i] == h2) {
                return offsets[i];
            }
        }
        int offset = used;
        if (used + words > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, used + words));
        }
        used += words;
        keys1[i] = h1;
        keys2[i] = h2;
        offsets[i] = offset;
        size++;
        if (size * 2 > offsets.length) {
            grow();
        }
        return -offset - 1;
    }

    Outcome get(int offset, int check) {
        long word = arena[offset + (check >>> 5)];
        return CODES[(int) (word >>> ((check & 31) * 2)) & 3];
    }

    void set(int offset, int check, Outcome outcome) {
        int code = switch (outcome) {
            case PASS -> 1;
            case FAIL -> 2;
            case ERROR -> 3;
            default -> 0;
        };
        int w = offset + (check >>> 5);
        int shift = (check & 31) * 2;
        arena[w] = (arena[w] & ~(3L << shift)) | ((long) code << shift);
    }

    void clear(int offset) {
        Arrays.fill(arena, offset, offset + words, 0L);
    }

    private void put(long h1, long h2, int offset) {
        int mask = offsets.length - 1;
        int i = (int) h1 & mask;
        while (offsets[i] >= 0) {
            i = (i + 1) & mask;
        }
        keys1[i] = h1;
        keys2[i] = h2;
        offsets[i] = offset;
    }

    private void grow() {
        long[] k1 = keys1;
        long[] k2 = keys2;
        int[] off = offsets;
        keys1 = new long[k1.length * 2];
        keys2 = new long[k1.length * 2];
        offsets = new int[k1.length * 2];
        Arrays.fill(offsets, -1);
        for (int i = 0; i < off.length; i++) {
            if (off[i] >= 0) {
                put(k1[i], k2[i], off[i]);
            }
        }
    }

    private static long hash1(String type, String id, String scope) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, type);
        h = (h ^ 0x1F) * 0x100000001b3L;
        h = fnv(h, id);
        h = (h ^ 0x1E) * 0x100000001b3L;
        h = fnv(h, scope);
        return mix(h);
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private static long hash2(String type, String id, String scope) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < type.length(); i++) {
            h = h * 0xBF58476D1CE4E5B9L + type.charAt(i);
        }
        h = h * 0xBF58476D1CE4E5B9L + 0x10000;
        for (int i = 0; i < id.length(); i++) {
            h = h * 0xBF58476D1CE4E5B9L + id.charAt(i);
        }
        h = h * 0xBF58476D1CE4E5B9L + 0x10001;
        for (int i = 0; i < scope.length(); i++) {
            h = h * 0xBF58476D1CE4E5B9L + scope.charAt(i);
        }
        return mix(h ^ ((type.length() * 31L + id.length()) * 31L + scope.length()));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
