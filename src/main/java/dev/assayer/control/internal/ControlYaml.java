package dev.assayer.control.internal;

import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Reads and writes the control library as YAML: {@code controls:} followed by one mapping per
 * control (a bare top-level list is accepted too). Reading walks the token stream so each control
 * keeps the line where its item starts, and every scalar keeps its text as written.
 */
public final class ControlYaml {

    private static final YAMLMapper READER = YAMLMapper.builder().build();
    private static final YAMLMapper WRITER = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();

    private ControlYaml() {
    }

    public static List<RawRecord> read(String text) {
        List<RawRecord> out = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        try (JsonParser p = READER.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw ApiProblem.invalidLine("YAML", 1, null, "the file is empty; expected 'controls:' and a list of controls");
            }
            if (t == JsonToken.START_OBJECT) {
                boolean found = false;
                while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if ("controls".equals(name)) {
                        if (p.currentToken() == JsonToken.VALUE_NULL) {
                            found = true;
                            continue;
                        }
                        if (p.currentToken() != JsonToken.START_ARRAY) {
                            throw ApiProblem.invalidLine("YAML", line(p.currentTokenLocation()), "controls",
                                    "must be a list of controls");
                        }
                        readItems(p, out, errors);
                        found = true;
                    } else {
                        p.skipChildren();
                    }
                }
                if (!found) {
                    throw ApiProblem.invalidLine("YAML", 1, "controls", "the file has no 'controls:' list");
                }
            } else if (t == JsonToken.START_ARRAY) {
                readItems(p, out, errors);
            } else {
                throw ApiProblem.invalidLine("YAML", line(p.currentTokenLocation()), null,
                        "expected 'controls:' and a list of controls");
            }
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            String reason = e.getOriginalMessage();
            if (reason != null && reason.length() > 300) {
                reason = reason.substring(0, 300) + "…";
            }
            throw ApiProblem.invalidLine("YAML", line, null, "malformed YAML: " + reason);
        }
        if (!errors.isEmpty()) {
            FieldError first = errors.getFirst();
            throw new ApiProblem(400, "Invalid import", "YAML line " + first.line() + ", field '" + first.field() + "': "
                    + first.message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")
                    + "; nothing was imported", errors);
        }
        return out;
    }

    private static int line(TokenStreamLocation loc) {
        return loc == null ? 1 : Math.max(1, loc.getLineNr());
    }

    private static void readItems(JsonParser p, List<RawRecord> out, List<FieldError> errors) {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int line = line(p.currentTokenLocation());
            if (t != JsonToken.START_OBJECT) {
                errors.add(new FieldError("controls", "each item must be a mapping of ref, title, …", line));
                p.skipChildren();
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String key = p.currentName();
                int keyLine = line(p.currentTokenLocation());
                JsonToken v = p.nextToken();
                String col = TransferColumns.canonical(key);
                if (col == null) {
                    errors.add(new FieldError(key, "unknown key '" + key + "' (expected " + String.join(", ",
                            TransferColumns.ALL) + ")", keyLine));
                    p.skipChildren();
                    continue;
                }
                if (v == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken().isScalarValue()) {
                            if (p.currentToken() != JsonToken.VALUE_NULL) {
                                items.add(p.getString());
                            }
                        } else {
                            errors.add(new FieldError(col, "must be a list of plain values", keyLine));
                            p.skipChildren();
                        }
                    }
                    values.put(col, items);
                } else if (v == JsonToken.START_OBJECT) {
                    errors.add(new FieldError(col, "must be a plain value, not a mapping", keyLine));
                    p.skipChildren();
                } else if (v == JsonToken.VALUE_NULL) {
                    values.put(col, null);
                } else {
                    String s = p.getString();
                    values.put(col, s == null || s.isEmpty() ? null : s);
                }
            }
            out.add(new RawRecord(line, values));
        }
    }

    /** Writes rows (values by column in {@link TransferColumns#ALL}) under {@code controls:}. */
    public static String write(List<Map<String, Object>> rows) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 1);
        doc.put("controls", rows);
        return WRITER.writeValueAsString(doc);
    }
}
