package dev.assayer.monitoring.internal.collect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A collector's validated settings, defaults filled in (see {@link CollectorRules#settings}). */
public record CollectorSettings(Map<String, String> values) {

    public CollectorSettings {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value, or null when an optional setting is empty. */
    public String get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
