package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.InputProblem;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON helpers shared by the platform formats: streaming records out of arrays (and out of several
 * root values, as JSON Lines or {@code gh api --paginate} produce), turning nodes into JSON-like
 * Java values (Long, never Integer; nulls dropped from maps) and naming positions in problems.
 */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private Json() {
    }

    /** One record read from the stream, with where it starts. */
    record Rec(JsonNode node, long line, long column) {
    }

    /**
     * Streams every record: each element of a root array (one nested level of arrays is flattened,
     * for concatenated pages), and each root object. Scalars where a record is expected are
     * reported as problems naming {@code what}.
     */
    static void records(String filename, InputStream in, String what, Consumer<Rec> sink) throws IOException {
        try (JsonParser p = MAPPER.createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    elements(filename, p, what, sink, true);
                } else {
                    record(filename, p, t, what, sink);
                }
            }
        } catch (JacksonException e) {
            throw problem(filename, e);
        }
    }

    private static void elements(String filename, JsonParser p, String what, Consumer<Rec> sink, boolean nested) {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw at(filename, p.currentLocation(), "the file ends inside an array (truncated?)");
            }
            if (t == JsonToken.START_ARRAY && nested) {
                elements(filename, p, what, sink, false);
            } else {
                record(filename, p, t, what, sink);
            }
        }
    }

    private static void record(String filename, JsonParser p, JsonToken t, String what, Consumer<Rec> sink) {
        TokenStreamLocation at = p.currentTokenLocation();
        if (t != JsonToken.START_OBJECT) {
            throw at(filename, at, "expected " + what + " (a JSON object), found " + describe(t));
        }
        JsonNode node = MAPPER.readTree(p);
        handOver(filename, new Rec(node, at.getLineNr(), at.getColumnNr()), sink);
    }

    /** Runs {@code sink}, turning any unexpected failure into a problem at the record's position. */
    static void handOver(String filename, Rec rec, Consumer<Rec> sink) {
        try {
            sink.accept(rec);
        } catch (InputProblem e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputProblem(filename, rec.line(), rec.column(), "could not read this record: " + e.getMessage());
        }
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase();
        };
    }

    static InputProblem problem(String filename, JacksonException e) {
        TokenStreamLocation loc = e.getLocation();
        String msg = e.getOriginalMessage() == null ? "not valid JSON" : firstLine(e.getOriginalMessage());
        if (msg.contains("end-of-input")) {
            msg = "the file ends unexpectedly (truncated?): " + msg;
        } else {
            msg = "not valid JSON: " + msg;
        }
        return at(filename, loc, msg);
    }

    static InputProblem at(String filename, TokenStreamLocation loc, String what) {
        long line = loc == null || loc.getLineNr() < 0 ? 0 : loc.getLineNr();
        long col = loc == null || loc.getColumnNr() < 0 ? 0 : loc.getColumnNr();
        return new InputProblem(filename, line, col, what);
    }

    static InputProblem at(String filename, Rec rec, String what) {
        return new InputProblem(filename, rec.line(), rec.column(), what);
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    // ---- values ----

    /** The node as a JSON-like Java value; null for null and missing nodes. */
    static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                Object v = value(e.getValue());
                if (v != null) {
                    m.put(e.getKey(), v);
                }
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            for (JsonNode e : n) {
                l.add(value(e));
            }
            return l;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.asString();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.asString();
    }

    /** Follows a dotted path ("owner.login"); a missing node when any step is absent. */
    static JsonNode path(JsonNode n, String dotted) {
        JsonNode cur = n;
        for (String part : dotted.split("\\.")) {
            cur = cur == null ? null : cur.path(part);
        }
        return cur;
    }

    /** Text at a dotted path, null when absent or null. Numbers and booleans become their text. */
    static String text(JsonNode n, String dotted) {
        JsonNode v = path(n, dotted);
        if (v == null || v.isNull() || v.isMissingNode() || v.isContainer()) {
            return null;
        }
        return v.asString();
    }

    /** A boolean at a dotted path; null when absent. Strings "true"/"false" count. */
    static Boolean bool(JsonNode n, String dotted) {
        JsonNode v = path(n, dotted);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isString()) {
            String s = v.stringValue().trim();
            if (s.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /** A whole number at a dotted path; null when absent or not a whole number. */
    static Long number(JsonNode n, String dotted) {
        JsonNode v = path(n, dotted);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isString()) {
            try {
                return Long.parseLong(v.stringValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Timestamps normalized to ISO-8601 UTC ({@code 2026-03-01T10:00:00Z}); unparseable text is kept as is. */
    static String timestamp(JsonNode n, String dotted) {
        return timestamp(text(n, dotted));
    }

    static String timestamp(String s) {
        Instant i = instant(s);
        return i == null ? (s == null || s.isBlank() ? null : s) : i.toString();
    }

    static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s.trim());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Texts of a field in each element of an array at {@code arrayPath} (e.g. logins of reviewers). */
    static List<String> texts(JsonNode n, String arrayPath, String field) {
        List<String> out = new ArrayList<>();
        JsonNode arr = path(n, arrayPath);
        if (arr != null && arr.isArray()) {
            for (JsonNode e : arr) {
                String s = field == null ? (e.isValueNode() && !e.isNull() ? e.asString() : null) : text(e, field);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The import time (or now) as the observed time when the file has none. */
    static Instant importedAt(dev.assayer.monitoring.ingest.FormatOptions options) {
        return options == null || options.importedAt() == null ? Instant.now() : options.importedAt();
    }
}
