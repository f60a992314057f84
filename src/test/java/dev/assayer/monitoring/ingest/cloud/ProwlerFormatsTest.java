package dev.assayer.monitoring.ingest.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProwlerFormatsTest {

    private final ProwlerOcsfFormat ocsf = new ProwlerOcsfFormat();
    private final ProwlerCsvFormat csv = new ProwlerCsvFormat();

    @Test
    void ocsfFindingsBecomeProwlerFindingsKeyedByFindingUid() {
        List<Resource> all = Fixtures.read(ocsf, "prowler-output.ocsf.json");

        assertThat(all).hasSize(6).allSatisfy(r -> assertThat(r.type()).isEqualTo("prowler.finding"));
        // the duplicate finding is emitted as read; the caller dedupes
        assertThat(all.get(5)).isEqualTo(all.get(0));

        Resource root = all.get(0);
        assertThat(root.id()).isEqualTo("prowler-aws-iam_root_mfa_enabled-123456789012-us-east-1-root");
        assertThat(root.source()).isEqualTo("prowler-ocsf:prowler-output.ocsf.json");
        assertThat(root.observedAt()).isEqualTo(Instant.parse("2025-03-03T09:15:42.118274Z"));
        Map<String, Object> a = root.attributes();
        assertThat(a).containsEntry("check_id", "iam_root_mfa_enabled")
                .containsEntry("status", "FAIL")
                .containsEntry("severity", "critical")
                .containsEntry("muted", false)
                .containsEntry("account_uid", "123456789012")
                .containsEntry("region", "us-east-1")
                .containsEntry("service_name", "iam")
                .containsEntry("resource_uid", "arn:aws:iam::123456789012:root")
                .containsEntry("resource_type", "AwsIamUser")
                .containsEntry("provider", "aws")
                .containsEntry("remediation", "Enable a hardware MFA device for the root user.")
                .containsEntry("timestamp", "2025-03-03T09:15:42.118274Z");
        assertThat(a.get("compliance")).isEqualTo(Map.of("CIS-2.0", List.of("1.5"), "SOC2", List.of("cc_6_1")));
        assertThat((String) a.get("risk")).hasSizeGreaterThan(9_000);
    }

    @Test
    void ocsfKeepsUnicodeMutedStatusAndToleratesEmptyResourcesAndNulls() {
        Map<String, Resource> byId = Fixtures.byId(Fixtures.read(ocsf, "prowler-output.ocsf.json"));

        Resource bucket = byId.get("prowler-aws-s3_bucket_default_encryption-123456789012-eu-west-1-acme-données-exports");
        assertThat(bucket.attributes()).containsEntry("status", "PASS").containsEntry("severity", "medium")
                .containsEntry("region", "eu-west-1");
        assertThat((String) bucket.attributes().get("status_extended")).contains("«chiffré» ✓");

        Resource ssh = byId.get("prowler-aws-ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22-123456789012-us-east-1-sg-0a1b2c3d4e5f60718");
        assertThat(ssh.attributes()).containsEntry("muted", true).containsEntry("severity", "high");

        Resource manual = byId.get("prowler-aws-cloudtrail_multi_region_enabled-123456789012-us-east-1-trail");
        assertThat(manual.attributes()).containsEntry("status", "MANUAL")
                .containsEntry("resource_uid", null)
                .containsEntry("region", "us-east-1") // from cloud.region when there is no resource
                .containsEntry("resource_uids", List.of())
                .containsEntry("remediation_references", List.of())
                .containsEntry("compliance", Map.of());
    }

    @Test
    void ocsfAlsoReadsOneFindingPerLineAndEmptyArrays() {
        String line = "{\"finding_info\":{\"uid\":\"u-1\",\"title\":\"t\"},\"status_code\":\"pass\",\"severity\":\"Informational\","
                + "\"metadata\":{\"event_code\":\"c1\"},\"time_dt\":\"2025-01-02T03:04:05+00:00\"}";
        List<Resource> lines = Fixtures.readText(ocsf, "lines.json", line + "\n" + line.replace("u-1", "u-2") + "\n");
        assertThat(lines).extracting(Resource::id).containsExactly("u-1", "u-2");
        assertThat(lines.get(0).attributes()).containsEntry("status", "PASS").containsEntry("severity", "informational");

        assertThat(Fixtures.readText(ocsf, "empty.json", "\uFEFF[ ]")).isEmpty();
    }

    @Test
    void ocsfProblemsNameTheFileAndPosition() {
        assertThatThrownBy(() -> Fixtures.read(ocsf, "prowler-ocsf-truncated.ocsf.json"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.file()).isEqualTo("prowler-ocsf-truncated.ocsf.json");
                    assertThat(p.line()).isGreaterThan(200);
                    assertThat(p.problem()).contains("end of file");
                });
        assertThatThrownBy(() -> Fixtures.readText(ocsf, "bad.json", "[\n  {\"finding_info\": {\"uid\": \"x\"},\n   \"status_code\": \"BROKEN\"}\n]"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.column()).isEqualTo(3);
                    assertThat(p.problem()).contains("status_code must be PASS, FAIL or MANUAL, found 'BROKEN'");
                });
        assertThatThrownBy(() -> Fixtures.read(ocsf, "prowler-mislabeled.ocsf.json"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.problem()).contains("finding_info.uid");
                });
        assertThatThrownBy(() -> Fixtures.readText(ocsf, "empty.json", "  "))
                .isInstanceOfSatisfying(InputProblem.class, p -> assertThat(p.problem()).contains("empty file"));
    }

    @Test
    void csvFindingsShareTheOcsfAttributeNames() {
        List<Resource> all = Fixtures.read(csv, "prowler-output.csv");

        assertThat(all).hasSize(5).allSatisfy(r -> assertThat(r.type()).isEqualTo("prowler.finding"));
        assertThat(all.get(4)).isEqualTo(all.get(2)); // duplicate row emitted as read

        Resource root = all.get(0);
        assertThat(root.id()).isEqualTo("prowler-aws-iam_root_hardware_mfa_enabled-123456789012-us-east-1-root");
        assertThat(root.observedAt()).isEqualTo(Instant.parse("2025-03-03T09:15:42.118274Z"));
        assertThat(root.attributes()).containsEntry("check_id", "iam_root_hardware_mfa_enabled")
                .containsEntry("status", "FAIL")
                .containsEntry("severity", "critical")
                .containsEntry("muted", false)
                .containsEntry("account_uid", "123456789012")
                .containsEntry("resource_uid", "arn:aws:iam::123456789012:root")
                .containsEntry("service_name", "iam")
                .containsEntry("remediation", "Use a hardware MFA device; see the runbook; step 3.")
                .containsEntry("status_extended",
                        "Root account has a virtual MFA instead of a hardware MFA device; \"hardware\" is required.")
                .containsEntry("compliance", Map.of("CIS-2.0", List.of("1.6"), "SOC2", List.of("cc_6_1", "cc_6_2")));
        assertThat((String) root.attributes().get("risk")).hasSizeGreaterThan(9_000);

        Map<String, Object> ocsfRoot = Fixtures.read(ocsf, "prowler-output.ocsf.json").get(0).attributes();
        assertThat(ocsfRoot.keySet()).containsAll(root.attributes().keySet());

        Resource rds = all.get(2);
        assertThat(rds.attributes()).containsEntry("muted", true).containsEntry("severity", "high")
                .containsEntry("categories", List.of("internet-exposed", "trustboundaries"))
                .containsEntry("compliance", Map.of());
        assertThat((String) all.get(1).attributes().get("status_extended")).contains("« actifs publics »");
    }

    @Test
    void csvProblemsNameTheLine() {
        assertThatThrownBy(() -> Fixtures.read(csv, "prowler-csv-truncated.csv"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(5);
                    assertThat(p.problem()).contains("expected 41 fields as in the header");
                });
        assertThatThrownBy(() -> Fixtures.read(csv, "iam-credential-report.csv"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.problem()).contains("not a Prowler CSV file").contains("FINDING_UID");
                });
        String bad = "FINDING_UID;CHECK_ID;STATUS;SEVERITY;TIMESTAMP\r\nf-1;c;PASS;low;2025-01-01 00:00:00\r\nf-2;c;MAYBE;low;2025-01-01\r\n";
        assertThatThrownBy(() -> Fixtures.readText(csv, "bad.csv", bad))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(3);
                    assertThat(p.column()).isEqualTo(3);
                    assertThat(p.getMessage()).isEqualTo("bad.csv:3:3: column STATUS: expected PASS, FAIL or MANUAL, found 'MAYBE'");
                });
    }
}
