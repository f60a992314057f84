package dev.assayer.accessreview.internal;

import dev.assayer.shared.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Collects field errors and throws them together as one 400 problem naming every field. */
final class Check {

    static final int SHORT_TEXT = 200;
    static final int ENTITLEMENT = 500;
    static final int LONG_TEXT = 4000;

    private final List<ApiProblem.FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new ApiProblem.FieldError(field, message));
    }

    boolean ok() {
        return errors.isEmpty();
    }

    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        if (errors.size() == 1) {
            throw ApiProblem.invalidField(errors.getFirst().field(), errors.getFirst().message());
        }
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        throw ApiProblem.badRequest(detail, errors);
    }

    /** The stripped text, null when blank; adds an error when required and blank or when too long. */
    String text(String field, String value, int max, boolean required, String requiredMessage) {
        String t = value == null ? null : value.strip();
        if (t == null || t.isEmpty()) {
            if (required) {
                add(field, requiredMessage);
            }
            return null;
        }
        if (t.length() > max) {
            add(field, "at most " + max + " characters (got " + t.length() + ")");
        }
        return t;
    }
}
