package dev.assayer.people.internal;

import dev.assayer.people.Person;
import dev.assayer.people.PopulationKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What each population holds: its columns (the first is the row key the sampler uses), how its
 * rows are chosen and ordered (stated in words for the completeness-and-accuracy record), and the
 * rows themselves.
 */
public final class Populations {

    public static final String SOURCE = "Assayer people roster";

    static final List<String> PERSON_COLUMNS = List.of("email", "name", "title", "department", "manager_email",
            "start_date", "end_date", "employment_type");
    static final List<String> TRAINING_COLUMNS = List.of("training_id", "email", "name", "course", "completed_on",
            "expires_on");

    /** A training completion with its person, as the population lists it. */
    public record TrainingRow(UUID id, String email, String name, String course, LocalDate completedOn) {
    }

    private Populations() {
    }

    public static List<String> columns(PopulationKind kind) {
        return kind == PopulationKind.TRAINING_COMPLETIONS ? TRAINING_COLUMNS : PERSON_COLUMNS;
    }

    /** The selection in words, with the period (both days included). */
    public static String filter(PopulationKind kind, LocalDate from, LocalDate to) {
        return switch (kind) {
            case NEW_HIRES -> "people whose start_date is from " + from + " to " + to
                    + " (both included), every employment type; ordered by start_date, email";
            case TERMINATIONS -> "people whose end_date is from " + from + " to " + to
                    + " (both included), every employment type; ordered by end_date, email";
            case TRAINING_COMPLETIONS -> "security awareness training records whose completed_on is from " + from
                    + " to " + to + " (both included), every course; ordered by completed_on, email, course";
        };
    }

    public static List<Map<String, String>> personRows(List<Person> people) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Person p : people) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("email", p.email());
            r.put("name", p.name());
            r.put("title", p.jobTitle());
            r.put("department", p.department());
            r.put("manager_email", p.managerEmail());
            r.put("start_date", p.startDate().toString());
            r.put("end_date", p.endDate() == null ? null : p.endDate().toString());
            r.put("employment_type", p.employmentType().name());
            rows.add(r);
        }
        return rows;
    }

    public static List<Map<String, String>> trainingRows(List<TrainingRow> training) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (TrainingRow t : training) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("training_id", t.id().toString());
            r.put("email", t.email());
            r.put("name", t.name());
            r.put("course", t.course());
            r.put("completed_on", t.completedOn().toString());
            r.put("expires_on", TrainingRules.expiresOn(t.completedOn()).toString());
            rows.add(r);
        }
        return rows;
    }
}
