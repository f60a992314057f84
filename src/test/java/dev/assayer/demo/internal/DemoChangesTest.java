package dev.assayer.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo's generated population of merged pull requests, and the demo content it comes with. */
class DemoChangesTest {

    private static final LocalDate FROM = LocalDate.of(2026, 6, 1);
    private static final LocalDate TO = LocalDate.of(2026, 11, 13);
    private static final List<String> ENGINEERS = List.of("jonas.weber", "yara.nasser", "mei.lin");

    private static byte[] generate(long seed) {
        return DemoChanges.csv(FROM, TO, 300, List.of(FROM.minusDays(3), FROM.minusDays(1)), seed,
                List.of("flow-api", "flow-web"), ENGINEERS);
    }

    @Test
    void theSameInputsGiveTheSameBytesAndAnotherSeedOtherRows() {
        assertThat(generate(7)).isEqualTo(generate(7));
        assertThat(generate(8)).isNotEqualTo(generate(7));
    }

    @Test
    void rowsAreInMergeOrderWithUniqueKeysInsideTheBoundsExceptTheOutsideDates() {
        List<String> lines = new String(generate(20240611), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).isEqualTo(DemoChanges.HEADER);
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
        assertThat(rows).hasSize(302).allSatisfy(r -> assertThat(r).hasSize(7));
        Set<String> keys = new HashSet<>();
        rows.forEach(r -> assertThat(keys.add(r[0])).as("unique " + r[0]).isTrue());
        List<LocalDate> days = rows.stream().map(r -> LocalDate.parse(r[5].substring(0, 10))).toList();
        assertThat(days).isSorted();
        assertThat(days.subList(0, 2)).containsExactly(FROM.minusDays(3), FROM.minusDays(1));
        assertThat(days.subList(2, days.size())).allSatisfy(d -> assertThat(d).isBetween(FROM, TO));
        assertThat(rows.stream().map(r -> Integer.parseInt(r[0])).toList()).isSorted();
        assertThat(rows).allSatisfy(r -> {
            assertThat(r[3]).isNotEqualTo(r[4]); // nobody approves their own change
            assertThat(Arrays.asList("jonas-weber", "yara-nasser", "mei-lin")).contains(r[3], r[4]);
        });
    }

    @Test
    void refusesAPeriodThatEndsBeforeItStartsOrASingleEngineer() {
        assertThatThrownBy(() -> DemoChanges.csv(TO, FROM, 10, List.of(), 1, List.of("r"), ENGINEERS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoChanges.csv(FROM, TO, 10, List.of(), 1, List.of("r"), List.of("solo")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDemoContentIsConsistent() {
        DemoContent content = DemoContent.load(); // checks itself; throws on any inconsistency
        assertThat(content.people().people()).hasSizeBetween(40, 46);
        assertThat(content.audit().firm().name()).isEqualTo(content.engagement().serviceAuditor());
        DemoDates dates = DemoDates.forToday(LocalDate.of(2026, 11, 22), 5, 6);
        String roster = DemoPeople.rosterCsv(content, dates);
        assertThat(roster.lines()).hasSize(content.people().people().size() + 1);
        StringBuilder training = new StringBuilder();
        int lines = DemoPeople.trainingCsv(content, dates, training);
        assertThat(training.toString().lines()).hasSize(lines);
        assertThat(training.toString()).doesNotContain("kenji.mori@lumenfold.example,Security & Confidentiality Awareness 2027");
    }
}
