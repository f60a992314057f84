package dev.assayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs {@code assayer resources …} in process. */
class ResourcesCommandTest {

    private static final String FIXTURES = "src/test/resources/monitoring/cli/";

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        var cli = ResourcesCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void showJsonPrintsDetectedFormatAndResources() {
        Run r = run("show", "--input", FIXTURES + "iam.csv", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(r.out());
        assertThat(doc.get("format").asString()).isEqualTo("aws-iam-credential-report");
        assertThat(doc.get("file").asString()).isEqualTo(FIXTURES + "iam.csv");
        assertThat(doc.get("count").asLong()).isEqualTo(3);
        assertThat(doc.get("resources").get(0).get("type").asString()).isEqualTo("aws.iam.root_account");
        JsonNode alice = doc.get("resources").get(1);
        assertThat(alice.get("type").asString()).isEqualTo("aws.iam.user");
        assertThat(alice.get("id").asString()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(alice.get("attributes").get("mfa_active").asBoolean()).isTrue();
    }

    @Test
    void showGenericWithMapping() {
        Run r = run("show", "--input", FIXTURES + "users.jsonl", "--format", "generic-json", "--type", "test.user",
                "--id-field", "login");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Format: generic-json").contains("test.user  bob  ").contains("3 resources (test.user: 3)");
    }

    @Test
    void badInputExitsTwoNamingPosition() {
        Run r = run("show", "--input", FIXTURES + "broken.jsonl", "--format", "generic-json", "--type", "test.user",
                "--id-field", "login", "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("assayer resources show: " + FIXTURES + "broken.jsonl:2").doesNotContain("\tat ");

        Run mapping = run("show", "--input", FIXTURES + "users.jsonl", "--format", "generic-json");
        assertThat(mapping.code()).isEqualTo(2);
        assertThat(mapping.err()).contains("needs a mapping");
    }

    @Test
    void formatsListsEveryFormat() {
        Run r = run("formats");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("generic-json").contains("aws-iam-credential-report").contains("k8s-yaml");
    }
}
