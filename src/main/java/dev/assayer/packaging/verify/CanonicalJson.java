package dev.assayer.packaging.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON of manifest.json: object keys sorted by their UTF-16 code units, no
 * whitespace outside strings, strings escaped only where JSON requires it ({@code \"}, {@code \\},
 * the short forms {@code \b \f \n \r \t} and <code>&#92;u00XX</code> for other control characters),
 * everything else as raw UTF-8, integers only (no fractions or exponents). Anyone can therefore
 * re-serialize a parsed manifest and get the same bytes. Values: null, Boolean, integral Number,
 * CharSequence, Map (String keys), Iterable; anything else is written as its {@code toString()}
 * string (UUID, LocalDate, Instant, enums).
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] write(Object value) {
        StringBuilder b = new StringBuilder(4096);
        append(b, value);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String writeString(Object value) {
        StringBuilder b = new StringBuilder(256);
        append(b, value);
        return b.toString();
    }

    private static void append(StringBuilder b, Object v) {
        switch (v) {
            case null -> b.append("null");
            case Boolean bool -> b.append(bool ? "true" : "false");
            case Integer i -> b.append(i.longValue());
            case Long l -> b.append(l.longValue());
            case Short s -> b.append(s.longValue());
            case BigInteger bi -> b.append(bi);
            case BigDecimal bd -> {
                if (bd.stripTrailingZeros().scale() > 0) {
                    throw new IllegalArgumentException("canonical JSON holds integers only, not " + bd);
                }
                b.append(bd.toBigIntegerExact());
            }
            case Number n -> throw new IllegalArgumentException("canonical JSON holds integers only, not " + n);
            case Map<?, ?> m -> {
                TreeMap<String, Object> sorted = new TreeMap<>();
                m.forEach((k, val) -> {
                    if (!(k instanceof String s)) {
                        throw new IllegalArgumentException("object keys must be strings, not " + k);
                    }
                    sorted.put(s, val);
                });
                b.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> e : sorted.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    string(b, e.getKey());
                    b.append(':');
                    append(b, e.getValue());
                }
                b.append('}');
            }
            case Iterable<?> it -> {
                b.append('[');
                boolean first = true;
                for (Object o : it) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    append(b, o);
                }
                b.append(']');
            }
            case CharSequence cs -> string(b, cs.toString());
            default -> string(b, v.toString());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
