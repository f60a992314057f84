package dev.assayer.vendor.internal;

import dev.assayer.shared.ApiProblem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Parsing of HTML form values; a bad value is a 400 naming the field, like the API. */
final class FormValues {

    private FormValues() {
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "'" + value + "' is not an id");
        }
    }

    static <E extends Enum<E>> E enumValue(String field, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "'" + value + "' is not a valid value");
        }
    }

    /** One item per line; blank lines dropped. */
    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
