package dev.assayer.monitoring.checks;

import dev.cel.runtime.CelVariableResolver;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The CEL variables for one resource; made once per resource and shared by every check on it. */
final class Vars implements CelVariableResolver {

    final Map<String, Object> resource;
    final Map<String, Object> meta;
    final Instant now;

    Vars(Map<String, Object> resource, Map<String, Object> meta, Instant now) {
        this.resource = resource;
        this.meta = meta;
        this.now = now;
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
            case "resource" -> Optional.of(resource);
            case "meta" -> Optional.of(meta);
            case "now" -> Optional.of(now);
            default -> Optional.empty();
        };
    }
}
