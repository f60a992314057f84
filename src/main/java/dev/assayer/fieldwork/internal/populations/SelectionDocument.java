package dev.assayer.fieldwork.internal.populations;

import dev.assayer.fieldwork.sampling.Population;
import dev.assayer.fieldwork.sampling.Selection;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a stored selection document (written by {@code SelectionJson.write}) back into a
 * {@link Selection}, from text rather than a file; the fields are those {@code SelectionJson.read}
 * reads, and a test checks both readers agree on what the app stores.
 */
public final class SelectionDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SelectionDocument() {
    }

    public static Selection parse(String text) {
        JsonNode n = JSON.readTree(text);
        return new Selection(n.get("sha256").asString(), n.get("seed").asString(), n.get("method").asString(),
                n.get("size").asInt(), n.path("populationRows").asLong(0),
                "jsonl".equals(text(n, "format")) ? Population.Format.JSONL : Population.Format.CSV, text(n, "keyColumn"),
                text(n, "spreadByDate"), items(n.get("items")), items(n.get("chosen")), text(n, "justification"));
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
