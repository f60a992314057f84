package dev.assayer.shared;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/** Parsing of form fields typed by people: blank means "not given", bad input names the field. */
public final class FormValues {

    private FormValues() {
    }

    /** An ISO date (YYYY-MM-DD), or null when blank. */
    public static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "'" + text + "' is not a date; use YYYY-MM-DD, e.g. 2026-01-31");
        }
    }

    /** One of an enum's constants (case-insensitive), or null when blank. */
    public static <E extends Enum<E>> E choice(String field, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "'" + text + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
