package dev.assayer.activity.internal;

import dev.assayer.activity.ActivityEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns activity entries into compact display rows: for each changed field "before → after".
 * Plain Java (no Spring), tested directly.
 */
public final class ActivityRows {

    /** One changed field; {@code before} is null for a field that was set, {@code after} for one removed. */
    public record Change(String field, String before, String after) {
    }

    public record Row(long seq, String time, String actor, String entityType, String entityId, String action,
            List<Change> changes, int hiddenChanges) {
    }

    static final int MAX_CHANGES = 6;
    static final int MAX_VALUE = 80;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final JsonMapper json = JsonMapper.builder().build();

    public List<Row> rows(List<ActivityEntry> entries) {
        return entries.stream().map(this::row).toList();
    }

    public Row row(ActivityEntry e) {
        List<Change> changes = changes(e.before(), e.after());
        int hidden = Math.max(0, changes.size() - MAX_CHANGES);
        return new Row(e.seq(), TIME.format(e.occurredAt()), e.actorLabel(), e.entityType(), e.entityId(), e.action(),
                changes.subList(0, Math.min(changes.size(), MAX_CHANGES)), hidden);
    }

    /** The fields that differ between two canonical JSON documents (either may be null), by field name. */
    public List<Change> changes(String beforeJson, String afterJson) {
        Map<String, JsonNode> before = fields(beforeJson);
        Map<String, JsonNode> after = fields(afterJson);
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<Change> out = new ArrayList<>();
        for (String name : names) {
            JsonNode b = before.get(name);
            JsonNode a = after.get(name);
            if (b != null && b.equals(a)) {
                continue;
            }
            if (beforeJson == null && (a == null || a.isNull())) {
                continue;
            }
            out.add(new Change(name, b == null ? null : show(b), a == null ? null : show(a)));
        }
        return out;
    }

    private Map<String, JsonNode> fields(String text) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            out.put("value", json.getNodeFactory().stringNode(text));
            return out;
        }
        if (node.isObject()) {
            node.properties().forEach(en -> out.put(en.getKey(), en.getValue()));
        } else {
            out.put("value", node);
        }
        return out;
    }

    static String show(JsonNode node) {
        String text = node.isNull() ? "—" : node.isValueNode() ? node.asString() : node.toString();
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE - 1) + "…" : text;
    }
}
