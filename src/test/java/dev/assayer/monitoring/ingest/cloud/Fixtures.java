package dev.assayer.monitoring.ingest.cloud;

import dev.assayer.monitoring.ingest.FormatOptions;
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
import java.util.stream.Collectors;

/** Reads the fixtures under src/test/resources/monitoring/formats/. */
final class Fixtures {

    static final Instant IMPORTED = Instant.parse("2025-03-04T12:00:00Z");

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/monitoring/formats/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first 64 KiB, as a caller would hand them to detect(). */
    static byte[] head(String name) {
        byte[] all = bytes(name);
        return Arrays.copyOf(all, Math.min(all.length, 64 * 1024));
    }

    static List<Resource> read(ResourceFormat format, String name) {
        return read(format, name, bytes(name));
    }

    static List<Resource> readText(ResourceFormat format, String name, String text) {
        return read(format, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static List<Resource> read(ResourceFormat format, String name, byte[] content) {
        List<Resource> out = new ArrayList<>();
        try {
            format.read(name, new ByteArrayInputStream(content), FormatOptions.at(IMPORTED), out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Map<String, Resource> byId(List<Resource> resources) {
        return resources.stream().collect(Collectors.toMap(Resource::id, r -> r, (a, b) -> a));
    }

    static Resource only(List<Resource> resources, String id) {
        List<Resource> found = resources.stream().filter(r -> r.id().equals(id)).toList();
        if (found.isEmpty()) {
            throw new AssertionError("no resource " + id + " among " + resources.stream().map(Resource::id).toList());
        }
        return found.get(0);
    }
}
