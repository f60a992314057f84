package dev.assayer.people.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.people.EmploymentType;
import dev.assayer.people.Person;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrainingRulesTest {

    static final LocalDate START = LocalDate.of(2025, 1, 6);
    static final LocalDate DUE = START.plusDays(30);

    static Person person(LocalDate end) {
        return new Person(UUID.randomUUID(), "bo@example.test", "Bo", null, null, null, START, end,
                EmploymentType.CONTRACTOR, 0);
    }

    @Test
    void aCompletionExpiresAYearLaterAndLeapDaysFallBack() {
        assertThat(TrainingRules.expiresOn(LocalDate.of(2025, 3, 1))).isEqualTo("2026-03-01");
        assertThat(TrainingRules.expiresOn(LocalDate.of(2028, 2, 29))).isEqualTo("2029-02-28");
    }

    @Test
    void missingTrainingIsOverdueOnlyAfterTheOnboardingDueDate() {
        assertThat(TrainingRules.overdue(person(null), List.of(), DUE, DUE)).isEmpty();
        assertThat(TrainingRules.overdue(person(null), List.of(), DUE, DUE.plusDays(1))).hasValueSatisfying(t -> {
            assertThat(t.dueOn()).isEqualTo(DUE);
            assertThat(t.reason()).contains("no security awareness training recorded").contains(DUE.toString());
            assertThat(t.email()).isEqualTo("bo@example.test");
        });
    }

    @Test
    void theLatestCompletionCountsAndIsOverdueTheDayAfterItExpires() {
        List<LocalDate> done = List.of(LocalDate.of(2025, 1, 10), LocalDate.of(2026, 1, 12));
        assertThat(TrainingRules.overdue(person(null), done, DUE, LocalDate.of(2027, 1, 12))).isEmpty();
        assertThat(TrainingRules.overdue(person(null), done, DUE, LocalDate.of(2027, 1, 13))).hasValueSatisfying(t -> {
            assertThat(t.dueOn()).isEqualTo("2027-01-12");
            assertThat(t.reason()).contains("expired on 2027-01-12").contains("last completed 2026-01-12");
        });
    }

    @Test
    void peopleWhoAreNotActiveAreNeverOverdue() {
        LocalDate today = LocalDate.of(2026, 6, 1);
        assertThat(TrainingRules.overdue(person(LocalDate.of(2026, 5, 31)), List.of(), DUE, today)).isEmpty();
        assertThat(TrainingRules.overdue(person(today), List.of(), DUE, today)).isPresent();
        Person future = new Person(UUID.randomUUID(), "new@example.test", "New", null, null, null, today.plusDays(3),
                null, EmploymentType.EMPLOYEE, 0);
        assertThat(TrainingRules.overdue(future, List.of(), today.minusDays(1), today)).isEmpty();
    }
}
