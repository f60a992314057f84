package dev.assayer.engagement.internal;

import dev.assayer.engagement.ComponentType;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.EngagementStatus;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The engagements pages: list, set-up form, detail and edit. Forms work without JavaScript. */
@Controller
class EngagementUiController {

    private static final Set<String> ROW_KINDS = Set.of("component", "subservice", "cuec", "excluded");
    private static final Map<String, String> CATEGORY_LABELS = categoryLabels();

    private final EngagementService engagements;
    private final dev.assayer.engagement.EngagementAccessService access;
    private final dev.assayer.identity.IdentityService identity;

    EngagementUiController(EngagementService engagements, dev.assayer.engagement.EngagementAccessService access,
            dev.assayer.identity.IdentityService identity) {
        this.engagements = engagements;
        this.access = access;
        this.identity = identity;
    }

    @GetMapping("/engagements")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("engagements", engagements.list(user));
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        model.addAttribute("categoryLabels", CATEGORY_LABELS);
        return "engagement/list";
    }

    @GetMapping("/engagements/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        EngagementForm form = new EngagementForm();
        form.pad();
        return form(model, form, null, null);
    }

    @PostMapping("/engagements")
    String create(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") EngagementForm form, Model model,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        form.compact();
        try {
            Engagement created = engagements.create(user, form.toDraft());
            flash.addFlashAttribute("flash", "Engagement created.");
            return "redirect:/engagements/" + created.id();
        } catch (ApiProblem p) {
            form.pad();
            return form(model, form, null, p);
        }
    }

    @GetMapping("/engagements/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("e", engagements.get(user, id));
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        model.addAttribute("categoryLabels", CATEGORY_LABELS);
        if (!user.inEngagement()) {
            model.addAttribute("grants", access.grants(user, id));
            model.addAttribute("canGrant", user.can(Permission.ACCESS_GRANT));
            model.addAttribute("firms", user.can(Permission.ACCESS_GRANT) ? identity.auditFirms() : java.util.List.of());
            model.addAttribute("today", java.time.LocalDate.now());
        }
        return "engagement/detail";
    }

    @PostMapping("/engagements/{id}/grants")
    String grant(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam UUID firmId,
            @RequestParam(required = false) java.time.LocalDate accessUntil, @RequestParam(required = false) String note,
            RedirectAttributes flash) {
        try {
            var g = access.grant(user, id, firmId, accessUntil, note);
            flash.addFlashAttribute("flash", g.firmName() + " has access until " + g.accessUntil() + ".");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/engagements/" + id + "#access";
    }

    @PostMapping("/engagements/{id}/grants/{grantId}/revoke")
    String revokeGrant(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID grantId,
            RedirectAttributes flash) {
        try {
            var g = access.revoke(user, id, grantId);
            flash.addFlashAttribute("flash", g.firmName() + "'s access was revoked.");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/engagements/" + id + "#access";
    }

    /** Starts the next period's engagement from this one and opens it. */
    @PostMapping("/engagements/{id}/roll-forward")
    String rollForward(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes flash) {
        try {
            var next = engagements.rollForward(user, id, null, null);
            flash.addFlashAttribute("flash", "Started '" + next.name() + "' from the previous period: scope, system "
                    + "description, subservice organizations, CUECs and criteria not relevant carried over. Review them; "
                    + "the auditor rolls the request list and test plans forward inside their new grant, and "
                    + "populations are re-extracted for the new period.");
            return "redirect:/engagements/" + next.id();
        } catch (ApiProblem p) {
            if (p.status() == 403 || p.status() == 404) {
                throw p;
            }
            flash.addFlashAttribute("flashError", p.getMessage());
            return "redirect:/engagements/" + id;
        }
    }

    /** An audit firm's dashboard: the client engagements it was granted, to open one. */
    @GetMapping("/firm")
    String firm(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.FIELDWORK_READ);
        model.addAttribute("grants", access.grantsOfFirm(user));
        model.addAttribute("today", java.time.LocalDate.now());
        return "engagement/firm";
    }

    @GetMapping("/engagements/{id}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Engagement e = engagements.get(user, id);
        EngagementForm form = EngagementForm.of(e);
        form.pad();
        return form(model, form, e, null);
    }

    @PostMapping("/engagements/{id}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @ModelAttribute("form") EngagementForm form, Model model, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Engagement current = engagements.get(user, id);
        form.compact();
        try {
            if (form.getVersion() == null) {
                throw ApiProblem.invalidField("version", "is required; reload the page and try again");
            }
            engagements.update(user, id, form.toDraft(), form.getVersion());
            flash.addFlashAttribute("flash", "Engagement saved.");
            return "redirect:/engagements/" + id;
        } catch (ApiProblem p) {
            form.pad();
            return form(model, form, current, p);
        }
    }

    /** htmx: one more blank row of a repeated section, and the "add row" button for the row after it. */
    @GetMapping("/engagements/form-rows/{kind}")
    String row(@AuthenticationPrincipal CurrentUser user, @PathVariable String kind, @RequestParam int index,
            Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        if (!ROW_KINDS.contains(kind) || index < 0 || index > EngagementRules.MAX_ITEMS) {
            throw ApiProblem.notFound("Row kind " + kind);
        }
        model.addAttribute("i", index);
        model.addAttribute("kind", kind);
        options(model);
        return "engagement/rows :: newRow";
    }

    private String form(Model model, EngagementForm form, Engagement existing, ApiProblem problem) {
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        options(model);
        if (problem != null) {
            Map<String, String> fieldErrors = new LinkedHashMap<>();
            problem.errors().forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
            model.addAttribute("problem", problem);
            model.addAttribute("fieldErrors", fieldErrors);
        } else {
            model.addAttribute("fieldErrors", Map.of());
        }
        return "engagement/form";
    }

    private static void options(Model model) {
        model.addAttribute("frameworks", Framework.values());
        model.addAttribute("reportTypes", ReportType.values());
        model.addAttribute("statuses", EngagementStatus.values());
        model.addAttribute("componentTypes", ComponentType.values());
        model.addAttribute("methods", SubserviceMethod.values());
        model.addAttribute("categoryLabels", CATEGORY_LABELS);
        model.addAttribute("optionalCategories", EngagementRules.SOC2_CATEGORIES.subList(1,
                EngagementRules.SOC2_CATEGORIES.size()));
    }

    private static Map<String, String> categoryLabels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("SECURITY", "Security");
        m.put("AVAILABILITY", "Availability");
        m.put("PROCESSING_INTEGRITY", "Processing integrity");
        m.put("CONFIDENTIALITY", "Confidentiality");
        m.put("PRIVACY", "Privacy");
        return m;
    }
}
