package dev.assayer.monitoring.ingest.cloud;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small helpers over JSON-like values (Map, List, String, Long, Double, Boolean, null). */
final class Values {

    /** ISO date-time with 'T' or a space, optional fraction, optional offset ("Z", "+00:00", "+0000"). */
    private static final DateTimeFormatter FLEXIBLE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendLiteral("UTC").optionalEnd()
            .toFormatter(Locale.ROOT);

    private Values() {
    }

    /** The value at a dotted path of map keys, or null. */
    static Object at(Map<String, Object> map, String path) {
        Object cur = map;
        for (String key : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(key);
        }
        return cur;
    }

    /** A string (numbers and booleans as text) at the path, blank → null. */
    static String str(Map<String, Object> map, String path) {
        Object v = at(map, path);
        if (v == null || v instanceof Map || v instanceof List) {
            return null;
        }
        String s = v.toString();
        return s.isBlank() ? null : s;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v) {
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object v) {
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static Long integer(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Double number(Object v) {
        if (v instanceof Long l) {
            return l.doubleValue();
        }
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    /** Strings of a list (others dropped), or an empty list. */
    static List<Object> strings(Object v) {
        List<Object> out = new ArrayList<>();
        for (Object o : list(v)) {
            if (o != null && !(o instanceof Map) && !(o instanceof List)) {
                out.add(o.toString());
            }
        }
        return out;
    }

    /**
     * A timestamp as an {@link Instant}: ISO-8601 with or without offset (no offset = UTC), a
     * space instead of 'T', a plain date, or epoch seconds (Long/Double). Null when it is none of those.
     */
    static Instant instant(Object v) {
        if (v instanceof Long l) {
            return Instant.ofEpochSecond(l);
        }
        if (v instanceof Double d) {
            return Instant.ofEpochMilli(Math.round(d * 1000));
        }
        if (!(v instanceof String s) || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the lenient forms below
        }
        try {
            var parsed = FLEXIBLE.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return odt.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // maybe a plain date
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** A timestamp normalized to ISO-8601 UTC ("2024-05-01T10:00:00Z"), or null. */
    static String iso(Object v) {
        Instant i = instant(v);
        return i == null ? null : i.toString();
    }

    /**
     * camelCase / PascalCase → snake_case, keeping acronyms together: "kmsMasterKeyID" →
     * "kms_master_key_id", "DBInstance" → "db_instance", "dBInstanceClass" → "db_instance_class",
     * "ipv4Ranges" → "ipv4_ranges". Dashes, dots and spaces become underscores.
     */
    static String snake(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        String s = name;
        // AWS Config writes some acronyms with a lower-case first letter: dBInstance, iAMRole.
        if (s.length() > 2 && Character.isLowerCase(s.charAt(0)) && Character.isUpperCase(s.charAt(1))) {
            s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' || c == '.' || c == ' ' || c == '_') {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                continue;
            }
            if (Character.isUpperCase(c)) {
                char prev = i > 0 ? s.charAt(i - 1) : 0;
                char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                boolean boundary = i > 0 && (Character.isLowerCase(prev) || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && Character.isLowerCase(next)));
                if (boundary && !out.isEmpty() && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '_') {
            end--;
        }
        return out.substring(0, end);
    }

    /**
     * A copy with every map key in snake_case and null map entries dropped (so CEL's has() tells
     * present from absent); lists keep their elements. Keys of maps named in {@code keepKeysUnder}
     * (e.g. "tags") keep their original spelling.
     */
    static Object snakeKeys(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                String key = snake(String.valueOf(e.getKey()));
                out.put(key, "tags".equals(key) ? tags(e.getValue()) : snakeKeys(e.getValue()));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(snakeKeys(o));
            }
            return out;
        }
        return v;
    }

    /**
     * Tags as a map name → value: accepts a map already, or the AWS list form
     * [{"key"|"Key": …, "value"|"Value": …}]. Tag names keep their spelling.
     */
    static Object tags(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), val));
            return out;
        }
        if (v instanceof List<?> l) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object o : l) {
                Map<String, Object> t = map(o);
                Object key = t.containsKey("key") ? t.get("key") : t.get("Key");
                Object value = t.containsKey("value") ? t.get("value") : t.get("Value");
                if (key != null) {
                    out.put(key.toString(), value);
                }
            }
            return out;
        }
        return v;
    }

    /** An unmodifiable view (null values allowed, unlike Map.copyOf). */
    static Map<String, Object> frozen(Map<String, Object> attributes) {
        return Collections.unmodifiableMap(attributes);
    }

    /** Puts only when the value is not null. */
    static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
