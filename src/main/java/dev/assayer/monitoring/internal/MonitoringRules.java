package dev.assayer.monitoring.internal;

import dev.assayer.monitoring.CheckRunStatus;
import dev.assayer.monitoring.ControlHealth;
import dev.assayer.monitoring.ControlHealth.CheckStanding;
import dev.assayer.monitoring.Exclusion;
import dev.assayer.monitoring.ExclusionStatus;
import dev.assayer.monitoring.HealthStatus;
import dev.assayer.monitoring.RunCheck;
import dev.assayer.monitoring.checks.Outcome;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Monitoring's pure rules: outcomes, exclusions, control health, names. No Spring, no SQL. */
public final class MonitoringRules {

    public static final int MAX_SOURCE = 200;
    public static final int MAX_REASON = 4000;

    private MonitoringRules() {
    }

    /**
     * A check's status in a run: NOT_APPLICABLE when it applied to no resource, else any FAIL, else
     * any ERROR, else EXCLUDED when every applicable resource was excluded, else PASS.
     */
    public static CheckRunStatus status(long passed, long failed, long errors, long excluded) {
        if (passed + failed + errors + excluded == 0) {
            return CheckRunStatus.NOT_APPLICABLE;
        }
        if (failed > 0) {
            return CheckRunStatus.FAIL;
        }
        if (errors > 0) {
            return CheckRunStatus.ERROR;
        }
        if (excluded > 0 && passed == 0) {
            return CheckRunStatus.EXCLUDED;
        }
        return CheckRunStatus.PASS;
    }

    /** True when the exclusion applied at {@code at}: approved by then, not yet expired, not revoked before. */
    public static boolean appliesAt(Exclusion e, Instant at) {
        if (e.decidedAt() == null || e.decidedAt().isAfter(at)) {
            return false;
        }
        boolean approved = e.status() == ExclusionStatus.APPROVED || e.status() == ExclusionStatus.EXPIRED
                || (e.status() == ExclusionStatus.REVOKED && e.revokedAt() != null && e.revokedAt().isAfter(at));
        return approved && !e.expiresOn().isBefore(LocalDate.ofInstant(at, ZoneOffset.UTC));
    }

    /** A new exclusion's fields: every problem at once. */
    public static void checkExclusion(String checkId, String resourceId, String reason, LocalDate expiresOn,
            LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (checkId == null || checkId.isBlank()) {
            errors.add(new FieldError("checkId", "is required"));
        }
        if (resourceId == null || resourceId.isBlank()) {
            errors.add(new FieldError("resourceId", "is required"));
        } else if (resourceId.length() > 2000) {
            errors.add(new FieldError("resourceId", "is longer than 2000 characters"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "is required: say why the resource may be excluded"));
        } else if (reason.length() > MAX_REASON) {
            errors.add(new FieldError("reason", "is longer than " + MAX_REASON + " characters"));
        }
        if (expiresOn == null) {
            errors.add(new FieldError("expiresOn", "is required (at most one year from today)"));
        } else if (!expiresOn.isAfter(today)) {
            errors.add(new FieldError("expiresOn", "must be after today (" + today + ")"));
        } else if (expiresOn.isAfter(today.plusYears(1))) {
            errors.add(new FieldError("expiresOn", "must be at most one year from today (" + today.plusYears(1) + ")"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest("The exclusion is incomplete: " + errors.getFirst().field() + " "
                    + errors.getFirst().message(), errors);
        }
    }

    /**
     * A control's health from the checks that support it ({@code checkIds}) in one run
     * ({@code byCheck}: that run's rows; null = no run). See {@link ControlHealth}: a check that was
     * not applicable is listed but never counts as a pass; only checks that evaluated a resource can
     * make a control HEALTHY.
     */
    public static ControlHealth health(UUID controlId, String ref, List<String> checkIds, Map<String, RunCheck> byCheck,
            UUID runId, Instant runAt) {
        if (byCheck == null) {
            return new ControlHealth(controlId, ref, HealthStatus.NO_DATA, checkIds, List.of(), null, null);
        }
        boolean anyFail = false;
        boolean anyError = false;
        boolean anyEvaluated = false;
        boolean anyNotApplicable = false;
        List<CheckStanding> problems = new ArrayList<>();
        List<CheckStanding> notApplicable = new ArrayList<>();
        for (String id : checkIds) {
            RunCheck c = byCheck.get(id);
            if (c != null && c.status() == CheckRunStatus.NOT_APPLICABLE) {
                anyNotApplicable = true;
                notApplicable.add(new CheckStanding(id, c.title(), CheckRunStatus.NOT_APPLICABLE.name(), 0));
                continue;
            }
            if (c == null || c.evaluated() == 0) {
                continue;
            }
            if (c.passed() + c.failed() + c.errors() > 0) {
                anyEvaluated = true;
            }
            if (c.failed() > 0) {
                anyFail = true;
                problems.add(new CheckStanding(id, c.title(), Outcome.FAIL.name(), c.failed()));
            } else if (c.errors() > 0) {
                anyError = true;
                problems.add(new CheckStanding(id, c.title(), Outcome.ERROR.name(), c.errors()));
            }
        }
        HealthStatus status = anyFail ? HealthStatus.FAILING : anyError ? HealthStatus.ERROR
                : anyEvaluated ? HealthStatus.HEALTHY : anyNotApplicable ? HealthStatus.NOT_APPLICABLE
                : HealthStatus.NO_DATA;
        problems.addAll(notApplicable);
        return new ControlHealth(controlId, ref, status, checkIds, problems, runId, runAt);
    }

    /** The source an upload is recorded under: as given, else "upload:" + format. */
    public static String source(String given, String format) {
        String s = given == null || given.isBlank() ? "upload:" + format : given.strip();
        if (s.length() > MAX_SOURCE) {
            throw ApiProblem.invalidField("source", "is longer than " + MAX_SOURCE + " characters");
        }
        return s;
    }

    public static String filename(String given) {
        if (given == null || given.isBlank()) {
            return "upload";
        }
        String name = given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        return name.isEmpty() ? "upload" : name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    public static String contentType(String filename) {
        String f = filename.toLowerCase(Locale.ROOT);
        if (f.endsWith(".json") || f.endsWith(".sarif")) {
            return "application/json";
        }
        if (f.endsWith(".csv")) {
            return "text/csv";
        }
        if (f.endsWith(".yaml") || f.endsWith(".yml")) {
            return "application/yaml";
        }
        return "application/octet-stream";
    }

    /** A check file's name: one path segment ending in .yaml or .yml. */
    public static String checkFilename(String given) {
        String f = given == null ? "" : given.strip();
        if (f.isEmpty()) {
            throw ApiProblem.invalidField("filename", "is required (e.g. my-checks.yaml)");
        }
        if (f.contains("/") || f.contains("\\") || f.length() > 200
                || !(f.toLowerCase(Locale.ROOT).endsWith(".yaml") || f.toLowerCase(Locale.ROOT).endsWith(".yml"))) {
            throw ApiProblem.invalidField("filename", "'" + f + "' must be a file name ending in .yaml or .yml");
        }
        return f;
    }

    /** Bad input as a 400 naming the file, line and column (the InputProblem's own message). */
    public static ApiProblem problem(String field, InputProblem p) {
        Integer line = p.line() > 0 ? (int) Math.min(Integer.MAX_VALUE, p.line()) : null;
        return new ApiProblem(400, "Invalid input", p.getMessage() + "; nothing was stored",
                List.of(new FieldError(field, p.getMessage(), line)));
    }
}
