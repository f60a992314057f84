package dev.assayer.monitoring.ingest.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.ingest.ResourceFormat;
import dev.assayer.monitoring.ingest.ResourceFormats;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CloudDetectionTest {

    /** Every cloud/scanner fixture and the format its content (not its name) belongs to. */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("prowler-output.ocsf.json", "prowler-ocsf"),
            Map.entry("prowler-ocsf-truncated.ocsf.json", "prowler-ocsf"),
            Map.entry("prowler-mislabeled.ocsf.json", "trivy-json"),
            Map.entry("prowler-output.csv", "prowler-csv"),
            Map.entry("prowler-csv-truncated.csv", "prowler-csv"),
            Map.entry("iam-credential-report.csv", "aws-iam-credential-report"),
            Map.entry("iam-credential-report-truncated.csv", "aws-iam-credential-report"),
            Map.entry("iam-credential-report-mislabeled.csv", "prowler-csv"),
            Map.entry("aws-config-snapshot.json", "aws-config-snapshot"),
            Map.entry("aws-config-snapshot-truncated.json", "aws-config-snapshot"),
            Map.entry("aws-config-history.json", "aws-config-items"),
            Map.entry("aws-config-resource-history.json", "aws-config-items"),
            Map.entry("aws-config-item.json", "aws-config-items"),
            Map.entry("aws-config-mislabeled.json", "prowler-ocsf"),
            Map.entry("trivy-image.json", "trivy-json"),
            Map.entry("trivy-truncated.json", "trivy-json"),
            Map.entry("trivy-fs-clean.json", "trivy-json"),
            Map.entry("trivy-mislabeled.json", "sarif"),
            Map.entry("codeql-semgrep.sarif", "sarif"),
            Map.entry("sarif-truncated.sarif", "sarif"),
            Map.entry("sarif-mislabeled.sarif", "inspec-json"),
            Map.entry("inspec-linux-baseline.json", "inspec-json"),
            Map.entry("inspec-truncated.json", "inspec-json"),
            Map.entry("inspec-mislabeled.json", "aws-config-snapshot"),
            // shapes of real exports (RealShapesTest)
            Map.entry("real/aws-config-history-kms.json", "aws-config-items"),
            Map.entry("real/aws-config-cli-kms-history.json", "aws-config-items"),
            Map.entry("real/aws-config-batch-iam-user.json", "aws-config-items"),
            Map.entry("real/aws-config-s3-change-notification.json", "aws-config-items"),
            Map.entry("real/iam-credential-report.csv", "aws-iam-credential-report"),
            Map.entry("real/prowler-v3-aws.csv", "prowler-csv"),
            Map.entry("real/prowler-v3-azure.csv", "prowler-csv"),
            Map.entry("real/prowler-kubernetes.ocsf.json", "prowler-ocsf"),
            Map.entry("real/codeql-javascript.sarif", "sarif"),
            Map.entry("real/trivy-image-0.6x.json", "trivy-json"),
            Map.entry("real/inspec-enhanced-outcomes.json", "inspec-json"));

    static Stream<Arguments> fixtures() {
        return EXPECTED.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("fixtures")
    void detectionPicksTheFormatOfTheContent(String fixture, String format) {
        assertThat(ResourceFormats.detect(fixture, Fixtures.head(fixture)).name()).isEqualTo(format);
        // without a telling name, too
        assertThat(ResourceFormats.detect("upload.bin", Fixtures.head(fixture)).name()).isEqualTo(format);
    }

    @Test
    void everyCloudFormatIsRegisteredUnderItsName() {
        assertThat(ResourceFormats.all()).extracting(ResourceFormat::name).contains("prowler-ocsf", "prowler-csv",
                "aws-config-items", "aws-config-snapshot", "aws-iam-credential-report", "trivy-json", "sarif", "inspec-json");
        assertThat(ResourceFormats.named("SARIF")).isPresent();
    }

    @Test
    void headsCutMidDocumentStillDetect() {
        for (String fixture : List.of("prowler-output.ocsf.json", "aws-config-snapshot.json", "trivy-image.json",
                "codeql-semgrep.sarif", "inspec-linux-baseline.json")) {
            byte[] head = Arrays.copyOf(Fixtures.bytes(fixture), 1024);
            assertThat(ResourceFormats.detect(fixture, head).name()).as(fixture).isEqualTo(EXPECTED.get(fixture));
        }
    }

    /** Other engineers' fixtures (platform formats) in the same directory: no cloud format may claim them. */
    @Test
    void cloudFormatsLeaveOtherFixturesAlone() throws IOException, URISyntaxException {
        Path dir = Path.of(CloudDetectionTest.class.getResource("/monitoring/formats/").toURI());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(file).toString();
                if (EXPECTED.containsKey(name)) {
                    continue;
                }
                byte[] head = Fixtures.head(name);
                for (ResourceFormat cloud : CloudFormats.all()) {
                    assertThat(cloud.detect(name, head)).as(cloud.name() + " on " + name).isZero();
                }
            }
        }
    }

    @Test
    void platformShapesAndJunkAreNotClaimed() {
        List<String> others = List.of(
                "[{\"id\": 1296269, \"node_id\": \"MDEwOlJlcG9zaXRvcnkxMjk2MjY5\", \"full_name\": \"octocat/Hello-World\", \"private\": false}]",
                "[{\"id\": \"00ub0oNGTSWTBKOLGLNR\", \"status\": \"ACTIVE\", \"profile\": {\"login\": \"isaac@example.org\"}}]",
                "[{\"uuid\": \"dc9fd3c0\", \"eventType\": \"user.session.start\", \"actor\": {\"id\": \"00u1\"}}]",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
                "{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.5\", \"planned_values\": {}, \"resource_changes\": []}",
                "name,email\nAda,ada@example.com\n",
                "", "\u0000\u0001\u0002", "{", "[", "}{][");
        for (String text : others) {
            byte[] head = text.getBytes(StandardCharsets.UTF_8);
            for (ResourceFormat cloud : CloudFormats.all()) {
                assertThat(cloud.detect("file.json", head)).as(cloud.name() + " on " + text).isZero();
            }
        }
        for (ResourceFormat cloud : CloudFormats.all()) {
            assertThat(cloud.detect(null, null)).isZero();
        }
    }
}
