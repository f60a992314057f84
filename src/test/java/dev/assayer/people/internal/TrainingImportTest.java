package dev.assayer.people.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.assayer.people.EmploymentType;
import dev.assayer.people.Person;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrainingImportTest {

    static final LocalDate TODAY = LocalDate.of(2026, 4, 1);
    static final Person ADA = new Person(UUID.randomUUID(), "ada@example.test", "Ada", null, null, null,
            LocalDate.of(2026, 1, 5), null, EmploymentType.EMPLOYEE, 0);
    static final Map<String, Person> ROSTER = Map.of(ADA.email(), ADA);

    @Test
    void createsNewCompletionsAndCountsRecordedOnesAsUnchanged() {
        TrainingImport.Plan plan = TrainingImport.plan("""
                Email,Course Name,Completion Date,Score
                ADA@example.test,Security Awareness 2026,2026-01-10,98
                ada@example.test,Phishing refresher,2026-03-02,100
                """, ROSTER, t -> t.course().equals("Phishing refresher"), TODAY);
        assertThat(plan.creates()).singleElement().satisfies(t -> {
            assertThat(t.personId()).isEqualTo(ADA.id());
            assertThat(t.course()).isEqualTo("Security Awareness 2026");
            assertThat(t.completedOn()).isEqualTo("2026-01-10");
        });
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThat(plan.ignoredColumns()).containsExactly("Score");
    }

    @Test
    void reportsEveryBadLineAndWritesNothing() {
        try {
            TrainingImport.plan("""
                    email,course,completed_on
                    bob@example.test,Security Awareness,2026-01-10
                    ada@example.test,,2026-01-10
                    ada@example.test,Security Awareness,2026-04-02
                    ada@example.test,Security Awareness,10/01/2026
                    ada@example.test,Security Awareness,2026-01-10
                    ada@example.test,security awareness,2026-01-10
                    """, ROSTER, t -> false, TODAY);
        } catch (ApiProblem p) {
            assertThat(p.errors()).extracting(FieldError::line, FieldError::field).containsExactly(
                    tuple(2, "email"), tuple(3, "course"), tuple(4, "completed_on"), tuple(5, "completed_on"),
                    tuple(7, "email"));
            assertThat(p.errors().get(0).message()).contains("not on the roster");
            assertThat(p.errors().get(2).message()).contains("in the future");
            assertThat(p.errors().get(4).message()).contains("line 6");
            return;
        }
        throw new AssertionError("the import was accepted");
    }

    @Test
    void theThreeColumnsAreRequired() {
        try {
            TrainingImport.plan("email,course\n", ROSTER, t -> false, TODAY);
        } catch (ApiProblem p) {
            assertThat(p.errors()).extracting(FieldError::field).containsExactly("completed_on");
            return;
        }
        throw new AssertionError("the import was accepted");
    }
}
