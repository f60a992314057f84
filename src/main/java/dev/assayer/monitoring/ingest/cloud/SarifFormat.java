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

    private static final class Run {
        String tool;
        String toolVersion;
        final Map<String, Map<String, Object>> rulesById = new LinkedHashMap<>();
        final List<Map<String, Object>> rules = new ArrayList<>();
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
                    for (Object r : Values.list(Values.at(tool, "driver.rules"))) {
                        Map<String, Object> rule = Values.map(r);
                        run.rules.add(rule);
                        String id = Values.str(rule, "id");
                        if (id != null) {
                            run.rulesById.putIfAbsent(id, rule);
                        }
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
        Map<String, Object> rule = null;
        if (ruleIndex != null && ruleIndex < run.rules.size()) {
            rule = run.rules.get(ruleIndex);
            if (ruleId == null) {
                ruleId = Values.str(rule, "id");
            }
        } else if (ruleId != null) {
            rule = run.rulesById.get(ruleId);
            if (rule == null && ruleId.contains("/")) {
                rule = run.rulesById.get(ruleId.substring(0, ruleId.indexOf('/')));
            }
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
