package dev.assayer.monitoring.ingest.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScannerFormatsTest {

    private final TrivyJsonFormat trivy = new TrivyJsonFormat();
    private final SarifFormat sarif = new SarifFormat();
    private final InspecJsonFormat inspec = new InspecJsonFormat();

    @Test
    void trivyReportsGiveVulnerabilitiesMisconfigurationsAndSecrets() {
        List<Resource> all = Fixtures.read(trivy, "trivy-image.json");

        assertThat(all).extracting(Resource::type).containsExactly("trivy.vulnerability", "trivy.vulnerability",
                "trivy.vulnerability", "trivy.vulnerability", "trivy.vulnerability", "trivy.vulnerability", "trivy.secret",
                "trivy.misconfiguration", "trivy.misconfiguration");
        assertThat(all).allSatisfy(r -> assertThat(r.observedAt()).isEqualTo(Instant.parse("2025-03-02T18:30:12.345678901Z")));

        Resource ssh = all.get(0);
        assertThat(ssh.id()).isEqualTo("registry.example.com/acme/api:1.42.0|registry.example.com/acme/api:1.42.0 (debian 12.5)"
                + "|CVE-2024-6387|openssh-client|1:9.2p1-2+deb12u2");
        assertThat(ssh.attributes()).containsEntry("artifact_name", "registry.example.com/acme/api:1.42.0")
                .containsEntry("artifact_type", "container_image")
                .containsEntry("class", "os-pkgs").containsEntry("target_type", "debian")
                .containsEntry("vulnerability_id", "CVE-2024-6387")
                .containsEntry("severity", "critical")
                .containsEntry("fixed_version", "1:9.2p1-2+deb12u3")
                .containsEntry("fix_available", true)
                .containsEntry("status", "fixed")
                .containsEntry("cvss_score", 8.1);
        assertThat(all.get(4).id()).isEqualTo(ssh.id()); // duplicate entry emitted as read

        assertThat(all.get(1).attributes()).containsEntry("fix_available", false).containsEntry("fixed_version", null)
                .containsEntry("status", "will_not_fix").containsEntry("cvss_score", 9.8);
        assertThat((String) all.get(3).attributes().get("title")).contains("«déni de service»");
        assertThat(all.get(5).attributes()).containsEntry("pkg_name", "requests").containsEntry("severity", "high")
                .containsEntry("target_type", "python-pkg");

        Resource secret = all.get(6);
        assertThat(secret.id()).isEqualTo("registry.example.com/acme/api:1.42.0|app/config/.env.production|aws-access-key-id|3");
        assertThat(secret.attributes()).containsEntry("rule_id", "aws-access-key-id").containsEntry("severity", "critical")
                .containsEntry("start_line", 3L).doesNotContainKey("match");

        assertThat(all.get(7).attributes()).containsEntry("check_id", "DS002").containsEntry("status", "fail")
                .containsEntry("severity", "high").containsEntry("start_line", null);
        assertThat(all.get(8).id()).isEqualTo("registry.example.com/acme/api:1.42.0|Dockerfile|DS026|1");
    }

    @Test
    void trivyCleanReportsAndOrderIndependence() {
        assertThat(Fixtures.read(trivy, "trivy-fs-clean.json")).isEmpty();
        String late = "{\"SchemaVersion\":2,\"Results\":[{\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\",\"PkgName\":\"p\","
                + "\"InstalledVersion\":\"1\",\"Severity\":\"LOW\"}],\"Target\":\"t\"}],\"ArtifactName\":\"a\"}";
        assertThat(Fixtures.readText(trivy, "late.json", late)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("a|t|CVE-1|p|1");
            assertThat(r.observedAt()).isEqualTo(Fixtures.IMPORTED);
        });
    }

    @Test
    void trivyProblems() {
        assertThatThrownBy(() -> Fixtures.read(trivy, "trivy-truncated.json"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isGreaterThan(50);
                    assertThat(p.problem()).contains("end of file");
                });
        assertThatThrownBy(() -> Fixtures.read(trivy, "trivy-mislabeled.json"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.problem()).isEqualTo("not a Trivy JSON report: no SchemaVersion");
                });
        assertThatThrownBy(() -> Fixtures.readText(trivy, "v.json", "{\n\"SchemaVersion\": 1, \"Results\": []}"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.problem()).contains("unsupported Trivy SchemaVersion 1");
                });
        assertThatThrownBy(() -> Fixtures.readText(trivy, "v.json",
                "{\"SchemaVersion\": 2, \"Results\": [{\"Target\": \"x\", \"Vulnerabilities\": {}}]}"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.column()).isEqualTo(69);
                    assertThat(p.problem()).isEqualTo("expected Vulnerabilities (a JSON array), found an object");
                });
    }

    @Test
    void sarifResultsFollowTheSpecsLevelRules() {
        List<Resource> all = Fixtures.read(sarif, "codeql-semgrep.sarif");

        assertThat(all).hasSize(6).allSatisfy(r -> assertThat(r.type()).isEqualTo("sarif.result"));
        Resource injection = all.get(0);
        assertThat(injection.id()).isEqualTo("CodeQL|java/sql-injection|primaryLocationLineHash=9a3f1c5e7b2d4a60:1");
        assertThat(injection.observedAt()).isEqualTo(Instant.parse("2025-03-02T17:00:05Z"));
        assertThat(injection.attributes()).containsEntry("tool", "CodeQL").containsEntry("tool_version", "2.20.4")
                .containsEntry("rule_id", "java/sql-injection")
                .containsEntry("level", "error") // from the rule's defaultConfiguration
                .containsEntry("kind", "fail")
                .containsEntry("uri", "src/main/java/com/acme/billing/InvoiceRepository.java")
                .containsEntry("start_line", 87L).containsEntry("start_column", 31L)
                .containsEntry("security_severity", 8.8)
                .containsEntry("suppressed", false)
                .containsEntry("tags", List.of("security", "external/cwe/cwe-089"));
        assertThat(all.get(1).attributes()).containsEntry("level", "note")
                .containsEntry("message", "Variable 'größe' is never read.")
                .containsEntry("uri", "src/main/java/com/acme/util/Größen.java");
        // no level anywhere → "warning"; no fingerprint → id from the location
        assertThat(all.get(2).attributes()).containsEntry("level", "warning");
        assertThat(all.get(2).id()).isEqualTo("CodeQL|java/weak-cryptographic-algorithm|src/main/java/com/acme/legacy/Cipher.java:40:9");
        assertThat(all.get(3).attributes()).containsEntry("kind", "pass").containsEntry("level", "none");
        assertThat(all.get(4).attributes()).containsEntry("level", "warning").containsEntry("suppressed", true)
                .containsEntry("fingerprint", "codeql/v1=f00dfeed");
        Resource semgrep = all.get(5);
        assertThat(semgrep.attributes()).containsEntry("tool", "Semgrep OSS").containsEntry("tool_version", "1.101.0")
                .containsEntry("level", "warning").containsEntry("rule_name", null);
        assertThat((String) semgrep.attributes().get("message")).hasSizeGreaterThan(5000);
        assertThat(semgrep.observedAt()).isEqualTo(Fixtures.IMPORTED);
    }

    @Test
    void sarifProblems() {
        assertThatThrownBy(() -> Fixtures.read(sarif, "sarif-truncated.sarif"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isGreaterThan(40);
                    assertThat(p.problem()).contains("end of file");
                });
        assertThatThrownBy(() -> Fixtures.read(sarif, "sarif-mislabeled.sarif"))
                .isInstanceOfSatisfying(InputProblem.class, p -> assertThat(p.getMessage())
                        .isEqualTo("sarif-mislabeled.sarif:1:1: not a SARIF log: no runs array"));
        assertThatThrownBy(() -> Fixtures.readText(sarif, "s.sarif", "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":"
                + "{\"name\":\"x\"}},\"results\":[{\"ruleId\":\"r\",\"level\":\"fatal\",\"message\":{\"text\":\"m\"}}]}]}"))
                .isInstanceOfSatisfying(InputProblem.class, p -> assertThat(p.problem())
                        .isEqualTo("result level must be none, note, warning or error, found 'fatal'"));
        assertThatThrownBy(() -> Fixtures.readText(sarif, "s.sarif", "{\"version\":\"1.0.0\",\"runs\":[]}"))
                .isInstanceOfSatisfying(InputProblem.class, p -> assertThat(p.problem()).contains("unsupported SARIF version"));
    }

    @Test
    void inspecControlsSummariseTheirResults() {
        List<Resource> all = Fixtures.read(inspec, "inspec-linux-baseline.json");

        assertThat(all).hasSize(7).allSatisfy(r -> assertThat(r.type()).isEqualTo("inspec.control"));
        Map<String, Resource> byId = Fixtures.byId(all);
        String target = "6f1c2b3a-8d9e-4f0a-b1c2-d3e4f5a6b7c8|linux-baseline|";
        assertThat(byId.get(target + "os-01").attributes()).containsEntry("status", "passed").containsEntry("impact", 1.0)
                .containsEntry("passed", 1L).containsEntry("failed", 0L).containsEntry("skipped", 0L)
                .containsEntry("platform", "ubuntu").containsEntry("platform_release", "22.04")
                .containsEntry("profile", "linux-baseline").containsEntry("profile_version", "2.9.0");
        Resource shadow = byId.get(target + "os-02");
        assertThat(shadow.attributes()).containsEntry("status", "failed").containsEntry("impact", 0.7)
                .containsEntry("passed", 1L).containsEntry("failed", 1L)
                .containsEntry("failures", List.of("File /etc/shadow is expected not to be readable by other"));
        assertThat(shadow.observedAt()).isEqualTo(Instant.parse("2025-03-02T15:59:58Z")); // earliest result
        assertThat(byId.get(target + "sshd-05").attributes()).containsEntry("status", "skipped").containsEntry("skipped", 1L);
        assertThat((String) byId.get(target + "sshd-05").attributes().get("title")).contains("«root»");
        assertThat(byId.get(target + "os-10").attributes()).containsEntry("status", "failed").containsEntry("impact", 0.3);
        assertThat(byId.get(target + "os-14").attributes()).containsEntry("status", "skipped").containsEntry("passed", 0L)
                .containsEntry("impact", 0.0);
        assertThat(byId.get("6f1c2b3a-8d9e-4f0a-b1c2-d3e4f5a6b7c8|acme-custom|acme-02").attributes())
                .containsEntry("status", "skipped") // one passed, one skipped: not all passed
                .containsEntry("tags", Map.of());
        assertThat(byId.get("6f1c2b3a-8d9e-4f0a-b1c2-d3e4f5a6b7c8|acme-custom|acme-01").attributes())
                .containsEntry("tags", Map.of("soc2", "CC7.2"));
    }

    @Test
    void inspecProblems() {
        assertThatThrownBy(() -> Fixtures.read(inspec, "inspec-truncated.json"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.file()).isEqualTo("inspec-truncated.json");
                    assertThat(p.line()).isGreaterThan(60);
                    assertThat(p.problem()).contains("end of file");
                });
        assertThatThrownBy(() -> Fixtures.read(inspec, "inspec-mislabeled.json"))
                .isInstanceOfSatisfying(InputProblem.class, p -> assertThat(p.problem())
                        .isEqualTo("not InSpec JSON output: no profiles array"));
        assertThatThrownBy(() -> Fixtures.readText(inspec, "i.json", "{\"profiles\":[{\"name\":\"p\",\"controls\":[\n"
                + "  {\"id\":\"c\",\"impact\":\"high\",\"results\":[]}]}]}"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.column()).isEqualTo(3);
                    assertThat(p.problem()).isEqualTo("control c: impact must be a number from 0.0 to 1.0, found 'high'");
                });
        assertThatThrownBy(() -> Fixtures.readText(inspec, "i.json", "{\"profiles\":[{\"name\":\"p\",\"controls\":["
                + "{\"id\":\"c\",\"impact\":0.5,\"results\":[{\"status\":\"exploded\"}]}]}]}"))
                .isInstanceOfSatisfying(InputProblem.class, p -> assertThat(p.problem()).contains("found 'exploded'"));
    }
}
