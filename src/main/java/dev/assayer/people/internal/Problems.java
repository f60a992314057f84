package dev.assayer.people.internal;

import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Collects every bad field (and, for files, its line) before anything is written, then throws
 * them as one 400 problem: imports are all-or-nothing and report all their problems at once.
 */
public final class Problems {

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String message, Integer line) {
        errors.add(new FieldError(field, message, line));
    }

    public void add(String field, String message) {
        add(field, message, null);
    }

    /** Whether {@code field} (on {@code line}, null for a form) already has a problem. */
    public boolean has(String field, Integer line) {
        return errors.stream().anyMatch(e -> e.field() != null && e.field().equals(field) && Objects.equals(e.line(), line));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** For a form or JSON body: 400 naming every field. */
    public void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        throw ApiProblem.badRequest(detail, errors);
    }

    /** For a file: 400 "Invalid import" whose detail names the first problem and how many there are. */
    public void throwImportIfAny(String source) {
        if (errors.isEmpty()) {
            return;
        }
        List<FieldError> sorted = new ArrayList<>(errors);
        sorted.sort(java.util.Comparator.comparing(e -> e.line() == null ? 0 : e.line()));
        FieldError first = sorted.getFirst();
        String where = source + (first.line() == null ? "" : " line " + first.line())
                + (first.field() == null ? "" : ", field '" + first.field() + "'");
        String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more problem"
                + (errors.size() == 2 ? "" : "s") + ")";
        throw new ApiProblem(400, "Invalid import", where + ": " + first.message() + more + "; nothing was imported",
                sorted);
    }
}
