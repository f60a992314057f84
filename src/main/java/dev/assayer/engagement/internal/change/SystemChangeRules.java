package dev.assayer.engagement.internal.change;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.SystemChangeDraft;
import dev.assayer.shared.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Validates what a person records about a change to the system; every problem at once, each naming
 * its field. Pure: no Spring, no SQL.
 */
public final class SystemChangeRules {

    /** The areas of a system (DC3's components) plus controls and subservice organizations. */
    public static final List<String> AREAS = List.of("infrastructure", "software", "people", "procedures", "data",
            "controls", "subservice organizations");

    static final int DESCRIPTION = 2000;
    static final int SOURCE = 40;
    static final int SOURCE_REF = 200;
    static final int REASON = 1000;

    private SystemChangeRules() {
    }

    /** A draft with normalized text (area lower case, source defaulted to "manual"). */
    public static SystemChangeDraft normalize(SystemChangeDraft d, Engagement e) {
        if (d == null) {
            throw ApiProblem.invalidField("body", "a JSON change is required");
        }
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        if (d.changedOn() == null) {
            errors.add(new ApiProblem.FieldError("changedOn", "is required: the day the change took effect (YYYY-MM-DD)"));
        } else if (e.periodStart() != null && e.periodEnd() != null
                && (d.changedOn().isBefore(e.periodStart()) || d.changedOn().isAfter(e.periodEnd()))) {
            errors.add(new ApiProblem.FieldError("changedOn", "must be in the period " + e.periodStart() + " – "
                    + e.periodEnd()));
        }
        String area = d.area() == null ? null : d.area().strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (area == null || area.isEmpty()) {
            errors.add(new ApiProblem.FieldError("area", "is required: one of " + String.join(", ", AREAS)));
        } else if (!AREAS.contains(area)) {
            errors.add(new ApiProblem.FieldError("area", "'" + d.area() + "' is not one of " + String.join(", ", AREAS)));
        }
        String description = d.description() == null ? null : d.description().strip();
        if (description == null || description.isEmpty()) {
            errors.add(new ApiProblem.FieldError("description", "is required: what changed, in words for the report"));
        } else if (description.length() > DESCRIPTION) {
            errors.add(new ApiProblem.FieldError("description", "at most " + DESCRIPTION + " characters"));
        }
        if (d.significant() == null) {
            errors.add(new ApiProblem.FieldError("significant", "is required: true or false (your judgment)"));
        }
        String source = d.source() == null || d.source().isBlank() ? "manual" : d.source().strip();
        if (source.length() > SOURCE) {
            errors.add(new ApiProblem.FieldError("source", "at most " + SOURCE + " characters"));
        }
        String ref = d.sourceRef() == null || d.sourceRef().isBlank() ? null : d.sourceRef().strip();
        if (ref != null && ref.length() > SOURCE_REF) {
            errors.add(new ApiProblem.FieldError("sourceRef", "at most " + SOURCE_REF + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors.stream().map(x -> x.field() + ": " + x.message())
                    .reduce((a, b) -> a + "; " + b).orElse(""), errors);
        }
        return new SystemChangeDraft(d.changedOn(), area, description, d.significant(), source, ref);
    }

    /** A withdrawal's reason: required, at most {@value #REASON} characters. */
    public static String reason(String reason) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw ApiProblem.invalidField("reason", "is required: why the change is withdrawn");
        }
        if (r.length() > REASON) {
            throw ApiProblem.invalidField("reason", "at most " + REASON + " characters");
        }
        return r;
    }
}
