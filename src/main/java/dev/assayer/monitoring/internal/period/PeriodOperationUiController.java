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
        return "monitoring/period/operation";
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
