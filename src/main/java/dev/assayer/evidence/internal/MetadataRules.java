package dev.assayer.evidence.internal;

import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Validation of evidence metadata, dates, links and file names: plain rules, no Spring, no SQL. */
public final class MetadataRules {

    public static final int TITLE_MAX = 300;
    public static final int DESCRIPTION_MAX = 10_000;
    public static final int LABEL_MAX = 400;
    public static final int SOURCE_MAX = 200;
    public static final int URL_MAX = 2_000;
    public static final int FILENAME_MAX = 255;
    public static final int NOTE_MAX = 4_000;
    public static final int CONTENT_TYPE_MAX = 200;

    private MetadataRules() {
    }

    /** Adds an error for every rule {@code m} breaks (control references are checked elsewhere). */
    public static void check(EvidenceMetadata m, List<FieldError> errors) {
        if (m.title() == null || m.title().isBlank()) {
            errors.add(new FieldError("title", "is required"));
        } else if (m.title().strip().length() > TITLE_MAX) {
            errors.add(new FieldError("title", "must be at most " + TITLE_MAX + " characters"));
        }
        max(errors, "description", m.description(), DESCRIPTION_MAX);
        max(errors, "collectedBy", m.collectedBy(), LABEL_MAX);
        max(errors, "sourceSystem", m.sourceSystem(), SOURCE_MAX);
        boolean anyPeriod = m.periodStart() != null || m.periodEnd() != null;
        if (m.effectiveDate() == null && !anyPeriod) {
            errors.add(new FieldError("effectiveDate",
                    "an effective date or a covered period (periodStart and periodEnd) is required"));
        }
        if (anyPeriod) {
            if (m.periodStart() == null) {
                errors.add(new FieldError("periodStart", "is required when periodEnd is given"));
            } else if (m.periodEnd() == null) {
                errors.add(new FieldError("periodEnd", "is required when periodStart is given"));
            } else if (m.periodEnd().isBefore(m.periodStart())) {
                errors.add(new FieldError("periodEnd", "must be on or after periodStart (" + m.periodStart() + ")"));
            }
        }
    }

    private static void max(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    /** Throws one 400 problem listing every error, the detail naming each field; no-op if none. */
    public static void throwIfAny(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        if (errors.size() == 1) {
            throw ApiProblem.invalidField(errors.getFirst().field(), errors.getFirst().message());
        }
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        throw ApiProblem.badRequest(detail, errors);
    }

    /** ISO date (YYYY-MM-DD); blank → null; otherwise an error naming the field. */
    public static LocalDate date(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + text + "' is not a valid date (expected YYYY-MM-DD)"));
            return null;
        }
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** An absolute http(s) link; anything else (javascript:, file:, relative) is refused. */
    public static String url(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "is required for a link"));
            return null;
        }
        String u = text.strip();
        if (u.length() > URL_MAX) {
            errors.add(new FieldError(field, "must be at most " + URL_MAX + " characters"));
            return null;
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(new FieldError(field, "must be an absolute http or https URL"));
                return null;
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError(field, "is not a valid URL: " + e.getReason()));
            return null;
        }
        return u;
    }

    /**
     * The name to record and offer on download: the last path segment, without control characters,
     * at most {@value #FILENAME_MAX} characters; "evidence" when nothing is left.
     */
    public static String filename(String name) {
        if (name == null) {
            return "evidence";
        }
        String last = name.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1);
        StringBuilder sb = new StringBuilder();
        last.codePoints().filter(c -> !Character.isISOControl(c)).forEach(sb::appendCodePoint);
        String clean = sb.toString().strip();
        if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
            return "evidence";
        }
        if (clean.length() > FILENAME_MAX) {
            int dot = clean.lastIndexOf('.');
            String ext = dot > 0 && clean.length() - dot <= 16 ? clean.substring(dot) : "";
            clean = clean.substring(0, FILENAME_MAX - ext.length()) + ext;
        }
        return clean;
    }

    /** A syntactically valid media type, or application/octet-stream. */
    public static String contentType(String type) {
        if (type == null || type.isBlank() || type.length() > CONTENT_TYPE_MAX) {
            return "application/octet-stream";
        }
        try {
            return org.springframework.util.MimeTypeUtils.parseMimeType(type.strip()).toString();
        } catch (RuntimeException e) {
            return "application/octet-stream";
        }
    }
}
