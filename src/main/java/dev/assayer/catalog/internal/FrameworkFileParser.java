package dev.assayer.catalog.internal;

import dev.assayer.catalog.Category;
import dev.assayer.shared.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Parses and validates one framework data file (YAML). Plain Java: no Spring, no SQL. Collects
 * every problem it finds (up to a limit) so a broken file is fixed in one pass, and names each
 * problem's location ({@code criteria[4] (CC1.5).category}).
 */
public final class FrameworkFileParser {

    public static final Set<String> KINDS = Set.of("CRITERIA", "OBJECTIVES");
    static final int MAX_PROBLEMS = 25;
    static final int MAX_TEXT = 4000;

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");
    private static final Set<String> TOP = Set.of("key", "name", "edition", "revision", "kind", "categories", "series",
            "criteria");
    private static final Set<String> CATEGORY_FIELDS = Set.of("code", "name", "required", "description");
    private static final Set<String> SERIES_FIELDS = Set.of("code", "title");
    private static final Set<String> CRITERION_FIELDS = Set.of("id", "category", "series", "title", "description",
            "guidance", "cosoPrinciple");

    private final YAMLMapper yaml = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** @param source the file name used in messages, e.g. {@code catalog/frameworks/soc2-tsc-2017.yaml} */
    public FrameworkDefinition parse(String source, byte[] content) {
        return parse(source, new String(content, StandardCharsets.UTF_8), Hashing.sha256Hex(content));
    }

    public FrameworkDefinition parse(String source, String content) {
        return parse(source, content, Hashing.sha256Hex(content));
    }

    private FrameworkDefinition parse(String source, String content, String hash) {
        JsonNode root;
        try {
            root = yaml.readTree(content);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new InvalidFrameworkFileException(source, List.of("not valid YAML" + where + ": "
                    + firstLine(e.getOriginalMessage())));
        }
        Problems problems = new Problems();
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidFrameworkFileException(source, List.of("the file is empty"));
        }
        if (!root.isObject()) {
            throw new InvalidFrameworkFileException(source, List.of("the top level must be a mapping with key, name, "
                    + "revision, kind, categories, series and criteria"));
        }
        unknownFields(root, TOP, "", problems);

        String key = text(root, "key", "", true, 40, problems);
        if (key != null && !KEY.matcher(key).matches()) {
            problems.add("key: '" + key + "' must be lower case letters, digits and dashes (e.g. soc2)");
        }
        String name = text(root, "name", "", true, 200, problems);
        String edition = text(root, "edition", "", false, 200, problems);
        int revision = 0;
        JsonNode rev = root.get("revision");
        if (rev == null || rev.isNull()) {
            problems.add("revision: is required (a whole number, raised whenever the file changes)");
        } else if (!rev.isIntegralNumber() || !rev.canConvertToInt() || rev.intValue() < 1) {
            problems.add("revision: '" + rev.asString() + "' must be a whole number of at least 1");
        } else {
            revision = rev.intValue();
        }
        String kind = text(root, "kind", "", true, 20, problems);
        if (kind != null && !KINDS.contains(kind)) {
            problems.add("kind: '" + kind + "' must be CRITERIA or OBJECTIVES");
        }

        List<Category> categories = new ArrayList<>();
        Set<String> categoryCodes = new HashSet<>();
        for (Element el : list(root, "categories", problems)) {
            unknownFields(el.node, CATEGORY_FIELDS, el.path + ".", problems);
            String code = code(el.node, "code", el.path + ".", problems);
            String catName = text(el.node, "name", el.path + ".", true, 200, problems);
            String description = text(el.node, "description", el.path + ".", false, 2000, problems);
            boolean required = false;
            JsonNode req = el.node.get("required");
            if (req != null && !req.isNull()) {
                if (!req.isBoolean()) {
                    problems.add(el.path + ".required: '" + req.asString() + "' must be true or false");
                } else {
                    required = req.booleanValue();
                }
            }
            if (code != null && !categoryCodes.add(code)) {
                problems.add(el.path + ".code: category " + code + " is defined twice");
            }
            if (code != null && catName != null) {
                categories.add(new Category(code, catName, required, description));
            }
        }

        List<FrameworkDefinition.Series> series = new ArrayList<>();
        Set<String> seriesCodes = new HashSet<>();
        for (Element el : list(root, "series", problems)) {
            unknownFields(el.node, SERIES_FIELDS, el.path + ".", problems);
            String code = code(el.node, "code", el.path + ".", problems);
            String title = text(el.node, "title", el.path + ".", true, 200, problems);
            if (code != null && !seriesCodes.add(code)) {
                problems.add(el.path + ".code: series " + code + " is defined twice");
            }
            if (code != null && title != null) {
                series.add(new FrameworkDefinition.Series(code, title));
            }
        }

        List<FrameworkDefinition.Item> items = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (Element el : list(root, "criteria", problems)) {
            String id = code(el.node, "id", el.path + ".", problems);
            String at = el.path + (id == null ? "" : " (" + id + ")") + ".";
            unknownFields(el.node, CRITERION_FIELDS, at, problems);
            String category = text(el.node, "category", at, true, 40, problems);
            String ser = text(el.node, "series", at, true, 40, problems);
            String title = text(el.node, "title", at, true, 300, problems);
            String description = text(el.node, "description", at, true, MAX_TEXT, problems);
            String guidance = text(el.node, "guidance", at, false, MAX_TEXT, problems);
            Integer coso = null;
            JsonNode c = el.node.get("cosoPrinciple");
            if (c != null && !c.isNull()) {
                if (!c.isIntegralNumber() || !c.canConvertToInt() || c.intValue() < 1 || c.intValue() > 17) {
                    problems.add(at + "cosoPrinciple: '" + c.asString() + "' must be a COSO principle number 1-17");
                } else {
                    coso = c.intValue();
                }
            }
            if (id != null) {
                String first = ids.putIfAbsent(id, el.path);
                if (first != null) {
                    problems.add(el.path + ".id: " + id + " is already used by " + first);
                }
            }
            if (category != null && !categoryCodes.contains(category)) {
                problems.add(at + "category: '" + category + "' is not one of the categories defined in the file "
                        + categoryCodes.stream().sorted().toList());
            }
            if (ser != null && !seriesCodes.contains(ser)) {
                problems.add(at + "series: '" + ser + "' is not one of the series defined in the file");
            }
            items.add(new FrameworkDefinition.Item(id, category, ser, title, description, guidance, coso));
        }
        if (problems.isEmpty()) {
            if (categories.isEmpty()) {
                problems.add("categories: at least one category is required");
            }
            if (items.isEmpty()) {
                problems.add("criteria: at least one criterion is required");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFrameworkFileException(source, problems.list);
        }
        return new FrameworkDefinition(source, key, name, edition, revision, kind, categories, series, items, hash);
    }

    private record Element(String path, JsonNode node) {
    }

    private static List<Element> list(JsonNode root, String field, Problems problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add(field + ": is required (a list)");
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(field + ": must be a list");
            return List.of();
        }
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode el = node.get(i);
            String path = field + "[" + i + "]";
            if (el == null || !el.isObject()) {
                problems.add(path + ": must be a mapping");
            } else {
                out.add(new Element(path, el));
            }
        }
        return out;
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, String prefix, Problems problems) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                problems.add(prefix + name + ": unknown field (allowed: " + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private static String code(JsonNode node, String field, String prefix, Problems problems) {
        String value = text(node, field, prefix, true, 40, problems);
        if (value != null && !CODE.matcher(value).matches()) {
            problems.add(prefix + field + ": '" + value + "' may contain only letters, digits, '.', '_' and '-'");
            return null;
        }
        return value;
    }

    /** A scalar text field; returns null (and records a problem) when a required one is missing. */
    private static String text(JsonNode node, String field, String prefix, boolean required, int max,
            Problems problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isValueNode() && value.asString().isBlank())) {
            if (required) {
                problems.add(prefix + field + ": is required");
            }
            return null;
        }
        if (!value.isValueNode()) {
            problems.add(prefix + field + ": must be text, not a " + (value.isArray() ? "list" : "mapping"));
            return null;
        }
        String text = value.asString().strip();
        if (text.length() > max) {
            problems.add(prefix + field + ": is " + text.length() + " characters long, at most " + max + " allowed");
            return null;
        }
        return text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static final class Problems {
        final List<String> list = new ArrayList<>();

        void add(String problem) {
            if (list.size() < MAX_PROBLEMS) {
                list.add(problem);
            } else if (list.size() == MAX_PROBLEMS) {
                list.add("… further problems not listed");
            }
        }

        boolean isEmpty() {
            return list.isEmpty();
        }
    }
}
