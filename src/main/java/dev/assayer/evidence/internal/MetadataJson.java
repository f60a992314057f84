package dev.assayer.evidence.internal;

import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the evidence metadata JSON of the API by hand, so that every problem names its field:
 * unknown fields, wrong types, dates that are not YYYY-MM-DD, unknown collection methods.
 */
public final class MetadataJson {

    /** The parsed document: metadata plus the link {@code url} and the {@code version} of a PUT. */
    public record Parsed(EvidenceMetadata metadata, String url, Long version) {
    }

    private static final Set<String> FIELDS = Set.of("title", "description", "controls", "effectiveDate", "periodStart",
            "periodEnd", "renewalDate", "collectedBy", "collectionMethod", "sourceSystem", "url", "version");

    private MetadataJson() {
    }

    public static Parsed parse(JsonMapper json, String document, String what) {
        if (document == null || document.isBlank()) {
            throw ApiProblem.invalidField(what, "is required (a JSON object)");
        }
        JsonNode root;
        try {
            root = json.readTree(document);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw ApiProblem.invalidField(what, "is not valid JSON" + where);
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.invalidField(what, "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "unknown field (expected one of " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)) + ")"));
            }
        }
        String title = text(root, "title", errors);
        String description = text(root, "description", errors);
        List<String> controls = controls(root, errors);
        LocalDate effective = MetadataRules.date("effectiveDate", text(root, "effectiveDate", errors), errors);
        LocalDate start = MetadataRules.date("periodStart", text(root, "periodStart", errors), errors);
        LocalDate end = MetadataRules.date("periodEnd", text(root, "periodEnd", errors), errors);
        LocalDate renewal = MetadataRules.date("renewalDate", text(root, "renewalDate", errors), errors);
        String collectedBy = text(root, "collectedBy", errors);
        CollectionMethod method = null;
        try {
            method = CollectionMethod.parse("collectionMethod", text(root, "collectionMethod", errors));
        } catch (ApiProblem p) {
            errors.addAll(p.errors());
        }
        String source = text(root, "sourceSystem", errors);
        String url = text(root, "url", errors);
        Long version = null;
        JsonNode v = root.get("version");
        if (v != null && !v.isNull()) {
            if (v.isIntegralNumber()) {
                version = v.longValue();
            } else {
                errors.add(new FieldError("version", "must be a whole number"));
            }
        }
        MetadataRules.throwIfAny(errors);
        return new Parsed(new EvidenceMetadata(title, description, controls, effective, start, end, renewal, collectedBy,
                method, source), url, version);
    }

    private static String text(JsonNode root, String field, List<FieldError> errors) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return n.asString();
    }

    private static List<String> controls(JsonNode root, List<FieldError> errors) {
        JsonNode n = root.get("controls");
        if (n == null || n.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (n.isString()) {
            for (String s : n.asString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
            return out;
        }
        if (!n.isArray()) {
            errors.add(new FieldError("controls", "must be a list of control ids or refs"));
            return List.of();
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (e.isString()) {
                out.add(e.asString());
            } else {
                errors.add(new FieldError("controls[" + i + "]", "must be a control id or ref (a string)"));
            }
        }
        return out;
    }
}
