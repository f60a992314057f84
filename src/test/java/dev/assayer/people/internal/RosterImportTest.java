package dev.assayer.people.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.people.EmploymentType;
import dev.assayer.people.Person;
import dev.assayer.people.PersonDraft;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RosterImportTest {

    static final Person GRACE = new Person(UUID.randomUUID(), "grace@example.test", "Grace Hopper", "CTO", "R&D", null,
            LocalDate.of(2020, 1, 1), null, EmploymentType.EMPLOYEE, 3);

    static List<FieldError> errors(String csv, Map<String, Person> roster) {
        try {
            RosterImport.plan(csv, roster);
        } catch (ApiProblem p) {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.getMessage()).endsWith("nothing was imported");
            return p.errors();
        }
        throw new AssertionError("the import was accepted");
    }

    @Test
    void readsTheDocumentedColumnsAndPlansCreatesUpdatesAndUnchanged() {
        String csv = """
                name,email,title,department,manager_email,start_date,end_date,employment_type
                Ada Lovelace,ADA@example.test,Engineer,R&D,grace@example.test,2026-01-05,,employee
                Grace Hopper,grace@example.test,CTO,R&D,,2020-01-01,,EMPLOYEE
                Linus T,linus@example.test,Intern,R&D,ada@example.test,2026-02-01,2026-05-31,Intern
                """;
        Person changed = new Person(UUID.randomUUID(), "linus@example.test", "Linus", null, null, null,
                LocalDate.of(2026, 2, 1), null, EmploymentType.INTERN, 0);
        RosterImport.Plan plan = RosterImport.plan(csv, Map.of(GRACE.email(), GRACE, changed.email(), changed));
        assertThat(plan.creates()).singleElement().satisfies(d -> {
            assertThat(d.email()).isEqualTo("ada@example.test");
            assertThat(d.managerEmail()).isEqualTo("grace@example.test");
            assertThat(d.startDate()).isEqualTo("2026-01-05");
            assertThat(d.endDate()).isNull();
            assertThat(d.employmentType()).isEqualTo(EmploymentType.EMPLOYEE);
        });
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThat(plan.updates()).singleElement().satisfies(u -> {
            assertThat(u.before()).isEqualTo(changed);
            assertThat(u.after().endDate()).isEqualTo("2026-05-31");
            assertThat(u.after().managerEmail()).isEqualTo("ada@example.test");
        });
        assertThat(plan.ignoredColumns()).isEmpty();
    }

    @Test
    void headerAliasesAreMatchedIgnoringCaseAndPunctuationAndUnknownColumnsAreIgnored() {
        String csv = """
                Employee ID,Full Name,Work E-mail,Job Title,Dept,Manager Email,Hire Date,Termination Date,Worker Type
                17,Ada Lovelace,ada@example.test,Engineer,R&D,,2026-01-05,,Full-time
                18,Bob Smith,bob@example.test,,,,2026-01-06,,contract
                """;
        RosterImport.Plan plan = RosterImport.plan(csv, Map.of());
        assertThat(plan.ignoredColumns()).containsExactly("Employee ID");
        assertThat(plan.creates()).extracting(PersonDraft::name, PersonDraft::jobTitle, PersonDraft::department,
                        PersonDraft::employmentType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Ada Lovelace", "Engineer", "R&D", EmploymentType.EMPLOYEE),
                        org.assertj.core.groups.Tuple.tuple("Bob Smith", null, null, EmploymentType.CONTRACTOR));
    }

    @Test
    void aColumnLeftOutKeepsTheStoredValueOfAnExistingPerson() {
        RosterImport.Plan plan = RosterImport.plan("""
                email,name,start_date,end_date
                grace@example.test,Grace Hopper,2020-01-01,2026-03-31
                """, Map.of(GRACE.email(), GRACE));
        assertThat(plan.updates()).singleElement().satisfies(u -> {
            assertThat(u.after().jobTitle()).isEqualTo("CTO");
            assertThat(u.after().department()).isEqualTo("R&D");
            assertThat(u.after().endDate()).isEqualTo("2026-03-31");
        });
    }

    @Test
    void everyBadLineAndFieldIsReportedTogether() {
        String csv = """
                name,email,title,department,manager_email,start_date,end_date,employment_type
                Ada,ada@example.test,,,,2026-13-01,,employee
                Bob,bob@example.test,,,nobody@example.test,2026-01-01,,employee

                Cy,cy@example.test,,,,2026-02-01,2026-01-31,employee
                ,ada@example.test,,,,2026-01-01,,volunteer
                Dee,not-an-email,,,dee@example.test,2026-01-01,,
                Eve,eve@example.test,,,eve@example.test,,,
                """;
        List<FieldError> errors = errors(csv, Map.of());
        assertThat(errors).extracting(FieldError::line, FieldError::field).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(2, "start_date"),
                org.assertj.core.groups.Tuple.tuple(3, "manager_email"),
                org.assertj.core.groups.Tuple.tuple(5, "end_date"),
                org.assertj.core.groups.Tuple.tuple(6, "email"),
                org.assertj.core.groups.Tuple.tuple(6, "employment_type"),
                org.assertj.core.groups.Tuple.tuple(6, "name"),
                org.assertj.core.groups.Tuple.tuple(7, "email"),
                org.assertj.core.groups.Tuple.tuple(7, "manager_email"),
                org.assertj.core.groups.Tuple.tuple(8, "manager_email"),
                org.assertj.core.groups.Tuple.tuple(8, "start_date"));
        assertThat(errors).filteredOn(e -> e.line() == 6 && e.field().equals("email")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("also on line 2"));
        assertThat(errors).filteredOn(e -> e.line() == 3).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("neither on the roster nor in this file"));
        assertThat(errors).filteredOn(e -> e.line() == 5).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("before the start date"));
        assertThat(errors).filteredOn(e -> e.line() == 2).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'2026-13-01' is not a date"));
        assertThat(errors).filteredOn(e -> e.line() == 8 && e.field().equals("manager_email")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("own manager"));
    }

    @Test
    void aManagerLaterInTheFileOrOnTheRosterIsKnown() {
        RosterImport.Plan plan = RosterImport.plan("""
                name,email,manager_email,start_date
                Ada,ada@example.test,zed@example.test,2026-01-01
                Bob,bob@example.test,GRACE@example.test,2026-01-01
                Zed,zed@example.test,,2026-01-01
                """, Map.of(GRACE.email(), GRACE));
        assertThat(plan.creates()).hasSize(3);
    }

    @Test
    void headerProblemsStopTheImportAtLineOne() {
        assertThat(errors("email,title\na@example.test,x\n", Map.of()))
                .extracting(FieldError::field).containsExactly("name", "start_date");
        assertThat(errors("name,Full Name,email,start_date\n", Map.of())).singleElement()
                .satisfies(e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.field()).isEqualTo("name");
                });
        assertThat(errors("", Map.of())).singleElement().satisfies(e -> assertThat(e.message()).contains("empty"));
    }

    @Test
    void linesAreCountedPhysicallyAcrossQuotedLineBreaksAndExtraValuesAreReported() {
        List<FieldError> errors = errors("""
                name,email,start_date,title
                "Ada
                Lovelace",ada@example.test,2026-01-01,"Engineer, senior"
                Bob,bob@example.test,yesterday,
                Cy,cy@example.test,2026-01-01,x,extra
                """, Map.of());
        assertThat(errors).extracting(FieldError::line, FieldError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4, "start_date"), org.assertj.core.groups.Tuple.tuple(5, null));
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreAccepted() {
        RosterImport.Plan plan = RosterImport.plan("\uFEFFname,email,start_date\r\nAda,ada@example.test,2026-01-01\r\n",
                Map.of());
        assertThat(plan.creates()).extracting(PersonDraft::email).containsExactly("ada@example.test");
    }

    @Test
    void theDetailNamesTheFirstProblemAndHowManyMore() {
        assertThatThrownBy(() -> RosterImport.plan("name,email,start_date\n,a@example.test,x\n", Map.of()))
                .isInstanceOf(ApiProblem.class)
                .hasMessageStartingWith("CSV line 2, field 'start_date': 'x' is not a date")
                .hasMessageContaining("(and 1 more problem); nothing was imported");
    }
}
