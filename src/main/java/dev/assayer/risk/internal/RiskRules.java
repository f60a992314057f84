package dev.assayer.risk.internal;

import dev.assayer.risk.RiskDraft;
import dev.assayer.risk.RiskFlag;
import dev.assayer.risk.Treatment;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Validation and treatment rules of the risk register. Plain Java: no Spring, no SQL. All problems
 * of a draft are reported at once, each naming its field.
 */
public final class RiskRules {

    public static final List<String> SOC2_CATEGORIES = List.of("SECURITY", "AVAILABILITY", "PROCESSING_INTEGRITY",
            "CONFIDENTIALITY", "PRIVACY");
    public static final int MAX_TEXT = 2000;
    public static final int MAX_CONTROLS = 50;

    private RiskRules() {
    }

    /**
     * A checked, normalized draft: text trimmed (blank → null), categories upper case in canonical
     * order, residual defaulted to inherent, acceptance fields cleared unless the treatment is ACCEPT.
     * Throws a 400 listing every problem.
     */
    public static RiskDraft normalize(RiskDraft d, RiskScale scale) {
        if (d == null) {
            throw ApiProblem.invalidField("body", "a JSON risk is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String title = text(d.title());
        if (title == null) {
            errors.add(new FieldError("title", "is required"));
        } else if (title.length() > 200) {
            errors.add(new FieldError("title", "is longer than 200 characters"));
        }
        String description = longText("description", d.description(), errors);
        String threat = longText("threat", d.threat(), errors);
        String vulnerability = longText("vulnerability", d.vulnerability(), errors);
        String affected = longText("affectedAssets", d.affectedAssets(), errors);
        String notes = longText("treatmentNotes", d.treatmentNotes(), errors);
        if (d.category() == null) {
            errors.add(new FieldError("category", "is required"));
        }
        List<String> categories = categories(d.soc2Categories(), errors);
        level("inherentLikelihood", d.inherentLikelihood(), scale.likelihoodLevels(), true, errors);
        level("inherentImpact", d.inherentImpact(), scale.impactLevels(), true, errors);
        level("residualLikelihood", d.residualLikelihood(), scale.likelihoodLevels(), false, errors);
        level("residualImpact", d.residualImpact(), scale.impactLevels(), false, errors);
        Integer rl = d.residualLikelihood() == null ? d.inherentLikelihood() : d.residualLikelihood();
        Integer ri = d.residualImpact() == null ? d.inherentImpact() : d.residualImpact();
        Treatment treatment = d.treatment();
        if (treatment == null) {
            errors.add(new FieldError("treatment", "is required: one of MITIGATE, ACCEPT, TRANSFER, AVOID"));
        }
        UUID approver = null;
        String reason = null;
        LocalDate expires = null;
        if (treatment == Treatment.ACCEPT) {
            approver = d.acceptanceApproverId();
            reason = text(d.acceptanceReason());
            expires = d.acceptanceExpires();
            errors.addAll(acceptanceProblems(d.ownerId(), approver, reason, expires));
        }
        List<String> controls = d.controls() == null ? List.of()
                : d.controls().stream().map(RiskRules::text).filter(s -> s != null).distinct().toList();
        if (controls.size() > MAX_CONTROLS) {
            errors.add(new FieldError("controls", "at most " + MAX_CONTROLS + " controls may be linked"));
        }
        if (!errors.isEmpty()) {
            throw problem(errors);
        }
        return new RiskDraft(title, description, d.category(), threat, vulnerability, affected, categories, d.ownerId(),
                d.reviewDate(), d.inherentLikelihood(), d.inherentImpact(), rl, ri, treatment, approver, reason, expires,
                notes, controls);
    }

    /** What accepting a risk requires: an approver who is not the owner, a reason and an expiry date. */
    public static List<FieldError> acceptanceProblems(UUID ownerId, UUID approverId, String reason, LocalDate expires) {
        List<FieldError> errors = new ArrayList<>();
        if (approverId == null) {
            errors.add(new FieldError("acceptanceApproverId", "is required when the treatment is ACCEPT"));
        } else if (approverId.equals(ownerId)) {
            errors.add(new FieldError("acceptanceApproverId", "must be someone other than the risk owner"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("acceptanceReason", "is required when the treatment is ACCEPT"));
        } else if (reason.length() > MAX_TEXT) {
            errors.add(new FieldError("acceptanceReason", "is longer than " + MAX_TEXT + " characters"));
        }
        if (expires == null) {
            errors.add(new FieldError("acceptanceExpires", "is required when the treatment is ACCEPT (YYYY-MM-DD)"));
        }
        return errors;
    }

    /** The flags of a risk on {@code today}. */
    public static List<RiskFlag> flags(Treatment treatment, int linkedControls, LocalDate acceptanceExpires,
            LocalDate reviewDate, LocalDate today) {
        List<RiskFlag> flags = new ArrayList<>();
        if (treatment == Treatment.MITIGATE && linkedControls == 0) {
            flags.add(RiskFlag.NO_MITIGATING_CONTROL);
        }
        if (treatment == Treatment.ACCEPT && acceptanceExpires != null && acceptanceExpires.isBefore(today)) {
            flags.add(RiskFlag.ACCEPTANCE_EXPIRED);
        }
        if (reviewDate != null && reviewDate.isBefore(today)) {
            flags.add(RiskFlag.REVIEW_OVERDUE);
        }
        return List.copyOf(flags);
    }

    /** An assessment is stale when there is none or it is dated more than 12 months before {@code today}. */
    public static boolean stale(LocalDate latestAssessment, LocalDate today) {
        return latestAssessment == null || latestAssessment.plusMonths(12).isBefore(today);
    }

    /** "R-001", "R-002", …: the next ref after the highest existing numeric one. */
    public static String nextRef(List<String> existing) {
        int max = 0;
        for (String ref : existing) {
            if (ref != null && ref.matches("R-\\d{1,6}")) {
                max = Math.max(max, Integer.parseInt(ref.substring(2)));
            }
        }
        return "R-%03d".formatted(max + 1);
    }

    static ApiProblem problem(List<FieldError> errors) {
        if (errors.size() == 1) {
            FieldError e = errors.getFirst();
            return ApiProblem.invalidField(e.field(), e.message());
        }
        StringBuilder detail = new StringBuilder(errors.size() + " fields are invalid: ");
        for (int i = 0; i < errors.size(); i++) {
            detail.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(" ").append(errors.get(i).message());
        }
        return ApiProblem.badRequest(detail.toString(), errors);
    }

    private static void level(String field, Integer value, int max, boolean required, List<FieldError> errors) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "is required (1–" + max + ")"));
            }
        } else if (value < 1 || value > max) {
            errors.add(new FieldError(field, "must be between 1 and " + max + ", got " + value));
        }
    }

    private static List<String> categories(List<String> given, List<FieldError> errors) {
        if (given == null) {
            return List.of();
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String c = text(given.get(i));
            if (c == null) {
                continue;
            }
            String norm = c.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            if (!SOC2_CATEGORIES.contains(norm)) {
                errors.add(new FieldError("soc2Categories[" + i + "]", "'" + c + "' is not one of " + SOC2_CATEGORIES));
            } else {
                chosen.add(norm);
            }
        }
        return SOC2_CATEGORIES.stream().filter(chosen::contains).toList();
    }

    private static String longText(String field, String value, List<FieldError> errors) {
        String t = text(value);
        if (t != null && t.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "is longer than " + MAX_TEXT + " characters"));
        }
        return t;
    }

    static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
