package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Any JSON array of objects, or JSON Lines (one object per line), mapped by {@link FormatOptions}:
 * each object becomes one resource of the declared type; the id field and renamed fields may be
 * dotted paths into nested objects ({@code owner.login}). Streamed.
 */
public final class GenericJsonFormat implements ResourceFormat {

    public static final String NAME = "generic-json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Any JSON array of objects or JSON Lines, with a declared mapping (type, id field, optional renames)";
    }

    @Override
    public int detect(String filename, byte[] bytes) {
        try {
            Head h = Head.of(filename, bytes);
            return h.json() ? 1 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        GenericMapping mapping = GenericMapping.of(NAME, filename, options);
        Instant at = Json.importedAt(options);
        Json.records(filename, in, "an object", rec -> {
            JsonNode n = rec.node();
            JsonNode idNode = field(n, mapping.idField());
            if (idNode == null || idNode.isNull() || idNode.isMissingNode() || idNode.isContainer()
                    || idNode.asString().isBlank()) {
                throw Json.at(filename, rec, "record has no " + mapping.idField());
            }
            Attrs a = new Attrs();
            if (mapping.fields().isEmpty()) {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    a.put(e.getKey(), Json.value(e.getValue()));
                }
            } else {
                mapping.fields().forEach((from, to) -> a.put(to, Json.value(field(n, from))));
            }
            sink.accept(new Resource(mapping.type(), idNode.asString().trim(), a.build(), NAME + ":" + filename, at));
        });
    }

    /** The member named exactly {@code name}, else the dotted path. */
    private static JsonNode field(JsonNode n, String name) {
        return n.has(name) ? n.get(name) : Json.path(n, name);
    }
}
