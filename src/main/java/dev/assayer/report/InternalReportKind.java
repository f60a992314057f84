package dev.assayer.report;

import dev.assayer.shared.ApiProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The internal reports Assayer generates on demand for the organization itself (not for its
 * customers): {@link #code()} is the API spelling, {@link #formats()} the formats each comes in,
 * the first being the default.
 */
public enum InternalReportKind {
    READINESS("readiness", "Readiness and gap report", List.of("pdf", "html")),
    CONTROLS_MATRIX("controls-matrix", "Controls matrix", List.of("xlsx")),
    APPLICABILITY("applicability", "Statement of applicability", List.of("pdf", "html", "xlsx")),
    EXECUTIVE_SUMMARY("executive-summary", "Executive summary", List.of("pdf", "html"));

    private final String code;
    private final String label;
    private final List<String> formats;

    InternalReportKind(String code, String label, List<String> formats) {
        this.code = code;
        this.label = label;
        this.formats = formats;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public List<String> formats() {
        return formats;
    }

    /** {@code format} checked against this kind's formats (blank: the default); 400 naming "format" otherwise. */
    public String format(String format) {
        if (format == null || format.isBlank()) {
            return formats.getFirst();
        }
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (!formats.contains(f)) {
            throw ApiProblem.invalidField("format", "'" + format.strip() + "' is not a format of the " + label
                    + " (expected one of " + String.join(", ", formats) + ")");
        }
        return f;
    }

    /** Parses "controls-matrix" or "CONTROLS_MATRIX"; unknown → 404 (the path names no report). */
    public static InternalReportKind parse(String text) {
        String norm = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(k -> k.code.equals(norm)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Internal report '" + text + "' (one of "
                        + Arrays.stream(values()).map(InternalReportKind::code).collect(Collectors.joining(", ")) + ")"));
    }
}
