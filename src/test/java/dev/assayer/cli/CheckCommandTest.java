package dev.assayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs {@code assayer check …} in process on small fixtures. */
class CheckCommandTest {

    private static final String FIXTURES = "src/test/resources/monitoring/cli/";
    private static final String NOW = "2026-06-30T12:00:00Z";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        var cli = CheckCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] users(String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--input", FIXTURES + "users.jsonl", "--input-format", "generic-json",
                "--type", "test.user", "--id-field", "login", "--checks", FIXTURES + "checks", "--now", NOW));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void failingCheckExitsOneWithJsonSummaryAndEveryNonPassResult() throws IOException {
        Run r = run(users());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("resources").asLong()).isEqualTo(3);
        JsonNode input = report.get("inputs").get(0);
        assertThat(input.get("file").asString()).isEqualTo(FIXTURES + "users.jsonl");
        assertThat(input.get("format").asString()).isEqualTo("generic-json");
        assertThat(input.get("sha256").asString()).matches("[0-9a-f]{64}");
        assertThat(input.get("resources").asLong()).isEqualTo(3);
        JsonNode mfa = check(report, "users-mfa");
        assertThat(mfa.get("outcome").asString()).isEqualTo("FAIL");
        assertThat(mfa.get("evaluated").asLong()).isEqualTo(3);
        assertThat(mfa.get("pass").asLong()).isEqualTo(2);
        assertThat(mfa.get("fail").asLong()).isEqualTo(1);
        assertThat(mfa.get("results")).hasSize(1);
        assertThat(mfa.get("results").get(0).get("resourceId").asString()).isEqualTo("bob");
        assertThat(mfa.get("results").get(0).get("file").asString()).endsWith("users.jsonl");
        assertThat(mfa.get("controls").get(0).asString()).isEqualTo("AC-03");
        // where: only the admin (alice, signed in 10 days ago) is evaluated
        JsonNode active = check(report, "users-active");
        assertThat(active.get("evaluated").asLong()).isEqualTo(1);
        assertThat(active.get("outcome").asString()).isEqualTo("PASS");
        assertThat(r.err()).contains("3 resources from 1 file").contains("1 failed");
    }

    @Test
    void passingRunExitsZero() {
        Run r = run("run", "--input", FIXTURES + "users.jsonl", "--input-format", "generic-json", "--type", "test.user",
                "--id-field", "login", "--checks", FIXTURES + "checks/users.yaml", "--no-built-in", "--now", "2026-07-01T00:00:00Z",
                "--field", "login=login", "--field", "last_login=last_login", "--field", "admin=admin", "--field", "mfa=mfa");
        assertThat(r.code()).isEqualTo(1); // bob has no MFA
        Path passing = dir.resolve("ok.jsonl");
        Run ok = run("run", "--input", FIXTURES + "users.jsonl", "--input-format", "generic-json", "--type", "test.other",
                "--id-field", "login", "--checks", FIXTURES + "checks", "--no-built-in", "--now", NOW);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(passing).doesNotExist();
    }

    @Test
    void duplicatesAcrossInputsKeepTheLastCopy() throws IOException {
        Run r = run(users("--input", FIXTURES + "users-later.jsonl"));
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("resources").asLong()).isEqualTo(4);
        assertThat(report.get("duplicates").asLong()).isEqualTo(1);
        assertThat(r.err()).contains("1 duplicate by type and id");
        JsonNode mfa = check(report, "users-mfa");
        // bob had no MFA in the first export and has it in the later one
        assertThat(mfa.get("fail").asLong()).isZero();
        assertThat(mfa.get("pass").asLong()).isEqualTo(4);
        // dave has no last_login: an error for that resource, the run goes on
        JsonNode known = check(report, "users-login-known");
        assertThat(known.get("error").asLong()).isEqualTo(1);
        assertThat(known.get("pass").asLong()).isEqualTo(3);
        assertThat(known.get("results").get(0).get("resourceId").asString()).isEqualTo("dave");
        assertThat(known.get("results").get(0).get("message").asString()).contains("last_login");
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void sarifIsValidWithRulesAndLocations() throws IOException {
        Path out = dir.resolve("report.sarif");
        Run r = run(users("--format", "sarif", "--output", out.toString()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        JsonNode sarif = JSON.readTree(Files.readString(out));
        assertThat(sarif.get("version").asString()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asString()).contains("sarif-2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.get("tool").get("driver").get("name").asString()).isEqualTo("Assayer");
        JsonNode rules = run.get("tool").get("driver").get("rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(rule -> ids.add(rule.get("id").asString()));
        assertThat(ids).contains("users-mfa", "users-active", "users-login-known");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(1);
        JsonNode result = results.get(0);
        assertThat(result.get("ruleId").asString()).isEqualTo("users-mfa");
        assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asString()).isEqualTo("users-mfa");
        assertThat(result.get("level").asString()).isEqualTo("error");
        assertThat(result.get("message").get("text").asString()).contains("bob");
        JsonNode location = result.get("locations").get(0);
        assertThat(location.get("physicalLocation").get("artifactLocation").get("uri").asString())
                .isEqualTo(FIXTURES + "users.jsonl");
        assertThat(location.get("logicalLocations").get(0).get("fullyQualifiedName").asString()).isEqualTo("test.user/bob");
        assertThat(run.get("artifacts").get(0).get("hashes").get("sha-256").asString()).matches("[0-9a-f]{64}");
    }

    @Test
    void junitParsesWithOneSuitePerCheckAndOneCasePerResource() throws Exception {
        Run r = run(users("--format", "junit"));
        assertThat(r.code()).isEqualTo(1);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        NodeList suites = root.getElementsByTagName("testsuite");
        Element mfa = null;
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            if (s.getAttribute("name").equals("users-mfa")) {
                mfa = s;
            }
        }
        assertThat(mfa).isNotNull();
        assertThat(mfa.getAttribute("tests")).isEqualTo("3");
        assertThat(mfa.getAttribute("failures")).isEqualTo("1");
        assertThat(mfa.getElementsByTagName("testcase").getLength()).isEqualTo(3);
        Element failure = (Element) mfa.getElementsByTagName("failure").item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("test.user bob");
        assertThat(failure.getAttribute("type")).isEqualTo("high");
    }

    @Test
    void badInputExitsTwoNamingFileAndLineAndWritesNothing() {
        Path out = dir.resolve("report.json");
        Run r = run("run", "--input", FIXTURES + "broken.jsonl", "--input-format", "generic-json", "--type", "test.user",
                "--id-field", "login", "--output", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("assayer check run: " + FIXTURES + "broken.jsonl:2").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();

        Run missing = run("run", "--input", dir.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json: no such file");

        Run unknown = run("run", "--input", FIXTURES + "users.jsonl", "--input-format", "nonsense");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown format 'nonsense'");

        Run noInput = run("run");
        assertThat(noInput.code()).isEqualTo(2);
    }

    @Test
    void badCheckFileExitsTwoNamingFileLineAndCelError() throws IOException {
        Path out = dir.resolve("report.json");
        Files.writeString(out, "previous report");
        Run r = run("run", "--input", FIXTURES + "users.jsonl", "--input-format", "generic-json", "--type", "test.user",
                "--id-field", "login", "--checks", FIXTURES + "bad-checks.yaml", "--output", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(FIXTURES + "bad-checks.yaml:5: check 'typo': expect: ERROR: <input>:1:1: "
                + "undeclared reference to 'resourc'");
        assertThat(Files.readString(out)).isEqualTo("previous report");
    }

    @Test
    void detectsFormatsPerFileAndRunsTheBuiltInPack() throws IOException {
        Path out = dir.resolve("report.json");
        Run r = run("run", "--input", FIXTURES + "iam.csv", "--input", FIXTURES + "deployment.yaml", "--now", NOW,
                "--output", out.toString(), "--progress");
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        JsonNode report = JSON.readTree(Files.readString(out));
        assertThat(report.get("inputs").get(0).get("format").asString()).isEqualTo("aws-iam-credential-report");
        assertThat(report.get("inputs").get(0).get("resources").asLong()).isEqualTo(3);
        assertThat(report.get("inputs").get(1).get("format").asString()).isEqualTo("k8s-yaml");
        assertThat(report.get("inputs").get(1).get("resources").asLong()).isEqualTo(2);
        assertThat(r.err()).contains(FIXTURES + "iam.csv: 3 resources (aws-iam-credential-report)");
    }

    @Test
    void maxDetailsCapsStoredResultsAndCountsTheRest() throws IOException {
        Run r = run(users("--max-details", "0"));
        JsonNode mfa = check(JSON.readTree(r.out()), "users-mfa");
        assertThat(mfa.get("results")).isEmpty();
        assertThat(mfa.get("omitted").asLong()).isEqualTo(1);
        assertThat(mfa.get("fail").asLong()).isEqualTo(1);
    }

    @Test
    void parseOnlyReadsWithoutEvaluating() {
        Run r = run(users("--parse-only"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("parsed 3 resources");
    }

    @Test
    void listShowsChecks() {
        Run r = run("list", "--checks", FIXTURES + "checks");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("users-mfa  [high]  test.user  Every user has MFA  (AC-03; CC6.1)");
    }

    private static JsonNode check(JsonNode report, String id) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("id").asString().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id + " in " + report);
    }
}
