package dev.assayer.monitoring.ingest.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.checks.Check;
import dev.assayer.monitoring.checks.CheckEvaluator;
import dev.assayer.monitoring.checks.CheckPack;
import dev.assayer.monitoring.checks.CheckResult;
import dev.assayer.monitoring.checks.Outcome;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The built-in GitHub, Okta, Kubernetes and Terraform checks on the format fixtures. */
class PlatformChecksTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final CheckEvaluator evaluator = new CheckEvaluator(CheckPack.builtIn(), NOW);

    /** check id → resource id → outcome. */
    private Map<String, Map<String, Outcome>> run(ResourceFormat format, String path) {
        Map<String, Map<String, Outcome>> out = new LinkedHashMap<>();
        for (Resource r : Fixtures.read(format, path)) {
            for (CheckResult result : evaluator.evaluate(r)) {
                out.computeIfAbsent(result.checkId(), k -> new LinkedHashMap<>()).put(result.resourceId(), result.outcome());
            }
        }
        return out;
    }

    private static List<CheckResult> errors(CheckEvaluator evaluator, List<Resource> resources) {
        return resources.stream().flatMap(r -> evaluator.evaluate(r).stream())
                .filter(r -> r.outcome() == Outcome.ERROR).toList();
    }

    @Test
    void branch_protection_checks() {
        var r = run(new GithubBranchProtectionFormat(), "github/branch-protection-keyed.json");

        assertThat(r.get("github-branch-protected")).containsEntry("acme-corp/payments-api:main", Outcome.PASS)
                .containsEntry("acme-corp/docs:main", Outcome.FAIL)
                .containsEntry("acme-corp/legacy-billing:release/2024", Outcome.FAIL);
        assertThat(r.get("github-branch-requires-review")).containsEntry("acme-corp/payments-api:main", Outcome.PASS)
                .containsEntry("acme-corp/web-app:main", Outcome.PASS)
                .containsEntry("acme-corp/infra-terraform:main", Outcome.FAIL)
                .doesNotContainKey("acme-corp/docs:main");
        assertThat(r.get("github-branch-dismisses-stale-reviews")).containsEntry("acme-corp/payments-api:main", Outcome.PASS)
                .containsEntry("acme-corp/web-app:main", Outcome.FAIL);
        assertThat(r.get("github-branch-includes-admins")).containsEntry("acme-corp/payments-api:main", Outcome.PASS)
                .containsEntry("acme-corp/web-app:main", Outcome.FAIL);
        assertThat(r.get("github-branch-no-force-push")).containsEntry("acme-corp/payments-api:main", Outcome.PASS)
                .containsEntry("acme-corp/web-app:main", Outcome.FAIL).containsEntry("acme-corp/docs:main", Outcome.FAIL);
        assertThat(r.get("github-branch-no-deletion")).containsEntry("acme-corp/payments-api:main", Outcome.PASS)
                .containsEntry("acme-corp/docs:main", Outcome.FAIL);
        assertThat(r.get("github-branch-requires-status-checks")).containsEntry("acme-corp/payments-api:main", Outcome.PASS)
                .containsEntry("acme-corp/web-app:main", Outcome.FAIL);
        assertThat(r.values()).noneMatch(m -> m.containsValue(Outcome.ERROR));
    }

    @Test
    void repository_checks_apply_only_where_github_reports_the_setting() {
        var r = run(new GithubReposFormat(), "github/repos.json");

        assertThat(r.get("github-repo-secret-scanning")).containsEntry("acme-corp/payments-api", Outcome.PASS)
                .containsEntry("acme-corp/web-app", Outcome.FAIL).containsEntry("acme-corp/docs", Outcome.PASS)
                .doesNotContainKey("acme-corp/legacy-billing");
        assertThat(r.get("github-repo-secret-push-protection")).containsEntry("acme-corp/web-app", Outcome.FAIL);
        assertThat(r.get("github-repo-dependabot-security-updates")).containsEntry("acme-corp/payments-api", Outcome.PASS)
                .containsEntry("acme-corp/docs", Outcome.FAIL);
        assertThat(r.values()).noneMatch(m -> m.containsValue(Outcome.ERROR));
    }

    @Test
    void pull_requests_merged_to_the_default_branch_need_another_persons_approval() {
        var r = run(new GithubPullsFormat(), "github/pulls.json");

        assertThat(r.get("github-pr-approved-by-other")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "acme-corp/payments-api#101", Outcome.PASS,
                "acme-corp/payments-api#102", Outcome.FAIL,
                "acme-corp/payments-api#103", Outcome.PASS,
                "acme-corp/payments-api#104", Outcome.FAIL,
                "acme-corp/payments-api#107", Outcome.PASS));
        // without collected reviews the check cannot say: an error, never a pass
        var unknown = run(new GithubPullsFormat(), "github/pulls-without-reviews.json");
        assertThat(unknown.get("github-pr-approved-by-other")).containsExactly(Map.entry("acme-corp/payments-api#201",
                Outcome.ERROR));
    }

    @Test
    void okta_user_checks() {
        var r = run(new OktaUsersFormat(), "okta/users.json");

        assertThat(r.get("okta-user-mfa-enrolled")).containsEntry("00u1alice0000000001", Outcome.PASS)
                .containsEntry("00u1bob00000000002", Outcome.FAIL).containsEntry("00u1chloe000000003", Outcome.PASS)
                .doesNotContainKeys("00u1dan00000000004", "00u1frank000000006");
        assertThat(r.get("okta-user-active-within-90-days")).containsEntry("00u1alice0000000001", Outcome.PASS)
                .containsEntry("00u1bob00000000002", Outcome.FAIL).doesNotContainKey("00u1chloe000000003");
        assertThat(r.get("okta-user-never-signed-in-30-days")).containsEntry("00u1chloe000000003", Outcome.PASS)
                .containsEntry("00u1frank000000006", Outcome.FAIL);
        assertThat(r.get("okta-user-no-sign-in-after-deactivation")).containsEntry("00u1dan00000000004", Outcome.FAIL)
                .containsEntry("00u1eve00000000005", Outcome.PASS);
        assertThat(r.values()).noneMatch(m -> m.containsValue(Outcome.ERROR));
    }

    @Test
    void okta_event_checks() {
        var r = run(new OktaSystemLogFormat(), "okta/system-log.json");

        Map<String, Outcome> burst = r.get("okta-event-no-mfa-failure-burst");
        assertThat(burst).containsEntry("b0b00000-0003-11ef-8000-00000000b0b3", Outcome.PASS)
                .containsEntry("b0b00000-0004-11ef-8000-00000000b0b4", Outcome.FAIL)
                .containsEntry("b0b00000-0005-11ef-8000-00000000b0b5", Outcome.FAIL)
                .containsEntry("c0000000-0001-11ef-8000-00000000c001", Outcome.PASS)
                .doesNotContainKey("a1b2c3d4-0002-11ef-8000-000000000002");
        assertThat(r.get("okta-event-no-mfa-bypass-attempt")).containsExactly(
                Map.entry("c0000000-0004-11ef-8000-00000000c004", Outcome.FAIL));
        assertThat(r.get("okta-event-no-threat-detected")).containsExactly(
                Map.entry("c0000000-0003-11ef-8000-00000000c003", Outcome.FAIL));
        assertThat(r.get("okta-event-account-lockout-reviewed")).containsExactly(
                Map.entry("b0b00000-0099-11ef-8000-00000000b0bf", Outcome.FAIL));
        assertThat(r.values()).noneMatch(m -> m.containsValue(Outcome.ERROR));
    }

    @Test
    void kubernetes_checks() {
        var r = run(new KubernetesYamlFormat(), "k8s/workloads.yaml");
        String api = "payments/Deployment/payments-api";
        String exporter = "monitoring/DaemonSet/node-exporter";
        String cron = "payments/CronJob/nightly-reconcile";
        String pod = "default/Pod/debug-shell";

        assertThat(r.get("k8s-no-privileged-containers")).containsEntry(api, Outcome.PASS).containsEntry(exporter, Outcome.FAIL)
                .containsEntry(cron, Outcome.PASS).doesNotContainKeys("payments/Secret/payments-db", "Namespace/payments");
        assertThat(r.get("k8s-no-privilege-escalation")).containsEntry(api, Outcome.PASS).containsEntry(exporter, Outcome.FAIL)
                .containsEntry(cron, Outcome.FAIL).containsEntry(pod, Outcome.FAIL);
        assertThat(r.get("k8s-run-as-non-root")).containsEntry(api, Outcome.PASS).containsEntry(cron, Outcome.FAIL);
        assertThat(r.get("k8s-read-only-root-filesystem")).containsEntry(api, Outcome.PASS).containsEntry(pod, Outcome.FAIL);
        assertThat(r.get("k8s-resource-limits")).containsEntry(api, Outcome.PASS).containsEntry(cron, Outcome.FAIL)
                .containsEntry(exporter, Outcome.FAIL);
        assertThat(r.get("k8s-no-host-network")).containsEntry(api, Outcome.PASS).containsEntry(exporter, Outcome.FAIL);
        assertThat(r.get("k8s-no-host-pid-ipc")).containsEntry(api, Outcome.PASS).containsEntry(exporter, Outcome.FAIL);
        assertThat(r.get("k8s-no-latest-images")).containsEntry(api, Outcome.PASS).containsEntry(exporter, Outcome.FAIL)
                .containsEntry(cron, Outcome.FAIL).containsEntry(pod, Outcome.FAIL);
        assertThat(r.get("k8s-no-dangerous-capabilities")).containsEntry(api, Outcome.PASS).containsEntry(cron, Outcome.FAIL);
        assertThat(r.values()).noneMatch(m -> m.containsValue(Outcome.ERROR));

        var rbac = run(new KubernetesYamlFormat(), "k8s/rbac.yaml");
        assertThat(rbac.get("k8s-no-cluster-admin-for-default-service-accounts"))
                .containsEntry("ClusterRoleBinding/ci-deployer-admin", Outcome.FAIL)
                .containsEntry("ClusterRoleBinding/platform-admins", Outcome.PASS)
                .containsEntry("payments/RoleBinding/config-reader", Outcome.PASS);
        assertThat(rbac.get("k8s-no-wildcard-cluster-roles")).containsEntry("ClusterRole/everything", Outcome.FAIL)
                .containsEntry("payments/Role/config-reader", Outcome.PASS);
        assertThat(rbac.values()).noneMatch(m -> m.containsValue(Outcome.ERROR));
    }

    @Test
    void terraform_checks_look_at_creates_and_updates_only() {
        var r = run(new TerraformPlanFormat(), "terraform/plan.json");

        assertThat(r.get("tf-s3-public-access-blocked")).containsEntry("aws_s3_bucket_public_access_block.audit_logs", Outcome.PASS)
                .containsEntry("aws_s3_bucket_public_access_block.website", Outcome.FAIL);
        assertThat(r.get("tf-s3-encryption-configured"))
                .containsEntry("aws_s3_bucket_server_side_encryption_configuration.audit_logs", Outcome.PASS);
        assertThat(r.get("tf-ebs-encrypted")).containsEntry("aws_ebs_volume.scratch", Outcome.FAIL);
        assertThat(r.get("tf-rds-encrypted")).containsEntry("module.db.aws_db_instance.this[0]", Outcome.PASS)
                .containsEntry("aws_db_instance.reporting", Outcome.FAIL);
        assertThat(r.get("tf-rds-not-public")).containsEntry("module.db.aws_db_instance.this[0]", Outcome.PASS)
                .containsEntry("aws_db_instance.reporting", Outcome.FAIL);
        assertThat(r.get("tf-no-admin-ports-open-to-internet")).containsEntry("aws_security_group.bastion", Outcome.FAIL)
                .containsEntry("aws_security_group.web", Outcome.PASS)
                .containsEntry("aws_vpc_security_group_ingress_rule.rdp", Outcome.FAIL);
        assertThat(r.get("tf-cloudtrail-log-validation")).containsEntry("aws_cloudtrail.org", Outcome.PASS)
                .containsEntry("aws_cloudtrail.legacy", Outcome.FAIL);
        assertThat(r.get("tf-cloudtrail-multi-region")).containsEntry("aws_cloudtrail.legacy", Outcome.FAIL);
        assertThat(r.get("tf-kms-key-rotation")).containsEntry("aws_kms_key.audit", Outcome.PASS);
        assertThat(r.values()).noneMatch(m -> m.containsKey("aws_instance.old_bastion") || m.containsValue(Outcome.ERROR));
    }

    @Test
    void the_platform_pack_is_large_enough_and_maps_to_starter_controls_and_criteria() throws Exception {
        Set<String> controls = starterControlRefs();
        Map<String, Long> perFile = new LinkedHashMap<>();
        for (Check c : CheckPack.builtIn().checks()) {
            String file = c.origin().replaceFirst("^built-in: ", "").replaceFirst(":\\d+$", "");
            if (!Set.of("github.yaml", "okta.yaml", "kubernetes.yaml", "terraform.yaml").contains(file)) {
                continue;
            }
            perFile.merge(file, 1L, Long::sum);
            assertThat(c.controls()).as(c.id()).isNotEmpty();
            assertThat(controls).as(c.id()).containsAll(c.controls());
            assertThat(c.criteria()).as(c.id()).isNotEmpty().allMatch(x -> x.matches("(CC|A|C|PI|P)\\d+\\.\\d+"));
            assertThat(c.remediation()).as(c.id()).isNotBlank();
        }
        assertThat(perFile.get("github.yaml")).isGreaterThanOrEqualTo(7);
        assertThat(perFile.get("okta.yaml")).isGreaterThanOrEqualTo(5);
        assertThat(perFile.get("kubernetes.yaml")).isGreaterThanOrEqualTo(8);
        assertThat(perFile.get("terraform.yaml")).isGreaterThanOrEqualTo(6);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> starterControlRefs() throws Exception {
        try (InputStream in = PlatformChecksTest.class.getResourceAsStream("/catalog/starter-controls.yaml")) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Set<String> refs = new HashSet<>();
            for (Object c : (List<Object>) doc.get("controls")) {
                refs.add((String) ((Map<String, Object>) c).get("ref"));
            }
            return refs;
        }
    }
}
