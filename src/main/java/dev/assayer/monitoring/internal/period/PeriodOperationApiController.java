package dev.assayer.monitoring.internal.period;

import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/engagements/{id}/monitoring/operation: how each automated control operated across a
 * Type II engagement's period — runs, shares of runs and time passed, failing windows with their
 * resources, and gaps with no run. {@code interval} (ISO-8601, default the server's schedule) is
 * the expected time between runs; gaps are spans longer than twice it.
 */
@RestController
class PeriodOperationApiController {

    record WindowView(Instant from, Instant to, boolean stillFailing, int runs, Set<String> checks,
            Set<String> resources) {
    }

    record GapView(Instant from, Instant to, String length) {
    }

    record ControlView(UUID controlId, String controlRef, String controlTitle, Set<String> checks, int runs,
            int passedRuns, int failedRuns, int errorRuns, int notEvaluatedRuns, int notApplicableRuns,
            double shareOfRunsPassed,
            double shareOfTimePassed, double shareOfTimeFailing, double shareOfTimeWithoutRun,
            boolean operatedThroughout, List<WindowView> failingWindows, List<GapView> gaps) {
    }

    record OperationView(UUID engagementId, String engagementName, Instant from, Instant to, String expectedInterval,
            String gapTolerance, List<ControlView> controls) {
    }

    record PullRequestView(UUID engagementId, java.time.LocalDate from, java.time.LocalDate to, int merged,
            int approvedByOther, int notApproved, int reviewsUnknown, double shareApprovedByOther, String sha256,
            List<PullRequestPopulationService.PullRequestRow> exceptions) {

        static PullRequestView of(PullRequestPopulationService.PullRequestReview r) {
            return new PullRequestView(r.engagementId(), r.from(), r.to(), r.merged(), r.approvedByOther(),
                    r.notApproved(), r.reviewsUnknown(), r.shareApprovedByOther(), r.sha256(), r.exceptions());
        }
    }

    private final PeriodOperationService service;
    private final PullRequestPopulationService pullRequests;

    PeriodOperationApiController(PeriodOperationService service, PullRequestPopulationService pullRequests) {
        this.service = service;
        this.pullRequests = pullRequests;
    }

    /** Pull requests merged to the default branch in the period: share approved by someone other than the author, exceptions. */
    @GetMapping("/api/v1/engagements/{engagementId}/monitoring/pull-requests")
    PullRequestView pullRequests(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId) {
        return PullRequestView.of(pullRequests.review(user, engagementId));
    }

    /** The population file itself (CSV; its SHA-256 is in the summary). */
    @GetMapping(value = "/api/v1/engagements/{engagementId}/monitoring/pull-requests.csv", produces = "text/csv")
    org.springframework.http.ResponseEntity<byte[]> pullRequestCsv(@AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID engagementId) {
        var r = pullRequests.review(user, engagementId);
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"pull-requests-merged-" + r.from() + "-" + r.to()
                        + ".csv\"")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv"))
                .body(r.csv());
    }

    /** The auditor takes the population into fieldwork for sampling (201 with the population record). */
    @org.springframework.web.bind.annotation.PostMapping("/api/v1/engagements/{engagementId}/monitoring/pull-requests/population")
    org.springframework.http.ResponseEntity<dev.assayer.fieldwork.PopulationRecord> handToFieldwork(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId) {
        var record = pullRequests.handToFieldwork(user, engagementId);
        return org.springframework.http.ResponseEntity.status(201).body(record);
    }

    @GetMapping("/api/v1/engagements/{engagementId}/monitoring/operation")
    OperationView operation(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) String interval) {
        var p = service.analyse(user, engagementId, parse(interval));
        return view(p);
    }

    static Duration parse(String interval) {
        if (interval == null || interval.isBlank()) {
            return null;
        }
        try {
            String t = interval.trim().toUpperCase(java.util.Locale.ROOT);
            if (t.startsWith("P") && !t.contains("T") && t.endsWith("D")) {
                return Duration.ofDays(Long.parseLong(t.substring(1, t.length() - 1)));
            }
            return Duration.parse(t);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiProblem.invalidField("interval", "'" + interval + "' is not an ISO-8601 duration such as PT6H, P1D or P7D");
        }
    }

    static OperationView view(PeriodOperationService.PeriodOperation p) {
        return new OperationView(p.engagementId(), p.engagementName(), p.from(), p.to(), p.expectedInterval().toString(),
                p.expectedInterval().multipliedBy(2).toString(), p.controls().stream().map(c -> {
                    var r = c.result();
                    return new ControlView(c.controlId(), c.controlRef(), c.controlTitle(), c.checks(), r.runs().size(),
                            r.passedRuns(), r.failedRuns(), r.errorRuns(), r.notEvaluatedRuns(), r.notApplicableRuns(),
                            r.shareOfRunsPassed(),
                            r.shareOfTimePassed(), r.shareOfTime(OperationAnalysis.State.FAIL), r.shareOfTimeWithoutRun(),
                            r.operatedThroughout(),
                            r.failingWindows().stream().map(w -> new WindowView(w.from(), w.to(), w.to() == null,
                                    w.runs(), w.checks(), w.resources())).toList(),
                            r.gaps().stream().map(g -> new GapView(g.from(), g.to(), g.length().toString())).toList());
                }).toList());
    }
}
