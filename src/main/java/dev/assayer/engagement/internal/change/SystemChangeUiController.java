package dev.assayer.engagement.internal.change;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.SystemChangeDraft;
import dev.assayer.engagement.SystemChangeService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Changes in the period" page of an engagement (DC9): recorded changes with their history,
 * the form to record one, and the facts detected in the period with "record as a change" and "not a
 * system change".
 */
@Controller
class SystemChangeUiController {

    private final SystemChangeService changes;
    private final EngagementService engagements;

    SystemChangeUiController(SystemChangeService changes, EngagementService engagements) {
        this.changes = changes;
        this.engagements = engagements;
    }

    @GetMapping("/engagements/{id}/changes")
    String page(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        return page(user, id, model, null);
    }

    @PostMapping("/engagements/{id}/changes")
    String record(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String changedOn, @RequestParam(required = false) String area,
            @RequestParam(required = false) String description, @RequestParam(required = false) String significant,
            @RequestParam(required = false) String sourceRef, @RequestParam(required = false) String detectionKey,
            Model model, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            changes.record(user, id, draft(changedOn, area, description, significant, null, sourceRef), detectionKey);
            flash.addFlashAttribute("flash", "Change recorded.");
            return "redirect:/engagements/" + id + "/changes";
        } catch (ApiProblem p) {
            if (p.status() >= 500) {
                throw p;
            }
            return page(user, id, model, p);
        }
    }

    @PostMapping("/engagements/{id}/changes/dismiss")
    String dismiss(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String key, Model model, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            changes.dismiss(user, id, key);
            flash.addFlashAttribute("flash", "Marked as not a system change.");
            return "redirect:/engagements/" + id + "/changes";
        } catch (ApiProblem p) {
            return page(user, id, model, p);
        }
    }

    @PostMapping("/engagements/{id}/changes/{changeId}/correct")
    String correct(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID changeId,
            @RequestParam(required = false) String changedOn, @RequestParam(required = false) String area,
            @RequestParam(required = false) String description, @RequestParam(required = false) String significant,
            @RequestParam(required = false) String sourceRef, @RequestParam(required = false) Long version, Model model,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            changes.correct(user, id, changeId, draft(changedOn, area, description, significant, null, sourceRef),
                    version == null ? -1 : version);
            flash.addFlashAttribute("flash", "Change corrected; the earlier wording stays in the history.");
            return "redirect:/engagements/" + id + "/changes";
        } catch (ApiProblem p) {
            return page(user, id, model, p);
        }
    }

    @PostMapping("/engagements/{id}/changes/{changeId}/withdraw")
    String withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID changeId,
            @RequestParam(required = false) String reason, @RequestParam(required = false) Long version, Model model,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            changes.withdraw(user, id, changeId, reason, version == null ? -1 : version);
            flash.addFlashAttribute("flash", "Change withdrawn; it stays in the history with your reason.");
            return "redirect:/engagements/" + id + "/changes";
        } catch (ApiProblem p) {
            return page(user, id, model, p);
        }
    }

    private String page(CurrentUser user, UUID id, Model model, ApiProblem problem) {
        Engagement e = engagements.get(user, id);
        model.addAttribute("engagement", e);
        model.addAttribute("changes", changes.history(user, id));
        boolean canDetect = user.can(Permission.ACTIVITY_READ);
        model.addAttribute("detected", canDetect ? changes.detected(user, id) : List.of());
        model.addAttribute("canDetect", canDetect);
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        model.addAttribute("areas", SystemChangeService.AREAS);
        model.addAttribute("problem", problem);
        return "engagement/changes/list";
    }

    static SystemChangeDraft draft(String changedOn, String area, String description, String significant,
            String source, String sourceRef) {
        LocalDate on = null;
        if (changedOn != null && !changedOn.isBlank()) {
            try {
                on = LocalDate.parse(changedOn.strip());
            } catch (DateTimeParseException e) {
                throw ApiProblem.invalidField("changedOn", "'" + changedOn + "' is not a date (YYYY-MM-DD)");
            }
        }
        Boolean sig = significant == null || significant.isBlank() ? null : Boolean.valueOf(significant.strip());
        return new SystemChangeDraft(on, area, description, sig, source, sourceRef);
    }
}
