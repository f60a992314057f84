package dev.assayer.monitoring.ingest.cloud;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Trivy's JSON report (trivy … --format json, SchemaVersion 2): every entry of Results[] with its
 * Vulnerabilities[], Misconfigurations[] and Secrets[] → trivy.vulnerability,
 * trivy.misconfiguration, trivy.secret. Streams one finding at a time; findings are held back
 * only when a file puts ArtifactName or a result's Target after its findings.
 */
public final class TrivyJsonFormat implements ResourceFormat {

    static final String NAME = "trivy-json";

    public TrivyJsonFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Trivy JSON report (trivy image|fs|repo|config --format json)";
    }

    @Override
    public int detect(String filename, byte[] head) {
        Head h = Head.of(filename, head);
        if (h.firstChar() != '{' || !h.hasKey("SchemaVersion")) {
            return 0;
        }
        if (h.hasKey("ArtifactName") || h.hasKey("ArtifactType") || h.hasKey("Results")) {
            return 95;
        }
        return 40;
    }

    /** Report-level context; findings wait in {@code pending} until ArtifactName is known. */
    private static final class Report {
        String artifactName;
        String artifactType;
        Instant createdAt;
        boolean artifactSeen;
        final List<Finding> pending = new ArrayList<>();
    }

    private static final class Result {
        String target;
        String clazz;
        String type;
        boolean targetSeen;
        final List<Finding> pending = new ArrayList<>();
    }

    private record Finding(String kind, TokenStreamLocation at, Map<String, Object> raw, Result result) {
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        String source = NAME + ":" + filename;
        JsonCursor.read(filename, in, json -> {
            JsonToken t = json.first("a Trivy JSON report");
            if (t != JsonToken.START_OBJECT) {
                throw json.problem("not a Trivy JSON report: expected a JSON object, found " + JsonCursor.describe(t));
            }
            var start = json.location();
            Report report = new Report();
            boolean[] schema = {false};
            Consumer<Finding> emit = f -> sink.accept(resource(json, report, f, source, options));
            json.properties("a Trivy report", key -> {
                switch (key) {
                    case "SchemaVersion" -> {
                        Long v = Values.integer(json.value());
                        if (v == null || v != 2) {
                            throw json.problem("unsupported Trivy SchemaVersion " + v + " (expected 2)");
                        }
                        schema[0] = true;
                    }
                    case "ArtifactName" -> {
                        report.artifactName = text(json.value());
                        report.artifactSeen = true;
                    }
                    case "ArtifactType" -> report.artifactType = text(json.value());
                    case "CreatedAt" -> report.createdAt = Values.instant(json.value());
                    case "Results" -> json.elements("Results", () -> result(json, report, emit));
                    default -> json.skip();
                }
            });
            json.expectEnd();
            if (!schema[0]) {
                throw json.problemAt(start, "not a Trivy JSON report: no SchemaVersion");
            }
            report.artifactSeen = true;
            report.pending.forEach(emit);
        });
    }

    private static void result(JsonCursor json, Report report, Consumer<Finding> emit) {
        Result result = new Result();
        Consumer<Finding> route = f -> {
            if (!result.targetSeen) {
                result.pending.add(f);
            } else if (!report.artifactSeen) {
                report.pending.add(f);
            } else {
                emit.accept(f);
            }
        };
        json.properties("a Trivy result", key -> {
            switch (key) {
                case "Target" -> {
                    result.target = text(json.value());
                    result.targetSeen = true;
                }
                case "Class" -> result.clazz = text(json.value());
                case "Type" -> result.type = text(json.value());
                case "Vulnerabilities", "Misconfigurations", "Secrets" -> json.elements(key, () -> {
                    TokenStreamLocation at = json.location();
                    route.accept(new Finding(key, at, json.object("an entry of " + key), result));
                });
                default -> json.skip();
            }
        });
        result.targetSeen = true;
        List<Finding> held = new ArrayList<>(result.pending);
        result.pending.clear();
        held.forEach(route);
    }

    private static Resource resource(JsonCursor json, Report report, Finding f, String source, FormatOptions options) {
        Map<String, Object> v = f.raw();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("artifact_name", report.artifactName);
        attrs.put("artifact_type", report.artifactType);
        attrs.put("target", f.result().target);
        attrs.put("class", f.result().clazz);
        attrs.put("target_type", f.result().type);
        String artifact = report.artifactName == null ? "" : report.artifactName;
        String target = f.result().target == null ? "" : f.result().target;
        String type;
        String id;
        switch (f.kind()) {
            case "Vulnerabilities" -> {
                type = "trivy.vulnerability";
                String vulnId = required(json, f, v, "VulnerabilityID");
                String pkg = required(json, f, v, "PkgName");
                String installed = Values.str(v, "InstalledVersion");
                String fixed = Values.str(v, "FixedVersion");
                attrs.put("vulnerability_id", vulnId);
                attrs.put("pkg_name", pkg);
                attrs.put("pkg_id", Values.str(v, "PkgID"));
                attrs.put("installed_version", installed);
                attrs.put("fixed_version", fixed);
                attrs.put("fix_available", fixed != null);
                attrs.put("status", Values.lower(Values.str(v, "Status")));
                attrs.put("severity", Values.lower(Values.str(v, "Severity")));
                attrs.put("title", Values.str(v, "Title"));
                attrs.put("primary_url", Values.str(v, "PrimaryURL"));
                attrs.put("cvss_score", maxCvss(v.get("CVSS")));
                attrs.put("published_date", Values.iso(v.get("PublishedDate")));
                attrs.put("last_modified_date", Values.iso(v.get("LastModifiedDate")));
                id = String.join("|", artifact, target, vulnId, pkg, installed == null ? "" : installed);
            }
            case "Misconfigurations" -> {
                type = "trivy.misconfiguration";
                String checkId = required(json, f, v, "ID");
                Long startLine = Values.integer(Values.at(v, "CauseMetadata.StartLine"));
                String causeResource = Values.str(v, "CauseMetadata.Resource");
                attrs.put("check_id", checkId);
                attrs.put("avd_id", Values.str(v, "AVDID"));
                attrs.put("title", Values.str(v, "Title"));
                attrs.put("message", Values.str(v, "Message"));
                attrs.put("resolution", Values.str(v, "Resolution"));
                attrs.put("severity", Values.lower(Values.str(v, "Severity")));
                attrs.put("status", Values.lower(Values.str(v, "Status")));
                attrs.put("primary_url", Values.str(v, "PrimaryURL"));
                attrs.put("cause_resource", causeResource);
                attrs.put("start_line", startLine);
                attrs.put("end_line", Values.integer(Values.at(v, "CauseMetadata.EndLine")));
                id = String.join("|", artifact, target, checkId, causeResource != null ? causeResource
                        : startLine != null ? startLine.toString() : "");
            }
            default -> {
                type = "trivy.secret";
                String rule = required(json, f, v, "RuleID");
                Long startLine = Values.integer(v.get("StartLine"));
                attrs.put("rule_id", rule);
                attrs.put("category", Values.str(v, "Category"));
                attrs.put("title", Values.str(v, "Title"));
                attrs.put("severity", Values.lower(Values.str(v, "Severity")));
                attrs.put("start_line", startLine);
                attrs.put("end_line", Values.integer(v.get("EndLine")));
                id = String.join("|", artifact, target, rule, startLine == null ? "" : startLine.toString());
            }
        }
        return new Resource(type, id, Values.frozen(attrs), source,
                report.createdAt != null ? report.createdAt : options.importedAt());
    }

    private static String required(JsonCursor json, Finding f, Map<String, Object> v, String key) {
        String s = Values.str(v, key);
        if (s == null) {
            throw json.problemAt(f.at(), "an entry of " + f.kind() + " has no " + key);
        }
        return s;
    }

    /** The highest score over the CVSS sources (each source's V3Score, else V40Score, else V2Score), or null. */
    private static Double maxCvss(Object cvss) {
        Double best = null;
        for (Object source : Values.map(cvss).values()) {
            Double score = Values.number(Values.map(source).get("V3Score"));
            if (score == null) {
                score = Values.number(Values.map(source).get("V40Score")); // sources that publish only CVSS 4.0
            }
            if (score == null) {
                score = Values.number(Values.map(source).get("V2Score"));
            }
            if (score != null && (best == null || score > best)) {
                best = score;
            }
        }
        return best;
    }

    private static String text(Object v) {
        return v == null || v instanceof Map || v instanceof List ? null : v.toString();
    }
}
