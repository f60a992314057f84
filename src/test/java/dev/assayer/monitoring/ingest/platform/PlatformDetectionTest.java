package dev.assayer.monitoring.ingest.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.ingest.ResourceFormat;
import dev.assayer.monitoring.ingest.ResourceFormats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformDetectionTest {

    private static final List<ResourceFormat> MINE = List.of(new GithubReposFormat(), new GithubBranchProtectionFormat(),
            new GithubPullsFormat(), new OktaUsersFormat(), new OktaSystemLogFormat(), new KubernetesYamlFormat(),
            new TerraformPlanFormat(), new GenericCsvFormat(), new GenericJsonFormat());

    @ParameterizedTest
    @CsvSource({
        "github/repos.json, github-repos",
        "github/repos-truncated.json, github-repos",
        "github/branch-protection-single.json, github-branch-protection",
        "github/branch-protection-array.json, github-branch-protection",
        "github/branch-protection-keyed.json, github-branch-protection",
        "github/branch-protection-mislabeled.json, github-repos",
        "github/pulls.json, github-pulls",
        "github/pulls-without-reviews.json, github-pulls",
        "github/pulls-truncated.json, github-pulls",
        "okta/users.json, okta-users",
        "okta/users-truncated.json, okta-users",
        "okta/system-log.json, okta-system-log",
        "okta/okta-users-mislabeled.json, okta-system-log",
        "k8s/workloads.yaml, k8s-yaml",
        "k8s/rbac.yaml, k8s-yaml",
        "k8s/configmap-bom.yaml, k8s-yaml",
        "terraform/plan.json, terraform-plan",
        "terraform/plan-truncated.json, terraform-plan",
        "terraform/plan-no-changes.json, terraform-plan",
        "generic/employees.csv, generic-csv",
        "generic/devices.jsonl, generic-json",
    })
    void each_file_is_detected_as_what_it_is(String path, String expected) {
        assertThat(best(Fixtures.name(path), Fixtures.head(path))).isEqualTo(expected);
        assertThat(ResourceFormats.detect(Fixtures.name(path), Fixtures.head(path)).name()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "github/repos.json, github-repos",
        "github/branch-protection-keyed.json, github-branch-protection",
        "github/pulls.json, github-pulls",
        "okta/users.json, okta-users",
        "okta/system-log.json, okta-system-log",
        "k8s/workloads.yaml, k8s-yaml",
        "terraform/plan.json, terraform-plan",
    })
    void a_head_cut_mid_document_is_still_recognised(String path, String expected) {
        byte[] all = Fixtures.bytes(path);
        for (int cut : new int[] {1500, 5000, 20000}) {
            byte[] head = Arrays.copyOf(all, Math.min(cut, all.length));
            assertThat(best("upload.bin", head)).as("%s cut at %d", path, cut).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // SARIF 2.1.0
        "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":"
                + "{\"name\":\"CodeQL\",\"rules\":[]}},\"results\":[{\"ruleId\":\"js/xss\",\"level\":\"error\"}]}]}",
        // Trivy JSON
        "{\"SchemaVersion\":2,\"CreatedAt\":\"2026-11-01T10:00:00Z\",\"ArtifactName\":\"alpine:3.19\",\"ArtifactType\":"
                + "\"container_image\",\"Metadata\":{\"OS\":{\"Family\":\"alpine\"}},\"Results\":[{\"Target\":\"alpine:3.19\","
                + "\"Class\":\"os-pkgs\",\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-2024-1\",\"Severity\":\"HIGH\"}]}]}",
        // Prowler OCSF
        "[{\"message\":\"Root account has MFA\",\"metadata\":{\"event_code\":\"iam_root_mfa_enabled\",\"product\":{\"name\":"
                + "\"Prowler\"},\"version\":\"1.2.0\"},\"severity_id\":4,\"severity\":\"High\",\"status_code\":\"FAIL\","
                + "\"finding_info\":{\"uid\":\"prowler-aws-1\",\"title\":\"MFA\"},\"resources\":[{\"uid\":\"arn:aws:iam::1:root\"}],"
                + "\"class_uid\":2004,\"cloud\":{\"provider\":\"aws\"}}]",
        // AWS Config snapshot
        "{\"fileVersion\":\"1.0\",\"configSnapshotId\":\"abc\",\"configurationItems\":[{\"configurationItemVersion\":\"1.3\","
                + "\"resourceType\":\"AWS::S3::Bucket\",\"resourceId\":\"b\",\"configuration\":{\"name\":\"b\"}}]}",
        // AWS Config item
        "{\"version\":\"1.3\",\"accountId\":\"111122223333\",\"configurationItemCaptureTime\":\"2026-11-01T10:00:00Z\","
                + "\"resourceType\":\"AWS::EC2::SecurityGroup\",\"resourceId\":\"sg-1\",\"configuration\":{\"groupName\":\"web\"}}",
        // InSpec
        "{\"platform\":{\"name\":\"ubuntu\",\"release\":\"22.04\"},\"profiles\":[{\"name\":\"linux-baseline\",\"controls\":"
                + "[{\"id\":\"os-01\",\"results\":[{\"status\":\"passed\"}]}]}],\"statistics\":{\"duration\":1.2},\"version\":\"5.22.3\"}",
    })
    void cloud_and_scanner_json_is_left_to_its_own_formats(String content) {
        byte[] head = content.getBytes(StandardCharsets.UTF_8);
        for (ResourceFormat f : MINE) {
            assertThat(f.detect("report.json", head)).as(f.name()).isLessThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,"
                + "mfa_active\n<root_account>,arn:aws:iam::1:root,2020-01-01T00:00:00+00:00,not_supported,N/A,not_supported,"
                + "not_supported,true\n",
        "AUTH_METHOD;TIMESTAMP;ACCOUNT_UID;ACCOUNT_NAME;FINDING_UID;PROVIDER;CHECK_ID;CHECK_TITLE;STATUS;SEVERITY\n"
                + "profile;2026-11-01;1;prod;x;aws;iam_root_mfa_enabled;Root MFA;FAIL;critical\n",
    })
    void cloud_csv_is_left_to_its_own_formats(String content) {
        byte[] head = content.getBytes(StandardCharsets.UTF_8);
        for (ResourceFormat f : MINE) {
            assertThat(f.detect("report.csv", head)).as(f.name()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void no_cloud_or_scanner_fixture_is_claimed_by_a_platform_format() throws Exception {
        Path dir = Path.of(PlatformDetectionTest.class.getResource("/monitoring/formats/").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            byte[] all = Files.readAllBytes(file);
            byte[] head = Arrays.copyOf(all, Math.min(all.length, 64 * 1024));
            for (ResourceFormat f : MINE) {
                assertThat(f.detect(file.getFileName().toString(), head)).as("%s on %s", f.name(), file.getFileName())
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\u0000\u0001\u0002", "{", "[", "[[", "---", "not: [valid", "\uFEFF", "{\"a\":", "<?xml version=\"1.0\"?>"})
    void detection_never_throws(String content) {
        byte[] head = content.getBytes(StandardCharsets.UTF_8);
        for (ResourceFormat f : MINE) {
            assertThat(f.detect("x", head)).isBetween(0, 100);
            assertThat(f.detect(null, null)).isBetween(0, 100);
        }
    }

    private static String best(String filename, byte[] head) {
        ResourceFormat best = null;
        int score = 0;
        for (ResourceFormat f : MINE) {
            int s = f.detect(filename, head);
            if (s > score) {
                score = s;
                best = f;
            }
        }
        return best == null ? null : best.name();
    }
}
