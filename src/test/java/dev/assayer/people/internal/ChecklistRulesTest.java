package dev.assayer.people.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.people.BackgroundCheck;
import dev.assayer.people.BackgroundCheckResult;
import dev.assayer.people.Checklist;
import dev.assayer.people.ChecklistEntry;
import dev.assayer.people.ChecklistItem;
import dev.assayer.people.EmploymentType;
import dev.assayer.people.ItemStatus;
import dev.assayer.people.Person;
import dev.assayer.people.TrainingRecord;
import dev.assayer.people.internal.ChecklistRules.Completion;
import dev.assayer.people.internal.ChecklistRules.Settings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChecklistRulesTest {

    static final Settings SETTINGS = new Settings(30, 1);
    static final LocalDate START = LocalDate.of(2026, 1, 5);
    static final LocalDate END = LocalDate.of(2026, 6, 30);

    static Person person(LocalDate start, LocalDate end) {
        return new Person(UUID.randomUUID(), "ada@example.test", "Ada", "Engineer", "R&D", null, start, end,
                EmploymentType.EMPLOYEE, 0);
    }

    static Completion done(LocalDate on) {
        return new Completion(on, "IT-42", "Admin <admin@example.test>", Instant.parse("2026-07-01T10:00:00Z"));
    }

    static ChecklistEntry item(Checklist c, ChecklistItem item) {
        return java.util.stream.Stream.concat(c.onboarding().stream(), c.offboarding().stream())
                .filter(e -> e.item() == item).findFirst().orElseThrow();
    }

    @Test
    void onboardingItemsAreDueTheConfiguredDaysAfterTheStart() {
        Checklist c = ChecklistRules.checklist(person(START, null), Map.of(), List.of(), List.of(), SETTINGS, START);
        assertThat(c.onboardingDue()).isEqualTo("2026-02-04");
        assertThat(c.onboarding()).extracting(ChecklistEntry::item).containsExactly(ChecklistItem.POLICY_ACKNOWLEDGEMENT,
                ChecklistItem.SECURITY_TRAINING, ChecklistItem.BACKGROUND_CHECK, ChecklistItem.ACCESS_PROVISIONED);
        assertThat(c.onboarding()).allSatisfy(e -> {
            assertThat(e.dueOn()).isEqualTo("2026-02-04");
            assertThat(e.status()).isEqualTo(ItemStatus.OPEN);
        });
        assertThat(ChecklistRules.checklist(person(START, null), Map.of(), List.of(), List.of(), new Settings(10, 1), START)
                .onboardingDue()).isEqualTo("2026-01-15");
    }

    @Test
    void withoutAnEndDateThereIsNoOffboardingChecklist() {
        Checklist c = ChecklistRules.checklist(person(START, null), Map.of(), List.of(), List.of(), SETTINGS, START);
        assertThat(c.offboarding()).isEmpty();
        assertThat(c.revocationDue()).isNull();
    }

    @Test
    void anOpenItemIsOverdueOnlyAfterItsDueDayWithTheDaysCounted() {
        Person p = person(START, null);
        assertThat(item(ChecklistRules.checklist(p, Map.of(), List.of(), List.of(), SETTINGS, LocalDate.of(2026, 2, 4)),
                ChecklistItem.ACCESS_PROVISIONED).status()).isEqualTo(ItemStatus.OPEN);
        ChecklistEntry late = item(ChecklistRules.checklist(p, Map.of(), List.of(), List.of(), SETTINGS,
                LocalDate.of(2026, 2, 7)), ChecklistItem.ACCESS_PROVISIONED);
        assertThat(late.status()).isEqualTo(ItemStatus.OVERDUE);
        assertThat(late.daysLate()).isEqualTo(3);
        assertThat(late.flag()).isNull();
    }

    @Test
    void aCompletionOnOrBeforeTheDueDayIsDoneAfterItDoneLate() {
        Person p = person(START, null);
        LocalDate today = LocalDate.of(2026, 3, 1);
        ChecklistEntry onTime = item(ChecklistRules.checklist(p,
                Map.of(ChecklistItem.POLICY_ACKNOWLEDGEMENT, done(LocalDate.of(2026, 2, 4))), List.of(), List.of(), SETTINGS,
                today), ChecklistItem.POLICY_ACKNOWLEDGEMENT);
        assertThat(onTime.status()).isEqualTo(ItemStatus.DONE);
        assertThat(onTime.daysLate()).isNull();
        assertThat(onTime.recordedBy()).isEqualTo("Admin <admin@example.test>");
        assertThat(onTime.reference()).isEqualTo("IT-42");
        assertThat(onTime.derivedFrom()).isNull();
        ChecklistEntry late = item(ChecklistRules.checklist(p,
                Map.of(ChecklistItem.POLICY_ACKNOWLEDGEMENT, done(LocalDate.of(2026, 2, 10))), List.of(), List.of(), SETTINGS,
                today), ChecklistItem.POLICY_ACKNOWLEDGEMENT);
        assertThat(late.status()).isEqualTo(ItemStatus.DONE_LATE);
        assertThat(late.daysLate()).isEqualTo(6);
    }

    @Test
    void accessRevocationIsDueAfterTheGraceDaysAndALaterOneIsFlaggedWithItsDays() {
        Person p = person(START, END);
        LocalDate today = LocalDate.of(2026, 8, 1);
        Checklist open = ChecklistRules.checklist(p, Map.of(), List.of(), List.of(), SETTINGS, today);
        assertThat(open.revocationDue()).isEqualTo("2026-07-01");
        assertThat(item(open, ChecklistItem.EQUIPMENT_RETURNED).dueOn()).isEqualTo(END);
        ChecklistEntry overdue = item(open, ChecklistItem.ACCESS_REVOKED);
        assertThat(overdue.status()).isEqualTo(ItemStatus.OVERDUE);
        assertThat(overdue.daysLate()).isEqualTo(31);
        assertThat(overdue.flag()).isEqualTo("Access revocation overdue by 31 days (due 2026-07-01)");

        Checklist onTime = ChecklistRules.checklist(p, Map.of(ChecklistItem.ACCESS_REVOKED, done(LocalDate.of(2026, 7, 1))),
                List.of(), List.of(), SETTINGS, today);
        assertThat(item(onTime, ChecklistItem.ACCESS_REVOKED).status()).isEqualTo(ItemStatus.DONE);
        assertThat(item(onTime, ChecklistItem.ACCESS_REVOKED).flag()).isNull();
        assertThat(ChecklistRules.lateRevocation(p, onTime)).isEmpty();

        Checklist late = ChecklistRules.checklist(p, Map.of(ChecklistItem.ACCESS_REVOKED, done(LocalDate.of(2026, 7, 4))),
                List.of(), List.of(), SETTINGS, today);
        ChecklistEntry revoked = item(late, ChecklistItem.ACCESS_REVOKED);
        assertThat(revoked.status()).isEqualTo(ItemStatus.DONE_LATE);
        assertThat(revoked.daysLate()).isEqualTo(3);
        assertThat(revoked.flag()).startsWith("Late revocation: access revoked 3 days after the due date 2026-07-01");
        assertThat(ChecklistRules.lateRevocation(p, late)).hasValueSatisfying(r -> {
            assertThat(r.daysLate()).isEqualTo(3);
            assertThat(r.revokedOn()).isEqualTo("2026-07-04");
            assertThat(r.dueOn()).isEqualTo("2026-07-01");
        });
        assertThat(ChecklistRules.flags(late)).first().asString().startsWith("Late revocation");
    }

    @Test
    void graceDaysComeFromTheSettings() {
        Person p = person(START, END);
        Checklist none = ChecklistRules.checklist(p, Map.of(ChecklistItem.ACCESS_REVOKED, done(LocalDate.of(2026, 7, 1))),
                List.of(), List.of(), new Settings(30, 0), LocalDate.of(2026, 8, 1));
        assertThat(item(none, ChecklistItem.ACCESS_REVOKED).flag()).contains("1 day after");
        Checklist week = ChecklistRules.checklist(p, Map.of(ChecklistItem.ACCESS_REVOKED, done(LocalDate.of(2026, 7, 1))),
                List.of(), List.of(), new Settings(30, 7), LocalDate.of(2026, 8, 1));
        assertThat(item(week, ChecklistItem.ACCESS_REVOKED).status()).isEqualTo(ItemStatus.DONE);
    }

    @Test
    void trainingIsDerivedFromTheEarliestRecordInTheWindow() {
        Person p = person(START, null);
        TrainingRecord tooEarly = training(p, LocalDate.of(2025, 11, 1));
        TrainingRecord preboarding = training(p, LocalDate.of(2025, 12, 20));
        TrainingRecord later = training(p, LocalDate.of(2026, 1, 20));
        ChecklistEntry e = item(ChecklistRules.checklist(p, Map.of(), List.of(later, tooEarly, preboarding), List.of(),
                SETTINGS, LocalDate.of(2026, 3, 1)), ChecklistItem.SECURITY_TRAINING);
        assertThat(e.status()).isEqualTo(ItemStatus.DONE);
        assertThat(e.completedOn()).isEqualTo("2025-12-20");
        assertThat(e.derivedFrom()).contains("Security basics").contains("2025-12-20");
        assertThat(e.recordedBy()).isNull();
        ChecklistEntry onlyOld = item(ChecklistRules.checklist(p, Map.of(), List.of(tooEarly), List.of(), SETTINGS,
                LocalDate.of(2026, 3, 1)), ChecklistItem.SECURITY_TRAINING);
        assertThat(onlyOld.status()).isEqualTo(ItemStatus.OVERDUE);
        ChecklistEntry late = item(ChecklistRules.checklist(p, Map.of(), List.of(training(p, LocalDate.of(2026, 2, 14))),
                List.of(), SETTINGS, LocalDate.of(2026, 3, 1)), ChecklistItem.SECURITY_TRAINING);
        assertThat(late.status()).isEqualTo(ItemStatus.DONE_LATE);
        assertThat(late.daysLate()).isEqualTo(10);
    }

    @Test
    void aRecordedCompletionWinsOverADerivedOne() {
        Person p = person(START, null);
        ChecklistEntry e = item(ChecklistRules.checklist(p,
                Map.of(ChecklistItem.SECURITY_TRAINING, done(LocalDate.of(2026, 1, 10))),
                List.of(training(p, LocalDate.of(2026, 1, 6))), List.of(), SETTINGS, LocalDate.of(2026, 3, 1)),
                ChecklistItem.SECURITY_TRAINING);
        assertThat(e.completedOn()).isEqualTo("2026-01-10");
        assertThat(e.derivedFrom()).isNull();
    }

    @Test
    void backgroundCheckIsDoneByACheckThatWasCarriedOutWhateverItsResult() {
        Person p = person(START, null);
        LocalDate today = LocalDate.of(2026, 3, 1);
        BackgroundCheck notDone = check(p, LocalDate.of(2025, 12, 1), BackgroundCheckResult.NOT_COMPLETED);
        assertThat(item(ChecklistRules.checklist(p, Map.of(), List.of(), List.of(notDone), SETTINGS, today),
                ChecklistItem.BACKGROUND_CHECK).status()).isEqualTo(ItemStatus.OVERDUE);
        BackgroundCheck consider = check(p, LocalDate.of(2025, 12, 15), BackgroundCheckResult.CONSIDER);
        ChecklistEntry e = item(ChecklistRules.checklist(p, Map.of(), List.of(), List.of(notDone, consider), SETTINGS,
                today), ChecklistItem.BACKGROUND_CHECK);
        assertThat(e.status()).isEqualTo(ItemStatus.DONE);
        assertThat(e.completedOn()).isEqualTo("2025-12-15");
        assertThat(e.derivedFrom()).contains("Checkr Ltd");
    }

    static TrainingRecord training(Person p, LocalDate on) {
        return new TrainingRecord(UUID.randomUUID(), p.id(), "Security basics", on, TrainingRules.expiresOn(on), "x",
                Instant.EPOCH);
    }

    static BackgroundCheck check(Person p, LocalDate on, BackgroundCheckResult r) {
        return new BackgroundCheck(UUID.randomUUID(), p.id(), on, r, "Checkr Ltd", "x", Instant.EPOCH);
    }
}
