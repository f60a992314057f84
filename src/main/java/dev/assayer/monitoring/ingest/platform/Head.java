package dev.assayer.monitoring.ingest.platform;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * What detection can learn from the first bytes of a file (which may stop mid-document): for JSON,
 * the shape of the first record (the root object, or the first element of a root array) as dotted
 * paths ({@code owner.login}, {@code target[].id}) with the first scalar text seen at each path; for
 * other files, the text. Never throws.
 */
final class Head {

    enum Root { NONE, OBJECT, ARRAY }

    private static final int MAX_PATHS = 4000;
    private static final int MAX_DEPTH = 4;

    final String filename;
    final String text;
    Root root = Root.NONE;
    boolean emptyArray;
    boolean emptyObject;
    /** Whether a second root value follows the first (JSON Lines, concatenated pages). */
    boolean severalRoots;
    String firstKey;
    final Set<String> paths = new LinkedHashSet<>();
    final Map<String, String> scalars = new HashMap<>();

    private Head(String filename, String text) {
        this.filename = filename == null ? "" : filename;
        this.text = text;
    }

    static Head of(String filename, byte[] head) {
        byte[] bytes = head == null ? new byte[0] : head;
        int skip = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        byte[] body = skip == 0 ? bytes : Arrays.copyOfRange(bytes, skip, bytes.length);
        Head h = new Head(filename, new String(body, StandardCharsets.UTF_8));
        String trimmed = h.text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            h.sniffJson(body);
        }
        return h;
    }

    boolean json() {
        return root != Root.NONE;
    }

    boolean has(String path) {
        return paths.contains(path);
    }

    boolean hasAll(String... ps) {
        for (String p : ps) {
            if (!paths.contains(p)) {
                return false;
            }
        }
        return true;
    }

    boolean hasAny(String... ps) {
        for (String p : ps) {
            if (paths.contains(p)) {
                return true;
            }
        }
        return false;
    }

    String scalar(String path) {
        return scalars.get(path);
    }

    String lowerName() {
        String n = filename.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    private void sniffJson(byte[] body) {
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                root = Root.ARRAY;
                t = p.nextToken();
                if (t == JsonToken.START_ARRAY) {
                    t = p.nextToken();
                }
                if (t == JsonToken.END_ARRAY) {
                    emptyArray = true;
                    return;
                }
                if (t == JsonToken.START_OBJECT) {
                    walkObject(p, "", 0);
                }
            } else if (t == JsonToken.START_OBJECT) {
                root = Root.OBJECT;
                walkObject(p, "", 0);
                if (paths.isEmpty()) {
                    emptyObject = true;
                }
                severalRoots = p.nextToken() != null;
            }
        } catch (RuntimeException e) {
            // the head stops mid-document, or it is not JSON after all: keep what was learnt
        }
    }

    private void walkObject(JsonParser p, String prefix, int depth) {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            if (depth == 0 && firstKey == null) {
                firstKey = name;
            }
            String path = prefix + name;
            if (paths.size() < MAX_PATHS) {
                paths.add(path);
            }
            walkValue(p, p.nextToken(), path, depth);
        }
    }

    private void walkValue(JsonParser p, JsonToken v, String path, int depth) {
        if (v == JsonToken.START_OBJECT) {
            if (depth < MAX_DEPTH) {
                walkObject(p, path + ".", depth + 1);
            } else {
                p.skipChildren();
            }
        } else if (v == JsonToken.START_ARRAY) {
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
                if (e == JsonToken.START_OBJECT && depth < MAX_DEPTH) {
                    walkObject(p, path + "[].", depth + 1);
                } else if (e.isStructStart()) {
                    p.skipChildren();
                }
            }
        } else if (v != null && v.isScalarValue() && !scalars.containsKey(path) && scalars.size() < MAX_PATHS) {
            String s = p.getString();
            scalars.put(path, s != null && s.length() > 500 ? s.substring(0, 500) : s);
        }
    }
}
