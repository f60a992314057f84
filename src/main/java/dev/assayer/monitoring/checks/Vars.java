package dev.assayer.monitoring.checks;

import dev.assayer.monitoring.ingest.Resource;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelVariableResolver;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL variables for one resource; made once per resource and shared by every check on it.
 * The fast path reads the attributes as the importer produced them ({@link #resource}); the CEL
 * form ({@link CheckEvaluator#attributes}, which copies a map holding nulls or Integers) and the
 * {@code meta} map are made only when something asks for them.
 */
final class Vars implements CelVariableResolver {

    /** The attributes as read (may hold Java nulls, Integers, …: the fast path bails on those). */
    final Map<String, Object> resource;
    final Instant now;
    private final Resource source;
    private Map<String, Object> meta;
    private Map<String, Object> celResource;

    Vars(Resource source, Instant now) {
        this.resource = source.attributes() == null ? Map.of() : source.attributes();
        this.source = source;
        this.now = now;
        this.memo = Memo.claim();
        this.generation = memo.generation;
    }

    /** For tests: raw attributes and a ready meta map. */
    Vars(Map<String, Object> resource, Map<String, Object> meta, Instant now) {
        this.resource = resource;
        this.source = null;
        this.meta = meta;
        this.now = now;
        this.memo = Memo.claim();
        this.generation = memo.generation;
    }

    // ---- resource.<field>, looked up once per resource: a slot per field name, a memo per thread

    private static final int MAX_SLOTS = 4096;
    private static final Map<String, Integer> SLOTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_SLOT = new java.util.concurrent.atomic.AtomicInteger();

    /** The memo slot of a top-level attribute name, or -1 when there are too many names to remember. */
    static int slot(String field) {
        int slot = SLOTS.computeIfAbsent(field, k -> NEXT_SLOT.getAndIncrement());
        return slot < MAX_SLOTS ? slot : -1;
    }

    /**
     * The values of the current resource's attributes already read on this thread, stamped with the
     * generation of the Vars that read them; a new Vars takes the memo over (no allocation per
     * resource). A Vars that is no longer the memo's owner reads the map directly.
     */
    private static final class Memo {
        private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);
        long generation;
        long[] stamps = new long[64];
        Object[] values = new Object[64];

        static Memo claim() {
            Memo m = MEMO.get();
            m.generation++;
            return m;
        }
    }

    private final Memo memo;
    private final long generation;

    /** resource.field for the fast path ({@link FastPath#attribute}), memoized per resource. */
    Object attribute(int slot, String field) {
        Memo m = memo;
        if (m.generation != generation) {
            return FastPath.attribute(resource, field);
        }
        if (slot < m.stamps.length && m.stamps[slot] == generation) {
            return m.values[slot];
        }
        Object value = FastPath.attribute(resource, field);
        if (slot >= m.stamps.length) {
            int size = Math.max(slot + 1, m.stamps.length * 2);
            m.stamps = java.util.Arrays.copyOf(m.stamps, size);
            m.values = java.util.Arrays.copyOf(m.values, size);
        }
        m.stamps[slot] = generation;
        m.values[slot] = value;
        return value;
    }

    Map<String, Object> meta() {
        if (meta == null) {
            Map<String, Object> m = new HashMap<>(8);
            m.put("type", source.type());
            m.put("id", source.id() == null ? NullValue.NULL_VALUE : source.id());
            m.put("source", source.source() == null ? NullValue.NULL_VALUE : source.source());
            m.put("observed_at", source.observedAt() == null ? NullValue.NULL_VALUE : source.observedAt());
            meta = m;
        }
        return meta;
    }

    private Map<String, Object> celResource() {
        if (celResource == null) {
            celResource = CheckEvaluator.attributes(resource);
        }
        return celResource;
    }

    private final Object[] timestampKeys = new Object[4];
    private final Object[] timestampValues = new Object[4];
    private int timestampNext;

    /** timestamp(x) for the fast path, remembered per attribute value: checks of one resource share them. */
    Object timestamp(Object x) {
        for (int i = 0; i < timestampKeys.length; i++) {
            if (timestampKeys[i] == x && x != null) {
                return timestampValues[i];
            }
        }
        Object value = FastPath.timestamp(x);
        if (x instanceof String) {
            timestampKeys[timestampNext] = x;
            timestampValues[timestampNext] = value;
            timestampNext = (timestampNext + 1) % timestampKeys.length;
        }
        return value;
    }

    @Override
    public Optional<Object> find(String name) {
        return switch (name) {
            case "resource" -> Optional.of(celResource());
            case "meta" -> Optional.of(meta());
            case "now" -> Optional.of(now);
            default -> Optional.empty();
        };
    }
}
