package dev.assayer.monitoring.internal.period;

import dev.assayer.shared.tenancy.CurrentUser;
import java.time.Duration;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** /engagements/{id}/monitoring: the period view of automated controls for a Type II engagement. */
@Controller
class PeriodOperationUiController {

    private final PeriodOperationService service;
    private final PullRequestPopulationService pullRequests;

    PeriodOperationUiController(PeriodOperationService service, PullRequestPopulationService pullRequests) {
        this.service = service;
        this.pullRequests = pullRequests;
    }

    @GetMapping("/engagements/{engagementId}/monitoring")
    String view(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) String interval, Model model) {
        Duration d = PeriodOperationApiController.parse(interval);
        var p = service.analyse(user, engagementId, d);
        model.addAttribute("op", PeriodOperationApiController.view(p));
        model.addAttribute("interval", interval == null || interval.isBlank() ? "" : interval.trim().toUpperCase());
        model.addAttribute("schedule", service.scheduleInterval().toString());
        model.addAttribute("prs", PeriodOperationApiController.PullRequestView.of(pullRequests.review(user, engagementId)));
        model.addAttribute("canSample", user.can(dev.assayer.shared.tenancy.Permission.FIELDWORK_WRITE));
        model.addAttribute("cadence", d != null ? null : cadenceHint(p));
        return "monitoring/period/operation";
    }

    /**
     * When the runs of the period are usually further apart than the gap tolerance (history
     * replayed from a weekly tool, imports run by hand), every day between them counts as "without a
     * run". That is the right reading against the server's schedule, but the user should see why and
     * be offered the cadence the runs actually had: their median spacing, in whole hours or days.
     * Null when the runs follow the schedule or there are too few to tell.
     */
    static String cadenceHint(PeriodOperationService.PeriodOperation p) {
        java.util.TreeSet<java.time.Instant> at = new java.util.TreeSet<>();
        for (PeriodOperationService.ControlOperation c : p.controls()) {
            c.result().runs().forEach(r -> at.add(r.at()));
        }
        if (at.size() < 3) {
            return null;
        }
        java.util.List<Long> spacing = new java.util.ArrayList<>();
        java.time.Instant previous = null;
        for (java.time.Instant i : at) {
            if (previous != null) {
                spacing.add(Duration.between(previous, i).toSeconds());
            }
            previous = i;
        }
        java.util.Collections.sort(spacing);
        Duration median = Duration.ofSeconds(spacing.get(spacing.size() / 2));
        if (median.compareTo(p.expectedInterval().multipliedBy(2)) <= 0) {
            return null;
        }
        long hours = Math.max(1, Math.round(median.toMinutes() / 60.0));
        return hours % 24 == 0 ? "P" + hours / 24 + "D" : "PT" + hours + "H";
    }

    @org.springframework.web.bind.annotation.PostMapping("/engagements/{engagementId}/monitoring/pull-requests/population")
    String handToFieldwork(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
        try {
            var record = pullRequests.handToFieldwork(user, engagementId);
            flash.addFlashAttribute("flash", "The population of " + record.name().toLowerCase()
                    + " is in fieldwork; select a sample there.");
        } catch (dev.assayer.shared.ApiProblem p) {
            if (p.status() == 403 || p.status() == 404) {
                throw p;
            }
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/engagements/" + engagementId + "/monitoring";
    }
}
