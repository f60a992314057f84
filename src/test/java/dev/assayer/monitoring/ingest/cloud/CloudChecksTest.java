package dev.assayer.monitoring.ingest.cloud;

import static dev.assayer.monitoring.checks.Outcome.FAIL;
import static dev.assayer.monitoring.checks.Outcome.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.checks.Check;
import dev.assayer.monitoring.checks.CheckEvaluator;
import dev.assayer.monitoring.checks.CheckPack;
import dev.assayer.monitoring.checks.CheckResult;
import dev.assayer.monitoring.checks.Outcome;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The fixtures through the built-in aws.yaml and scanners.yaml checks: which pass and fail per resource. */
class CloudChecksTest {

    private static final CheckEvaluator EVALUATOR = new CheckEvaluator(CheckPack.builtIn(), Fixtures.IMPORTED);
    private static final String ACCT = "123456789012";

    /** resource id → (check id → outcome), only for the checks of aws.yaml and scanners.yaml. */
    private static Map<String, Map<String, Outcome>> run(ResourceFormat format, String fixture) {
        Map<String, Map<String, Outcome>> out = new TreeMap<>();
        for (Resource r : Fixtures.read(format, fixture)) {
            Map<String, Outcome> results = new TreeMap<>();
            for (CheckResult result : EVALUATOR.evaluate(r)) {
                if (ours(result.checkId())) {
                    assertThat(result.outcome()).as(result.checkId() + " on " + r.id() + ": " + result.message())
                            .isNotEqualTo(Outcome.ERROR);
                    results.put(result.checkId(), result.outcome());
                }
            }
            out.put(r.id(), results);
        }
        return out;
    }

    private static boolean ours(String checkId) {
        return checkId.startsWith("aws-") || checkId.startsWith("prowler-") || checkId.startsWith("trivy-")
                || checkId.startsWith("sarif-") || checkId.startsWith("inspec-");
    }

    @Test
    void credentialReport() {
        Map<String, Map<String, Outcome>> r = run(new IamCredentialReportFormat(), "iam-credential-report.csv");
        String users = "arn:aws:iam::" + ACCT + ":user/";
        assertThat(r).containsExactlyInAnyOrderEntriesOf(Map.of(
                "arn:aws:iam::" + ACCT + ":root", Map.of("aws-iam-root-mfa", FAIL, "aws-iam-root-no-access-keys", PASS,
                        "aws-iam-root-unused-90-days", FAIL),
                users + "alice", Map.of("aws-iam-console-mfa", PASS, "aws-iam-access-keys-rotated-90-days", PASS,
                        "aws-iam-unused-credentials-disabled", PASS),
                users + "eng/bob.martín", Map.of("aws-iam-console-mfa", FAIL, "aws-iam-access-keys-rotated-90-days", FAIL,
                        "aws-iam-unused-credentials-disabled", FAIL),
                users + "service/ci-deploy", Map.of("aws-iam-access-keys-rotated-90-days", PASS,
                        "aws-iam-unused-credentials-disabled", PASS),
                users + "dormant", Map.of("aws-iam-console-mfa", PASS, "aws-iam-unused-credentials-disabled", FAIL)));
    }

    @Test
    void configSnapshot() {
        Map<String, Map<String, Outcome>> r = run(new AwsConfigSnapshotFormat(), "aws-config-snapshot.json");
        String sg = "arn:aws:ec2:us-east-1:" + ACCT + ":security-group/";
        String kms = "arn:aws:kms:us-east-1:" + ACCT + ":key/";
        assertThat(r).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("arn:aws:s3:::acme-audit-logs", Map.of("aws-s3-block-public-access", PASS, "aws-s3-encrypted", PASS,
                        "aws-s3-versioning", PASS)),
                Map.entry("arn:aws:s3:::acme-public-assets", Map.of("aws-s3-block-public-access", FAIL, "aws-s3-encrypted", FAIL,
                        "aws-s3-versioning", FAIL)),
                Map.entry("arn:aws:s3:::acme-old-exports", Map.of()), // deleted: no check applies
                Map.entry("arn:aws:ec2:us-east-1:" + ACCT + ":volume/vol-0badc0ffee0000001", Map.of("aws-ebs-encrypted", FAIL)),
                Map.entry("arn:aws:ec2:us-east-1:" + ACCT + ":volume/vol-0600d0000000002", Map.of("aws-ebs-encrypted", PASS)),
                Map.entry(sg + "sg-0a1b2c3d4e5f60718", Map.of("aws-sg-no-public-ssh", FAIL, "aws-sg-no-public-rdp", PASS)),
                Map.entry(sg + "sg-0eb0000000000abcd", Map.of("aws-sg-no-public-ssh", PASS, "aws-sg-no-public-rdp", PASS)),
                Map.entry(sg + "sg-0ffeedc0ffee12345", Map.of("aws-sg-no-public-ssh", PASS, "aws-sg-no-public-rdp", FAIL)),
                Map.entry("arn:aws:rds:us-east-1:" + ACCT + ":db:billing-db", Map.of("aws-rds-encrypted", FAIL,
                        "aws-rds-not-public", FAIL, "aws-rds-backup-retention", FAIL)),
                Map.entry("arn:aws:rds:us-east-1:" + ACCT + ":db:app-db", Map.of("aws-rds-encrypted", PASS,
                        "aws-rds-not-public", PASS, "aws-rds-backup-retention", PASS)),
                Map.entry("arn:aws:cloudtrail:us-east-1:" + ACCT + ":trail/org-trail", Map.of("aws-cloudtrail-multi-region", PASS,
                        "aws-cloudtrail-log-validation", PASS)),
                Map.entry("arn:aws:cloudtrail:eu-west-1:" + ACCT + ":trail/legacy-trail", Map.of("aws-cloudtrail-multi-region", FAIL,
                        "aws-cloudtrail-log-validation", FAIL)),
                Map.entry(kms + "1f2e3d4c-0000-4000-8000-000000000001", Map.of("aws-kms-key-rotation", PASS)),
                Map.entry(kms + "2a2a2a2a-0000-4000-8000-000000000002", Map.of("aws-kms-key-rotation", FAIL)),
                Map.entry(kms + "3b3b3b3b-0000-4000-8000-000000000003", Map.of()))); // AWS managed: not applicable
        // the API spelling of the same items gives the same outcomes
        Map<String, Map<String, Outcome>> api = run(new AwsConfigItemsFormat(), "aws-config-resource-history.json");
        assertThat(api).containsEntry("arn:aws:cloudtrail:eu-west-1:" + ACCT + ":trail/legacy-trail",
                Map.of("aws-cloudtrail-multi-region", FAIL, "aws-cloudtrail-log-validation", FAIL));
        assertThat(api).containsEntry(kms + "1f2e3d4c-0000-4000-8000-000000000001", Map.of("aws-kms-key-rotation", PASS));
    }

    @Test
    void prowlerFindings() {
        String p = "prowler-aws-";
        assertThat(run(new ProwlerOcsfFormat(), "prowler-output.ocsf.json")).containsExactlyInAnyOrderEntriesOf(Map.of(
                p + "iam_root_mfa_enabled-" + ACCT + "-us-east-1-root", Map.of("prowler-no-failed-high-findings", FAIL),
                p + "s3_bucket_default_encryption-" + ACCT + "-eu-west-1-acme-données-exports", Map.of(), // medium
                p + "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22-" + ACCT + "-us-east-1-sg-0a1b2c3d4e5f60718",
                Map.of("prowler-no-failed-high-findings", FAIL), // muted in Prowler, still failing here
                p + "cloudtrail_multi_region_enabled-" + ACCT + "-us-east-1-trail", Map.of(), // low
                p + "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389-" + ACCT + "-us-east-1-sg-0ffeedc0ffee12345",
                Map.of("prowler-no-failed-high-findings", FAIL)));
        assertThat(run(new ProwlerCsvFormat(), "prowler-output.csv")).containsExactlyInAnyOrderEntriesOf(Map.of(
                p + "iam_root_hardware_mfa_enabled-" + ACCT + "-us-east-1-root", Map.of("prowler-no-failed-high-findings", FAIL),
                p + "s3_bucket_public_access-" + ACCT + "-eu-west-1-acme-public-assets", Map.of("prowler-no-failed-high-findings", PASS),
                p + "rds_instance_no_public_access-" + ACCT + "-us-east-1-billing-db", Map.of("prowler-no-failed-high-findings", FAIL),
                p + "iam_password_policy_minimum_length_14-" + ACCT + "-us-east-1-password-policy", Map.of()));
    }

    @Test
    void trivySarifAndInspec() {
        Map<String, Map<String, Outcome>> trivy = run(new TrivyJsonFormat(), "trivy-image.json");
        String image = "registry.example.com/acme/api:1.42.0|registry.example.com/acme/api:1.42.0 (debian 12.5)|";
        assertThat(trivy).containsExactlyInAnyOrderEntriesOf(Map.of(
                image + "CVE-2024-6387|openssh-client|1:9.2p1-2+deb12u2", Map.of("trivy-no-fixable-critical-high-vulnerabilities", FAIL),
                image + "CVE-2023-45853|zlib1g|1:1.2.13.dfsg-1", Map.of("trivy-no-fixable-critical-high-vulnerabilities", PASS),
                image + "CVE-2024-2511|libssl3|3.0.11-1~deb12u2", Map.of(),
                image + "CVE-2024-28182|libnghttp2-14|1.52.0-1+deb12u1", Map.of(),
                "registry.example.com/acme/api:1.42.0|usr/local/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA"
                        + "|CVE-2024-35195|requests|2.31.0", Map.of("trivy-no-fixable-critical-high-vulnerabilities", FAIL),
                "registry.example.com/acme/api:1.42.0|app/config/.env.production|aws-access-key-id|3", Map.of("trivy-no-secrets", FAIL),
                "registry.example.com/acme/api:1.42.0|Dockerfile|DS002|", Map.of("trivy-no-failed-critical-high-misconfigurations", FAIL),
                "registry.example.com/acme/api:1.42.0|Dockerfile|DS026|1", Map.of()));

        Map<String, Map<String, Outcome>> sarif = run(new SarifFormat(), "codeql-semgrep.sarif");
        assertThat(sarif.values()).containsExactlyInAnyOrder(Map.of("sarif-no-error-results", FAIL),
                Map.of("sarif-no-error-results", PASS), Map.of("sarif-no-error-results", PASS), Map.of(), Map.of(),
                Map.of("sarif-no-error-results", PASS));
        assertThat(sarif.get("CodeQL|java/sql-injection|primaryLocationLineHash=9a3f1c5e7b2d4a60:1"))
                .containsEntry("sarif-no-error-results", FAIL);

        Map<String, Map<String, Outcome>> inspec = run(new InspecJsonFormat(), "inspec-linux-baseline.json");
        Map<String, Map<String, Outcome>> applied = inspec.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .collect(Collectors.toMap(e -> e.getKey().substring(e.getKey().indexOf('|') + 1), Map.Entry::getValue));
        assertThat(applied).containsExactlyInAnyOrderEntriesOf(Map.of(
                "linux-baseline|os-01", Map.of("inspec-no-failed-high-impact-controls", PASS),
                "linux-baseline|os-02", Map.of("inspec-no-failed-high-impact-controls", FAIL),
                "acme-custom|acme-01", Map.of("inspec-no-failed-high-impact-controls", FAIL)));
    }

    @Test
    void theBuiltInChecksAreMappedToStarterControlsAndCriteria() throws IOException {
        Set<String> refs;
        try (InputStream in = CloudChecksTest.class.getResourceAsStream("/catalog/starter-controls.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("- ref: ([A-Z]+-\\d+)").matcher(yaml);
            refs = new java.util.HashSet<>();
            while (m.find()) {
                refs.add(m.group(1));
            }
        }
        List<Check> ours = CheckPack.builtIn().checks().stream().filter(c -> ours(c.id())).toList();
        assertThat(ours.stream().filter(c -> c.id().startsWith("aws-"))).hasSizeGreaterThanOrEqualTo(16);
        assertThat(ours.stream().filter(c -> !c.id().startsWith("aws-"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(ours).allSatisfy(c -> {
            assertThat(c.controls()).as(c.id()).isNotEmpty();
            assertThat(refs).as(c.id()).containsAll(c.controls());
            assertThat(c.criteria()).as(c.id()).isNotEmpty()
                    .allSatisfy(id -> assertThat(id).matches("(CC[1-9]|A1|C1|PI1|P[1-8])\\.[0-9]"));
            assertThat(c.remediation()).as(c.id()).isNotBlank();
        });
    }
}
