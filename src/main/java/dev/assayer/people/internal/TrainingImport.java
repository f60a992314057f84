package dev.assayer.people.internal;

import dev.assayer.people.Person;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Plans an import of training completions (CSV: email, course, completed_on), all-or-nothing:
 * the e-mail must be on the roster, the course named, the date a past or present ISO date, and a
 * line may not repeat another. A completion already recorded is counted as unchanged.
 */
public final class TrainingImport {

    public static final List<String> COLUMNS = List.of("email", "course", "completed_on");

    static final Map<String, String> ALIASES = aliases();

    /** One completion to record. */
    public record NewTraining(UUID personId, String course, LocalDate completedOn) {
    }

    public record Plan(List<NewTraining> creates, int unchanged, List<String> ignoredColumns) {
    }

    private TrainingImport() {
    }

    /**
     * @param roster people by lower-case e-mail
     * @param recorded whether that completion (person, course, date) is already stored
     */
    public static Plan plan(String csv, Map<String, Person> roster, Predicate<NewTraining> recorded, LocalDate today) {
        Problems problems = new Problems();
        CsvTable table = CsvTable.read(csv, ALIASES, COLUMNS, problems);
        Map<String, Integer> seen = new HashMap<>();
        List<NewTraining> creates = new ArrayList<>();
        int unchanged = 0;
        for (CsvTable.Row row : table.rows()) {
            int line = row.line();
            String email = PersonRules.email(row.get("email"), "email", line, problems);
            Person person = null;
            if (email == null) {
                problems.add("email", "is required", line);
            } else if (!problems.has("email", line)) {
                person = roster.get(email);
                if (person == null) {
                    problems.add("email", "'" + email + "' is not on the roster", line);
                }
            }
            String course = TrainingRules.course(row.get("course"), "course", line, problems);
            LocalDate completed = TrainingRules.completedOn(
                    PersonRules.date(row.get("completed_on"), "completed_on", line, problems), "completed_on", line,
                    today, problems);
            if (person == null || course == null || completed == null) {
                continue;
            }
            String key = person.id() + "|" + course.toLowerCase(java.util.Locale.ROOT) + "|" + completed;
            Integer first = seen.putIfAbsent(key, line);
            if (first != null) {
                problems.add("email", "the same completion is on line " + first, line);
                continue;
            }
            NewTraining t = new NewTraining(person.id(), course, completed);
            if (recorded.test(t)) {
                unchanged++;
            } else {
                creates.add(t);
            }
        }
        problems.throwImportIfAny("CSV");
        return new Plan(creates, unchanged, table.ignoredColumns());
    }

    private static Map<String, String> aliases() {
        Map<String, String> m = new HashMap<>();
        RosterImport.put(m, "email", "email", "e-mail", "email address", "work email", "user email", "learner email",
                "employee email");
        RosterImport.put(m, "course", "course", "course name", "course title", "training", "training name", "module",
                "title");
        RosterImport.put(m, "completed_on", "completed_on", "completed on", "completed", "completion date",
                "date completed", "completed date", "completed at", "date");
        return Map.copyOf(m);
    }
}
