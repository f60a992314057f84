package dev.assayer.fieldwork.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleSelectorTest {

    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Path invoices(int rows) throws IOException {
        Path p = dir.resolve("inv-" + rows + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(p)) {
            w.write("id,date,amount\n");
            for (int i = 1; i <= rows; i++) {
                w.write("INV-" + i + ",2025-" + String.format("%02d", i % 12 + 1) + "-15," + i + "\n");
            }
        }
        return p;
    }

    private static Selection random(Path file, int size, String seed) throws IOException {
        Population pop = Population.scan(file, Population.Format.of(file), null, null);
        return SampleSelector.select(pop, new SampleSelector.Request(SampleSelector.Method.RANDOM, size, seed, List.of(), null));
    }

    @Test
    void drawStreamMatchesTheDocumentedTestVectors() {
        // vectors computed with the Python reference in docs/sampling.md
        DrawStream s = DrawStream.main("0".repeat(64), "seed");
        assertThat(Long.toHexString(s.nextRaw())).isEqualTo("b1f1796962c047a4");
        assertThat(Long.toHexString(s.nextRaw())).isEqualTo("599d7500ffe62e4e");
        assertThat(Long.toHexString(s.nextRaw())).isEqualTo("e3adde673c9bba87");
        DrawStream t = DrawStream.main("0".repeat(64), "seed");
        List<Long> order = new java.util.ArrayList<>();
        TreeSet<Long> seen = new TreeSet<>();
        while (order.size() < 10) {
            long r = t.next(10) + 1;
            if (seen.add(r)) {
                order.add(r);
            }
        }
        assertThat(order).containsExactly(5L, 3L, 2L, 6L, 7L, 1L, 8L, 9L, 10L, 4L);
    }

    @Test
    void workedExampleOfTheDocs() throws IOException {
        Path p = csv("demo.csv", "id\nA\nB\nC\nD\nE\n");
        Selection s = random(p, 3, "demo");
        assertThat(s.sha256()).isEqualTo("5e6cfe6fe07059f6081e7055b0f268e85cf08e1fd83d8165c7fc7694127710f3");
        assertThat(s.items()).extracting(Selection.Item::row).containsExactly(1L, 3L, 5L);
        assertThat(s.items()).extracting(Selection.Item::key).containsExactly("A", "C", "E");
        assertThat(s.items()).extracting(Selection.Item::draw).containsExactly(2, 1, 3);
    }

    @Test
    void sameInputsSameSelectionAndSeedMatters() throws IOException {
        Path p = invoices(1000);
        Selection a = random(p, 25, "FY2025");
        Selection b = random(p, 25, "FY2025");
        assertThat(a).isEqualTo(b);
        assertThat(a.items()).hasSize(25);
        assertThat(a.items()).isSortedAccordingTo(Comparator.comparingLong(Selection.Item::row));
        assertThat(a.items()).allSatisfy(it -> assertThat(it.key()).isEqualTo("INV-" + it.row()));
        assertThat(random(p, 25, "FY2026").items()).isNotEqualTo(a.items());
    }

    @Test
    void extensionKeepsTheItemsAlreadySelected() throws IOException {
        Path p = invoices(500);
        Selection first = random(p, 25, "s");
        Selection extended = random(p, 40, "s");
        assertThat(extended.items()).containsAll(first.items());
        assertThat(extended.items().stream().filter(i -> i.draw() > 25).count()).isEqualTo(15);
    }

    @Test
    void systematicUsesAnIntervalFromARandomStart() throws IOException {
        Path p = invoices(1000);
        Population pop = Population.scan(p, Population.Format.CSV, null, null);
        Selection s = SampleSelector.select(pop, new SampleSelector.Request(SampleSelector.Method.SYSTEMATIC, 4, "s", List.of(), null));
        List<Long> rows = s.items().stream().map(Selection.Item::row).toList();
        assertThat(rows).hasSize(4);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i) - rows.get(i - 1)).isEqualTo(250);
        }
        assertThat(rows.get(0)).isBetween(1L, 250L);
    }

    @Test
    void spreadTakesOneItemPerQuarterFirst() throws IOException {
        Path p = invoices(1200);
        Population pop = Population.scan(p, Population.Format.CSV, "id", "date");
        assertThat(pop.quarterCounts()).containsOnlyKeys("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
        Selection s = SampleSelector.select(pop, new SampleSelector.Request(SampleSelector.Method.RANDOM, 6, "q", List.of(), null));
        assertThat(s.items()).hasSize(6);
        assertThat(s.items().stream().filter(i -> i.how().startsWith("quarter")).map(Selection.Item::how))
                .containsExactlyInAnyOrder("quarter 2025-Q1", "quarter 2025-Q2", "quarter 2025-Q3", "quarter 2025-Q4");
        for (Selection.Item it : s.items()) {
            if (it.how().startsWith("quarter")) {
                int month = (int) (it.row() % 12) + 1;
                assertThat("2025-Q" + ((month - 1) / 3 + 1)).isEqualTo(it.how().substring(8));
            }
        }
        assertThatThrownBy(() -> SampleSelector.select(pop, new SampleSelector.Request(SampleSelector.Method.RANDOM, 3, "q", List.of(), null)))
                .hasMessageContaining("4 quarters");
    }

    @Test
    void chosenItemsNeedAJustification() throws IOException {
        Path p = invoices(100);
        Population pop = Population.scan(p, Population.Format.CSV, null, null);
        assertThatThrownBy(() -> SampleSelector.select(pop, new SampleSelector.Request(SampleSelector.Method.RANDOM, 3, "s", List.of(7L), " ")))
                .hasMessageContaining("justification");
        Selection s = SampleSelector.select(pop, new SampleSelector.Request(SampleSelector.Method.RANDOM, 3, "s", List.of(7L), "largest"));
        assertThat(s.chosen()).containsExactly(new Selection.Item(7, "INV-7", 0, "chosen"));
        assertThat(s.justification()).isEqualTo("largest");
    }

    @Test
    void csvDialectQuotedNewlinesCrlfAndBlankLines() throws IOException {
        Path p = csv("q.csv", "\uFEFFref,memo\r\n\"R,1\",\"two\r\nlines\"\r\n\r\nR2,\"say \"\"hi\"\"\"\r\nR3,last");
        Population pop = Population.scan(p, Population.Format.CSV, "ref", null);
        assertThat(pop.rows()).isEqualTo(3);
        assertThat(pop.keys(new TreeSet<>(List.of(1L, 2L, 3L)))).containsEntry(1L, "R,1").containsEntry(2L, "R2").containsEntry(3L, "R3");
        Population memo = Population.scan(p, Population.Format.CSV, "memo", null);
        assertThat(memo.keys(new TreeSet<>(List.of(1L, 2L)))).containsEntry(1L, "two\r\nlines").containsEntry(2L, "say \"hi\"");
    }

    @Test
    void jsonlKeysAreTheFirstPropertyOrTheNamedOne() throws IOException {
        Path p = dir.resolve("p.jsonl");
        Files.writeString(p, "{\"id\":\"a1\",\"n\":1}\n{\"id\":\"a2\",\"n\":2}\n\n{\"id\":\"a3\",\"n\":3}\n");
        Population pop = Population.scan(p, Population.Format.of(p), null, null);
        assertThat(pop.format()).isEqualTo(Population.Format.JSONL);
        assertThat(pop.rows()).isEqualTo(3);
        assertThat(pop.keys(new TreeSet<>(List.of(3L)))).containsEntry(3L, "a3");
        assertThat(Population.scan(p, Population.Format.JSONL, "n", null).keys(new TreeSet<>(List.of(2L)))).containsEntry(2L, "2");
    }

    @Test
    void badFilesAreReportedWithFileAndLine() throws IOException {
        Path unterminated = csv("u.csv", "id\nA\n\"B\n");
        assertThatThrownBy(() -> Population.scan(unterminated, Population.Format.CSV, null, null))
                .isInstanceOf(PopulationException.class).hasMessageContaining("u.csv").hasMessageContaining("quoted field");
        Path p = csv("d.csv", "id,date\nA,2025-01-01\nB,soon\n");
        assertThatThrownBy(() -> Population.scan(p, Population.Format.CSV, null, "date"))
                .hasMessageContaining("d.csv: line 3").hasMessageContaining("soon");
        assertThatThrownBy(() -> Population.scan(p, Population.Format.CSV, "nope", null))
                .hasMessageContaining("d.csv: line 1").hasMessageContaining("nope");
    }

    @Test
    void verifyDetectsAChangedByteAndChangedItems() throws IOException {
        Path p = invoices(300);
        Selection s = random(p, 10, "v");
        assertThat(SelectionVerifier.verify(p, SelectionJson.read(Files.writeString(dir.resolve("s.json"), SelectionJson.write(s)))).matches()).isTrue();
        byte[] bytes = Files.readAllBytes(p);
        bytes[bytes.length - 2] = (byte) '9';
        Files.write(p, bytes);
        SelectionVerifier.Result r = SelectionVerifier.verify(p, s);
        assertThat(r.matches()).isFalse();
        assertThat(r.difference()).contains("the population file changed");
    }

    @Test
    void streamsLargeFilesWithBoundedCheckpoints() throws IOException {
        Path p = invoices(200_000);
        Population pop = Population.scan(p, Population.Format.CSV, null, null);
        assertThat(pop.rows()).isEqualTo(200_000);
        Selection s = SampleSelector.select(pop, new SampleSelector.Request(SampleSelector.Method.RANDOM, 60, "big", List.of(200_000L, 1L), "ends"));
        assertThat(s.items()).hasSize(60).allSatisfy(it -> assertThat(it.key()).isEqualTo("INV-" + it.row()));
        assertThat(s.chosen()).extracting(Selection.Item::key).containsExactly("INV-1", "INV-200000");
        assertThat(pop.checkpointCount()).isLessThanOrEqualTo(Population.MAX_CHECKPOINTS);
    }
}
