package dev.assayer.policy.internal;

import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/** Validation of policy metadata and version text. No Spring, no SQL. */
public final class PolicyRules {

    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    public static final int TITLE_MAX = 200;
    public static final int MARKDOWN_MAX = 1_000_000;

    private PolicyRules() {
    }

    /** Lower-cases and trims a key; null or blank stays null. */
    public static String normalizeKey(String key) {
        return key == null || key.isBlank() ? null : key.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public static void checkKey(String key, List<FieldError> errors) {
        if (key == null) {
            errors.add(new FieldError("key", "is required (a short slug such as access-control)"));
        } else if (!KEY.matcher(key).matches()) {
            errors.add(new FieldError("key", "'" + key + "' must be 1–64 lower-case letters, digits and hyphens, "
                    + "starting with a letter or digit"));
        }
    }

    public static String checkTitle(String title, List<FieldError> errors) {
        String t = title == null ? null : title.strip();
        if (t == null || t.isEmpty()) {
            errors.add(new FieldError("title", "is required"));
        } else if (t.length() > TITLE_MAX) {
            errors.add(new FieldError("title", "must be at most " + TITLE_MAX + " characters"));
        }
        return t;
    }

    /** Normalizes line endings; null → empty. */
    public static String checkMarkdown(String markdown, List<FieldError> errors) {
        String m = markdown == null ? "" : markdown.replace("\r\n", "\n");
        if (m.length() > MARKDOWN_MAX) {
            errors.add(new FieldError("markdown", "must be at most " + MARKDOWN_MAX + " characters"));
        }
        return m;
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (errors.size() == 1) {
            FieldError e = errors.getFirst();
            throw ApiProblem.invalidField(e.field(), e.message());
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest("The policy has " + errors.size() + " invalid fields; nothing was saved",
                    errors);
        }
    }
}
