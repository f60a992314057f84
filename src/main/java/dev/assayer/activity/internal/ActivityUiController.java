package dev.assayer.activity.internal;

import dev.assayer.activity.ActivityLog;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The activity page (/activity) with the chain verification panel, and the per-entity history
 * fragment other pages include with {@code hx-get="/activity/fragments/entity?type=control&id=…"}.
 */
@Controller
class ActivityUiController {

    static final int PAGE = 200;
    static final int ENTITY_LIMIT = 100;

    private final ActivityLog log;
    private final ActivityRows rows = new ActivityRows();

    ActivityUiController(ActivityLog log) {
        this.log = log;
    }

    @GetMapping("/activity")
    String activity(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String type,
            @RequestParam(required = false) String id, @RequestParam(required = false) String verify, Model model) {
        user.require(Permission.ACTIVITY_READ);
        String t = blankToNull(type);
        String i = blankToNull(id);
        model.addAttribute("rows", rows.rows(log.recent(user.orgId(), t, i, PAGE)));
        model.addAttribute("type", t);
        model.addAttribute("id", i);
        model.addAttribute("limit", PAGE);
        if (verify != null) {
            model.addAttribute("verification", log.verify(user.orgId()));
        }
        return "activity/activity";
    }

    @GetMapping("/activity/fragments/verify")
    String verify(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.ACTIVITY_READ);
        model.addAttribute("verification", log.verify(user.orgId()));
        return "activity/fragments :: verify";
    }

    /** Always 200: roles without ACTIVITY_READ get a short note instead of the history. */
    @GetMapping("/activity/fragments/entity")
    String entity(@AuthenticationPrincipal CurrentUser user, @RequestParam String type, @RequestParam String id,
            Model model) {
        model.addAttribute("type", type);
        model.addAttribute("id", id);
        if (!user.can(Permission.ACTIVITY_READ)) {
            model.addAttribute("denied", true);
            return "activity/fragments :: entity";
        }
        model.addAttribute("denied", false);
        model.addAttribute("rows", rows.rows(log.recent(user.orgId(), type, id, ENTITY_LIMIT)));
        model.addAttribute("limit", ENTITY_LIMIT);
        return "activity/fragments :: entity";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
