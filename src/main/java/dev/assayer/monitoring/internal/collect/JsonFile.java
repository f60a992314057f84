package dev.assayer.monitoring.internal.collect;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON array (or object) written one element at a time, so a collection never holds a whole
 * listing (all System Log events, all pull requests) in memory.
 */
final class JsonFile implements Closeable {

    private final BufferedWriter out;
    private final JsonMapper json;
    private final String suffix;
    private long count;

    private JsonFile(Path file, JsonMapper json, String prefix, String suffix) {
        this.json = json;
        this.suffix = suffix;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonFile array(Path file, JsonMapper json) {
        return new JsonFile(file, json, "[", "]");
    }

    static JsonFile object(Path file, JsonMapper json) {
        return new JsonFile(file, json, "{", "}");
    }

    /** {@code {"key":[…]}}: for documents that wrap the array in an object. */
    static JsonFile wrappedArray(Path file, JsonMapper json, String key) {
        return new JsonFile(file, json, "{" + json.writeValueAsString(key) + ":[", "]}");
    }

    void add(JsonNode element) {
        sep();
        raw(json.writeValueAsString(element));
    }

    void put(String key, JsonNode value) {
        sep();
        raw(json.writeValueAsString(key) + ":" + json.writeValueAsString(value));
    }

    long count() {
        return count;
    }

    private void sep() {
        if (count++ > 0) {
            raw(",");
        }
    }

    private void raw(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        raw(suffix);
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
