package dev.assayer.monitoring.ingest.cloud;

import static dev.assayer.monitoring.checks.Outcome.FAIL;
import static dev.assayer.monitoring.checks.Outcome.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.checks.CheckEvaluator;
import dev.assayer.monitoring.checks.CheckPack;
import dev.assayer.monitoring.checks.CheckResult;
import dev.assayer.monitoring.checks.Outcome;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import dev.assayer.monitoring.ingest.ResourceFormats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Fixtures under formats/real/ reproduce the structure real tools write (field names, nesting, nulls,
 * optional sections, version differences), with invented values; docs/monitoring-formats.md names the
 * public sources each was checked against. These tests pin the normalized resources they give.
 */
class RealShapesTest {

    private static final String ACCT = "210987654321";
    private static final Instant NOW = Instant.parse("2026-10-08T12:00:00Z");
    private static final CheckEvaluator EVALUATOR = new CheckEvaluator(CheckPack.builtIn(), NOW);

    private static List<Resource> read(ResourceFormat format, String fixture) {
        assertThat(ResourceFormats.detect(fixture, Fixtures.head("real/" + fixture)).name())
                .as("detected format of " + fixture).isEqualTo(format.name());
        return Fixtures.read(format, "real/" + fixture);
    }

    /** check id → outcome for one resource, only checks whose where-clause applies. */
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
    void configHistoryFileKmsKeysCarryRotationFromSupplementaryConfiguration() {
        List<Resource> keys = read(new AwsConfigItemsFormat(), "aws-config-history-kms.json");
        String arn = "arn:aws:kms:eu-central-1:" + ACCT + ":key/";

        assertThat(keys).hasSize(5).allSatisfy(k -> {
            assertThat(k.type()).isEqualTo("aws.kms.key");
            assertThat(k.observedAt()).isEqualTo(Instant.parse("2026-10-03T04:17:55.081Z"));
        });
        Resource ledger = Fixtures.only(keys, arn + "7c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5");
        assertThat(ledger.attributes()).containsEntry("key_rotation_enabled", true)
                .containsEntry("key_rotation_status", true)
                .containsEntry("key_manager", "CUSTOMER").containsEntry("customer_master_key_spec", "SYMMETRIC_DEFAULT")
                .containsEntry("origin", "AWS_KMS").containsEntry("key_state", "Enabled")
                .containsEntry("encryption_algorithms", List.of("SYMMETRIC_DEFAULT"))
                .containsEntry("account_id", ACCT).containsEntry("region", "eu-central-1")
                .containsEntry("deleted", false).containsEntry("tags", Map.of("owner", "platform-team"))
                .doesNotContainKeys("key_spec", "deletion_date", "custom_key_store_id"); // null in the item: left out
        assertThat(outcomes(ledger)).containsExactlyEntriesOf(Map.of("aws-kms-key-rotation", PASS));

        Resource exports = Fixtures.only(keys, arn + "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d");
        assertThat(exports.attributes()).containsEntry("key_rotation_enabled", false);
        assertThat(outcomes(exports)).containsExactlyEntriesOf(Map.of("aws-kms-key-rotation", FAIL));

        // asymmetric (only customerMasterKeySpec names it), imported key material, AWS managed: rotation not checked
        for (String id : List.of("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9", "9f8e7d6c-5b4a-4938-8271-605f4e3d2c1b",
                "c0ffee00-1111-4222-8333-444455556666")) {
            assertThat(outcomes(Fixtures.only(keys, arn + id))).as(id).isEmpty();
        }
        assertThat(Fixtures.only(keys, arn + "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9").attributes())
                .containsEntry("customer_master_key_spec", "RSA_3072").containsEntry("key_usage", "SIGN_VERIFY");
    }

    @Test
    void cliHistoryReadsConfigurationAndRotationStatusWrittenAsJsonText() {
        List<Resource> history = read(new AwsConfigItemsFormat(), "aws-config-cli-kms-history.json");
        String arn = "arn:aws:kms:eu-central-1:" + ACCT + ":key/0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";

        assertThat(history).extracting(Resource::id).containsExactly(arn, arn);
        Resource latest = history.get(0);
        assertThat(latest.observedAt()).isEqualTo(Instant.parse("2026-10-05T09:02:19.418Z"));
        assertThat(latest.attributes()).containsEntry("key_rotation_enabled", true)
                .containsEntry("key_spec", "SYMMETRIC_DEFAULT").containsEntry("description", "exports bucket")
                .containsEntry("capture_time", "2026-10-05T09:02:19.418Z")
                .containsEntry("resource_creation_time", "2023-06-01T12:00:00Z")
                .containsEntry("account_id", ACCT).containsEntry("tags", Map.of("cost-centre", "exports"))
                .containsEntry("configuration_item_status", "OK");
        assertThat(outcomes(latest)).containsExactlyEntriesOf(Map.of("aws-kms-key-rotation", PASS));
        assertThat(history.get(1).attributes()).containsEntry("key_rotation_enabled", false);
        assertThat(outcomes(history.get(1))).containsExactlyEntriesOf(Map.of("aws-kms-key-rotation", FAIL));
    }

    @Test
    void batchGetIamUserWithEpochTimesAndTagList() {
        Resource user = read(new AwsConfigItemsFormat(), "aws-config-batch-iam-user.json").getFirst();

        assertThat(user.type()).isEqualTo("aws.iam.user");
        assertThat(user.id()).isEqualTo("arn:aws:iam::" + ACCT + ":user/automation/deploy-bot");
        assertThat(user.observedAt()).isEqualTo(Instant.ofEpochMilli(1_791_108_000_514L));
        assertThat(user.attributes()).containsEntry("user_name", "deploy-bot").containsEntry("path", "/automation/")
                .containsEntry("group_list", List.of("ci"))
                .containsEntry("attached_managed_policies", List.of(Map.of("policy_name", "ReadOnlyAccess",
                        "policy_arn", "arn:aws:iam::aws:policy/ReadOnlyAccess")))
                .containsEntry("tags", Map.of("team", "release"))
                .containsEntry("region", "global").containsEntry("resource_name", "deploy-bot")
                .containsEntry("resource_creation_time", "2024-02-04T16:00:00Z")
                .doesNotContainKey("permissions_boundary");
        // the credential-report checks need the report's columns, which a Config item does not have
        assertThat(outcomes(user)).isEmpty();
    }

    @Test
    void changeNotificationS3BucketParsesNestedJsonTextOfTheAcl() {
        Resource bucket = read(new AwsConfigItemsFormat(), "aws-config-s3-change-notification.json").getFirst();

        assertThat(bucket.id()).isEqualTo("arn:aws:s3:::acme-partner-drop");
        assertThat(bucket.type()).isEqualTo("aws.s3.bucket");
        assertThat(bucket.observedAt()).isEqualTo(Instant.parse("2026-10-06T13:45:02.911Z"));
        Map<String, Object> a = bucket.attributes();
        assertThat(a).containsEntry("public_access_block_configuration", Map.of("block_public_acls", false,
                "ignore_public_acls", false, "block_public_policy", true, "restrict_public_buckets", true))
                .containsEntry("bucket_versioning_configuration", Map.of("status", "Suspended"))
                .containsEntry("bucket_accelerate_configuration", Map.of())
                .containsEntry("is_requester_pays_enabled", false)
                .containsEntry("bucket_logging_configuration", Map.of("destination_bucket_name", "acme-access-logs",
                        "log_file_prefix", "partner-drop/"))
                .containsEntry("tags", Map.of("data-class", "confidential"))
                .doesNotContainKey("configuration_item_diff");
        assertThat(Values.list(Values.at(a, "access_control_list.grant_list"))).hasSize(1);
        assertThat(Values.list(Values.at(a, "server_side_encryption_configuration.rules"))).singleElement()
                .satisfies(rule -> assertThat(Values.str(Values.map(rule), "apply_server_side_encryption_by_default.kms_master_key_id"))
                        .endsWith(":key/0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d"));
        assertThat((String) Values.at(a, "bucket_policy.policy_text")).contains("aws:SecureTransport");
        assertThat(outcomes(bucket)).containsExactlyInAnyOrderEntriesOf(Map.of("aws-s3-block-public-access", FAIL,
                "aws-s3-encrypted", PASS, "aws-s3-versioning", FAIL));
    }

    @Test
    void credentialReportRootAndUsersWithNotSupportedAndNoInformation() {
        List<Resource> all = read(new IamCredentialReportFormat(), "iam-credential-report.csv");
        String users = "arn:aws:iam::" + ACCT + ":user/";

        Resource root = Fixtures.only(all, "arn:aws:iam::" + ACCT + ":root");
        assertThat(root.type()).isEqualTo("aws.iam.root_account");
        assertThat(root.attributes()).containsEntry("password_enabled", null).containsEntry("mfa_active", true)
                .containsEntry("password_last_used", "2026-07-02T18:40:13Z").containsEntry("cert_2_active", false);
        // last used 98 days before the run
        assertThat(outcomes(root)).containsExactlyInAnyOrderEntriesOf(Map.of("aws-iam-root-mfa", PASS,
                "aws-iam-root-no-access-keys", PASS, "aws-iam-root-unused-90-days", PASS));

        Resource bot = Fixtures.only(all, users + "automation/deploy-bot");
        assertThat(bot.attributes()).containsEntry("access_key_1_last_used_service", "s3")
                .containsEntry("access_key_2_last_used_date", null).containsEntry("password_last_used", null);
        assertThat(outcomes(bot)).containsExactlyInAnyOrderEntriesOf(Map.of("aws-iam-access-keys-rotated-90-days", PASS,
                "aws-iam-unused-credentials-disabled", PASS));

        Resource legacy = Fixtures.only(all, users + "legacy-admin");
        assertThat(legacy.attributes()).containsEntry("password_last_used", null) // no_information
                .containsEntry("cert_1_active", true).containsEntry("cert_1_last_rotated", "2016-05-01T00:00:00Z");
        assertThat(outcomes(legacy)).containsExactlyInAnyOrderEntriesOf(Map.of("aws-iam-console-mfa", FAIL,
                "aws-iam-unused-credentials-disabled", FAIL));
    }

    @Test
    void prowlerThreeAwsCsvWithAllowlistedWarningFindings() {
        List<Resource> all = read(new ProwlerCsvFormat(), "prowler-v3-aws.csv");

        assertThat(all).hasSize(3).allSatisfy(r -> {
            assertThat(r.type()).isEqualTo("prowler.finding");
            assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-09-30T07:41:12.503118Z"));
        });
        Resource s3 = all.get(0);
        assertThat(s3.id()).isEqualTo("prowler-aws-s3_bucket_default_encryption-" + ACCT + "-eu-central-1-acme-partner-drop");
        assertThat(s3.attributes()).containsEntry("status", "PASS").containsEntry("muted", false)
                .containsEntry("severity", "medium").containsEntry("provider", "aws")
                .containsEntry("account_uid", ACCT).containsEntry("region", "eu-central-1")
                .containsEntry("resource_uid", "arn:aws:s3:::acme-partner-drop")
                .containsEntry("resource_name", "acme-partner-drop").containsEntry("service_name", "s3")
                .containsEntry("categories", List.of("encryption", "data-protection"))
                .containsEntry("compliance", Map.of("CIS-1.5", List.of("2.1.1"), "SOC2", List.of("cc_6_1")))
                .containsEntry("timestamp", "2026-09-30T07:41:12.503118Z");
        Resource allowlisted = all.get(1);
        assertThat(allowlisted.attributes()).containsEntry("status", "WARNING").containsEntry("muted", true)
                .containsEntry("severity", "high").containsEntry("categories", List.of())
                .containsEntry("resource_name", "deploy-bot");
        // allowlisted in Prowler 3 (a failure it reported as WARNING): still failing here, as muted findings are
        assertThat(outcomes(allowlisted)).containsExactlyEntriesOf(Map.of("prowler-no-failed-high-findings", FAIL));
        assertThat(all.get(2).attributes()).containsEntry("status", "FAIL")
                .containsEntry("compliance", Map.of("CIS-1.5", List.of("3.8"), "SOC2", List.of("cc_6_1", "cc_6_7")));
        assertThat(outcomes(all.get(2))).isEmpty(); // medium severity: the built-in check looks at high and critical
    }

    @Test
    void prowlerThreeAzureCsvTakesSubscriptionAndResourceId() {
        Resource finding = read(new ProwlerCsvFormat(), "prowler-v3-azure.csv").getFirst();

        assertThat(finding.attributes()).containsEntry("provider", "azure").containsEntry("account_uid", "acme-prod")
                .containsEntry("resource_uid", "/subscriptions/3c9d2e1f-0a8b-4c7d-9e6f-5a4b3c2d1e0f/resourceGroups/"
                        + "rg-ledger/providers/Microsoft.Storage/storageAccounts/acmeledgerst")
                .containsEntry("resource_name", "acmeledgerst").containsEntry("status", "FAIL")
                .containsEntry("muted", false).doesNotContainKey("region");
    }

    @Test
    void prowlerOcsfKubernetesFindingsHaveNoCloudObject() {
        List<Resource> all = read(new ProwlerOcsfFormat(), "prowler-kubernetes.ocsf.json");

        assertThat(all).hasSize(2);
        Resource pod = all.get(0);
        assertThat(pod.id()).isEqualTo("prowler-kubernetes-core_minimize_privileged_containers-prod-eu-payments-"
                + "payments-api-6d9f7c5b8-x2k4q");
        assertThat(pod.observedAt()).isEqualTo(Instant.parse("2026-10-07T10:10:32.771904Z"));
        assertThat(pod.attributes()).containsEntry("provider", "kubernetes").containsEntry("region", "namespace: payments")
                .containsEntry("account_uid", null).containsEntry("resource_type", "KubernetesPod")
                .containsEntry("resource_uid", "4b1f2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
                .containsEntry("service_name", "core").containsEntry("severity", "high")
                .containsEntry("status", "FAIL").containsEntry("muted", false)
                .containsEntry("compliance", Map.of("CIS-1.10", List.of("5.2.2"), "ISO27001-2022", List.of("A.8.2")));
        assertThat(outcomes(pod)).containsExactlyEntriesOf(Map.of("prowler-no-failed-high-findings", FAIL));
        assertThat(all.get(1).attributes()).containsEntry("muted", true).containsEntry("status", "PASS")
                .containsEntry("region", "namespace: ledger").containsEntry("compliance", Map.of())
                .containsEntry("remediation_references", List.of());
    }

    @Test
    void codeqlRulesLiveInToolExtensions() {
        List<Resource> all = read(new SarifFormat(), "codeql-javascript.sarif");

        assertThat(all).hasSize(3).allSatisfy(r -> {
            assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-10-08T06:30:14.512Z"));
            assertThat(r.attributes()).containsEntry("tool", "CodeQL").containsEntry("tool_version", "2.23.1");
        });
        Resource injection = all.get(0);
        assertThat(injection.id()).isEqualTo("CodeQL|js/sql-injection|primaryLocationLineHash=1c0ffee2d00dfeed:1");
        assertThat(injection.attributes()).containsEntry("level", "error") // the extension rule's default level
                .containsEntry("rule_name", "js/sql-injection").containsEntry("rule_component", "codeql/javascript-queries")
                .containsEntry("security_severity", 8.8)
                .containsEntry("tags", List.of("security", "external/cwe/cwe-089", "external/cwe/cwe-090",
                        "external/cwe/cwe-943"))
                .containsEntry("uri", "src/routes/invoices.js").containsEntry("start_line", 42L)
                .containsEntry("start_column", 24L);
        assertThat(outcomes(injection)).containsExactlyEntriesOf(Map.of("sarif-no-error-results", FAIL));
        assertThat(all.get(1).attributes()).containsEntry("rule_id", "js/missing-rate-limiting")
                .containsEntry("level", "warning").containsEntry("security_severity", 7.5);
        assertThat(outcomes(all.get(1))).containsExactlyEntriesOf(Map.of("sarif-no-error-results", PASS));
        assertThat(all.get(2).attributes()).containsEntry("rule_component", "acme/js-checks")
                .containsEntry("level", "note").containsEntry("tags", List.of("supply-chain"))
                .containsEntry("security_severity", null);
    }

    @Test
    void trivyCurrentReportWithCvss4LicensesAndOlderMisconfigurations() {
        List<Resource> all = read(new TrivyJsonFormat(), "trivy-image-0.6x.json");
        String artifact = "ghcr.io/acme/ledger:2026.10.1";

        assertThat(all).extracting(Resource::type).containsExactly("trivy.vulnerability", "trivy.vulnerability",
                "trivy.misconfiguration", "trivy.misconfiguration", "trivy.secret"); // licenses are not findings here
        assertThat(all).allSatisfy(r -> assertThat(r.observedAt())
                .isEqualTo(Instant.parse("2026-10-08T07:14:27.118204731Z")));
        Resource openssl = all.get(0);
        assertThat(openssl.id()).isEqualTo(artifact + "|" + artifact + " (alpine 3.20.3)|CVE-2026-10001|libcrypto3|3.3.2-r0");
        assertThat(openssl.attributes()).containsEntry("severity", "high").containsEntry("cvss_score", 7.5)
                .containsEntry("fix_available", true).containsEntry("pkg_id", "libcrypto3@3.3.2-r0")
                .containsEntry("class", "os-pkgs").containsEntry("target_type", "alpine")
                .containsEntry("artifact_type", "container_image")
                .containsEntry("published_date", "2026-09-17T16:15:08.370Z");
        assertThat(outcomes(openssl)).containsExactlyEntriesOf(Map.of("trivy-no-fixable-critical-high-vulnerabilities", FAIL));
        assertThat(all.get(1).attributes()).containsEntry("cvss_score", 6.3) // CVSS 4.0 only
                .containsEntry("fixed_version", "6.21.1, 7.2.3").containsEntry("target_type", "node-pkg");
        assertThat(all.get(2).id()).isEqualTo(artifact + "|Dockerfile|DS-0026|");
        assertThat(all.get(2).attributes()).containsEntry("avd_id", "AVD-DS-0026").containsEntry("status", "fail")
                .containsEntry("severity", "low").containsEntry("start_line", null);
        assertThat(all.get(3).id()).isEqualTo(artifact + "|deploy/terraform/main.tf|AVD-AWS-0089|");
        assertThat(all.get(3).attributes()).containsEntry("avd_id", null).containsEntry("severity", "medium");
        assertThat(all.get(4).id()).isEqualTo(artifact + "|app/.npmrc|npm-access-token|2");
        assertThat(all.get(4).attributes()).containsEntry("severity", "critical").doesNotContainKeys("match", "code");
        assertThat(outcomes(all.get(4))).containsExactlyEntriesOf(Map.of("trivy-no-secrets", FAIL));
    }

    @Test
    void inspecEnhancedOutcomesAndDependencyProfiles() {
        Map<String, Resource> byId = Fixtures.byId(read(new InspecJsonFormat(), "inspec-enhanced-outcomes.json"));
        String target = "ledger-db-01.internal|";

        assertThat(byId).hasSize(4);
        Resource db = byId.get(target + "acme-db-hardening|acme-db-01");
        assertThat(db.observedAt()).isEqualTo(Instant.parse("2026-10-08T07:02:11Z"));
        assertThat(db.attributes()).containsEntry("status", "failed").containsEntry("enhanced_outcome", "failed")
                .containsEntry("impact", 0.7).containsEntry("tags", Map.of("soc2", List.of("CC6.6")))
                .containsEntry("platform", "debian").containsEntry("platform_release", "12.7")
                .containsEntry("parent_profile", null).containsEntry("source_file", "acme-db-hardening/controls/db.rb");
        assertThat(outcomes(db)).containsExactlyEntriesOf(Map.of("inspec-no-failed-high-impact-controls", FAIL));
        assertThat(byId.get(target + "linux-baseline|os-05").attributes()).containsEntry("status", "passed")
                .containsEntry("parent_profile", "acme-db-hardening").containsEntry("profile_version", "2.9.0");
        assertThat(byId.get(target + "linux-baseline|os-08").attributes()).containsEntry("enhanced_outcome", "not_applicable")
                .containsEntry("impact", 0.0);
        assertThat(byId.get(target + "linux-baseline|os-11").attributes()).containsEntry("status", "skipped")
                .containsEntry("enhanced_outcome", "not_reviewed").containsEntry("skipped", 1L);
    }
}
