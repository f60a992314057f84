package dev.assayer.report.internal;

import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a named officer types to sign management's assertion or a bridge letter: their own name (as
 * it is to appear; it must be the signed-in user's), their title, and a confirmation reading
 * "I sign as &lt;name&gt;, &lt;title&gt;". Every problem is reported at once, naming its field. Pure.
 */
public record OfficerSignOff(String name, String title) {

    public static OfficerSignOff check(CurrentUser user, String officerName, String officerTitle, String confirmation) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        String name = strip(officerName);
        String title = strip(officerTitle);
        if (name == null) {
            errors.add(new ApiProblem.FieldError("officerName", "is required: the officer's name as it is to appear"));
        } else if (name.length() > 200) {
            errors.add(new ApiProblem.FieldError("officerName", "at most 200 characters"));
        } else if (user.name() == null || !normalize(name).equals(normalize(user.name()))) {
            errors.add(new ApiProblem.FieldError("officerName", "must be your own name (" + user.name()
                    + "): an officer signs for themself"));
        }
        if (title == null) {
            errors.add(new ApiProblem.FieldError("officerTitle", "is required: the officer's title, e.g. Chief Executive Officer"));
        } else if (title.length() > 200) {
            errors.add(new ApiProblem.FieldError("officerTitle", "at most 200 characters"));
        }
        String expected = "I sign as " + (name == null ? user.name() : name) + ", " + (title == null ? "<title>" : title);
        if (strip(confirmation) == null || !normalize(confirmation).equals(normalize(expected))) {
            errors.add(new ApiProblem.FieldError("confirmation", "must read \"" + expected + "\""));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors.stream().map(x -> x.field() + ": " + x.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        return new OfficerSignOff(name, title);
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ").replaceAll("[.]$", "").toLowerCase(Locale.ROOT);
    }
}
