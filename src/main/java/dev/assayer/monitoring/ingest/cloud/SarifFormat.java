package dev.assayer.monitoring.ingest.cloud;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * SARIF 2.1.0 logs (CodeQL, Semgrep, Checkov, tfsec, Trivy --format sarif, …): every
 * runs[].results[] entry → sarif.result. The level follows the spec: the result's own level, else
 * "none" when its kind is not "fail", else the rule's defaultConfiguration.level, else "warning".
 * Results stream one at a time (held back only when a run lists results before its tool).
 */
public final class SarifFormat implements ResourceFormat {

    static final String NAME = "sarif";
    private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");

    public SarifFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SARIF 2.1.0 static-analysis results";
    }

    @Override
    public int detect(String filename, byte[] head) {
        Head h = Head.of(filename, head);
        if (h.firstChar() != '{') {
            return 0;
        }
        String schema = h.stringValue("$schema");
        boolean sarifSchema = schema != null && schema.toLowerCase().contains("sarif");
        boolean runs = h.hasKey("runs");
        if (sarifSchema && (runs || h.hasKey("version"))) {
            return 97;
        }
        if (runs && "2.1.0".equals(h.stringValue("version")) && (h.hasKey("tool") || h.hasKey("results"))) {
            return 90;
        }
        if (runs && h.nameEndsWith(".sarif", ".sarif.json")) {
            return 70;
        }
        return 0;
    }

    /** A tool component (the driver or one of tool.extensions, e.g. a CodeQL query pack) and its rules. */
    private static final class Component {
        final String name;
        final List<Map<String, Object>> rules = new ArrayList<>();
        final Map<String, Map<String, Object>> rulesById = new LinkedHashMap<>();

        Component(Map<String, Object> raw) {
            name = Values.str(raw, "name");
            for (Object r : Values.list(raw.get("rules"))) {
                Map<String, Object> rule = Values.map(r);
                rules.add(rule);
                String id = Values.str(rule, "id");
                if (id != null) {
                    rulesById.putIfAbsent(id, rule);
                }
            }
        }

        Map<String, Object> byIndexOrId(Integer index, String id) {
            if (index != null && index < rules.size()) {
                return rules.get(index);
            }
            if (id == null) {
                return null;
            }
            Map<String, Object> rule = rulesById.get(id);
            if (rule == null && id.contains("/")) {
                rule = rulesById.get(id.substring(0, id.indexOf('/')));
            }
            return rule;
        }
    }

    private static final class Run {
        String tool;
        String toolVersion;
        Component driver = new Component(Map.of());
        final List<Component> extensions = new ArrayList<>();
        boolean toolSeen;
        final List<Pending> pending = new ArrayList<>();
        Instant started;
    }

    private record Pending(TokenStreamLocation at, Map<String, Object> raw) {
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        String source = NAME + ":" + filename;
        JsonCursor.read(filename, in, json -> {
            JsonToken t = json.first("a SARIF log");
            if (t != JsonToken.START_OBJECT) {
                throw json.problem("not a SARIF log: expected a JSON object, found " + JsonCursor.describe(t));
            }
            var start = json.location();
            boolean[] runs = {false};
            InputProblem[] badVersion = {null};
            json.properties("a SARIF log", key -> {
                switch (key) {
                    case "version" -> {
                        Object v = json.value();
                        if (v != null && !"2.1.0".equals(v.toString())) {
                            badVersion[0] = json.problem("unsupported SARIF version '"
                                    + IamCredentialReportFormat.shorten(v.toString()) + "' (expected 2.1.0)");
                        }
                    }
                    case "runs" -> {
                        if (badVersion[0] != null) {
                            throw badVersion[0];
                        }
                        runs[0] = true;
                        json.elements("runs", () -> run(json, source, options, sink));
                    }
                    default -> json.skip();
                }
            });
            json.expectEnd();
            if (!runs[0]) {
                throw json.problemAt(start, "not a SARIF log: no runs array");
            }
            if (badVersion[0] != null) {
                throw badVersion[0];
            }
        });
    }

    private static void run(JsonCursor json, String source, FormatOptions options, Consumer<Resource> sink) {
        Run run = new Run();
        json.properties("a SARIF run", key -> {
            switch (key) {
                case "tool" -> {
                    Map<String, Object> tool = json.object("the run's tool");
                    run.tool = Values.str(tool, "driver.name");
                    run.toolVersion = Values.str(tool, "driver.semanticVersion");
                    if (run.toolVersion == null) {
                        run.toolVersion = Values.str(tool, "driver.version");
                    }
                    run.driver = new Component(Values.map(tool.get("driver")));
                    for (Object ext : Values.list(tool.get("extensions"))) {
                        run.extensions.add(new Component(Values.map(ext)));
                    }
                    run.toolSeen = true;
                }
                case "invocations" -> {
                    for (Object inv : Values.list(json.value())) {
                        Instant s = Values.instant(Values.map(inv).get("startTimeUtc"));
                        if (s != null && run.started == null) {
                            run.started = s;
                        }
                    }
                }
                case "results" -> json.elements("results", () -> {
                    TokenStreamLocation at = json.location();
                    Pending p = new Pending(at, json.object("a SARIF result"));
                    if (run.toolSeen) {
                        sink.accept(result(json, run, p, source, options));
                    } else {
                        run.pending.add(p);
                    }
                });
                default -> json.skip();
            }
        });
        if (!run.toolSeen) {
            throw json.problem("a SARIF run has no tool");
        }
        for (Pending p : run.pending) {
            sink.accept(result(json, run, p, source, options));
        }
    }

    private static Resource result(JsonCursor json, Run run, Pending p, String source, FormatOptions options) {
        Map<String, Object> r = p.raw();
        Integer ruleIndex = index(r.get("ruleIndex"));
        if (ruleIndex == null) {
            ruleIndex = index(Values.at(r, "rule.index"));
        }
        String ruleId = Values.str(r, "ruleId");
        if (ruleId == null) {
            ruleId = Values.str(r, "rule.id");
        }
        // The rule lives in the driver, or in the extension the result's rule.toolComponent names (CodeQL
        // puts its query packs' rules in tool.extensions and points at them by index or name).
        Component component = component(run, r);
        Map<String, Object> rule = component.byIndexOrId(ruleIndex, ruleId);
        if (rule == null && ruleId != null && !r.containsKey("rule")) {
            for (Component ext : run.extensions) {
                rule = ext.byIndexOrId(null, ruleId);
                if (rule != null) {
                    component = ext;
                    break;
                }
            }
        }
        if (rule != null && ruleId == null) {
            ruleId = Values.str(rule, "id");
        }
        Map<String, Object> ruleMap = rule == null ? Map.of() : rule;
        String level = Values.str(r, "level");
        String kind = Values.str(r, "kind");
        if (level == null) {
            if (kind != null && !"fail".equals(kind)) {
                level = "none";
            } else {
                level = Values.str(ruleMap, "defaultConfiguration.level");
            }
            if (level == null) {
                level = "warning";
            }
        }
        if (!LEVELS.contains(level)) {
            throw json.problemAt(p.at(), "result level must be none, note, warning or error, found '"
                    + IamCredentialReportFormat.shorten(level) + "'");
        }
        String message = Values.str(r, "message.text");
        if (message == null) {
            message = Values.str(r, "message.markdown");
        }
        if (message == null) {
            String messageId = Values.str(r, "message.id");
            if (messageId != null) {
                message = Values.str(ruleMap, "messageStrings." + messageId + ".text");
            }
        }
        Map<String, Object> location = Values.map(Values.list(r.get("locations")).isEmpty() ? null
                : Values.list(r.get("locations")).get(0));
        String uri = Values.str(location, "physicalLocation.artifactLocation.uri");
        Long startLine = Values.integer(Values.at(location, "physicalLocation.region.startLine"));
        Long startColumn = Values.integer(Values.at(location, "physicalLocation.region.startColumn"));
        String fingerprint = fingerprint(r);

        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("tool", run.tool);
        attrs.put("tool_version", run.toolVersion);
        attrs.put("rule_id", ruleId);
        attrs.put("rule_name", Values.str(ruleMap, "name"));
        attrs.put("rule_component", rule == null || component == run.driver ? null : component.name);
        attrs.put("level", level);
        attrs.put("kind", kind == null ? "fail" : kind);
        attrs.put("message", message);
        attrs.put("uri", uri);
        attrs.put("start_line", startLine);
        attrs.put("start_column", startColumn);
        attrs.put("fingerprint", fingerprint);
        attrs.put("baseline_state", Values.str(r, "baselineState"));
        attrs.put("suppressed", !Values.list(r.get("suppressions")).isEmpty());
        Object sev = Values.at(ruleMap, "properties.security-severity");
        attrs.put("security_severity", Values.number(sev));
        attrs.put("tags", Values.strings(Values.at(ruleMap, "properties.tags")));

        String where = fingerprint != null ? fingerprint
                : (uri == null ? "" : uri) + ":" + (startLine == null ? "" : startLine) + ":"
                        + (startColumn == null ? "" : startColumn);
        String id = (run.tool == null ? "" : run.tool) + "|" + (ruleId == null ? "" : ruleId) + "|" + where;
        return new Resource("sarif.result", id, Values.frozen(attrs), source,
                run.started != null ? run.started : options.importedAt());
    }

    /** The component a result's rule.toolComponent refers to (index or name into tool.extensions), else the driver. */
    private static Component component(Run run, Map<String, Object> r) {
        Object ref = Values.at(r, "rule.toolComponent");
        if (!(ref instanceof Map<?, ?>)) {
            return run.driver;
        }
        Map<String, Object> tc = Values.map(ref);
        Integer i = index(tc.get("index"));
        if (i != null) {
            return i < run.extensions.size() ? run.extensions.get(i) : new Component(Map.of());
        }
        String name = Values.str(tc, "name");
        if (name != null && !name.equals(run.driver.name)) {
            for (Component ext : run.extensions) {
                if (name.equals(ext.name)) {
                    return ext;
                }
            }
            return new Component(Map.of());
        }
        return run.driver;
    }

    /** The first fingerprint (by name order), else the first partial fingerprint, as "name=value". */
    private static String fingerprint(Map<String, Object> r) {
        for (String key : List.of("fingerprints", "partialFingerprints")) {
            Map<String, Object> prints = new TreeMap<>(Values.map(r.get(key)));
            prints.values().removeIf(v -> v == null);
            if (!prints.isEmpty()) {
                var first = prints.entrySet().iterator().next();
                return first.getKey() + "=" + first.getValue();
            }
        }
        return null;
    }

    private static Integer index(Object v) {
        Long l = Values.integer(v);
        return l == null || l < 0 || l > Integer.MAX_VALUE ? null : l.intValue();
    }
}
