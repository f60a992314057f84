package dev.assayer.evidence;

import dev.assayer.shared.ApiProblem;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a piece of evidence was obtained: part of its provenance. */
public enum CollectionMethod {
    MANUAL_UPLOAD("Manual upload"),
    API("API"),
    INTEGRATION("Integration"),
    SCREENSHOT("Screenshot"),
    SYSTEM_EXPORT("System export");

    private final String label;

    CollectionMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses "system export", "SYSTEM_EXPORT", "system-export"; blank → null; unknown → 400 naming the field. */
    public static CollectionMethod parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String norm = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (CollectionMethod m : values()) {
            if (m.name().equals(norm)) {
                return m;
            }
        }
        throw ApiProblem.invalidField(field, "'" + text + "' is not a collection method (expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
    }
}
