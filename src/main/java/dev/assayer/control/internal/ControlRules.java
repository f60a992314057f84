package dev.assayer.control.internal;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.shared.ApiProblem.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The control library's domain rules, free of Spring and SQL: merging a draft, field validation,
 * what changed, and the lenient parsing of enum, boolean and list values from files and forms.
 */
public final class ControlRules {

    public static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    public static final int TITLE_MAX = 200;
    public static final int DESCRIPTION_MAX = 4000;
    /** The nil UUID: "remove the owner" in an update. */
    public static final UUID NO_OWNER = new UUID(0L, 0L);
    /** The only fields a control owner without CONTROL_WRITE may change on a control they own. */
    public static final Set<String> OWNER_EDITABLE = Set.of("description", "status");

    private ControlRules() {
    }

    /** Case-insensitive identity of a ref: refs are unique per organization ignoring case. */
    public static String refKey(String ref) {
        return ref == null ? null : ref.trim().toUpperCase(Locale.ROOT);
    }

    /** Trims, upper-cases and de-duplicates criterion ids, keeping their order; drops blanks. */
    public static List<String> cleanCriteria(Collection<String> ids) {
        if (ids == null) {
            return null;
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null && !id.isBlank()) {
                out.add(id.trim().toUpperCase(Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }

    /** Trims and de-duplicates objective refs, keeping their order; drops blanks. */
    public static List<String> cleanObjectives(Collection<String> refs) {
        if (refs == null) {
            return null;
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String r : refs) {
            if (r != null && !r.isBlank()) {
                out.add(r.trim());
            }
        }
        return List.copyOf(out);
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /**
     * The values a control would have after applying {@code d} to {@code current} (null when
     * creating). Null draft fields keep the current value (or take the default when creating).
     */
    public static ControlValues merge(Control current, ControlDraft d) {
        if (current == null) {
            UUID owner = NO_OWNER.equals(d.ownerId()) ? null : d.ownerId();
            return new ControlValues(d.ref() == null ? null : d.ref().trim(), d.title() == null ? null : d.title().strip(),
                    trimToNull(d.description()), owner, d.nature(), d.kind(), d.frequency(),
                    Boolean.TRUE.equals(d.keyControl()),
                    d.status() == null ? ImplementationStatus.NOT_STARTED : d.status(),
                    d.criteria() == null ? List.of() : cleanCriteria(d.criteria()),
                    d.objectives() == null ? List.of() : cleanObjectives(d.objectives()));
        }
        UUID owner = d.ownerId() == null ? current.ownerId() : NO_OWNER.equals(d.ownerId()) ? null : d.ownerId();
        return new ControlValues(d.ref() == null ? current.ref() : d.ref().trim(),
                d.title() == null ? current.title() : d.title().strip(),
                d.description() == null ? current.description() : trimToNull(d.description()), owner,
                d.nature() == null ? current.nature() : d.nature(), d.kind() == null ? current.kind() : d.kind(),
                d.frequency() == null ? current.frequency() : d.frequency(),
                d.keyControl() == null ? current.keyControl() : d.keyControl(),
                d.status() == null ? current.status() : d.status(),
                d.criteria() == null ? current.criteria() : cleanCriteria(d.criteria()),
                d.objectives() == null ? current.objectives() : cleanObjectives(d.objectives()));
    }

    public static ControlValues values(Control c) {
        return new ControlValues(c.ref(), c.title(), c.description(), c.ownerId(), c.nature(), c.kind(), c.frequency(),
                c.keyControl(), c.status(), c.criteria(), c.objectives());
    }

    /** Field-level checks that need no database: ref, title, description, required enums. */
    public static List<FieldError> check(ControlValues v, Integer line) {
        List<FieldError> errors = new ArrayList<>();
        if (v.ref() == null || v.ref().isBlank()) {
            errors.add(new FieldError("ref", "is required", line));
        } else if (!REF.matcher(v.ref()).matches()) {
            errors.add(new FieldError("ref", "'" + v.ref() + "' is not a valid ref: 1-40 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit", line));
        }
        if (v.title() == null || v.title().isBlank()) {
            errors.add(new FieldError("title", "is required", line));
        } else if (v.title().length() > TITLE_MAX) {
            errors.add(new FieldError("title", "must be at most " + TITLE_MAX + " characters", line));
        }
        if (v.description() != null && v.description().length() > DESCRIPTION_MAX) {
            errors.add(new FieldError("description", "must be at most " + DESCRIPTION_MAX + " characters", line));
        }
        if (v.nature() == null) {
            errors.add(new FieldError("nature", "is required (one of " + names(dev.assayer.control.Nature.class) + ")", line));
        }
        if (v.kind() == null) {
            errors.add(new FieldError("kind", "is required (one of " + names(dev.assayer.control.ControlKind.class) + ")",
                    line));
        }
        if (v.frequency() == null) {
            errors.add(new FieldError("frequency", "is required (one of " + names(dev.assayer.control.Frequency.class)
                    + ")", line));
        }
        for (String c : v.criteria()) {
            if (c.length() > 20) {
                errors.add(new FieldError("criteria", "'" + abbreviate(c) + "' is not a criterion id", line));
            }
        }
        for (String o : v.objectives()) {
            if (o.length() > 40) {
                errors.add(new FieldError("objectives", "'" + abbreviate(o) + "' is not an objective ref", line));
            }
        }
        return errors;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Names of the fields whose values differ, in field order. */
    public static List<String> changedFields(ControlValues a, ControlValues b) {
        List<String> out = new ArrayList<>();
        if (!Objects.equals(a.ref(), b.ref())) {
            out.add("ref");
        }
        if (!Objects.equals(a.title(), b.title())) {
            out.add("title");
        }
        if (!Objects.equals(a.description(), b.description())) {
            out.add("description");
        }
        if (!Objects.equals(a.ownerId(), b.ownerId())) {
            out.add("ownerId");
        }
        if (a.nature() != b.nature()) {
            out.add("nature");
        }
        if (a.kind() != b.kind()) {
            out.add("kind");
        }
        if (a.frequency() != b.frequency()) {
            out.add("frequency");
        }
        if (a.keyControl() != b.keyControl()) {
            out.add("keyControl");
        }
        if (a.status() != b.status()) {
            out.add("status");
        }
        if (!a.criteria().equals(b.criteria())) {
            out.add("criteria");
        }
        if (!a.objectives().equals(b.objectives())) {
            out.add("objectives");
        }
        return out;
    }

    /** The message for a mapping with ids the catalog does not know. */
    public static String unknownMessage(String what, Collection<String> unknown) {
        return "unknown " + what + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown);
    }

    public static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * Parses an enum leniently ("it dependent manual", "per-event", "Daily"); null for blank.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String norm = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(norm)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown value '" + text.trim() + "' (expected one of " + names(type) + ")");
    }

    /** true/false, yes/no, y/n, 1/0, x (any case); null for blank. */
    public static Boolean parseBoolean(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "x" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new IllegalArgumentException("'" + text.trim() + "' is not true or false");
        };
    }

    /** Splits "CC6.1; CC6.2" (semicolons or commas) into trimmed, non-blank items. */
    public static List<String> splitList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[;,\\n]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
