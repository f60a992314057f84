package dev.assayer.finding.internal;

import dev.assayer.shared.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Collects every field error of one request and throws them together as one 400 (or 403) problem. */
public final class Problems {

    public static final int TITLE = 200;
    public static final int TEXT = 4000;
    public static final int ACTION = 2000;
    public static final int REF = 300;
    public static final int MAX_ITEMS = 100;

    private final List<ApiProblem.FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(new ApiProblem.FieldError(field, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws a 400 problem naming every field collected so far, if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(detail(), errors);
        }
    }

    /** Throws a 403 problem naming the fields the caller may not change, if any. */
    public void throwForbiddenIfAny(String why) {
        if (!errors.isEmpty()) {
            throw new ApiProblem(403, "Forbidden", why + ": " + detail(), errors);
        }
    }

    private String detail() {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    /** The trimmed text, or null when blank (an error when required); too long is an error. */
    public String text(String field, String value, int max, boolean required) {
        String t = value == null ? null : value.strip();
        if (t == null || t.isEmpty()) {
            if (required) {
                add(field, "is required");
            }
            return null;
        }
        if (t.length() > max) {
            add(field, "at most " + max + " characters (got " + t.length() + ")");
        }
        return t;
    }
}
