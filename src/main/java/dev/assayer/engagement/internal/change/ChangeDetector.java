package dev.assayer.engagement.internal.change;

import dev.assayer.activity.ActivityEntry;
import dev.assayer.engagement.DetectedChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proposes changes to the system (DC9) from activity log entries of an engagement's period: controls
 * created, retired (set to not applicable) or whose status or description changed, policy versions
 * published, subservice organizations added or changed (on the engagement or as vendors), and
 * incidents marked significant (a pointer: they belong to DC4 and are a change only if the person
 * says so). Entries are grouped per kind and UTC day; a group's key holds a digest of its records so
 * a later entry on the same day makes a new proposal instead of hiding under an old decision.
 * Pure: no Spring, no SQL.
 */
public final class ChangeDetector {

    /** The activity entity types the detector reads. */
    public static final List<String> ENTITY_TYPES = List.of("control", "policy-version", "engagement", "vendor",
            "incident");

    /** A kind of detected fact: its label (also the recorded change's source) and the area it proposes. */
    public enum Kind {
        CONTROL_CREATED("control created", "controls"),
        CONTROL_RETIRED("control retired", "controls"),
        CONTROL_STATUS("control status changed", "controls"),
        CONTROL_DESCRIPTION("control description changed", "controls"),
        POLICY_PUBLISHED("policy published", "procedures"),
        SUBSERVICE("subservice organization added or changed", "subservice organizations"),
        SIGNIFICANT_INCIDENT("significant incident (see DC4)", null);

        private final String label;
        private final String area;

        Kind(String label, String area) {
            this.label = label;
            this.area = area;
        }

        public String label() {
            return label;
        }

        public String area() {
            return area;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int REFS_IN_SUMMARY = 8;

    private record Fact(Kind kind, LocalDate on, String entityId, String ref, String detail) {
    }

    private ChangeDetector() {
    }

    /**
     * The proposals, oldest day first, all with status DETECTED. {@code policyTitle} names a policy by
     * its id (null when unknown).
     */
    public static List<DetectedChange> detect(List<ActivityEntry> entries, UUID engagementId,
            Function<String, String> policyTitle) {
        List<Fact> facts = new ArrayList<>();
        for (ActivityEntry e : entries) {
            facts.addAll(facts(e, engagementId, policyTitle));
        }
        Map<String, List<Fact>> groups = new LinkedHashMap<>();
        for (Fact f : facts) {
            groups.computeIfAbsent(f.kind().name() + "|" + f.on(), k -> new ArrayList<>()).add(f);
        }
        List<DetectedChange> out = new ArrayList<>();
        for (List<Fact> g : groups.values()) {
            Fact first = g.getFirst();
            TreeSet<String> ids = new TreeSet<>();
            g.forEach(f -> ids.add(f.entityId()));
            List<String> refs = g.stream().map(Fact::ref).distinct().toList();
            String key = first.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ":" + first.on()
                    + ":" + digest(String.join(",", ids));
            out.add(new DetectedChange(key, first.kind().name(), first.kind().label(), first.on(), summary(first.kind(), g),
                    refs, first.kind().area(), DetectedChange.DETECTED, null, null, null));
        }
        out.sort(Comparator.comparing(DetectedChange::on).thenComparing(DetectedChange::kind));
        return out;
    }

    private static List<Fact> facts(ActivityEntry e, UUID engagementId, Function<String, String> policyTitle) {
        LocalDate on = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
        JsonNode before = parse(e.before());
        JsonNode after = parse(e.after());
        List<Fact> out = new ArrayList<>();
        switch (e.entityType()) {
            case "control" -> {
                String ref = text(after, "ref") != null ? text(after, "ref") : text(before, "ref");
                ref = ref == null ? e.entityId() : ref;
                if ("created".equals(e.action())) {
                    out.add(new Fact(Kind.CONTROL_CREATED, on, e.entityId(), ref, text(after, "title")));
                } else if ("updated".equals(e.action()) && before != null && after != null) {
                    String was = text(before, "status");
                    String now = text(after, "status");
                    if (!Objects.equals(was, now)) {
                        out.add(new Fact("NOT_APPLICABLE".equals(now) ? Kind.CONTROL_RETIRED : Kind.CONTROL_STATUS, on,
                                e.entityId(), ref, label(was) + " → " + label(now)));
                    }
                    if (!Objects.equals(text(before, "description"), text(after, "description"))) {
                        out.add(new Fact(Kind.CONTROL_DESCRIPTION, on, e.entityId(), ref, null));
                    }
                }
            }
            case "policy-version" -> {
                if ("published".equals(e.action()) && after != null) {
                    String policyId = text(after, "policyId");
                    String title = policyId == null ? null : policyTitle.apply(policyId);
                    String number = text(after, "number");
                    out.add(new Fact(Kind.POLICY_PUBLISHED, on, e.entityId(),
                            (title == null ? "policy" : title) + (number == null ? "" : " v" + number), null));
                }
            }
            case "engagement" -> {
                if ("updated".equals(e.action()) && engagementId.toString().equals(e.entityId()) && before != null
                        && after != null) {
                    Map<String, String> was = subservices(before.get("subserviceOrganizations"));
                    Map<String, String> now = subservices(after.get("subserviceOrganizations"));
                    for (Map.Entry<String, String> s : now.entrySet()) {
                        if (!was.containsKey(s.getKey())) {
                            out.add(new Fact(Kind.SUBSERVICE, on, e.entityId() + "/" + s.getKey(), s.getKey(), "added"));
                        } else if (!was.get(s.getKey()).equals(s.getValue())) {
                            out.add(new Fact(Kind.SUBSERVICE, on, e.entityId() + "/" + s.getKey(), s.getKey(), "changed"));
                        }
                    }
                    for (String name : was.keySet()) {
                        if (!now.containsKey(name)) {
                            out.add(new Fact(Kind.SUBSERVICE, on, e.entityId() + "/" + name, name, "removed"));
                        }
                    }
                }
            }
            case "vendor" -> {
                boolean nowSub = after != null && after.path("subservice").asBoolean(false);
                boolean wasSub = before != null && before.path("subservice").asBoolean(false);
                if (nowSub && (!wasSub || !Objects.equals(text(before, "subserviceMethod"), text(after, "subserviceMethod"))
                        || !Objects.equals(String.valueOf(before.get("csocs")), String.valueOf(after.get("csocs"))))) {
                    String name = text(after, "name");
                    out.add(new Fact(Kind.SUBSERVICE, on, e.entityId(), name == null ? e.entityId() : name,
                            wasSub ? "changed" : "added"));
                }
            }
            case "incident" -> {
                boolean now = after != null && after.path("significant").asBoolean(false);
                boolean was = before != null && before.path("significant").asBoolean(false);
                if (now && !was) {
                    String ref = text(after, "ref");
                    out.add(new Fact(Kind.SIGNIFICANT_INCIDENT, on, e.entityId(), ref == null ? e.entityId() : ref,
                            text(after, "title")));
                }
            }
            default -> {
            }
        }
        return out;
    }

    private static String summary(Kind kind, List<Fact> g) {
        List<String> parts = g.stream().map(f -> f.detail() == null || kind == Kind.CONTROL_CREATED ? f.ref()
                : f.ref() + " (" + f.detail() + ")").distinct().toList();
        int n = parts.size();
        String head = switch (kind) {
            case CONTROL_CREATED -> n + (n == 1 ? " control created" : " controls created");
            case CONTROL_RETIRED -> n + (n == 1 ? " control retired (not applicable)" : " controls retired (not applicable)");
            case CONTROL_STATUS -> n + (n == 1 ? " control changed status" : " controls changed status");
            case CONTROL_DESCRIPTION -> n + (n == 1 ? " control description changed" : " control descriptions changed");
            case POLICY_PUBLISHED -> n + (n == 1 ? " policy version published" : " policy versions published");
            case SUBSERVICE -> n + (n == 1 ? " subservice organization added or changed"
                    : " subservice organizations added or changed");
            case SIGNIFICANT_INCIDENT -> n + (n == 1 ? " incident marked significant" : " incidents marked significant")
                    + " (described under DC4; a change only if it changed the system)";
        };
        String list = String.join(", ", parts.subList(0, Math.min(n, REFS_IN_SUMMARY)))
                + (n > REFS_IN_SUMMARY ? " and " + (n - REFS_IN_SUMMARY) + " more" : "");
        return head + ": " + list;
    }

    private static Map<String, String> subservices(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        if (list != null && list.isArray()) {
            for (JsonNode s : list) {
                String name = text(s, "name");
                if (name != null) {
                    out.put(name, s.toString());
                }
            }
        }
        return out;
    }

    private static String label(String status) {
        if (status == null) {
            return "none";
        }
        String s = status.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asString() : v.toString();
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
