package dev.assayer.fieldwork.populations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.fieldwork.RowFlag;
import dev.assayer.fieldwork.SampleItem;
import dev.assayer.fieldwork.internal.populations.PopulationRules;
import dev.assayer.fieldwork.internal.populations.SampleRules;
import dev.assayer.fieldwork.sampling.Population;
import dev.assayer.fieldwork.sampling.PopulationException;
import dev.assayer.fieldwork.sampling.PopulationRows;
import dev.assayer.fieldwork.sampling.SampleSelector;
import dev.assayer.fieldwork.sampling.Selection;
import dev.assayer.shared.ApiProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure rules behind populations and in-app samples. */
class PopulationRulesTest {

    @TempDir
    Path dir;

    @Test
    void theImportPassNumbersRowsAsTheSamplingEngineDoes() throws Exception {
        // BOM, CRLF, blank lines, a quoted field with a line break and an escaped quote
        String csv = "\uFEFFid,when\r\nA,2026-01-01\r\n\r\n\"B\nb\",2026-02-01\r\n\"C \"\"c\"\"\",2026-03-01\nD,2026-04-01";
        Path file = Files.writeString(dir.resolve("p.csv"), csv);
        List<String> seen = new ArrayList<>();
        long rows = PopulationRows.scan(file, Population.Format.CSV, "id", "when",
                (row, line, key, date) -> seen.add(row + "@" + line + ":" + key + "/" + date));
        assertThat(rows).isEqualTo(Population.scan(file, Population.Format.CSV, "id", null).rows()).isEqualTo(4);
        assertThat(seen).containsExactly("1@2:A/2026-01-01", "2@4:B\nb/2026-02-01", "3@6:C \"c\"/2026-03-01",
                "4@7:D/2026-04-01");
        Population pop = Population.scan(file, Population.Format.CSV, "id", null);
        assertThat(pop.keys(new TreeSet<>(List.of(1L, 2L, 3L, 4L))).values())
                .containsExactlyInAnyOrder("A", "B\nb", "C \"c\"", "D");
    }

    @Test
    void aMalformedFileNamesTheLineAndTheField() throws Exception {
        Path file = Files.writeString(dir.resolve("tmp-123.tmp"), "{\"a\": 1}\n\n{\"a\": 2\n");
        PopulationException e = org.assertj.core.api.Assertions.catchThrowableOfType(PopulationException.class,
                () -> PopulationRows.scan(file, Population.Format.JSONL, null, null, (r, l, k, d) -> {
                }));
        ApiProblem p = PopulationRules.fileProblem(e, file, "export.jsonl");
        assertThat(p.errors().getFirst().line()).isEqualTo(3);
        assertThat(p.errors().getFirst().field()).isEqualTo("file");
        assertThat(p.getMessage()).startsWith("export.jsonl line 3").doesNotContain(dir.toString());
    }

    @Test
    void periodCheckCountsEverythingAndKeepsTheFirstFiftyOfEachKind() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        LocalDate end = LocalDate.of(2026, 6, 30);
        PopulationRules.PeriodCheck check = new PopulationRules.PeriodCheck(start, end);
        check.row(1, 2, "in", "2026-01-01");
        check.row(2, 3, "in", "2026-06-30T23:59:59+02:00");
        check.row(3, 4, "before", "2025-12-31");
        check.row(4, 5, "after", " 2026-07-01 ");
        check.row(5, 6, "bad", "31/12/2025");
        check.row(6, 7, "none", null);
        for (int i = 0; i < 70; i++) {
            check.row(7 + i, 8 + i, "old-" + i, "2025-06-01");
            check.row(100 + i, 200 + i, "junk-" + i, "soon");
        }
        assertThat(check.outOfPeriod()).isEqualTo(72);
        assertThat(check.unparseable()).isEqualTo(72);
        assertThat(check.firstDate()).isEqualTo(LocalDate.of(2025, 6, 1));
        assertThat(check.lastDate()).isEqualTo(LocalDate.of(2026, 7, 1));
        List<RowFlag> flags = check.flags();
        assertThat(flags).hasSize(100);
        assertThat(flags.getFirst()).isEqualTo(new RowFlag("out-of-period", 3, 4, "before", "2025-12-31"));
        assertThat(flags.get(50)).isEqualTo(new RowFlag("unparseable-date", 5, 6, "bad", "31/12/2025"));
        // a Type I report: the period is the as-of date
        PopulationRules.PeriodCheck asOf = new PopulationRules.PeriodCheck(null, end);
        asOf.row(1, 2, "k", "2026-06-29");
        asOf.row(2, 3, "k", "2026-06-30");
        assertThat(asOf.outOfPeriod()).isEqualTo(1);
    }

    @Test
    void downloadNamesKeepTheFormatTheCommandLineWillRead() {
        assertThat(PopulationRules.downloadName("changes.csv", "csv")).isEqualTo("changes.csv");
        assertThat(PopulationRules.downloadName("tickets.NDJSON", "jsonl")).isEqualTo("tickets.NDJSON");
        assertThat(PopulationRules.downloadName("export.txt", "jsonl")).isEqualTo("export.txt.jsonl");
        assertThat(PopulationRules.downloadName("rows.jsonl", "csv")).isEqualTo("rows.jsonl.csv");
        assertThat(PopulationRules.cleanFilename("C:\\Users\\dba\\changes.csv")).isEqualTo("changes.csv");
        assertThat(PopulationRules.cleanFilename("../../etc/passwd")).isEqualTo("passwd");
        assertThat(PopulationRules.cleanFilename("")).isEqualTo("population.csv");
    }

    @Test
    void itemsMarkExtensionDrawsAndTheCommandQuotesForTheShell() {
        Selection s = new Selection("ab", "it's FY26", "random", 4, 100, Population.Format.CSV, "id", null,
                List.of(new Selection.Item(3, "C", 2, "random"), new Selection.Item(9, "I", 4, "random"),
                        new Selection.Item(40, "x", 1, "random"), new Selection.Item(77, "y", 3, "random")),
                List.of(new Selection.Item(9, "I", 0, "chosen"), new Selection.Item(12, "L", 0, "chosen")),
                "biggest");
        List<SampleItem> items = SampleRules.items(s, 3);
        assertThat(items).containsExactly(new SampleItem(3, "C", "random", false), new SampleItem(9, "I", "random", true),
                new SampleItem(12, "L", "chosen", false), new SampleItem(40, "x", "random", false),
                new SampleItem(77, "y", "random", false));
        assertThat(SampleRules.command("my changes.csv", s)).isEqualTo("./assayer sample select --population "
                + "'my changes.csv' --size 4 --seed 'it'\\''s FY26' --key-column id --choose 9,12 --justification biggest --json");
    }

    @Test
    void requestsAreCheckedBeforeAnythingIsRead() {
        SampleRules.Checked ok = SampleRules.check(new dev.assayer.fieldwork.SampleRequest(null, 5, "s", List.of(2L, 2L),
                "why", false), 10, null, 0);
        assertThat(ok.request().method()).isEqualTo(SampleSelector.Method.RANDOM);
        assertThat(ok.request().justification()).isEqualTo("why");
        assertThatThrownBy(() -> SampleRules.check(new dev.assayer.fieldwork.SampleRequest("random", 5, "s", List.of(),
                null, true), 10, "date", 3)).isInstanceOf(ApiProblem.class).hasMessageContaining("3 rows have no readable date");
        assertThatThrownBy(() -> SampleRules.check(new dev.assayer.fieldwork.SampleRequest("random", 10_001, "s",
                List.of(), null, false), 20_000, null, 0)).isInstanceOf(ApiProblem.class).hasMessageContaining("10000");
    }
}
