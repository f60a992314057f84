package dev.assayer.shared;

import java.util.List;

/**
 * A failure a client caused and can fix. Rendered as RFC 9457 problem+json on the API and as a
 * message in the UI. Never carries a stack trace to the user.
 */
public class ApiProblem extends RuntimeException {

    /** One offending input: the field (JSON pointer-ish path, CSV column, YAML key) and why. */
    public record FieldError(String field, String message, Integer line) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiProblem badRequest(String detail, List<FieldError> errors) {
        return new ApiProblem(400, "Invalid request", detail, errors);
    }

    /** A single bad field: {@code detail} should name the field as well. */
    public static ApiProblem invalidField(String field, String message) {
        return new ApiProblem(400, "Invalid request", field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static ApiProblem invalidLine(String source, int line, String field, String message) {
        String where = source + " line " + line + (field == null ? "" : ", field '" + field + "'");
        return new ApiProblem(400, "Invalid import", where + ": " + message, List.of(new FieldError(field, message, line)));
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "Not found", what + " was not found", List.of());
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "Forbidden", detail, List.of());
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail, List.of());
    }

    /** Optimistic locking: the caller edited a stale version. */
    public static ApiProblem staleVersion(String what, long expected, long actual) {
        return new ApiProblem(409, "Edit conflict",
                what + " was changed by someone else (you edited version " + expected + ", current is " + actual
                        + "); reload and apply your change again",
                List.of(new FieldError("version", "stale version " + expected + ", current " + actual)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
