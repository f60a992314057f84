package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Test fixtures under src/test/resources/monitoring/formats/. */
final class Fixtures {

    static final Instant IMPORTED = Instant.parse("2026-11-22T12:00:00Z");

    private Fixtures() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/monitoring/formats/" + path)) {
            return Objects.requireNonNull(in, path).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first bytes, as detection sees them (at most 64 KiB). */
    static byte[] head(String path) {
        byte[] all = bytes(path);
        return Arrays.copyOf(all, Math.min(all.length, 64 * 1024));
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static List<Resource> read(ResourceFormat format, String path) {
        return read(format, path, FormatOptions.at(IMPORTED));
    }

    static List<Resource> read(ResourceFormat format, String path, FormatOptions options) {
        return readBytes(format, name(path), bytes(path), options);
    }

    static List<Resource> readText(ResourceFormat format, String filename, String text, FormatOptions options) {
        return readBytes(format, filename, text.getBytes(StandardCharsets.UTF_8), options);
    }

    static List<Resource> readBytes(ResourceFormat format, String filename, byte[] content, FormatOptions options) {
        List<Resource> out = new ArrayList<>();
        try {
            format.read(filename, new ByteArrayInputStream(content), options, out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static InputProblem problem(ResourceFormat format, String path) {
        return problem(format, path, FormatOptions.at(IMPORTED));
    }

    static InputProblem problem(ResourceFormat format, String path, FormatOptions options) {
        try {
            read(format, path, options);
        } catch (InputProblem e) {
            return e;
        }
        throw new AssertionError("expected an InputProblem reading " + path);
    }

    static InputProblem problemText(ResourceFormat format, String filename, String text, FormatOptions options) {
        try {
            readText(format, filename, text, options);
        } catch (InputProblem e) {
            return e;
        }
        throw new AssertionError("expected an InputProblem reading " + filename);
    }

    static Resource byId(List<Resource> resources, String id) {
        return resources.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + id + " in " + resources.stream().map(Resource::id).toList()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    /** Every attribute value is JSON-like: String, Long, Double, Boolean, List or Map of those (never Integer). */
    static void assertJsonLike(Object value, String where) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean) {
            return;
        }
        if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                assertJsonLike(l.get(i), where + "[" + i + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (!(k instanceof String)) {
                    throw new AssertionError(where + ": key " + k + " is not a string");
                }
                assertJsonLike(v, where + "." + k);
            });
            return;
        }
        throw new AssertionError(where + " is a " + value.getClass().getSimpleName());
    }

    static void assertJsonLike(List<Resource> resources) {
        for (Resource r : resources) {
            assertJsonLike(r.attributes(), r.id());
        }
    }
}
