package dev.assayer.control.internal;

import dev.assayer.catalog.CatalogService;
import dev.assayer.catalog.ControlObjective;
import dev.assayer.catalog.Criterion;
import dev.assayer.control.Control;
import dev.assayer.control.ControlFilter;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.ImportResult;
import dev.assayer.control.Nature;
import dev.assayer.control.TransferFormat;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The control library pages: list with filters (htmx), detail and edit, new, import/export, starter library. */
@Controller
class ControlUiController {

    private final ControlService controls;
    private final CatalogService catalog;
    private final IdentityService identity;

    ControlUiController(ControlService controls, CatalogService catalog, IdentityService identity) {
        this.controls = controls;
        this.catalog = catalog;
        this.identity = identity;
    }

    @ModelAttribute("natures")
    Nature[] natures() {
        return Nature.values();
    }

    @ModelAttribute("kinds")
    ControlKind[] kinds() {
        return ControlKind.values();
    }

    @ModelAttribute("frequencies")
    Frequency[] frequencies() {
        return Frequency.values();
    }

    @ModelAttribute("statuses")
    ImplementationStatus[] statuses() {
        return ImplementationStatus.values();
    }

    @GetMapping("/controls")
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String text,
            @RequestParam(required = false) String criterion, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String status, @RequestParam(required = false) String nature,
            @RequestParam(required = false) String frequency, @RequestParam(required = false) String key,
            @RequestParam(required = false) String objective,
            @RequestHeader(name = "HX-Request", required = false) String hx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore, Model model,
            HttpServletResponse response) {
        user.require(Permission.CONTROL_READ);
        ControlFilter filter;
        try {
            filter = ControlApiController.filter(text, criterion, owner, status, nature, frequency, key, objective);
        } catch (ApiProblem p) {
            model.addAttribute("flashError", p.getMessage());
            filter = ControlFilter.none();
        }
        List<Control> list = controls.list(user, filter);
        long total = filter.isEmpty() ? list.size() : controls.count(user);
        Map<ImplementationStatus, Long> byStatus = new EnumMap<>(ImplementationStatus.class);
        for (ImplementationStatus s : ImplementationStatus.values()) {
            byStatus.put(s, list.stream().filter(c -> c.status() == s).count());
        }
        model.addAttribute("controls", list);
        model.addAttribute("total", total);
        model.addAttribute("byStatus", byStatus);
        model.addAttribute("keyCount", list.stream().filter(Control::keyControl).count());
        model.addAttribute("filter", filter);
        model.addAttribute("filtered", !filter.isEmpty());
        model.addAttribute("criterionTitle", filter.criterion() == null ? null
                : catalog.criterion(filter.criterion().toUpperCase()).map(Criterion::title).orElse(null));
        response.addHeader("Vary", "HX-Request");
        if (hx != null && restore == null) {
            return "control/list :: results";
        }
        model.addAttribute("criteria", catalog.criteria(CatalogService.SOC2));
        model.addAttribute("members", identity.members(user));
        model.addAttribute("canWrite", user.can(Permission.CONTROL_WRITE));
        if (total == 0 && user.can(Permission.CONTROL_WRITE)) {
            model.addAttribute("starterRoles", controls.starterOwnerRoles());
        }
        return "control/list";
    }

    @PostMapping("/controls/adopt-starter")
    String adopt(@AuthenticationPrincipal CurrentUser user, @RequestParam MultiValueMap<String, String> params,
            RedirectAttributes flash) {
        user.require(Permission.CONTROL_WRITE);
        Map<String, UUID> owners = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (name.startsWith("owner:") && !values.isEmpty() && values.getFirst() != null && !values.getFirst().isBlank()) {
                try {
                    owners.put(name.substring("owner:".length()), UUID.fromString(values.getFirst()));
                } catch (IllegalArgumentException ignored) {
                    // not a member id: leave that role without an owner
                }
            }
        });
        try {
            int added = controls.adoptStarterLibrary(user, owners);
            flash.addFlashAttribute("flash", added + " controls were added from the starter library.");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/controls";
    }

    @GetMapping("/controls/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.CONTROL_WRITE);
        return formPage(user, ControlForm.empty(), null, model);
    }

    private String formPage(CurrentUser user, ControlForm form, String error, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("members", identity.members(user));
        return "control/new";
    }

    @PostMapping("/controls")
    String create(@AuthenticationPrincipal CurrentUser user, ControlForm form, Model model, RedirectAttributes flash) {
        user.require(Permission.CONTROL_WRITE);
        try {
            Control c = controls.create(user, form.toDraft(true, true));
            flash.addFlashAttribute("flash", "Control " + c.ref() + " was created.");
            return "redirect:/controls/" + c.id();
        } catch (ApiProblem p) {
            if (p.status() == 403) {
                throw p;
            }
            return formPage(user, form, p.getMessage(), model);
        }
    }

    @GetMapping("/controls/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        Control c = controls.get(user, resolve(user, id));
        return detailPage(user, c, ControlForm.of(c), null, model);
    }

    private UUID resolve(CurrentUser user, String idOrRef) {
        user.require(Permission.CONTROL_READ);
        return controls.resolve(user.orgId(), idOrRef).orElseThrow(() -> ApiProblem.notFound("Control " + idOrRef));
    }

    private String detailPage(CurrentUser user, Control c, ControlForm form, String error, Model model) {
        Map<String, String> criterionTitles = new LinkedHashMap<>();
        for (String id : c.criteria()) {
            criterionTitles.put(id, catalog.criterion(id).map(Criterion::title).orElse("(not in the catalog)"));
        }
        Map<String, String> objectiveTitles = new LinkedHashMap<>();
        Map<String, String> known = new LinkedHashMap<>();
        for (ControlObjective o : catalog.objectives(user.orgId())) {
            known.put(o.ref(), o.title());
        }
        for (String ref : c.objectives()) {
            objectiveTitles.put(ref, known.getOrDefault(ref, "(not defined)"));
        }
        boolean full = user.can(Permission.CONTROL_WRITE);
        boolean own = !full && user.can(Permission.CONTROL_WRITE_OWN) && user.userId().equals(c.ownerId());
        model.addAttribute("control", c);
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("criterionTitles", criterionTitles);
        model.addAttribute("objectiveTitles", objectiveTitles);
        model.addAttribute("canEdit", full);
        model.addAttribute("canEditOwn", own);
        model.addAttribute("canActivity", user.can(Permission.ACTIVITY_READ));
        model.addAttribute("canEvidence", user.can(Permission.EVIDENCE_READ));
        if (full) {
            List<Member> members = identity.members(user);
            model.addAttribute("members", members);
        }
        return "control/detail";
    }

    @PostMapping("/controls/{id}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, ControlForm form, Model model,
            RedirectAttributes flash) {
        boolean full = user.can(Permission.CONTROL_WRITE);
        if (!full) {
            user.require(Permission.CONTROL_WRITE_OWN);
        }
        Control current = controls.get(user, id);
        try {
            if (form.version() == null) {
                throw ApiProblem.invalidField("version", "is required; reload the page");
            }
            Control c = controls.update(user, id, form.toDraft(full, false), form.version());
            flash.addFlashAttribute("flash", "Control " + c.ref() + " was saved.");
            return "redirect:/controls/" + c.id();
        } catch (ApiProblem p) {
            if (p.status() == 404) {
                throw p;
            }
            return detailPage(user, current, form, p.getMessage(), model);
        }
    }

    @GetMapping("/controls/import")
    String importPage(@AuthenticationPrincipal CurrentUser user) {
        user.require(Permission.CONTROL_WRITE);
        return "control/import";
    }

    @PostMapping("/controls/import")
    String importFile(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String format,
            @RequestParam(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes flash)
            throws IOException {
        user.require(Permission.CONTROL_WRITE);
        try {
            if (file == null || file.isEmpty()) {
                throw ApiProblem.invalidField("file", "choose a CSV or YAML file to import");
            }
            TransferFormat f = ControlApiController.format(format, file.getContentType(), file.getOriginalFilename());
            ImportResult r = controls.importFile(user, f, new String(file.getBytes(), StandardCharsets.UTF_8));
            flash.addFlashAttribute("flash", "Imported " + file.getOriginalFilename() + ": " + r.created().size()
                    + " created, " + r.updated().size() + " updated, " + r.unchanged() + " unchanged.");
            return "redirect:/controls";
        } catch (ApiProblem p) {
            model.addAttribute("error", p.getMessage());
            model.addAttribute("errors", p.errors());
            model.addAttribute("fileName", file == null ? null : file.getOriginalFilename());
            return "control/import";
        }
    }

    @GetMapping("/controls/export")
    ResponseEntity<String> export(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "csv") String format) {
        TransferFormat f = TransferFormat.parse(format);
        return ControlApiController.download(f, controls.export(user, f));
    }
}
