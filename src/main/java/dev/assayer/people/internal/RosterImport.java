package dev.assayer.people.internal;

import dev.assayer.people.EmploymentType;
import dev.assayer.people.Person;
import dev.assayer.people.PersonDraft;
import dev.assayer.people.internal.PersonRules.Names;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a roster import from an HR export (CSV with a header row): every line is checked against
 * the roster and the rest of the file before anything is written. People are matched by e-mail
 * (upsert); a column missing from the file keeps the stored value of existing people.
 */
public final class RosterImport {

    /** The canonical columns, in the documented order. */
    public static final List<String> COLUMNS = List.of("name", "email", "title", "department", "manager_email",
            "start_date", "end_date", "employment_type");

    /** Header aliases (normalized: lower case, letters and digits only) → canonical column. */
    static final Map<String, String> ALIASES = aliases();

    /** One person to change: the stored entry and what it becomes. */
    public record Update(Person before, PersonDraft after) {
    }

    /** What the import will do; nothing is written until the whole file is valid. */
    public record Plan(List<PersonDraft> creates, List<Update> updates, int unchanged, List<String> ignoredColumns) {
    }

    private RosterImport() {
    }

    /**
     * Checks the whole file and returns the plan, or throws one 400 problem listing every bad line
     * and field: bad dates, end before start, bad employment type, a duplicate e-mail in the file, a
     * manager who is neither on the roster nor in the file.
     *
     * @param roster the organization's people by (lower-case) e-mail
     */
    public static Plan plan(String csv, Map<String, Person> roster) {
        Problems problems = new Problems();
        CsvTable table = CsvTable.read(csv, ALIASES, List.of("name", "email", "start_date"), problems);
        Names n = Names.CSV;
        Map<String, Integer> firstLine = new HashMap<>();
        Map<Integer, PersonDraft> drafts = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows()) {
            int line = row.line();
            String email = PersonRules.email(row.get("email"), n.email(), line, problems);
            if (email != null && !problems.has(n.email(), line)) {
                Integer seen = firstLine.putIfAbsent(email, line);
                if (seen != null) {
                    problems.add(n.email(), "duplicate e-mail '" + email + "': also on line " + seen, line);
                }
            }
            Person existing = email == null ? null : roster.get(email);
            String manager = row.has("manager_email") ? row.get("manager_email")
                    : existing == null ? null : existing.managerEmail();
            LocalDate start = row.has("start_date") ? PersonRules.date(row.get("start_date"), n.start(), line, problems)
                    : existing == null ? null : existing.startDate();
            LocalDate end = row.has("end_date") ? PersonRules.date(row.get("end_date"), n.end(), line, problems)
                    : existing == null ? null : existing.endDate();
            EmploymentType type = row.has("employment_type")
                    ? PersonRules.type(row.get("employment_type"), n.type(), line, problems)
                    : existing == null ? null : existing.employmentType();
            PersonDraft raw = new PersonDraft(row.get("name"), email,
                    row.has("title") ? row.get("title") : existing == null ? null : existing.jobTitle(),
                    row.has("department") ? row.get("department") : existing == null ? null : existing.department(),
                    manager, start, end, type);
            drafts.put(line, PersonRules.check(raw, n, line, problems));
        }
        Set<String> known = new HashSet<>(roster.keySet());
        known.addAll(firstLine.keySet());
        drafts.forEach((line, d) -> {
            if (d.managerEmail() != null && !problems.has(n.manager(), line) && !known.contains(d.managerEmail())) {
                problems.add(n.manager(), "'" + d.managerEmail() + "' is neither on the roster nor in this file", line);
            }
        });
        problems.throwImportIfAny("CSV");
        List<PersonDraft> creates = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        int unchanged = 0;
        for (PersonDraft d : drafts.values()) {
            Person existing = roster.get(d.email());
            if (existing == null) {
                creates.add(d);
            } else if (PersonRules.same(existing, d)) {
                unchanged++;
            } else {
                updates.add(new Update(existing, d));
            }
        }
        return new Plan(creates, updates, unchanged, table.ignoredColumns());
    }

    private static Map<String, String> aliases() {
        Map<String, String> m = new HashMap<>();
        put(m, "name", "name", "full name", "employee name", "display name", "legal name", "preferred name");
        put(m, "email", "email", "e-mail", "email address", "work email", "work e-mail", "business email",
                "company email", "mail");
        put(m, "title", "title", "job title", "role", "position", "job", "job role");
        put(m, "department", "department", "dept", "team", "division", "org unit", "organization unit");
        put(m, "manager_email", "manager_email", "manager email", "manager e-mail", "manager", "manager work email",
                "supervisor email", "supervisor", "reports to", "line manager");
        put(m, "start_date", "start_date", "start date", "start", "hire date", "date of hire", "hired on",
                "started on", "employment start", "first day");
        put(m, "end_date", "end_date", "end date", "end", "termination date", "term date", "terminated on",
                "last day", "leave date", "leaving date", "employment end");
        put(m, "employment_type", "employment_type", "employment type", "type", "worker type", "employee type",
                "contract type");
        return Map.copyOf(m);
    }

    static void put(Map<String, String> m, String column, String... names) {
        for (String name : names) {
            m.put(CsvTable.normalize(name), column);
        }
    }
}
