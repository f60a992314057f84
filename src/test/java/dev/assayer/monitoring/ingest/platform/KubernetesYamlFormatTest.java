package dev.assayer.monitoring.ingest.platform;

import static dev.assayer.monitoring.ingest.platform.Fixtures.byId;
import static dev.assayer.monitoring.ingest.platform.Fixtures.map;
import static dev.assayer.monitoring.ingest.platform.Fixtures.problem;
import static dev.assayer.monitoring.ingest.platform.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesYamlFormatTest {

    private final KubernetesYamlFormat k8s = new KubernetesYamlFormat();

    @Test
    void every_document_becomes_a_resource_and_empty_documents_are_skipped() {
        List<Resource> all = read(k8s, "k8s/workloads.yaml");

        assertThat(all).extracting(Resource::type).containsExactly("k8s.namespace", "k8s.deployment", "k8s.daemonset",
                "k8s.cronjob", "k8s.pod", "k8s.secret", "k8s.service");
        assertThat(all).extracting(Resource::id).containsExactly("Namespace/payments", "payments/Deployment/payments-api",
                "monitoring/DaemonSet/node-exporter", "payments/CronJob/nightly-reconcile", "default/Pod/debug-shell",
                "payments/Secret/payments-db", "payments/Service/payments-api");
        Fixtures.assertJsonLike(all);
    }

    @Test
    void a_hardened_deployment_reports_its_effective_container_settings() {
        Resource d = byId(read(k8s, "k8s/workloads.yaml"), "payments/Deployment/payments-api");

        assertThat(d.attributes()).containsEntry("workload", true).containsEntry("host_network", false)
                .containsEntry("host_pid", false).containsEntry("replicas", 3L)
                .containsEntry("service_account_name", "payments-api").containsEntry("automount_service_account_token", false)
                .containsEntry("seccomp_profile", "RuntimeDefault");
        assertThat(map(d.attributes().get("annotations"))).containsEntry("owner", "équipe paiements")
                .doesNotContainKey(KubernetesYamlFormat.LAST_APPLIED);
        Map<String, Object> api = container(d, 0);
        assertThat(api).containsEntry("name", "api").containsEntry("privileged", false)
                .containsEntry("allow_privilege_escalation", false).containsEntry("run_as_non_root", true)
                .containsEntry("run_as_user", 10001L).containsEntry("read_only_root_filesystem", true)
                .containsEntry("capabilities_drop", List.of("ALL")).containsEntry("cpu_limit", "1")
                .containsEntry("memory_limit", "1Gi").containsEntry("image_tag", "2026.11.3")
                .containsEntry("image_latest", false).containsEntry("init", false);
        assertThat((String) api.get("image_digest")).startsWith("sha256:");
    }

    @Test
    void risky_workloads_show_what_is_wrong_with_kubernetes_defaults_applied() {
        List<Resource> all = read(k8s, "k8s/workloads.yaml");

        Resource ds = byId(all, "monitoring/DaemonSet/node-exporter");
        assertThat(ds.attributes()).containsEntry("host_network", true).containsEntry("host_pid", true)
                .containsEntry("host_path_volumes", List.of("/")).containsEntry("service_account_name", "default");
        assertThat(container(ds, 0)).containsEntry("privileged", true).containsEntry("allow_privilege_escalation", true)
                .containsEntry("run_as_non_root", false).containsEntry("image_latest", true)
                .containsEntry("host_ports", List.of(9100L)).doesNotContainKeys("cpu_limit", "memory_limit");

        Resource cron = byId(all, "payments/CronJob/nightly-reconcile");
        assertThat(container(cron, 0)).containsEntry("name", "wait-for-db").containsEntry("init", true)
                .containsEntry("image_latest", true).doesNotContainKey("image_tag");
        assertThat(container(cron, 1)).containsEntry("run_as_user", 0L).containsEntry("run_as_non_root", false)
                .containsEntry("capabilities_add", List.of("NET_ADMIN", "SYS_TIME")).containsEntry("memory_limit", "256Mi");

        // a registry with a port is not a tag
        assertThat(container(byId(all, "default/Pod/debug-shell"), 0)).containsEntry("image_latest", true)
                .doesNotContainKey("image_tag");
    }

    @Test
    void secret_values_are_never_kept() {
        Resource secret = byId(read(k8s, "k8s/workloads.yaml"), "payments/Secret/payments-db");
        assertThat(secret.attributes()).containsEntry("data_keys", List.of("username", "password"))
                .doesNotContainKeys("data", "spec");
        assertThat(secret.attributes().toString()).doesNotContain("c3VwZXItc2VjcmV0LXZhbHVl");
    }

    @Test
    void a_list_yields_its_items_and_rbac_bindings_name_their_subjects() {
        List<Resource> all = read(k8s, "k8s/rbac.yaml");

        assertThat(all).extracting(Resource::id).containsExactly("ClusterRoleBinding/ci-deployer-admin",
                "ClusterRoleBinding/platform-admins", "ClusterRole/everything", "payments/Role/config-reader",
                "payments/RoleBinding/config-reader");
        assertThat(all.get(0).attributes()).containsEntry("role_ref_name", "cluster-admin")
                .containsEntry("binds_default_service_account", true);
        assertThat(all.get(1).attributes()).containsEntry("binds_default_service_account", false);
        assertThat(all.get(2).attributes()).containsEntry("wildcard_rules", true).containsEntry("reads_secrets", true);
        assertThat(all.get(3).attributes()).containsEntry("wildcard_rules", false).containsEntry("reads_secrets", false);
    }

    @Test
    void a_byte_order_mark_is_ignored() {
        assertThat(read(k8s, "k8s/configmap-bom.yaml")).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("payments/ConfigMap/bom-config");
            assertThat(r.attributes()).containsEntry("data_keys", List.of("greeting")).containsEntry("api_version", "v1");
        });
    }

    @Test
    void bad_yaml_names_line_and_column() {
        InputProblem p = problem(k8s, "k8s/bad-indentation.yaml");
        assertThat(p.file()).isEqualTo("bad-indentation.yaml");
        assertThat(p.line()).isEqualTo(7);
        assertThat(p.column()).isGreaterThan(0);
        assertThat(p.problem()).startsWith("not valid YAML");
    }

    @Test
    void a_truncated_manifest_names_the_position() {
        InputProblem p = problem(k8s, "k8s/workloads-truncated.yaml");
        assertThat(p.line()).isGreaterThanOrEqualTo(50);
        assertThat(p.problem()).startsWith("not valid YAML");
    }

    @Test
    void a_values_file_is_not_a_manifest() {
        InputProblem p = problem(k8s, "k8s/deployment-mislabeled.yaml");
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.problem()).contains("no kind");
    }

    @Test
    void a_manifest_without_name_is_rejected_at_its_document() {
        InputProblem p = Fixtures.problemText(k8s, "m.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: x\n", null);
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.problem()).contains("ConfigMap has no metadata.name");
    }

    @Test
    void kubectl_json_is_read_too() {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                + "\"metadata\":{\"name\":\"p\",\"namespace\":\"n\"},\"spec\":{\"hostPID\":true,\"containers\":[{\"name\":\"c\","
                + "\"image\":\"nginx:1.27\"}]}}]}";
        assertThat(Fixtures.readText(k8s, "pods.json", json, null)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("n/Pod/p");
            assertThat(r.attributes()).containsEntry("host_pid", true);
        });
    }

    private static Map<String, Object> container(Resource r, int i) {
        return map(Fixtures.list(r.attributes().get("containers")).get(i));
    }
}
