package dev.assayer.monitoring.ingest.platform;

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
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLReadFeature;

/**
 * Kubernetes manifests: multi-document YAML ({@code ---}), {@code kind: List} with items, or the JSON
 * kubectl prints → {@code k8s.<kind lower-case>}, id = {@code namespace/Kind/name} (namespaced kinds
 * without a namespace get "default") or {@code Kind/name} for cluster-scoped kinds. Workloads carry
 * their pod spec's security settings per container, with Kubernetes' defaults applied, so checks stay
 * simple. Secret and ConfigMap values are never kept, only their keys.
 */
public final class KubernetesYamlFormat implements ResourceFormat {

    public static final String NAME = "k8s-yaml";
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .loadSettings(LoadSettings.builder().setCodePointLimit(256 * 1024 * 1024).build())
            .enable(YAMLReadFeature.EMPTY_STRING_AS_NULL).build())
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Pattern API_VERSION = Pattern.compile("(?m)^\\s{0,2}(- )?\"?apiVersion\"?\\s*:\\s*\\S");
    private static final Pattern KIND = Pattern.compile("(?m)^\\s{0,2}(- )?\"?kind\"?\\s*:\\s*\\S");
    private static final Pattern TOP_API_VERSION = Pattern.compile("(?m)^apiVersion\\s*:\\s*\\S");
    private static final Pattern TOP_KIND = Pattern.compile("(?m)^kind\\s*:\\s*[A-Z]\\w*");
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume", "ClusterRole",
            "ClusterRoleBinding", "StorageClass", "CustomResourceDefinition", "PriorityClass", "IngressClass",
            "RuntimeClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService", "CSIDriver", "CSINode",
            "VolumeAttachment", "PodSecurityPolicy", "CertificateSigningRequest", "ComponentStatus",
            "FlowSchema", "PriorityLevelConfiguration", "ClusterIssuer");
    static final Set<String> POD_SPEC_KINDS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "ReplicationController", "Job", "CronJob", "PodTemplate");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Kubernetes manifests: multi-document YAML (or kubectl's JSON), including kind: List";
    }

    @Override
    public int detect(String filename, byte[] bytes) {
        try {
            Head h = Head.of(filename, bytes);
            if (h.json()) {
                return h.hasAll("apiVersion", "kind") && (h.has("metadata.name") || h.has("items")) ? 85 : 0;
            }
            String text = h.text;
            if (TOP_API_VERSION.matcher(text).find() && TOP_KIND.matcher(text).find()) {
                return 90;
            }
            String n = h.lowerName();
            if ((n.endsWith(".yaml") || n.endsWith(".yml")) && API_VERSION.matcher(text).find()
                    && KIND.matcher(text).find()) {
                return 60;
            }
            return 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        Instant at = Json.importedAt(options);
        try (JsonParser p = YAML.createParser(Text.reader(in))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                TokenStreamLocation loc = p.currentTokenLocation();
                if (t == JsonToken.VALUE_NULL || (t == JsonToken.VALUE_STRING && p.getString().isBlank())) {
                    continue; // an empty document
                }
                if (t == JsonToken.START_ARRAY) {
                    JsonToken e;
                    while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
                        TokenStreamLocation eloc = p.currentTokenLocation();
                        if (e == JsonToken.VALUE_NULL) {
                            continue;
                        }
                        if (e != JsonToken.START_OBJECT) {
                            throw Json.at(filename, eloc, "expected a manifest (a mapping), found " + Json.describe(e));
                        }
                        manifest(filename, new Json.Rec(YAML.readTree(p), eloc.getLineNr(), eloc.getColumnNr()), null,
                                at, sink);
                    }
                    continue;
                }
                if (t != JsonToken.START_OBJECT) {
                    throw Json.at(filename, loc, "expected a manifest (a mapping with apiVersion, kind and metadata), "
                            + "found " + Json.describe(t));
                }
                manifest(filename, new Json.Rec(YAML.readTree(p), loc.getLineNr(), loc.getColumnNr()), null, at, sink);
            }
        } catch (JacksonException e) {
            TokenStreamLocation loc = e.getLocation();
            String msg = e.getOriginalMessage() == null ? "not valid YAML" : Json.firstLine(e.getOriginalMessage());
            throw Json.at(filename, loc, "not valid YAML: " + msg);
        }
    }

    private void manifest(String filename, Json.Rec rec, String listKind, Instant at, Consumer<Resource> sink) {
        JsonNode n = rec.node();
        String kind = Json.text(n, "kind");
        if (kind == null && listKind != null) {
            kind = listKind;
        }
        if (kind == null || kind.isBlank()) {
            throw Json.at(filename, rec, "manifest has no kind");
        }
        if (n.path("items").isArray() && (kind.equals("List") || kind.endsWith("List"))) {
            String itemKind = kind.equals("List") ? null : kind.substring(0, kind.length() - 4);
            int i = 0;
            for (JsonNode item : n.path("items")) {
                if (!item.isObject()) {
                    throw Json.at(filename, rec, kind + ".items[" + i + "]: expected a manifest (a mapping)");
                }
                manifest(filename, new Json.Rec(item, rec.line(), rec.column()), itemKind, at, sink);
                i++;
            }
            return;
        }
        String finalKind = kind;
        Json.handOver(filename, rec, r -> sink.accept(resource(filename, r, finalKind, at)));
    }

    private Resource resource(String filename, Json.Rec rec, String kind, Instant at) {
        JsonNode n = rec.node();
        String name = Json.text(n, "metadata.name");
        if (name == null || name.isBlank()) {
            throw new InputProblem(filename, rec.line(), rec.column(), kind + " has no metadata.name");
        }
        boolean cluster = CLUSTER_SCOPED.contains(kind);
        String namespace = cluster ? null : Json.text(n, "metadata.namespace");
        if (!cluster && (namespace == null || namespace.isBlank())) {
            namespace = "default";
        }
        String id = cluster ? kind + "/" + name : namespace + "/" + kind + "/" + name;
        Map<String, Object> annotations = strings(n.path("metadata").path("annotations"));
        annotations.remove(LAST_APPLIED);
        Attrs a = new Attrs()
                .put("kind", kind)
                .put("api_version", Json.text(n, "apiVersion"))
                .put("name", name)
                .put("namespace", namespace)
                .put("labels", strings(n.path("metadata").path("labels")))
                .put("annotations", annotations);
        switch (kind) {
            case "Secret" -> a.put("secret_type", Json.text(n, "type")).put("data_keys", keys(n, "data", "stringData"));
            case "ConfigMap" -> a.put("data_keys", keys(n, "data", "binaryData"));
            case "Role", "ClusterRole" -> rules(n, a);
            case "RoleBinding", "ClusterRoleBinding" -> binding(n, a);
            case "Service" -> a.put("service_type", textOr(n, "spec.type", "ClusterIP")).put("spec", Json.value(n.path("spec")));
            default -> a.put("spec", Json.value(n.path("spec")));
        }
        JsonNode podSpec = podSpec(kind, n);
        if (podSpec != null) {
            a.put("replicas", Json.number(n, "spec.replicas"));
            podAttributes(podSpec, a);
        }
        return new Resource("k8s." + kind.toLowerCase(Locale.ROOT), id, a.build(), NAME + ":" + filename, at);
    }

    static JsonNode podSpec(String kind, JsonNode n) {
        if (!POD_SPEC_KINDS.contains(kind)) {
            return null;
        }
        JsonNode spec = switch (kind) {
            case "Pod" -> n.path("spec");
            case "CronJob" -> n.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
            case "PodTemplate" -> n.path("template").path("spec");
            default -> n.path("spec").path("template").path("spec");
        };
        return spec.isObject() ? spec : null;
    }

    private static void podAttributes(JsonNode ps, Attrs a) {
        JsonNode podSc = ps.path("securityContext");
        a.put("workload", true)
                .put("host_network", flag(ps, "hostNetwork"))
                .put("host_pid", flag(ps, "hostPID"))
                .put("host_ipc", flag(ps, "hostIPC"))
                .put("service_account_name", textOr(ps, "serviceAccountName", textOr(ps, "serviceAccount", "default")))
                .put("automount_service_account_token", Json.bool(ps, "automountServiceAccountToken"))
                .put("pod_run_as_non_root", Json.bool(podSc, "runAsNonRoot"))
                .put("seccomp_profile", Json.text(podSc, "seccompProfile.type"));
        List<String> hostPaths = new ArrayList<>();
        for (JsonNode v : ps.path("volumes")) {
            String hp = Json.text(v, "hostPath.path");
            if (hp != null) {
                hostPaths.add(hp);
            }
        }
        a.put("host_path_volumes", hostPaths);
        List<Map<String, Object>> containers = new ArrayList<>();
        for (JsonNode c : ps.path("initContainers")) {
            containers.add(container(c, podSc, true));
        }
        for (JsonNode c : ps.path("containers")) {
            containers.add(container(c, podSc, false));
        }
        a.put("containers", containers);
    }

    private static Map<String, Object> container(JsonNode c, JsonNode podSc, boolean init) {
        JsonNode sc = c.path("securityContext");
        String image = Json.text(c, "image");
        boolean privileged = flag(sc, "privileged");
        Boolean escalation = Json.bool(sc, "allowPrivilegeEscalation");
        Boolean nonRoot = Json.bool(sc, "runAsNonRoot");
        if (nonRoot == null) {
            nonRoot = Json.bool(podSc, "runAsNonRoot");
        }
        Long user = Json.number(sc, "runAsUser");
        if (user == null) {
            user = Json.number(podSc, "runAsUser");
        }
        boolean runsAsNonRoot = user != null ? user > 0 : nonRoot != null && nonRoot;
        Attrs a = new Attrs()
                .put("name", Json.text(c, "name"))
                .put("init", init)
                .put("image", image);
        image(image, a);
        List<Long> hostPorts = new ArrayList<>();
        for (JsonNode port : c.path("ports")) {
            Long hp = Json.number(port, "hostPort");
            if (hp != null && hp > 0) {
                hostPorts.add(hp);
            }
        }
        return a.put("privileged", privileged)
                .put("allow_privilege_escalation", escalation == null ? Boolean.TRUE : escalation || privileged)
                .put("run_as_non_root", runsAsNonRoot)
                .put("run_as_user", user)
                .put("read_only_root_filesystem", flag(sc, "readOnlyRootFilesystem"))
                .put("capabilities_add", upper(Json.texts(sc, "capabilities.add", null)))
                .put("capabilities_drop", upper(Json.texts(sc, "capabilities.drop", null)))
                .put("cpu_limit", Json.text(c, "resources.limits.cpu"))
                .put("memory_limit", Json.text(c, "resources.limits.memory"))
                .put("cpu_request", Json.text(c, "resources.requests.cpu"))
                .put("memory_request", Json.text(c, "resources.requests.memory"))
                .put("host_ports", hostPorts)
                .put("image_pull_policy", Json.text(c, "imagePullPolicy"))
                .build();
    }

    /** image_tag (null with a digest only), image_digest, image_latest (tag "latest" or no tag and no digest). */
    static void image(String image, Attrs a) {
        if (image == null || image.isBlank()) {
            a.put("image_latest", false);
            return;
        }
        String ref = image.trim();
        String digest = null;
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = ref.substring(at + 1);
            ref = ref.substring(0, at);
        }
        String tag = null;
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            tag = ref.substring(colon + 1);
        }
        a.put("image_tag", tag).put("image_digest", digest)
                .put("image_latest", "latest".equals(tag) || (tag == null && digest == null));
    }

    private static void rules(JsonNode n, Attrs a) {
        a.put("rules", Json.value(n.path("rules")) instanceof List<?> l ? l : List.of());
        boolean wildcard = false;
        boolean secrets = false;
        for (JsonNode r : n.path("rules")) {
            List<String> verbs = Json.texts(r, "verbs", null);
            List<String> resources = Json.texts(r, "resources", null);
            if (verbs.contains("*") && resources.contains("*")) {
                wildcard = true;
            }
            if (resources.contains("secrets") || resources.contains("*")) {
                if (verbs.contains("*") || verbs.contains("get") || verbs.contains("list") || verbs.contains("watch")) {
                    secrets = true;
                }
            }
        }
        a.put("wildcard_rules", wildcard).put("reads_secrets", secrets)
                .put("aggregated", n.path("aggregationRule").isObject());
    }

    private static void binding(JsonNode n, Attrs a) {
        List<Map<String, Object>> subjects = new ArrayList<>();
        boolean defaultSa = false;
        for (JsonNode s : n.path("subjects")) {
            String kind = Json.text(s, "kind");
            String name = Json.text(s, "name");
            subjects.add(new Attrs().put("kind", kind).put("name", name).put("namespace", Json.text(s, "namespace"))
                    .build());
            if ("ServiceAccount".equals(kind) && "default".equals(name)) {
                defaultSa = true;
            }
            if ("Group".equals(kind) && name != null && name.startsWith("system:serviceaccounts")) {
                defaultSa = true;
            }
        }
        a.put("role_ref_kind", Json.text(n, "roleRef.kind"))
                .put("role_ref_name", Json.text(n, "roleRef.name"))
                .put("subjects", subjects)
                .put("binds_default_service_account", defaultSa);
    }

    private static List<String> keys(JsonNode n, String... fields) {
        List<String> keys = new ArrayList<>();
        for (String f : fields) {
            if (n.path(f).isObject()) {
                keys.addAll(n.path(f).propertyNames());
            }
        }
        return keys;
    }

    private static Map<String, Object> strings(JsonNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!e.getValue().isNull() && !e.getValue().isContainer()) {
                    m.put(e.getKey(), e.getValue().asString());
                }
            }
        }
        return m;
    }

    private static List<String> upper(List<String> l) {
        return l.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
    }

    private static boolean flag(JsonNode n, String field) {
        Boolean b = Json.bool(n, field);
        return b != null && b;
    }

    private static String textOr(JsonNode n, String field, String fallback) {
        String s = Json.text(n, field);
        return s == null || s.isBlank() ? fallback : s;
    }
}
