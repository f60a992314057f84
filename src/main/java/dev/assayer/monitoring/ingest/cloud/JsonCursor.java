package dev.assayer.monitoring.ingest.cloud;

import dev.assayer.monitoring.ingest.InputProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * A streaming JSON reader over Jackson's {@link JsonParser} that turns every problem — malformed
 * or truncated JSON, or a value that is not what the format says — into an {@link InputProblem}
 * naming the file, line and column. Values are read as JSON-like Java values (LinkedHashMap,
 * ArrayList, String, Long, Double, Boolean, null) one element at a time.
 */
final class JsonCursor {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** The body of a read; may throw {@link InputProblem} or Jackson's exceptions. */
    interface Body {
        void read(JsonCursor json);
    }

    private final String filename;
    private final JsonParser parser;

    private JsonCursor(String filename, JsonParser parser) {
        this.filename = filename;
        this.parser = parser;
    }

    /** Runs {@code body} over {@code in}; a UTF-8 BOM is skipped by the parser. */
    static void read(String filename, InputStream in, Body body) throws IOException {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), in)) {
            body.read(new JsonCursor(filename, p));
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            TokenStreamLocation loc = e.getLocation();
            throw new InputProblem(filename, loc == null ? 0 : Math.max(loc.getLineNr(), 0),
                    loc == null ? 0 : Math.max(loc.getColumnNr(), 0), clean(e.getOriginalMessage()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Jackson's message without its source description and location suffix. */
    static String clean(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        String m = message;
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        int marker = m.indexOf(" (start marker at");
        if (marker >= 0) {
            m = m.substring(0, marker);
        }
        m = m.replace("end-of-input", "end of file (truncated?)");
        return "malformed JSON: " + m.strip();
    }

    String filename() {
        return filename;
    }

    /** The next token; null at the end of the input. */
    JsonToken next() {
        return parser.nextToken();
    }

    JsonToken current() {
        return parser.currentToken();
    }

    String name() {
        return parser.currentName();
    }

    /** The first token of the document, or a problem when the file is empty. */
    JsonToken first(String expected) {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new InputProblem(filename, 1, 1, "empty file; expected " + expected);
        }
        return t;
    }

    /** After the top-level value: nothing but whitespace may follow. */
    void expectEnd() {
        JsonToken t = parser.nextToken();
        if (t != null) {
            throw problem("unexpected content after the end of the document");
        }
    }

    /** A problem at the current token. */
    InputProblem problem(String what) {
        return problemAt(parser.currentTokenLocation(), what);
    }

    InputProblem problemAt(TokenStreamLocation loc, String what) {
        return new InputProblem(filename, loc == null ? 0 : Math.max(loc.getLineNr(), 0),
                loc == null ? 0 : Math.max(loc.getColumnNr(), 0), what);
    }

    TokenStreamLocation location() {
        return parser.currentTokenLocation();
    }

    /** Reads the value at the current token (which must be its first token) as a Java value. */
    Object value() {
        JsonToken t = parser.currentToken();
        if (t == null) {
            throw problem("unexpected end of file");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, value());
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value());
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getString();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw problem("unexpected " + t);
        }
    }

    /** The current object's value as a map, or a problem naming {@code what} it should be. */
    Map<String, Object> object(String what) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw problem("expected " + what + " (a JSON object), found " + describe(parser.currentToken()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value();
        return map;
    }

    /** Skips the current value (object or array with its children, or a scalar). */
    void skip() {
        parser.skipChildren();
    }

    /**
     * Walks the properties of the object at the current token (START_OBJECT), calling
     * {@code each} with the cursor on the value's first token; {@code each} must consume the value.
     */
    void properties(String what, java.util.function.Consumer<String> each) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw problem("expected " + what + " (a JSON object), found " + describe(parser.currentToken()));
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            each.accept(key);
        }
    }

    /**
     * Walks the array at the current token, calling {@code each} with the cursor on each
     * element's first token; {@code each} must consume the element. JSON null counts as empty.
     */
    void elements(String what, Runnable each) {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw problem("expected " + what + " (a JSON array), found " + describe(parser.currentToken()));
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
                throw problem("unexpected end of file (truncated?) inside " + what);
            }
            each.run();
        }
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    /** Parses a JSON text embedded in a string value (AWS Config API output); null if it is not JSON. */
    static Object embedded(String text) {
        String t = text == null ? "" : text.strip();
        if (!(t.startsWith("{") || t.startsWith("["))) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), t)) {
            JsonCursor c = new JsonCursor("embedded", p);
            p.nextToken();
            Object v = c.value();
            return p.nextToken() == null ? v : null;
        } catch (JacksonException | InputProblem e) {
            return null;
        }
    }
}
