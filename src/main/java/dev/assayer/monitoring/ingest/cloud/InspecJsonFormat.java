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
 * Chef InSpec / Cinc Auditor JSON reporter output (inspec exec … --reporter json): every
 * profiles[].controls[] entry → inspec.control with its status (failed if any result failed,
 * passed if all passed, skipped otherwise) and the counts of each.
 */
public final class InspecJsonFormat implements ResourceFormat {

    static final String NAME = "inspec-json";

    public InspecJsonFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Chef InSpec JSON reporter output (inspec exec --reporter json)";
    }

    @Override
    public int detect(String filename, byte[] head) {
        Head h = Head.of(filename, head);
        if (h.firstChar() != '{' || !h.hasKey("profiles")) {
            return 0;
        }
        int score = 50;
        if (h.hasKey("platform")) {
            score += 20;
        }
        if (h.hasKey("controls") || h.hasKey("statistics")) {
            score += 15;
        }
        if (h.hasKey("code_desc") || h.hasKey("impact")) {
            score += 8;
        }
        return score;
    }

    private static final class Platform {
        String name;
        String release;
        String targetId;
        boolean seen;
        final List<Pending> pending = new ArrayList<>();
    }

    private static final class Profile {
        String name;
        String version;
        String parent;
        boolean nameSeen;
        final List<Pending> pending = new ArrayList<>();
    }

    private record Pending(TokenStreamLocation at, Map<String, Object> control, Profile profile) {
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        String source = NAME + ":" + filename;
        JsonCursor.read(filename, in, json -> {
            JsonToken t = json.first("InSpec JSON output");
            if (t != JsonToken.START_OBJECT) {
                throw json.problem("not InSpec JSON output: expected a JSON object, found " + JsonCursor.describe(t));
            }
            var start = json.location();
            Platform platform = new Platform();
            boolean[] profiles = {false};
            Consumer<Pending> emit = p -> sink.accept(control(json, platform, p, source, options));
            json.properties("InSpec JSON output", key -> {
                switch (key) {
                    case "platform" -> {
                        Map<String, Object> p = json.object("the platform");
                        platform.name = Values.str(p, "name");
                        platform.release = Values.str(p, "release");
                        platform.targetId = Values.str(p, "target_id");
                        platform.seen = true;
                    }
                    case "profiles" -> {
                        profiles[0] = true;
                        json.elements("profiles", () -> profile(json, platform, emit));
                    }
                    default -> json.skip();
                }
            });
            json.expectEnd();
            if (!profiles[0]) {
                throw json.problemAt(start, "not InSpec JSON output: no profiles array");
            }
            platform.seen = true;
            platform.pending.forEach(emit);
        });
    }

    private static void profile(JsonCursor json, Platform platform, Consumer<Pending> emit) {
        Profile profile = new Profile();
        Consumer<Pending> route = p -> {
            if (!profile.nameSeen) {
                profile.pending.add(p);
            } else if (!platform.seen) {
                platform.pending.add(p);
            } else {
                emit.accept(p);
            }
        };
        json.properties("an InSpec profile", key -> {
            switch (key) {
                case "name" -> {
                    Object v = json.value();
                    profile.name = v == null ? null : v.toString();
                    profile.nameSeen = true;
                }
                case "version" -> {
                    Object v = json.value();
                    profile.version = v == null ? null : v.toString();
                }
                case "parent_profile" -> {
                    Object v = json.value();
                    profile.parent = v == null ? null : v.toString();
                }
                case "controls" -> json.elements("controls", () -> {
                    TokenStreamLocation at = json.location();
                    route.accept(new Pending(at, json.object("an InSpec control"), profile));
                });
                default -> json.skip();
            }
        });
        profile.nameSeen = true;
        List<Pending> held = new ArrayList<>(profile.pending);
        profile.pending.clear();
        held.forEach(route);
    }

    private static Resource control(JsonCursor json, Platform platform, Pending p, String source, FormatOptions options) {
        Map<String, Object> c = p.control();
        String id = Values.str(c, "id");
        if (id == null) {
            throw json.problemAt(p.at(), "an InSpec control has no id");
        }
        Object impactRaw = c.get("impact");
        Double impact = impactRaw == null ? null : Values.number(impactRaw);
        if (impactRaw != null && (impact == null || impact < 0 || impact > 1)) {
            throw json.problemAt(p.at(), "control " + id + ": impact must be a number from 0.0 to 1.0, found '"
                    + IamCredentialReportFormat.shorten(impactRaw.toString()) + "'");
        }
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        List<Object> failures = new ArrayList<>();
        Instant started = null;
        for (Object o : Values.list(c.get("results"))) {
            Map<String, Object> r = Values.map(o);
            String status = Values.lower(Values.str(r, "status"));
            switch (status == null ? "" : status) {
                case "passed" -> passed++;
                case "failed", "error" -> {
                    failed++;
                    String desc = Values.str(r, "code_desc");
                    if (desc != null) {
                        failures.add(desc);
                    }
                }
                case "skipped" -> skipped++;
                default -> throw json.problemAt(p.at(), "control " + id + ": a result's status must be passed, failed "
                        + "or skipped, found " + (status == null ? "nothing" : "'" + IamCredentialReportFormat.shorten(status) + "'"));
            }
            Instant s = Values.instant(r.get("start_time"));
            if (s != null && (started == null || s.isBefore(started))) {
                started = s;
            }
        }
        String status = failed > 0 ? "failed" : passed > 0 && skipped == 0 ? "passed" : "skipped";
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("control_id", id);
        attrs.put("title", Values.str(c, "title"));
        attrs.put("impact", impact);
        attrs.put("status", status);
        attrs.put("passed", passed);
        attrs.put("failed", failed);
        attrs.put("skipped", skipped);
        attrs.put("failures", failures);
        attrs.put("profile", p.profile().name);
        attrs.put("profile_version", p.profile().version);
        attrs.put("parent_profile", p.profile().parent);
        // inspec exec --enhanced-outcomes: the control's own status (passed, failed, not_applicable,
        // not_reviewed, error); absent without that option
        attrs.put("enhanced_outcome", Values.str(c, "status"));
        attrs.put("platform", platform.name);
        attrs.put("platform_release", platform.release);
        attrs.put("target_id", platform.targetId);
        attrs.put("tags", new LinkedHashMap<>(Values.map(c.get("tags"))));
        attrs.put("source_file", Values.str(c, "source_location.ref"));
        String target = platform.targetId != null ? platform.targetId : platform.name != null ? platform.name : "";
        String resourceId = target + "|" + (p.profile().name == null ? "" : p.profile().name) + "|" + id;
        return new Resource("inspec.control", resourceId, Values.frozen(attrs), source,
                started != null ? started : options.importedAt());
    }
}
