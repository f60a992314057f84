package dev.assayer.people.internal;

import dev.assayer.people.EmploymentType;
import dev.assayer.people.Person;
import dev.assayer.people.PersonDraft;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validation of roster entries, shared by the API, the forms and the CSV import. Each check names
 * the field as the caller knows it ({@link Names#API} for JSON and forms, {@link Names#CSV} for
 * files) and, for files, the line.
 */
public final class PersonRules {

    static final int TEXT = 200;
    static final int EMAIL = 320;
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** What each field is called. */
    public record Names(String name, String email, String title, String department, String manager, String start,
            String end, String type) {
        public static final Names API = new Names("name", "email", "jobTitle", "department", "managerEmail",
                "startDate", "endDate", "employmentType");
        public static final Names CSV = new Names("name", "email", "title", "department", "manager_email",
                "start_date", "end_date", "employment_type");
    }

    /** Words HR systems use for the employment types, normalized like headers (letters and digits only). */
    private static final Map<String, EmploymentType> TYPE_WORDS = Map.ofEntries(
            Map.entry("employee", EmploymentType.EMPLOYEE), Map.entry("fulltime", EmploymentType.EMPLOYEE),
            Map.entry("parttime", EmploymentType.EMPLOYEE), Map.entry("permanent", EmploymentType.EMPLOYEE),
            Map.entry("regular", EmploymentType.EMPLOYEE), Map.entry("staff", EmploymentType.EMPLOYEE),
            Map.entry("contractor", EmploymentType.CONTRACTOR), Map.entry("contract", EmploymentType.CONTRACTOR),
            Map.entry("consultant", EmploymentType.CONTRACTOR), Map.entry("freelancer", EmploymentType.CONTRACTOR),
            Map.entry("intern", EmploymentType.INTERN), Map.entry("internship", EmploymentType.INTERN),
            Map.entry("temporary", EmploymentType.TEMPORARY), Map.entry("temp", EmploymentType.TEMPORARY),
            Map.entry("seasonal", EmploymentType.TEMPORARY));

    private PersonRules() {
    }

    /** An ISO date, or null when blank; a bad one is a problem of {@code field}. */
    public static LocalDate date(String text, String field, Integer line, Problems problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(field, "'" + text.strip() + "' is not a date; use YYYY-MM-DD, e.g. 2026-01-31", line);
            return null;
        }
    }

    /** An employment type by its name or a common HR word for it, or null when blank. */
    public static EmploymentType type(String text, String field, Integer line, Problems problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        EmploymentType t = TYPE_WORDS.get(CsvTable.normalize(text));
        if (t == null) {
            problems.add(field, "'" + text.strip() + "' is not an employment type (one of employee, contractor, "
                    + "intern, temporary)", line);
        }
        return t;
    }

    /** A lower-case e-mail address, or null when blank; a malformed one is a problem of {@code field}. */
    public static String email(String text, String field, Integer line, Problems problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String e = text.strip().toLowerCase(Locale.ROOT);
        if (e.length() > EMAIL) {
            problems.add(field, "at most " + EMAIL + " characters (got " + e.length() + ")", line);
        } else if (!EMAIL_SHAPE.matcher(e).matches()) {
            problems.add(field, "'" + text.strip() + "' is not an e-mail address", line);
        }
        return e;
    }

    /**
     * Checks a draft and returns it normalized (trimmed, e-mails lower case, employment type
     * defaulted to EMPLOYEE). Whether the manager is on the roster is the caller's check.
     */
    public static PersonDraft check(PersonDraft d, Names n, Integer line, Problems problems) {
        String name = text(d.name(), n.name(), line, true, problems);
        String email = d.email() == null || d.email().isBlank() ? null
                : problems.has(n.email(), line) ? d.email().strip().toLowerCase(Locale.ROOT)
                : email(d.email(), n.email(), line, problems);
        if (email == null && !problems.has(n.email(), line)) {
            problems.add(n.email(), "is required", line);
        }
        String title = text(d.jobTitle(), n.title(), line, false, problems);
        String department = text(d.department(), n.department(), line, false, problems);
        String manager = d.managerEmail() == null || d.managerEmail().isBlank() ? null
                : email(d.managerEmail(), n.manager(), line, problems);
        if (manager != null && manager.equals(email) && !problems.has(n.manager(), line)) {
            problems.add(n.manager(), "a person cannot be their own manager", line);
        }
        if (d.startDate() == null && !problems.has(n.start(), line)) {
            problems.add(n.start(), "is required", line);
        }
        if (d.startDate() != null && d.endDate() != null && d.endDate().isBefore(d.startDate())) {
            problems.add(n.end(), "the end date " + d.endDate() + " is before the start date " + d.startDate(), line);
        }
        EmploymentType type = d.employmentType() == null ? EmploymentType.EMPLOYEE : d.employmentType();
        return new PersonDraft(name, email, title, department, manager, d.startDate(), d.endDate(), type);
    }

    /** Whether the stored person already says exactly what the (normalized) draft says. */
    public static boolean same(Person p, PersonDraft d) {
        return Objects.equals(p.name(), d.name()) && Objects.equals(p.email(), d.email())
                && Objects.equals(p.jobTitle(), d.jobTitle()) && Objects.equals(p.department(), d.department())
                && Objects.equals(p.managerEmail(), d.managerEmail()) && Objects.equals(p.startDate(), d.startDate())
                && Objects.equals(p.endDate(), d.endDate()) && p.employmentType() == d.employmentType();
    }

    private static String text(String value, String field, Integer line, boolean required, Problems problems) {
        String t = value == null ? null : value.strip();
        if (t == null || t.isEmpty()) {
            if (required) {
                problems.add(field, "is required", line);
            }
            return null;
        }
        if (t.length() > TEXT) {
            problems.add(field, "at most " + TEXT + " characters (got " + t.length() + ")", line);
        }
        return t;
    }
}
