package dev.assayer.monitoring.ingest.platform;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * {@code terraform show -json PLANFILE} output → one {@code terraform.resource_change} per entry of
 * {@code resource_changes}, id = the resource address. Streamed: other top-level members (planned values,
 * prior state, configuration) are skipped. Values Terraform marks sensitive are replaced by
 * {@code "(sensitive)"}.
 */
public final class TerraformPlanFormat implements ResourceFormat {

    public static final String NAME = "terraform-plan";
    static final String SENSITIVE = "(sensitive)";
    private static final List<Long> ADMIN_PORTS = List.of(22L, 3389L);
    private static final Set<String> PLAN_KEYS = Set.of("resource_changes", "planned_values", "prior_state",
            "configuration", "resource_drift", "output_changes", "variables", "relevant_attributes");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Terraform plan as JSON (terraform show -json PLANFILE)";
    }

    @Override
    public int detect(String filename, byte[] bytes) {
        try {
            Head h = Head.of(filename, bytes);
            if (h.root != Head.Root.OBJECT || !h.has("format_version")) {
                return 0;
            }
            boolean plan = PLAN_KEYS.stream().anyMatch(h::has);
            if (plan) {
                return 95;
            }
            if (h.has("values")) {
                return 10; // state, not a plan: read says so
            }
            return h.has("terraform_version") ? 80 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        Instant at = Json.importedAt(options);
        try (JsonParser p = Json.MAPPER.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw Json.at(filename, p.currentTokenLocation(), "expected a Terraform plan (a JSON object with "
                        + "format_version and resource_changes), found " + Json.describe(t));
            }
            String terraformVersion = null;
            boolean formatVersion = false;
            boolean planned = false;
            boolean values = false;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "format_version" -> {
                        formatVersion = true;
                        String version = v.isScalarValue() ? p.getString() : null;
                        p.skipChildren();
                        // Terraform: a new major version is not backward-compatible; reject it rather than misread
                        if (version == null || !version.matches("[01]\\.\\d+")) {
                            throw Json.at(filename, p.currentTokenLocation(), "unsupported Terraform JSON format_version '"
                                    + version + "' (1.x is read)");
                        }
                    }
                    case "terraform_version" -> terraformVersion = v.isScalarValue() ? p.getString() : null;
                    case "values" -> {
                        values = true;
                        p.skipChildren();
                    }
                    case "resource_changes" -> {
                        planned = true;
                        if (v == JsonToken.START_ARRAY) {
                            changes(filename, p, terraformVersion, at, sink);
                        } else if (v != JsonToken.VALUE_NULL) {
                            throw Json.at(filename, p.currentTokenLocation(), "resource_changes: expected an array, found "
                                    + Json.describe(v));
                        }
                    }
                    default -> {
                        if (PLAN_KEYS.contains(name)) {
                            planned = true;
                        }
                        p.skipChildren();
                    }
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw Json.at(filename, p.currentLocation(), "the file ends unexpectedly (truncated?)");
            }
            if (!formatVersion) {
                throw new dev.assayer.monitoring.ingest.InputProblem(filename, 1, 1,
                        "not a Terraform plan: format_version is missing");
            }
            if (!planned && values) {
                throw new dev.assayer.monitoring.ingest.InputProblem(filename, 1, 1, "this is Terraform state "
                        + "(terraform show -json without a plan file), not a plan: it has no resource_changes");
            }
        } catch (JacksonException e) {
            throw Json.problem(filename, e);
        }
    }

    private void changes(String filename, JsonParser p, String terraformVersion, Instant at, Consumer<Resource> sink) {
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == null) {
                throw Json.at(filename, p.currentLocation(), "the file ends inside resource_changes (truncated?)");
            }
            TokenStreamLocation loc = p.currentTokenLocation();
            if (e != JsonToken.START_OBJECT) {
                throw Json.at(filename, loc, "resource_changes: expected an object, found " + Json.describe(e));
            }
            Json.Rec rec = new Json.Rec(Json.MAPPER.readTree(p), loc.getLineNr(), loc.getColumnNr());
            Json.handOver(filename, rec, r -> sink.accept(change(filename, r, terraformVersion, at)));
        }
    }

    private Resource change(String filename, Json.Rec rec, String terraformVersion, Instant at) {
        JsonNode n = rec.node();
        String address = Json.text(n, "address");
        if (address == null || address.isBlank()) {
            throw Json.at(filename, rec, "resource change has no address");
        }
        String type = Json.text(n, "type");
        // A deposed object (left over from a create-before-destroy replacement) shares its address with
        // the current object's change, so its id names the deposed key too.
        String deposed = Json.text(n, "deposed");
        String id = deposed == null ? address : address + " (deposed " + deposed + ")";
        JsonNode change = n.path("change");
        List<String> actions = Json.texts(change, "actions", null);
        if (!change.path("actions").isArray()) {
            throw Json.at(filename, rec, address + ": change.actions is missing");
        }
        Object after = redact(Json.value(change.path("after")), Json.value(change.path("after_sensitive")));
        Attrs a = new Attrs()
                .put("address", address)
                .put("tf_type", type)
                .put("name", Json.text(n, "name"))
                .put("mode", Json.text(n, "mode"))
                .put("module_address", Json.text(n, "module_address"))
                .put("index", Json.value(n.path("index")))
                .put("provider_name", Json.text(n, "provider_name"))
                .put("actions", actions)
                .put("action", summary(actions))
                .put("creates_or_updates", actions.contains("create") || actions.contains("update"))
                .put("deletes", actions.contains("delete"))
                .put("action_reason", Json.text(n, "action_reason"))
                .put("previous_address", Json.text(n, "previous_address"))
                .put("deposed", deposed)
                .put("after", after instanceof Map ? after : null)
                .put("after_unknown_keys", unknownKeys(change.path("after_unknown")))
                .put("terraform_version", terraformVersion);
        if (after instanceof Map<?, ?> m) {
            ingress(type, m, a);
        }
        return new Resource("terraform.resource_change", id, a.build(), NAME + ":" + filename, at);
    }

    static String summary(List<String> actions) {
        if (actions.contains("create") && actions.contains("delete")) {
            return "replace";
        }
        return actions.isEmpty() ? "no-op" : actions.get(0);
    }

    private static List<String> unknownKeys(JsonNode unknown) {
        List<String> keys = new ArrayList<>();
        if (unknown.isObject()) {
            for (Map.Entry<String, JsonNode> e : unknown.properties()) {
                if (e.getValue().isBoolean() && e.getValue().booleanValue()) {
                    keys.add(e.getKey());
                }
            }
        }
        return keys;
    }

    /** Replaces every value {@code sensitive} marks true (same shape as the value) by "(sensitive)". */
    @SuppressWarnings("unchecked")
    static Object redact(Object value, Object sensitive) {
        if (Boolean.TRUE.equals(sensitive)) {
            return value == null ? null : SENSITIVE;
        }
        if (value instanceof Map<?, ?> m && sensitive instanceof Map<?, ?> s) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, redact(v, s.get(k))));
            return out;
        }
        if (value instanceof List<?> l && sensitive instanceof List<?> s) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(redact(l.get(i), i < s.size() ? s.get(i) : null));
            }
            return out;
        }
        return value;
    }

    /** Ingress open to the whole internet, for AWS security groups and their rule resources. */
    private static void ingress(String type, Map<?, ?> after, Attrs a) {
        List<Map<?, ?>> rules = new ArrayList<>();
        if ("aws_security_group".equals(type) && after.get("ingress") instanceof List<?> l) {
            for (Object r : l) {
                if (r instanceof Map<?, ?> m) {
                    rules.add(m);
                }
            }
        } else if ("aws_security_group_rule".equals(type) && "ingress".equals(after.get("type"))) {
            rules.add(after);
        } else if ("aws_vpc_security_group_ingress_rule".equals(type)) {
            rules.add(after);
        } else {
            return;
        }
        List<Map<String, Object>> open = new ArrayList<>();
        Set<Long> adminPorts = new TreeSet<>();
        for (Map<?, ?> r : rules) {
            boolean world = contains(r.get("cidr_blocks"), "0.0.0.0/0") || contains(r.get("ipv6_cidr_blocks"), "::/0")
                    || "0.0.0.0/0".equals(r.get("cidr_ipv4")) || "::/0".equals(r.get("cidr_ipv6"));
            if (!world) {
                continue;
            }
            Object protocol = r.containsKey("protocol") ? r.get("protocol") : r.get("ip_protocol");
            String proto = protocol == null ? "-1" : String.valueOf(protocol).toLowerCase();
            boolean all = proto.equals("-1") || proto.equals("all");
            long from = r.get("from_port") instanceof Long f ? f : (all ? 0 : -1);
            long to = r.get("to_port") instanceof Long t ? t : (all ? 65535 : -1);
            if (all && from <= 0 && to <= 0) {
                from = 0;
                to = 65535;
            }
            open.add(new Attrs().put("from_port", from).put("to_port", to).put("protocol", proto).build());
            for (Long port : ADMIN_PORTS) {
                if (all || ((proto.equals("tcp") || proto.equals("6")) && from <= port && port <= to)) {
                    adminPorts.add(port);
                }
            }
        }
        a.put("world_open_ingress", open).put("world_open_admin_ports", new ArrayList<>(adminPorts));
    }

    private static boolean contains(Object list, String value) {
        return list instanceof List<?> l && l.contains(value);
    }
}
