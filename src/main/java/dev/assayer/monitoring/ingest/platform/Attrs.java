package dev.assayer.monitoring.ingest.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/** Attribute map builder: insertion order kept, null values left out (so CEL's has() tells "unknown"). */
final class Attrs {

    private final Map<String, Object> map = new LinkedHashMap<>();

    Attrs put(String name, Object value) {
        if (value instanceof Integer i) {
            value = i.longValue();
        }
        if (value != null) {
            map.put(name, value);
        }
        return this;
    }

    Object get(String name) {
        return map.get(name);
    }

    Map<String, Object> build() {
        return map;
    }
}
