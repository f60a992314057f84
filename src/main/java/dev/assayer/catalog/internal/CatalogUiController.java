package dev.assayer.catalog.internal;

import dev.assayer.catalog.CatalogService;
import dev.assayer.catalog.ControlObjective;
import dev.assayer.catalog.Criterion;
import dev.assayer.catalog.Framework;
import dev.assayer.catalog.ObjectiveDraft;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The criteria browser (/criteria) and the SOC 1 objectives pages (/objectives). */
@Controller
class CatalogUiController {

    private final CatalogService catalog;

    CatalogUiController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/criteria")
    String criteria(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = CatalogService.SOC2) String framework,
            @RequestParam(required = false) String q, @RequestParam(required = false) String category,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
            Model model) {
        user.require(Permission.CATALOG_READ);
        Framework fw = catalog.framework(framework)
                .orElseThrow(() -> ApiProblem.notFound("Framework '" + framework + "'"));
        List<Criterion> criteria = catalog.criteria(fw.key());
        boolean starterOnly = false;
        if (fw.isObjectives()) {
            List<ControlObjective> own = catalog.objectives(user.orgId());
            if (own.isEmpty()) {
                starterOnly = true;
            } else {
                criteria = CriteriaBrowser.asCriteria(own, criteria);
            }
        }
        String cat = category == null || category.isBlank() ? null : category;
        List<CriteriaBrowser.CategoryGroup> groups = CriteriaBrowser.group(fw.categories(), criteria, q, cat);
        model.addAttribute("frameworks", catalog.frameworks());
        model.addAttribute("framework", fw);
        model.addAttribute("groups", groups);
        model.addAttribute("shown", CriteriaBrowser.count(groups));
        model.addAttribute("total", criteria.size());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("category", cat);
        model.addAttribute("starterOnly", starterOnly);
        if (htmx != null && historyRestore == null) {
            return "catalog/criteria :: results";
        }
        return "catalog/criteria";
    }

    @GetMapping("/objectives")
    String objectives(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.CATALOG_READ);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ObjectiveDraft("", catalog.soc1Categories().getFirst(), "", "", ""));
        }
        return objectivesPage(user, model);
    }

    private String objectivesPage(CurrentUser user, Model model) {
        List<ControlObjective> list = catalog.objectives(user.orgId());
        model.addAttribute("objectives", list);
        model.addAttribute("categories", catalog.soc1Categories());
        model.addAttribute("starterCount", catalog.criteria(CatalogService.SOC1).size());
        model.addAttribute("starterMissing", catalog.unknownObjectives(user.orgId(),
                catalog.criteria(CatalogService.SOC1).stream().map(Criterion::id).toList()).size());
        model.addAttribute("canWrite", user.can(Permission.OBJECTIVE_WRITE));
        return "catalog/objectives";
    }

    @PostMapping("/objectives/adopt-starter")
    String adopt(@AuthenticationPrincipal CurrentUser user, RedirectAttributes flash) {
        try {
            int n = catalog.adoptStarterObjectives(user).size();
            flash.addFlashAttribute("flash", n == 0 ? "Every starter objective is already adopted; nothing was added."
                    : n + (n == 1 ? " starter objective was" : " starter objectives were") + " added.");
        } catch (ApiProblem p) {
            if (p.status() == 403) {
                throw p;
            }
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/objectives";
    }

    @PostMapping("/objectives")
    String create(@AuthenticationPrincipal CurrentUser user, ObjectiveForm form, Model model,
            RedirectAttributes flash) {
        try {
            ControlObjective o = catalog.createObjective(user, form.draft());
            flash.addFlashAttribute("flash", "Objective " + o.ref() + " was added.");
            return "redirect:/objectives";
        } catch (ApiProblem p) {
            if (p.status() == 403) {
                throw p;
            }
            model.addAttribute("flashError", p.getMessage());
            model.addAttribute("errorField", p.errors().isEmpty() ? null : p.errors().getFirst().field());
            model.addAttribute("form", form.draft());
            return objectivesPage(user, model);
        }
    }

    @GetMapping("/objectives/{id}/edit")
    String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        user.require(Permission.OBJECTIVE_WRITE);
        ControlObjective o = catalog.objective(user.orgId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Control objective " + id));
        model.addAttribute("objective", o);
        model.addAttribute("form", new ObjectiveDraft(o.ref(), o.category(), o.series(), o.title(), o.description()));
        model.addAttribute("version", o.version());
        model.addAttribute("categories", catalog.soc1Categories());
        return "catalog/objective-edit";
    }

    @PostMapping("/objectives/{id}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, ObjectiveForm form, Model model,
            RedirectAttributes flash) {
        user.require(Permission.OBJECTIVE_WRITE);
        ControlObjective current = catalog.objective(user.orgId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Control objective " + id));
        try {
            if (form.version() == null) {
                throw ApiProblem.invalidField("version", "is required");
            }
            ControlObjective o = catalog.updateObjective(user, id, form.draft(), form.version());
            flash.addFlashAttribute("flash", "Objective " + o.ref() + " was saved.");
            return "redirect:/objectives";
        } catch (ApiProblem p) {
            if (p.status() == 403 || p.status() == 404) {
                throw p;
            }
            model.addAttribute("flashError", p.getMessage());
            model.addAttribute("errorField", p.errors().isEmpty() ? null : p.errors().getFirst().field());
            model.addAttribute("objective", current);
            model.addAttribute("form", form.draft());
            boolean stale = p.status() == 409 && !p.errors().isEmpty() && "version".equals(p.errors().getFirst().field());
            // a stale edit keeps the user's text; saving it again deliberately applies it over the current version
            model.addAttribute("version", stale || form.version() == null ? current.version() : form.version());
            model.addAttribute("stale", stale);
            model.addAttribute("currentVersion", current.version());
            model.addAttribute("categories", catalog.soc1Categories());
            return "catalog/objective-edit";
        }
    }

    /** Form fields of the create and edit forms. */
    record ObjectiveForm(String ref, String category, String series, String title, String description, Long version) {
        ObjectiveDraft draft() {
            return new ObjectiveDraft(ref, category, series, title, description);
        }
    }
}
