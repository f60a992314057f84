package dev.assayer.monitoring.internal;

import dev.assayer.evidence.CollectionMethod;
import dev.assayer.monitoring.CheckFile;
import dev.assayer.monitoring.CheckView;
import dev.assayer.monitoring.ExclusionStatus;
import dev.assayer.monitoring.ImportRecord;
import dev.assayer.monitoring.MonitoringCheckService;
import dev.assayer.monitoring.MonitoringRun;
import dev.assayer.monitoring.MonitoringService;
import dev.assayer.monitoring.ingest.ResourceFormats;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The monitoring pages: overview (inventory, latest run, control health, alerts, import form, run
 * button), an import's progress (polled by htmx), runs and their results, checks (built-in and own
 * with a YAML editor), a check's history, a resource's history, and exclusions.
 */
@Controller
class MonitoringUiController {

    private final MonitoringService monitoring;
    private final MonitoringCheckService checks;

    MonitoringUiController(MonitoringService monitoring, MonitoringCheckService checks) {
        this.monitoring = monitoring;
        this.checks = checks;
    }

    @GetMapping("/monitoring")
    String index(@AuthenticationPrincipal CurrentUser user, Model model) {
        if (user.inEngagement()) {
            return "redirect:/monitoring/runs";
        }
        model.addAttribute("inventory", monitoring.inventory(user));
        model.addAttribute("imports", monitoring.imports(user).stream().limit(10).toList());
        model.addAttribute("latest", monitoring.latestRun(user).orElse(null));
        model.addAttribute("health", monitoring.controlHealth(user));
        model.addAttribute("alerts", monitoring.alerts(user, "OPEN"));
        model.addAttribute("formats", ResourceFormats.all());
        model.addAttribute("methods", CollectionMethod.values());
        model.addAttribute("canAct", user.can(Permission.EVIDENCE_UPLOAD));
        return "monitoring/index";
    }

    @PostMapping("/monitoring/imports")
    String importFile(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "format", required = false) String format,
            @RequestParam(name = "source", required = false) String source,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "idField", required = false) String idField,
            @RequestParam(name = "collectionMethod", required = false) String collectionMethod,
            @RequestParam(name = "sourceSystem", required = false) String sourceSystem, RedirectAttributes flash)
            throws IOException {
        user.require(Permission.EVIDENCE_UPLOAD);
        try {
            if (file == null || file.isEmpty()) {
                throw ApiProblem.invalidField("file", "choose a file to import");
            }
            CollectionMethod method = CollectionMethod.parse("collectionMethod", collectionMethod);
            try (InputStream in = file.getInputStream()) {
                ImportRecord r = monitoring.startImport(user, source, file.getOriginalFilename(), format,
                        MonitoringApiController.options(type, idField), in, method, sourceSystem);
                return "redirect:/monitoring/imports/" + r.id();
            }
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", "Nothing was imported: " + p.getMessage());
            return "redirect:/monitoring";
        }
    }

    @GetMapping("/monitoring/imports/{id}")
    String importPage(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("imp", monitoring.importRecord(user, id));
        return "monitoring/import";
    }

    @GetMapping("/monitoring/imports/{id}/status")
    String importStatus(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("imp", monitoring.importRecord(user, id));
        return "monitoring/import :: status";
    }

    @PostMapping("/monitoring/runs")
    String run(@AuthenticationPrincipal CurrentUser user, RedirectAttributes flash) {
        user.require(Permission.EVIDENCE_UPLOAD);
        MonitoringRun run = monitoring.run(user);
        flash.addFlashAttribute("flash", "Run finished: " + run.failed() + " failed, " + run.errors() + " errors over "
                + run.resources() + " resources; filed as evidence.");
        return "redirect:/monitoring/runs/" + run.id();
    }

    @GetMapping("/monitoring/runs")
    String runs(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("runs", monitoring.runs(user));
        model.addAttribute("canAct", user.can(Permission.EVIDENCE_UPLOAD) && !user.inEngagement());
        return "monitoring/runs";
    }

    @GetMapping("/monitoring/runs/{id}")
    String runDetail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(name = "check", required = false) String check, Model model) {
        model.addAttribute("run", monitoring.runDetail(user, id));
        model.addAttribute("checks", monitoring.runChecks(user, id));
        model.addAttribute("results", monitoring.results(user, id, check, null));
        model.addAttribute("check", check);
        return "monitoring/run";
    }

    @GetMapping("/monitoring/checks")
    String checks(@AuthenticationPrincipal CurrentUser user, Model model) {
        return checksPage(user, model, null, null, null, null);
    }

    @GetMapping("/monitoring/check-files/{id}")
    String editFile(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        CheckFile f = checks.checkFile(user, id);
        return checksPage(user, model, f.id(), f.filename(), f.yaml(), f.version());
    }

    private String checksPage(CurrentUser user, Model model, UUID editId, String filename, String yaml, Long version) {
        model.addAttribute("checks", checks.checks(user));
        model.addAttribute("files", checks.checkFiles(user));
        model.addAttribute("canManage", user.can(Permission.MONITORING_MANAGE));
        model.addAttribute("editId", editId);
        model.addAttribute("editFilename", filename);
        model.addAttribute("editYaml", yaml == null ? EXAMPLE : yaml);
        model.addAttribute("editVersion", version);
        if (!model.containsAttribute("problem")) {
            model.addAttribute("problem", null);
        }
        return "monitoring/checks";
    }

    static final String EXAMPLE = """
            checks:
              - id: my-s3-versioning
                title: Buckets keep object versions
                resource: aws.s3.bucket
                expect: has(resource.versioning) && resource.versioning == "Enabled"
                severity: medium
                remediation: Turn on versioning for every bucket that holds customer data.
                controls: []
                criteria: [A1.2]
            """;

    @PostMapping("/monitoring/check-files")
    String saveFile(@AuthenticationPrincipal CurrentUser user, @RequestParam(name = "id", required = false) UUID id,
            @RequestParam(name = "filename", required = false) String filename,
            @RequestParam(name = "yaml", required = false) String yaml,
            @RequestParam(name = "version", required = false) Long version, Model model, RedirectAttributes flash) {
        user.require(Permission.MONITORING_MANAGE);
        try {
            CheckFile f = checks.saveCheckFile(user, id, filename, yaml, version);
            flash.addFlashAttribute("flash", f.filename() + " saved (version " + f.version() + ", "
                    + f.checkIds().size() + " checks).");
            return "redirect:/monitoring/checks";
        } catch (ApiProblem p) {
            model.addAttribute("problem", p);
            return checksPage(user, model, id, filename, yaml, version);
        }
    }

    @PostMapping("/monitoring/check-files/upload")
    String uploadFile(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes flash)
            throws IOException {
        user.require(Permission.MONITORING_MANAGE);
        if (file == null || file.isEmpty()) {
            flash.addFlashAttribute("flashError", "Choose a YAML file of checks to upload.");
            return "redirect:/monitoring/checks";
        }
        String text = new String(file.getBytes(), StandardCharsets.UTF_8);
        return saveFile(user, null, file.getOriginalFilename(), text, null, model, flash);
    }

    @PostMapping("/monitoring/check-files/{id}/delete")
    String deleteFile(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes flash) {
        user.require(Permission.MONITORING_MANAGE);
        checks.deleteCheckFile(user, id);
        flash.addFlashAttribute("flash", "Check file deleted; its checks no longer run.");
        return "redirect:/monitoring/checks";
    }

    @GetMapping("/monitoring/checks/{checkId}")
    String checkDetail(@AuthenticationPrincipal CurrentUser user, @PathVariable String checkId, Model model) {
        CheckView c = checks.check(user, checkId);
        model.addAttribute("c", c);
        model.addAttribute("history", monitoring.checkHistory(user, checkId));
        model.addAttribute("canManage", user.can(Permission.MONITORING_MANAGE));
        return "monitoring/check";
    }

    @PostMapping("/monitoring/checks/{checkId}/enabled")
    String setEnabled(@AuthenticationPrincipal CurrentUser user, @PathVariable String checkId,
            @RequestParam(name = "enabled", required = false) boolean enabled, RedirectAttributes flash) {
        user.require(Permission.MONITORING_MANAGE);
        checks.setEnabled(user, checkId, enabled);
        flash.addFlashAttribute("flash", checkId + (enabled ? " switched on." : " switched off."));
        return "redirect:/monitoring/checks";
    }

    @GetMapping("/monitoring/resources")
    String resource(@AuthenticationPrincipal CurrentUser user, @RequestParam(name = "id", required = false) String id,
            @RequestParam(name = "type", required = false) String type, Model model) {
        model.addAttribute("resourceId", id);
        model.addAttribute("resourceType", type);
        model.addAttribute("history", monitoring.resourceHistory(user, type, id));
        return "monitoring/resource";
    }

    @GetMapping("/monitoring/exclusions")
    String exclusions(@AuthenticationPrincipal CurrentUser user, Model model) {
        return exclusionsPage(user, model, null, Map.of());
    }

    private String exclusionsPage(CurrentUser user, Model model, ApiProblem problem, Map<String, String> form) {
        model.addAttribute("exclusions", checks.exclusions(user));
        model.addAttribute("checkIds", checks.checks(user).stream().map(CheckView::id).toList());
        model.addAttribute("canRequest", user.can(Permission.EVIDENCE_UPLOAD));
        model.addAttribute("canManage", user.can(Permission.MONITORING_MANAGE));
        model.addAttribute("pending", ExclusionStatus.PENDING);
        model.addAttribute("approved", ExclusionStatus.APPROVED);
        model.addAttribute("maxExpiry", LocalDate.now().plusYears(1));
        model.addAttribute("problem", problem);
        model.addAttribute("form", form);
        return "monitoring/exclusions";
    }

    @PostMapping("/monitoring/exclusions")
    String requestExclusion(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "checkId", required = false) String checkId,
            @RequestParam(name = "resourceId", required = false) String resourceId,
            @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "expiresOn", required = false) String expiresOn, Model model, RedirectAttributes flash) {
        user.require(Permission.EVIDENCE_UPLOAD);
        try {
            checks.requestExclusion(user, checkId, resourceId, reason, date("expiresOn", expiresOn));
            flash.addFlashAttribute("flash", "Exclusion requested; a monitoring manager other than you decides.");
            return "redirect:/monitoring/exclusions";
        } catch (ApiProblem p) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("checkId", checkId == null ? "" : checkId);
            form.put("resourceId", resourceId == null ? "" : resourceId);
            form.put("reason", reason == null ? "" : reason);
            form.put("expiresOn", expiresOn == null ? "" : expiresOn);
            return exclusionsPage(user, model, p, form);
        }
    }

    @PostMapping("/monitoring/exclusions/{id}/{action}")
    String decide(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable String action,
            @RequestParam(name = "note", required = false) String note,
            @RequestParam(name = "version", required = false) Long version, RedirectAttributes flash) {
        user.require(Permission.MONITORING_MANAGE);
        try {
            switch (action) {
                case "approve" -> checks.decideExclusion(user, id, true, note, version);
                case "reject" -> checks.decideExclusion(user, id, false, note, version);
                case "revoke" -> checks.revokeExclusion(user, id, note, version);
                default -> throw ApiProblem.notFound("Action " + action);
            }
            flash.addFlashAttribute("flash", "Exclusion " + action + (action.endsWith("e") ? "d." : "ed."));
        } catch (ApiProblem p) {
            if (p.status() == 404) {
                throw p;
            }
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/monitoring/exclusions";
    }

    @PostMapping("/monitoring/alerts/{id}/acknowledge")
    String acknowledge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(name = "note", required = false) String note,
            @RequestParam(name = "version", required = false) Long version, RedirectAttributes flash) {
        user.require(Permission.EVIDENCE_UPLOAD);
        try {
            monitoring.acknowledge(user, id, note, version);
            flash.addFlashAttribute("flash", "Alert acknowledged.");
        } catch (ApiProblem p) {
            if (p.status() == 404) {
                throw p;
            }
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/monitoring";
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }
}
