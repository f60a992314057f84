package dev.assayer.vendor.internal;

import dev.assayer.shared.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Collects field errors and throws them as one 400 problem naming every field. */
final class Check {

    static final int SHORT_TEXT = 200;
    static final int LONG_TEXT = 4000;
    static final int MAX_ITEMS = 100;

    private final List<ApiProblem.FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new ApiProblem.FieldError(field, message));
    }

    boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        throw ApiProblem.badRequest(detail, errors);
    }

    String text(String field, String value, int max, boolean required) {
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

    /** Non-blank items, trimmed, duplicates (ignoring case) dropped. */
    List<String> items(String field, List<String> items, int max) {
        List<String> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        if (items.size() > MAX_ITEMS) {
            add(field, "at most " + MAX_ITEMS + " entries");
        }
        for (int i = 0; i < items.size(); i++) {
            String t = text(field + "[" + i + "]", items.get(i), max, false);
            if (t != null && out.stream().noneMatch(t::equalsIgnoreCase)) {
                out.add(t);
            }
        }
        return out;
    }
}
