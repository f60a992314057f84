package dev.assayer.fieldwork.sampling;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The selection file: written by {@code sample select --json}, read by {@code sample verify}. */
public final class SelectionJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SelectionJson() {
    }

    /** Pretty JSON with a stable field order. */
    public static String write(Selection s) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"sha256\": ").append(str(s.sha256())).append(",\n");
        b.append("  \"seed\": ").append(str(s.seed())).append(",\n");
        b.append("  \"method\": ").append(str(s.method())).append(",\n");
        b.append("  \"size\": ").append(s.size()).append(",\n");
        b.append("  \"populationRows\": ").append(s.populationRows()).append(",\n");
        b.append("  \"format\": ").append(str(s.format().name().toLowerCase(java.util.Locale.ROOT))).append(",\n");
        b.append("  \"keyColumn\": ").append(str(s.keyColumn())).append(",\n");
        b.append("  \"spreadByDate\": ").append(str(s.spreadByDate())).append(",\n");
        b.append("  \"items\": ");
        items(b, s.items());
        b.append(",\n  \"chosen\": ");
        items(b, s.chosen());
        b.append(",\n  \"justification\": ").append(str(s.justification())).append("\n}");
        return b.toString();
    }

    private static void items(StringBuilder b, List<Selection.Item> items) {
        b.append('[');
        for (int i = 0; i < items.size(); i++) {
            Selection.Item it = items.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"row\": ").append(it.row()).append(", \"key\": ")
                    .append(str(it.key())).append(", \"draw\": ").append(it.draw()).append(", \"how\": ")
                    .append(str(it.how())).append('}');
        }
        b.append(items.isEmpty() ? "]" : "\n  ]");
    }

    /** A JSON string literal, or null. */
    public static String str(String v) {
        if (v == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
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
        return b.append('"').toString();
    }

    /** Reads a selection file; a malformed file is reported with its name. */
    public static Selection read(Path file) throws IOException {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            for (String required : List.of("sha256", "seed", "method", "size", "items")) {
                if (n.get(required) == null || n.get(required).isNull()) {
                    throw new PopulationException(file + ": the selection has no \"" + required + "\"");
                }
            }
            return new Selection(n.get("sha256").asString(), n.get("seed").asString(), n.get("method").asString(),
                    n.get("size").asInt(), n.path("populationRows").asLong(0),
                    "jsonl".equals(text(n, "format")) ? Population.Format.JSONL : Population.Format.CSV,
                    text(n, "keyColumn"), text(n, "spreadByDate"), items(n.get("items")), items(n.get("chosen")),
                    text(n, "justification"));
        } catch (JacksonException e) {
            throw new PopulationException(file + ": not a valid selection file: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static List<Selection.Item> items(JsonNode array) {
        List<Selection.Item> out = new ArrayList<>();
        if (array != null) {
            for (JsonNode it : array) {
                out.add(new Selection.Item(it.path("row").asLong(), text(it, "key"), it.path("draw").asInt(),
                        text(it, "how")));
            }
        }
        return out;
    }
}
