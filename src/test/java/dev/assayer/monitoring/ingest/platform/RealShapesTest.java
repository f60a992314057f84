package dev.assayer.monitoring.ingest.platform;

import static dev.assayer.monitoring.checks.Outcome.FAIL;
import static dev.assayer.monitoring.checks.Outcome.PASS;
import static dev.assayer.monitoring.ingest.platform.Fixtures.byId;
import static dev.assayer.monitoring.ingest.platform.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.checks.CheckEvaluator;
import dev.assayer.monitoring.checks.CheckPack;
import dev.assayer.monitoring.checks.CheckResult;
import dev.assayer.monitoring.checks.Outcome;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import dev.assayer.monitoring.ingest.ResourceFormats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Platform fixtures under formats/real/ with the structure real tools print (terraform show -json of a
 * Terraform 1.9 plan, kubectl get -o json), invented values. docs/monitoring-formats.md names the sources.
 */
class RealShapesTest {

    private static final CheckEvaluator EVALUATOR = new CheckEvaluator(CheckPack.builtIn(),
            Instant.parse("2026-10-08T12:00:00Z"));

    private static List<Resource> read(ResourceFormat format, String fixture) {
        assertThat(ResourceFormats.detect(fixture, Fixtures.head("real/" + fixture)).name())
                .as("detected format of " + fixture).isEqualTo(format.name());
        List<Resource> all = Fixtures.read(format, "real/" + fixture);
        Fixtures.assertJsonLike(all);
        return all;
    }

    private static Map<String, Outcome> outcomes(Resource r) {
        Map<String, Outcome> out = new TreeMap<>();
        for (CheckResult result : EVALUATOR.evaluate(r)) {
            assertThat(result.outcome()).as(result.checkId() + " on " + r.id() + ": " + result.message())
                    .isNotEqualTo(Outcome.ERROR);
            out.put(result.checkId(), result.outcome());
        }
        return out;
    }

    @Test
    void terraformPlanFormat12WithDeposedForgetMovedAndImportedChanges() {
        List<Resource> all = read(new TerraformPlanFormat(), "terraform-plan-1.9.json");

        assertThat(all).extracting(Resource::id).containsExactly("aws_s3_bucket_acl.partner_drop",
                "aws_s3_bucket_public_access_block.partner_drop", "aws_rds_cluster.ledger",
                "aws_security_group_rule.ssh_from_anywhere", "aws_instance.bastion",
                "aws_instance.bastion (deposed 7a1e3c5b)", "aws_s3_bucket.legacy_exports",
                "module.keys.aws_kms_key.ledger", "data.aws_iam_policy_document.bucket_policy");

        Resource acl = all.get(0);
        assertThat(acl.attributes()).containsEntry("after", Map.of("acl", "public-read", "bucket", "acme-partner-drop"))
                .containsEntry("after_unknown_keys", List.of("access_control_policy", "id"))
                .containsEntry("terraform_version", "1.9.8");
        assertThat(outcomes(acl)).containsExactlyEntriesOf(Map.of("tf-s3-acl-not-public", FAIL));
        assertThat(outcomes(all.get(1))).containsExactlyEntriesOf(Map.of("tf-s3-public-access-blocked", FAIL));

        Resource cluster = all.get(2);
        assertThat(map(cluster.attributes().get("after"))).containsEntry("master_password", "(sensitive)")
                .containsEntry("storage_encrypted", false).containsEntry("backup_retention_period", 7L);
        assertThat(outcomes(cluster)).containsExactlyEntriesOf(Map.of("tf-rds-encrypted", FAIL));

        Resource ssh = all.get(3);
        assertThat(ssh.attributes()).containsEntry("world_open_admin_ports", List.of(22L))
                .containsEntry("world_open_ingress", List.of(Map.of("from_port", 22L, "to_port", 22L, "protocol", "tcp")));
        assertThat(outcomes(ssh)).containsExactlyEntriesOf(Map.of("tf-no-admin-ports-open-to-internet", FAIL));

        assertThat(all.get(4).attributes()).containsEntry("action", "create").doesNotContainKey("deposed");
        assertThat(all.get(5).attributes()).containsEntry("deposed", "7a1e3c5b").containsEntry("action", "delete")
                .containsEntry("address", "aws_instance.bastion").doesNotContainKey("after");
        assertThat(all.get(6).attributes()).containsEntry("action", "forget").containsEntry("deletes", false)
                .containsEntry("creates_or_updates", false);

        Resource key = byId(all, "module.keys.aws_kms_key.ledger");
        assertThat(key.attributes()).containsEntry("previous_address", "aws_kms_key.ledger")
                .containsEntry("module_address", "module.keys").containsEntry("action", "update");
        assertThat(outcomes(key)).containsExactlyEntriesOf(Map.of("tf-kms-key-rotation", PASS));
        assertThat(all.get(8).attributes()).containsEntry("mode", "data").containsEntry("action", "read");
    }

    @Test
    void terraformFormatVersionsOtherThanOneAreRejected() {
        TerraformPlanFormat tf = new TerraformPlanFormat();
        String plan = "{\"format_version\": \"%s\", \"terraform_version\": \"9.0.0\", \"resource_changes\": []}";
        assertThat(Fixtures.problemText(tf, "p.json", plan.formatted("2.0"), FormatOptions.at(Fixtures.IMPORTED)).problem())
                .isEqualTo("unsupported Terraform JSON format_version '2.0' (1.x is read)");
        assertThat(Fixtures.readText(tf, "p.json", plan.formatted("1.0"), FormatOptions.at(Fixtures.IMPORTED))).isEmpty();
        assertThat(Fixtures.readText(tf, "p.json", plan.formatted("0.2"), FormatOptions.at(Fixtures.IMPORTED))).isEmpty();
    }

    @Test
    void kubectlGetJsonListOfWorkloadsSecretAndBinding() {
        List<Resource> all = read(new KubernetesYamlFormat(), "kubectl-get-list.json");

        assertThat(all).extracting(Resource::id).containsExactly("ledger/Deployment/ledger-api",
                "ledger/CronJob/nightly-export", "ledger/Secret/ledger-db", "ClusterRoleBinding/ci-deployer-admin");

        Resource api = all.get(0);
        assertThat(api.attributes()).containsEntry("annotations", Map.of("deployment.kubernetes.io/revision", "14"))
                .containsEntry("replicas", 3L).containsEntry("automount_service_account_token", false)
                .containsEntry("service_account_name", "ledger-api").containsEntry("seccomp_profile", "RuntimeDefault");
        assertThat(Fixtures.list(api.attributes().get("containers"))).singleElement().satisfies(c -> assertThat(map(c))
                .containsEntry("image_latest", false).containsEntry("run_as_non_root", true)
                .containsEntry("allow_privilege_escalation", false).containsEntry("read_only_root_filesystem", true)
                .containsEntry("cpu_limit", "1").containsEntry("memory_limit", "768Mi")
                .containsEntry("capabilities_drop", List.of("ALL")));
        assertThat(outcomes(api)).isNotEmpty().allSatisfy((check, outcome) -> assertThat(outcome).as(check).isEqualTo(PASS));

        Resource export = all.get(1);
        assertThat(export.attributes()).containsEntry("workload", true).containsEntry("host_network", true);
        assertThat(outcomes(export)).containsEntry("k8s-no-privileged-containers", FAIL)
                .containsEntry("k8s-no-privilege-escalation", FAIL).containsEntry("k8s-no-latest-images", FAIL)
                .containsEntry("k8s-no-host-network", FAIL).containsEntry("k8s-resource-limits", FAIL)
                .containsEntry("k8s-no-host-pid-ipc", PASS);

        Resource secret = all.get(2);
        assertThat(secret.attributes()).containsEntry("data_keys", List.of("DATABASE_URL"))
                .containsEntry("secret_type", "Opaque");
        assertThat(secret.attributes().toString()).doesNotContain("cG9zdGdyZXM6");

        assertThat(all.get(3).attributes()).containsEntry("role_ref_name", "cluster-admin")
                .containsEntry("binds_default_service_account", true);
        assertThat(outcomes(all.get(3)))
                .containsExactlyEntriesOf(Map.of("k8s-no-cluster-admin-for-default-service-accounts", FAIL));
    }
}
