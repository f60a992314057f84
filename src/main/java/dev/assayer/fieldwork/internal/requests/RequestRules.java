package dev.assayer.fieldwork.internal.requests;

import dev.assayer.fieldwork.RequestDraft;
import dev.assayer.fieldwork.RequestStatus;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules of the request list, with no Spring and no SQL: the status workflow, refs, due and
 * overdue, and the validation of a request (from a form, JSON or a CSV line). Lookups into the
 * catalog, the controls and the client's members come in through {@link Lookups}.
 */
public final class RequestRules {

    /** A request waiting for the client is "due soon" when due within this many days. */
    public static final int DUE_SOON_DAYS = 7;
    public static final int TITLE_MAX = 200;
    public static final int TEXT_MAX = 4000;
    public static final int MAX_ITEMS = 100;
    public static final int MAX_EVIDENCE = 50;
    public static final String REF_PREFIX = "PBC-";

    private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,39}");
    private static final Pattern AUTO_REF = Pattern.compile("PBC-(\\d{1,9})", Pattern.CASE_INSENSITIVE);

    private RequestRules() {
    }

    /** Which side of the audit acts. */
    public enum Side { CLIENT, AUDITOR }

    /** What moves a request from one status to the next. */
    public enum Action { SUBMIT, ACCEPT, FLAG }

    // ------------------------------------------------------------------------------ workflow

    /**
     * The status after {@code action}: SUBMIT takes OPEN to SUBMITTED and FLAGGED to RESUBMITTED;
     * ACCEPT and FLAG take SUBMITTED or RESUBMITTED to ACCEPTED or FLAGGED. Anything else is a
     * 409 that says what the request waits for.
     */
    public static RequestStatus next(String ref, RequestStatus from, Action action) {
        switch (action) {
            case SUBMIT -> {
                if (from == RequestStatus.OPEN) {
                    return RequestStatus.SUBMITTED;
                }
                if (from == RequestStatus.FLAGGED) {
                    return RequestStatus.RESUBMITTED;
                }
                throw ApiProblem.conflict("Request " + ref + " is " + lower(from) + ": only an open or flagged request"
                        + " can be submitted (" + why(from) + ")");
            }
            case ACCEPT, FLAG -> {
                if (from.awaitingAuditor()) {
                    return action == Action.ACCEPT ? RequestStatus.ACCEPTED : RequestStatus.FLAGGED;
                }
                throw ApiProblem.conflict("Request " + ref + " is " + lower(from) + ": only a submitted or resubmitted"
                        + " request can be " + (action == Action.ACCEPT ? "accepted" : "flagged") + " (" + why(from) + ")");
            }
            default -> throw new IllegalArgumentException(String.valueOf(action));
        }
    }

    /** The auditor edits a request only while it waits for the client (OPEN or FLAGGED); 409 otherwise. */
    public static void requireEditable(String ref, RequestStatus status) {
        if (!status.awaitingClient()) {
            throw ApiProblem.conflict("Request " + ref + " is " + lower(status) + ": it can be edited only while open"
                    + " or flagged (" + why(status) + ")");
        }
    }

    private static String why(RequestStatus s) {
        return switch (s) {
            case OPEN -> "it waits for the client's answer";
            case FLAGGED -> "it waits for the client's new answer";
            case SUBMITTED, RESUBMITTED -> "the client's answer waits for the auditor's review";
            case ACCEPTED -> "it was accepted, which is final";
        };
    }

    private static String lower(RequestStatus s) {
        return s.label().toLowerCase(Locale.ROOT);
    }

    /** Overdue: due before {@code today} and not accepted. */
    public static boolean overdue(RequestStatus status, LocalDate due, LocalDate today) {
        return due != null && due.isBefore(today) && status != RequestStatus.ACCEPTED;
    }

    /** Due soon: waiting for the client and due from today through {@value #DUE_SOON_DAYS} days ahead. */
    public static boolean dueSoon(RequestStatus status, LocalDate due, LocalDate today) {
        return due != null && status.awaitingClient() && !due.isBefore(today)
                && !due.isAfter(today.plusDays(DUE_SOON_DAYS));
    }

    /** Days from one period end to the next (negative when the target ends earlier). */
    public static long shiftDays(LocalDate fromEnd, LocalDate toEnd) {
        return ChronoUnit.DAYS.between(fromEnd, toEnd);
    }

    // ------------------------------------------------------------------------------ refs

    /** The next automatic ref: PBC- and one more than the highest PBC-number in use, at least three digits. */
    public static String nextRef(Collection<String> refs) {
        long max = 0;
        for (String r : refs) {
            Matcher m = r == null ? null : AUTO_REF.matcher(r.strip());
            if (m != null && m.matches()) {
                max = Math.max(max, Long.parseLong(m.group(1)));
            }
        }
        return REF_PREFIX + String.format(Locale.ROOT, "%03d", max + 1);
    }

    /** The key refs are unique by (case-insensitive). */
    public static String refKey(String ref) {
        return ref.strip().toUpperCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------ validation

    /** The names fields have in a JSON body or form ({@link #API}) and in a CSV file ({@link #CSV}). */
    public record Fields(String ref, String title, String description, String criteria, String controls,
            String ownerId, String ownerEmail, String dueDate) {

        public static final Fields API = new Fields("ref", "title", "description", "criteria", "controls", "ownerId",
                "ownerEmail", "dueDate");
        public static final Fields CSV = new Fields("ref", "title", "description", "criteria", "controls",
                "owner_email", "owner_email", "due_date");
    }

    /** A member of the client as an owner candidate; {@code canRespond}: their role may answer requests. */
    public record Owner(UUID id, String name, String email, String roleLabel, boolean canRespond) {
    }

    /** What validation needs to know about the client and the engagement. */
    public interface Lookups {

        /** The client's name, for messages. */
        String clientName();

        /** "SOC 2 criterion" or "SOC 1 control objective". */
        String criterionKind();

        /** The canonical id of a criterion (or objective ref) of the engagement's framework, if it exists. */
        Optional<String> criterion(String id);

        /** A control of the client by id or ref. */
        Optional<UUID> control(String idOrRef);

        Optional<Owner> owner(UUID userId);

        Optional<Owner> ownerByEmail(String email);
    }

    /** A request's values after validation. {@code ref} is null when one is to be assigned. */
    public record Valid(String ref, String title, String description, List<String> criteria, List<UUID> controlIds,
            UUID ownerId, LocalDate dueDate) {
    }

    /**
     * Checks a draft, adding one error per bad field (with {@code line} for a file) to
     * {@code errors}. The returned values are meaningful only when no error was added.
     */
    public static Valid check(RequestDraft d, Lookups lookups, Fields f, Integer line, List<FieldError> errors) {
        Valid v = checkAllButDueDate(d, lookups, f, line, errors);
        if (d.dueDate() == null) {
            errors.add(new FieldError(f.dueDate(), "is required (YYYY-MM-DD)", line));
        }
        return v;
    }

    private static Valid checkAllButDueDate(RequestDraft d, Lookups lookups, Fields f, Integer line,
            List<FieldError> errors) {
        String ref = text(d.ref(), TITLE_MAX, false, f.ref(), line, errors);
        if (ref != null && !REF.matcher(ref).matches()) {
            errors.add(new FieldError(f.ref(), "'" + ref + "' is not a valid ref: up to 40 letters, digits, '.', '-',"
                    + " '_' or '/', starting with a letter or digit", line));
        }
        String title = text(d.title(), TITLE_MAX, true, f.title(), line, errors);
        String description = text(d.description(), TEXT_MAX, false, f.description(), line, errors);

        List<String> givenCriteria = items(d.criteria());
        List<String> givenControls = items(d.controls());
        Set<String> criteria = new LinkedHashSet<>();
        List<String> unknownCriteria = new ArrayList<>();
        for (String c : givenCriteria) {
            lookups.criterion(c).ifPresentOrElse(criteria::add, () -> unknownCriteria.add(c));
        }
        if (givenCriteria.size() > MAX_ITEMS) {
            errors.add(new FieldError(f.criteria(), "at most " + MAX_ITEMS + " entries", line));
        }
        if (!unknownCriteria.isEmpty()) {
            errors.add(new FieldError(f.criteria(), unknown("unknown " + lookups.criterionKind(), unknownCriteria), line));
        }
        Set<UUID> controls = new LinkedHashSet<>();
        List<String> unknownControls = new ArrayList<>();
        for (String c : givenControls) {
            lookups.control(c).ifPresentOrElse(controls::add, () -> unknownControls.add(c));
        }
        if (givenControls.size() > MAX_ITEMS) {
            errors.add(new FieldError(f.controls(), "at most " + MAX_ITEMS + " entries", line));
        }
        if (!unknownControls.isEmpty()) {
            errors.add(new FieldError(f.controls(), unknown("no control of " + lookups.clientName() + " has the ref or id",
                    unknownControls), line));
        }
        if (givenCriteria.isEmpty() && givenControls.isEmpty()) {
            errors.add(new FieldError(f.criteria(), "map the request to at least one criterion or control", line));
        }

        UUID ownerId = null;
        if (d.ownerId() != null) {
            ownerId = owner(lookups.owner(d.ownerId()), "is not a member of " + lookups.clientName(), f.ownerId(), line,
                    lookups, errors);
        } else if (d.ownerEmail() != null && !d.ownerEmail().isBlank()) {
            String email = d.ownerEmail().strip();
            ownerId = owner(lookups.ownerByEmail(email), "'" + email + "' is not a member of " + lookups.clientName(),
                    f.ownerEmail(), line, lookups, errors);
        }
        return new Valid(ref, title, description, List.copyOf(criteria), List.copyOf(controls), ownerId, d.dueDate());
    }

    private static UUID owner(Optional<Owner> found, String notMember, String field, Integer line, Lookups lookups,
            List<FieldError> errors) {
        if (found.isEmpty()) {
            errors.add(new FieldError(field, notMember, line));
            return null;
        }
        Owner o = found.get();
        if (!o.canRespond()) {
            errors.add(new FieldError(field, o.name() + " <" + o.email() + "> is " + article(o.roleLabel()) + " of "
                    + lookups.clientName() + " and cannot answer requests; choose an admin, compliance manager or"
                    + " control owner", line));
            return null;
        }
        return o.id();
    }

    private static String article(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(l.charAt(0)) >= 0 ? "an " : "a ") + l;
    }

    private static String unknown(String what, List<String> values) {
        return what + " " + values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }

    /** Non-blank entries, trimmed, each once (ignoring case). */
    static List<String> items(List<String> given) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (given == null) {
            return out;
        }
        for (String s : given) {
            if (s != null && !s.isBlank() && seen.add(s.strip().toUpperCase(Locale.ROOT))) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static String text(String value, int max, boolean required, String field, Integer line,
            List<FieldError> errors) {
        String t = value == null ? null : value.strip();
        if (t == null || t.isEmpty()) {
            if (required) {
                errors.add(new FieldError(field, "is required", line));
            }
            return null;
        }
        if (t.length() > max) {
            errors.add(new FieldError(field, "at most " + max + " characters (got " + t.length() + ")", line));
        }
        return t;
    }

    /** A required free text (a flag reason, a comment): 400 naming {@code field} when blank or too long. */
    public static String requiredText(String field, String value, String whenMissing) {
        String t = value == null ? null : value.strip();
        if (t == null || t.isEmpty()) {
            throw ApiProblem.invalidField(field, whenMissing);
        }
        if (t.length() > TEXT_MAX) {
            throw ApiProblem.invalidField(field, "at most " + TEXT_MAX + " characters (got " + t.length() + ")");
        }
        return t;
    }

    /** An optional free text: null when blank, 400 when too long. */
    public static String optionalText(String field, String value) {
        String t = value == null ? null : value.strip();
        if (t == null || t.isEmpty()) {
            return null;
        }
        if (t.length() > TEXT_MAX) {
            throw ApiProblem.invalidField(field, "at most " + TEXT_MAX + " characters (got " + t.length() + ")");
        }
        return t;
    }

    // ------------------------------------------------------------------------------ import

    /**
     * Checks the rows of a CSV file against each other and the refs already used in the
     * engagement ({@code existingRefs}), adding every problem (line and column) to {@code errors}.
     * Rows without a ref get the next PBC-nnn after every ref in use and in the file, in file order.
     */
    public static List<Valid> checkImport(List<RequestCsv.Row> rows, Lookups lookups, Collection<String> existingRefs,
            List<FieldError> errors) {
        Fields f = Fields.CSV;
        Set<String> existing = existingRefs.stream().map(RequestRules::refKey).collect(Collectors.toSet());
        Map<String, Integer> inFile = new HashMap<>();
        List<Valid> valid = new ArrayList<>();
        for (RequestCsv.Row row : rows) {
            LocalDate due = null;
            if (row.dueDate() == null || row.dueDate().isBlank()) {
                errors.add(new FieldError(f.dueDate(), "is required (YYYY-MM-DD)", row.line()));
            } else {
                try {
                    due = LocalDate.parse(row.dueDate().strip());
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError(f.dueDate(), "'" + row.dueDate() + "' is not a date; use YYYY-MM-DD,"
                            + " e.g. 2026-01-31", row.line()));
                }
            }
            RequestDraft draft = new RequestDraft(row.ref(), row.title(), row.description(), row.criteria(),
                    row.controls(), null, row.ownerEmail(), due);
            Valid v = checkAllButDueDate(draft, lookups, f, row.line(), errors);
            if (v.ref() != null && REF.matcher(v.ref()).matches()) {
                String key = refKey(v.ref());
                Integer first = inFile.putIfAbsent(key, row.line());
                if (first != null) {
                    errors.add(new FieldError(f.ref(), "'" + v.ref() + "' is already used on line " + first
                            + " of the file", row.line()));
                } else if (existing.contains(key)) {
                    errors.add(new FieldError(f.ref(), "'" + v.ref() + "' is already a request of this engagement",
                            row.line()));
                }
            }
            valid.add(v);
        }
        List<String> used = new ArrayList<>(existingRefs);
        valid.stream().map(Valid::ref).filter(r -> r != null).forEach(used::add);
        List<Valid> out = new ArrayList<>();
        for (Valid v : valid) {
            if (v.ref() == null) {
                String ref = nextRef(used);
                used.add(ref);
                v = new Valid(ref, v.title(), v.description(), v.criteria(), v.controlIds(), v.ownerId(), v.dueDate());
            }
            out.add(v);
        }
        return out;
    }
}
