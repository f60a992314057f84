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

    PeriodOperationUiController(PeriodOperationService service) {
        this.service = service;
    }

    @GetMapping("/engagements/{engagementId}/monitoring")
    String view(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) String interval, Model model) {
        Duration d = PeriodOperationApiController.parse(interval);
        var p = service.analyse(user, engagementId, d);
        model.addAttribute("op", PeriodOperationApiController.view(p));
        model.addAttribute("interval", interval == null || interval.isBlank() ? "" : interval.trim().toUpperCase());
        model.addAttribute("schedule", service.scheduleInterval().toString());
        return "monitoring/period/operation";
    }
}
