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
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Prowler's OCSF JSON output (prowler -M json-ocsf): a JSON array of OCSF Detection Finding
 * objects (also accepted: one finding object per line) → one prowler.finding per finding, id =
 * finding_info.uid. Streams the array one finding at a time.
 */
public final class ProwlerOcsfFormat implements ResourceFormat {

    static final String NAME = "prowler-ocsf";

    public ProwlerOcsfFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Prowler findings, OCSF JSON output (prowler -M json-ocsf)";
    }

    @Override
    public int detect(String filename, byte[] head) {
        Head h = Head.of(filename, head);
        if (!h.json() || !h.hasKey("finding_info")) {
            return 0;
        }
        int score = 60;
        if (h.hasKey("status_code") || h.hasKey("class_uid")) {
            score += 20;
        }
        if (h.hasKey("event_code") || h.text().contains("\"prowler\"") || h.text().contains("\"Prowler\"")) {
            score += 15;
        }
        if (h.nameContains("ocsf")) {
            score += 4;
        }
        return score;
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        String source = NAME + ":" + filename;
        JsonCursor.read(filename, in, json -> {
            JsonToken t = json.first("a JSON array of OCSF findings");
            if (t == JsonToken.START_ARRAY) {
                json.elements("the findings", () -> sink.accept(finding(json, source, options)));
                json.expectEnd();
            } else if (t == JsonToken.START_OBJECT) {
                // JSON Lines: one finding object after another.
                while (t != null) {
                    sink.accept(finding(json, source, options));
                    t = json.next();
                }
            } else {
                throw json.problem("not Prowler OCSF output: expected a JSON array of findings, found "
                        + JsonCursor.describe(t));
            }
        });
    }

    private static Resource finding(JsonCursor json, String source, FormatOptions options) {
        TokenStreamLocation at = json.location();
        Map<String, Object> f = json.object("an OCSF finding");
        String uid = Values.str(f, "finding_info.uid");
        if (uid == null) {
            throw json.problemAt(at, "finding has no finding_info.uid (not Prowler OCSF output?)");
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("finding_uid", uid);
        attrs.put("check_id", Values.str(f, "metadata.event_code"));
        attrs.put("check_title", Values.str(f, "finding_info.title"));
        String statusCode = Values.str(f, "status_code");
        attrs.put("status", status(statusCode == null ? "" : statusCode, () -> json.problemAt(at,
                "finding " + uid + ": status_code must be PASS, FAIL or MANUAL, found "
                        + (statusCode == null ? "nothing" : "'" + IamCredentialReportFormat.shorten(statusCode) + "'"))));
        attrs.put("status_extended", Values.str(f, "status_detail"));
        attrs.put("muted", "suppressed".equalsIgnoreCase(Values.str(f, "status")));
        attrs.put("severity", Values.lower(Values.str(f, "severity")));
        attrs.put("provider", Values.str(f, "cloud.provider"));
        attrs.put("account_uid", Values.str(f, "cloud.account.uid"));
        attrs.put("account_name", Values.str(f, "cloud.account.name"));
        List<Object> resources = Values.list(f.get("resources"));
        Map<String, Object> first = resources.isEmpty() ? Map.of() : Values.map(resources.get(0));
        String region = Values.str(first, "region");
        if (region == null) {
            region = Values.str(f, "cloud.region");
        }
        // Kubernetes findings have no cloud object; the resource carries its namespace instead, which
        // Prowler's CSV writes as the region "namespace: <name>".
        String namespace = Values.str(first, "namespace");
        if (region == null && namespace != null) {
            region = "namespace: " + namespace;
        }
        if (attrs.get("provider") == null && namespace != null) {
            attrs.put("provider", "kubernetes");
        }
        attrs.put("region", region);
        attrs.put("service_name", Values.str(first, "group.name"));
        attrs.put("resource_uid", Values.str(first, "uid"));
        attrs.put("resource_name", Values.str(first, "name"));
        attrs.put("resource_type", Values.str(first, "type"));
        List<Object> uids = new ArrayList<>();
        for (Object r : resources) {
            String ruid = Values.str(Values.map(r), "uid");
            if (ruid != null) {
                uids.add(ruid);
            }
        }
        attrs.put("resource_uids", uids);
        attrs.put("description", Values.str(f, "finding_info.desc"));
        attrs.put("risk", Values.str(f, "risk_details"));
        attrs.put("remediation", Values.str(f, "remediation.desc"));
        attrs.put("remediation_references", Values.strings(Values.at(f, "remediation.references")));
        attrs.put("related_url", Values.str(f, "unmapped.related_url"));
        attrs.put("categories", Values.strings(Values.at(f, "unmapped.categories")));
        Map<String, Object> compliance = new LinkedHashMap<>();
        Values.map(Values.at(f, "unmapped.compliance")).forEach((k, v) -> compliance.put(k,
                v instanceof List ? Values.strings(v) : v == null ? List.of() : List.of(v.toString())));
        attrs.put("compliance", compliance);
        Instant observed = Values.instant(f.get("time_dt"));
        if (observed == null) {
            observed = Values.instant(f.get("time"));
        }
        attrs.put("timestamp", observed == null ? null : observed.toString());
        return new Resource("prowler.finding", uid, Values.frozen(attrs), source,
                observed != null ? observed : options.importedAt());
    }

    /** PASS / FAIL / MANUAL (upper-case), or the problem. */
    static String status(String raw, Supplier<InputProblem> problem) {
        String s = raw.strip().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "PASS", "FAIL", "MANUAL" -> s;
            default -> throw problem.get();
        };
    }
}
