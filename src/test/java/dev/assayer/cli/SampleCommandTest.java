package dev.assayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code assayer sample …} in process, capturing output. */
class SampleCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = SampleCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path population() throws IOException {
        StringBuilder b = new StringBuilder("id,date,amount\n");
        for (int i = 1; i <= 400; i++) {
            b.append("T").append(i).append(",2025-0").append(i % 9 + 1).append("-01,").append(i).append('\n');
        }
        return Files.writeString(dir.resolve("pop.csv"), b);
    }

    @Test
    void sizeJson() {
        Run r = run("size", "--confidence", "0.95", "--tolerable-rate", "0.05", "--expected-rate", "0.0025", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"sampleSize\": 93").contains("\"allowedDeviations\": 1");
    }

    @Test
    void sizeHumanAndTooLarge() {
        assertThat(run("size", "--confidence", "0.90", "--tolerable-rate", "0.07", "--expected-rate", "0.03").out())
                .contains("Sample size 94, tolerating 3 deviations");
        assertThat(run("size", "--confidence", "0.95", "--tolerable-rate", "0.02", "--expected-rate", "0.015", "--json").out())
                .contains("\"tooLarge\": true");
    }

    @Test
    void upperLimitJson() {
        Run r = run("upper-limit", "--confidence", "0.95", "--size", "150", "--deviations", "3", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("{\"upperLimitPercent\": 5.1}");
    }

    @Test
    void badOptionsExitTwoNamingTheOption() {
        Run r = run("size", "--confidence", "95", "--tolerable-rate", "0.05");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--confidence");
        Run missing = run("upper-limit", "--confidence", "0.95", "--size", "25");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--deviations");
        Run noFile = run("select", "--population", dir.resolve("none.csv").toString(), "--size", "3", "--seed", "x");
        assertThat(noFile.code()).isEqualTo(2);
        assertThat(noFile.err()).contains("none.csv");
    }

    @Test
    void selectThenVerifyThenDetectChange() throws IOException {
        Path pop = population();
        Run sel = run("select", "--population", pop.toString(), "--size", "12", "--seed", "FY25", "--json");
        assertThat(sel.code()).isZero();
        assertThat(sel.out()).contains("\"sha256\": \"").contains("\"seed\": \"FY25\"").contains("\"row\": ").contains("\"key\": \"T");
        Path selection = Files.writeString(dir.resolve("sel.json"), sel.out());
        Run ok = run("verify", "--population", pop.toString(), "--selection", selection.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).startsWith("Matches");

        // a tampered selection: the first item's key changed
        Path tampered = Files.writeString(dir.resolve("t.json"), sel.out().replaceFirst("\"key\": \"T(\\d+)\"", "\"key\": \"X$1\""));
        Run items = run("verify", "--population", pop.toString(), "--selection", tampered.toString());
        assertThat(items.code()).isEqualTo(1);
        assertThat(items.out()).contains("the items differ: item 1");

        Files.writeString(pop, Files.readString(pop).replace("T7,", "T7x,"));
        Run changed = run("verify", "--population", pop.toString(), "--selection", selection.toString());
        assertThat(changed.code()).isEqualTo(1);
        assertThat(changed.out()).contains("the population file changed");
    }

    @Test
    void selectHumanWithSpreadAndChosen() throws IOException {
        Path pop = population();
        Run r = run("select", "--population", pop.toString(), "--size", "5", "--seed", "s", "--spread-by", "date",
                "--choose", "4", "--justification", "largest amount");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("quarter 2025-Q1").contains("quarter 2025-Q3").contains("chosen: largest amount");
        Run tooSmall = run("select", "--population", pop.toString(), "--size", "2", "--seed", "s", "--spread-by", "date");
        assertThat(tooSmall.code()).isEqualTo(2);
        assertThat(tooSmall.err()).contains("quarters");
    }
}
