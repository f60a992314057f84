package dev.assayer.monitoring.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.monitoring.ingest.InputProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading check YAML: positions in every error, required fields, unknown keys, duplicates. */
class CheckPackTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            checks:
              - id: aws-iam-console-mfa
                title: Console users have MFA enabled
                resource: aws.iam.user
                where: resource.password_enabled == true
                expect: resource.mfa_active == true
                severity: high
                remediation: Enable MFA.
                controls: [AC-03]
                criteria: [CC6.1]
              - id: s3-encrypted
                title: Buckets are encrypted
                resource: aws.s3.*
                expect: has(resource.encryption) && resource.encryption != ''
                severity: Medium
            """;

    @Test
    void parsesChecksWithOrigins() {
        CheckPack pack = CheckPack.parse("my-checks.yaml", GOOD);
        assertThat(pack.checks()).hasSize(2);
        Check first = pack.checks().getFirst();
        assertThat(first.id()).isEqualTo("aws-iam-console-mfa");
        assertThat(first.resourceType()).isEqualTo("aws.iam.user");
        assertThat(first.where()).isEqualTo("resource.password_enabled == true");
        assertThat(first.severity()).isEqualTo(CheckSeverity.HIGH);
        assertThat(first.controls()).containsExactly("AC-03");
        assertThat(first.criteria()).containsExactly("CC6.1");
        assertThat(first.origin()).isEqualTo("my-checks.yaml:2");
        assertThat(pack.checks().get(1).severity()).isEqualTo(CheckSeverity.MEDIUM);
        assertThat(pack.checks().get(1).origin()).isEqualTo("my-checks.yaml:11");
    }

    @Test
    void celErrorNamesFileLineCheckAndField() {
        String yaml = GOOD.replace("expect: resource.mfa_active == true", "expect: resourc.mfa_active == true");
        assertThatThrownBy(() -> CheckPack.parse("my-checks.yaml", yaml))
                .isInstanceOf(InputProblem.class)
                .hasMessage("my-checks.yaml:6: check 'aws-iam-console-mfa': expect: ERROR: <input>:1:1: "
                        + "undeclared reference to 'resourc'")
                .satisfies(e -> assertThat(((InputProblem) e).line()).isEqualTo(6));
    }

    @Test
    void syntaxErrorInWhereNamesColumnInsideExpression() {
        String yaml = GOOD.replace("where: resource.password_enabled == true", "where: resource.password_enabled ==");
        assertThatThrownBy(() -> CheckPack.parse("c.yaml", yaml))
                .hasMessageStartingWith("c.yaml:5: check 'aws-iam-console-mfa': where: ERROR: <input>:1:");
    }

    @Test
    void nonBoolExpressionIsRejectedAtLoad() {
        String yaml = GOOD.replace("expect: resource.mfa_active == true", "expect: now");
        assertThatThrownBy(() -> CheckPack.parse("c.yaml", yaml))
                .hasMessageContaining("c.yaml:6: check 'aws-iam-console-mfa': expect: must be a bool expression")
                .hasMessageContaining("timestamp");
        String arithmetic = GOOD.replace("expect: resource.mfa_active == true", "expect: 1 + 2");
        assertThatThrownBy(() -> CheckPack.parse("c.yaml", arithmetic)).hasMessageContaining("must be a bool expression");
    }

    @Test
    void reportsEveryProblemInTheFile() {
        String yaml = """
                checks:
                  - id: Bad_Id
                    title: x
                    resource: aws.iam.user
                    expect: true
                    severity: urgent
                    colour: red
                  - title: no id
                    resource: k8s.pod
                    severity: low
                """;
        assertThatThrownBy(() -> CheckPack.parse("c.yaml", yaml))
                .isInstanceOfSatisfying(CheckProblems.class, e -> assertThat(e.problems()).extracting(InputProblem::getMessage)
                        .containsExactlyInAnyOrder(
                                "c.yaml:7: check 'Bad_Id': unknown key 'colour' (expected one of id, title, resource, where, "
                                        + "expect, severity, remediation, controls, criteria)",
                                "c.yaml:2: check 'Bad_Id': id must be lower-case letters, digits and dashes (e.g. aws-iam-console-mfa)",
                                "c.yaml:6: check 'Bad_Id': unknown severity 'urgent' (expected critical, high, medium, low or info)",
                                "c.yaml:8: check: id is required",
                                "c.yaml:8: check: expect is required"))
                .hasMessageContaining("\n");
    }

    @Test
    void duplicateIdsNameBothPlaces() {
        String yaml = GOOD.replace("id: s3-encrypted", "id: aws-iam-console-mfa");
        assertThatThrownBy(() -> CheckPack.parse("c.yaml", yaml))
                .hasMessage("c.yaml:11: check 'aws-iam-console-mfa': duplicate id (also at c.yaml:2)");

        CheckPack a = CheckPack.parse("a.yaml", GOOD);
        CheckPack b = CheckPack.parse("b.yaml", "\n\n" + GOOD);
        assertThatThrownBy(() -> a.with(b))
                .hasMessageContaining("b.yaml:4: check 'aws-iam-console-mfa': duplicate id (also defined at a.yaml:2)")
                .hasMessageContaining("b.yaml:13: check 's3-encrypted': duplicate id (also defined at a.yaml:11)");
    }

    @Test
    void withConcatenates() {
        CheckPack a = CheckPack.parse("a.yaml", GOOD);
        CheckPack b = CheckPack.parse("b.yaml", """
                checks:
                  - {id: extra, title: Extra, resource: "*", expect: "true", severity: info}
                """);
        assertThat(a.with(b).checks()).extracting(Check::id).containsExactly("aws-iam-console-mfa", "s3-encrypted", "extra");
    }

    @Test
    void invalidYamlNamesPosition() {
        assertThatThrownBy(() -> CheckPack.parse("c.yaml", "checks:\n  - id: [unclosed\n    title: x\n"))
                .isInstanceOf(InputProblem.class)
                .hasMessageStartingWith("c.yaml:")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> CheckPack.parse("c.yaml", "rules: []\n"))
                .hasMessageContaining("c.yaml:1: unknown key 'rules' (expected 'checks')");
        assertThatThrownBy(() -> CheckPack.parse("c.yaml", "checks:\n  - just text\n"))
                .hasMessageStartingWith("c.yaml:2: expected a check");
    }

    @Test
    void emptyFileIsAnEmptyPack() {
        assertThat(CheckPack.parse("c.yaml", "").checks()).isEmpty();
        assertThat(CheckPack.parse("c.yaml", "checks: []\n").checks()).isEmpty();
    }

    @Test
    void loadsADirectoryAndReportsProblemsOfEveryFile() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), GOOD);
        Files.writeString(dir.resolve("b.yml"), """
                checks:
                  - {id: extra, title: Extra, resource: k8s.pod, expect: "resource.x == 1", severity: low}
                """);
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        assertThat(CheckPack.load(dir).checks()).extracting(Check::id).containsExactly("aws-iam-console-mfa", "s3-encrypted", "extra");
        assertThat(CheckPack.load(dir.resolve("b.yml")).checks()).hasSize(1);

        Files.writeString(dir.resolve("c.yaml"), "checks:\n  - {id: bad, title: Bad, resource: k8s.pod, expect: 'x ==', severity: low}\n");
        Files.writeString(dir.resolve("d.yaml"), "checks:\n  - {id: extra, title: Again, resource: k8s.pod, expect: 'true', severity: low}\n");
        assertThatThrownBy(() -> CheckPack.load(dir))
                .isInstanceOfSatisfying(CheckProblems.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining(dir.resolve("c.yaml") + ":2: check 'bad': expect: ERROR:")
                .hasMessageContaining(dir.resolve("d.yaml") + ":2: check 'extra': duplicate id (also defined at "
                        + dir.resolve("b.yml") + ":2)");
        assertThatThrownBy(() -> CheckPack.load(dir.resolve("missing.yaml"))).hasMessageContaining("missing.yaml: no such file");
    }

    @Test
    void builtInPackLoadsAndIsShared() {
        CheckPack pack = CheckPack.builtIn();
        assertThat(pack).isSameAs(CheckPack.builtIn());
        assertThat(pack.checks()).allSatisfy(c -> {
            assertThat(c.origin()).startsWith("built-in: ");
            assertThat(c.controls()).isNotEmpty();
        });
    }
}
