package dev.assayer.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DemoDatesTest {

    @Test
    void periodStartsOnTheFirstOfTheMonthFiveMonthsBackAndRunsSixMonths() {
        DemoDates d = DemoDates.forToday(LocalDate.of(2026, 3, 17), 5, 6);
        assertThat(d.start()).isEqualTo(LocalDate.of(2025, 10, 1));
        assertThat(d.end()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(d.year()).isEqualTo(2026);
    }

    @Test
    void todayIsAlwaysInsideTheLastMonthOfThePeriod() {
        for (LocalDate day = LocalDate.of(2027, 1, 1); day.isBefore(LocalDate.of(2028, 12, 31)); day = day.plusDays(1)) {
            DemoDates d = DemoDates.forToday(day, 5, 6);
            assertThat(day).isAfter(d.start().plusDays(149)).isBeforeOrEqualTo(d.end());
        }
    }

    @Test
    void resolvesTimesAsADemoDateAndAUtcTimeOfDay() {
        DemoDates d = DemoDates.forToday(LocalDate.of(2026, 3, 17), 5, 6);
        assertThat(d.instant("P+72 20:58")).isEqualTo(java.time.Instant.parse("2025-12-12T20:58:00Z"));
        assertThat(d.instant(null)).isNull();
        assertThatThrownBy(() -> d.instant("P+72")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProgramContentOnlyUsesPastDatesForWhatHasHappened() {
        DemoContent content = DemoContent.load();
        // the earliest "today" of any demo: 150 days into the period
        DemoDates d = DemoDates.forToday(LocalDate.of(2027, 6, 1), 5, 6);
        LocalDate today = d.start().plusDays(150);
        for (DemoContent.VendorPlan v : content.program().vendors()) {
            if (v.review() != null) {
                assertThat(d.resolve(v.review().on())).as(v.name()).isBeforeOrEqualTo(today);
            }
        }
        for (DemoContent.IncidentPlan i : content.program().incidents()) {
            assertThat(d.instant(i.detected())).isBefore(today.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
            i.timeline().forEach(t -> assertThat(d.instant(t.at()))
                    .isBefore(today.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
        }
    }

    @Test
    void resolvesExpressionsRelativeToStartEndAndToday() {
        DemoDates d = DemoDates.forToday(LocalDate.of(2026, 3, 17), 5, 6);
        assertThat(d.resolve("P+0")).isEqualTo(LocalDate.of(2025, 10, 1));
        assertThat(d.resolve("P+31")).isEqualTo(LocalDate.of(2025, 11, 1));
        assertThat(d.resolve("P-1")).isEqualTo(LocalDate.of(2025, 9, 30));
        assertThat(d.resolve("E")).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(d.resolve("T-7")).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(d.resolve(null)).isNull();
        assertThatThrownBy(() -> d.resolve("X+1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.resolve("P+")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersPlaceholdersAndLeavesEverythingElseAlone() {
        DemoDates d = DemoDates.forToday(LocalDate.of(2026, 3, 17), 5, 6);
        assertThat(d.render("a,{{P+2}}T08:00:00Z,{{YEAR}},{{P+0|MMMM d, yyyy}},{not},{{Q+1}},$1\\"))
                .isEqualTo("a,2025-10-03T08:00:00Z,2026,October 1, 2025,{not},{{Q+1}},$1\\");
    }

    @Test
    void theShippedContentIsConsistent() {
        DemoContent c = DemoContent.load();
        assertThat(c.company().users()).hasSizeBetween(6, 8);
        assertThat(c.evidence().items()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(c.evidence().items().stream().filter(i -> i.file() != null).count()).isBetween(25L, 35L);
        assertThat(c.evidence().items().stream().filter(i -> i.withdraw() != null)).hasSize(1);
        // no placeholder survives rendering in any evidence file
        DemoDates d = DemoDates.forToday(LocalDate.of(2026, 3, 17), 5, 6);
        c.evidence().items().stream().filter(i -> i.file() != null)
                .forEach(i -> assertThat(d.render(DemoContent.evidenceText(i.file()))).as(i.file()).doesNotContain("{{"));
    }

    @Test
    void passwordsAreLongRandomAndPassThePolicy() {
        String a = DemoPasswords.generate();
        String b = DemoPasswords.generate();
        assertThat(a).hasSize(20).isNotEqualTo(b).doesNotContain(" ");
        dev.assayer.identity.PasswordPolicy.check("password", a, "x@example.test");
    }
}
