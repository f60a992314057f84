package dev.assayer.report.internal;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.report.AuditorSection;
import dev.assayer.report.ReportKind;
import dev.assayer.report.ReportService;
import dev.assayer.report.ReportVersion;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
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
 * The report pages of an engagement: generate a version by kind, the versions with their SHA-256
 * and downloads, compare two versions, sign management's assertion of a version, the description
 * check, and the service auditor's Section I form. Forms work without JavaScript.
 */
@Controller
class ReportUiController {

    private final ReportService reports;
    private final EngagementService engagements;

    ReportUiController(ReportService reports, EngagementService engagements) {
        this.reports = reports;
        this.engagements = engagements;
    }

    @GetMapping("/engagements/{id}/reports")
    String page(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        return page(user, id, model, null, null);
    }

    private String page(CurrentUser user, UUID id, Model model, ApiProblem problem, String kind) {
        Engagement e = engagements.get(user, id);
        List<ReportVersion> versions = reports.versions(user, id);
        model.addAttribute("e", e);
        model.addAttribute("versions", versions);
        model.addAttribute("kinds", ReportService.kindsFor(e));
        model.addAttribute("kind", kind == null ? ReportKind.of(e).code() : kind);
        model.addAttribute("section", reports.auditorSection(user, id).orElse(null));
        model.addAttribute("canGenerate", user.can(Permission.REPORT_GENERATE) && user.can(Permission.EVIDENCE_UPLOAD));
        model.addAttribute("canSign", user.can(Permission.ASSERTION_SIGN));
        model.addAttribute("canWriteSection", user.can(Permission.AUDITOR_REPORT_WRITE) && user.scope() != null);
        errors(model, problem);
        return "report/list";
    }

    @PostMapping("/engagements/{id}/reports")
    String generate(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String kind, Model model, RedirectAttributes flash) {
        user.require(Permission.REPORT_GENERATE);
        try {
            ReportVersion v = reports.generate(user, id, kind);
            flash.addFlashAttribute("flash", v.title() + " generated and frozen (SHA-256 " + v.sha256() + ").");
            return "redirect:/engagements/" + id + "/reports";
        } catch (ApiProblem p) {
            return page(user, id, model, p, kind);
        }
    }

    @GetMapping("/engagements/{id}/reports/{versionId}/download")
    ResponseEntity<Resource> download(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID versionId, @RequestParam(required = false, defaultValue = "pdf") String format)
            throws IOException {
        requireSameEngagement(user, id, versionId);
        return ReportApiController.download(reports.content(user, versionId, format));
    }

    @GetMapping("/engagements/{id}/reports/compare")
    String compare(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) UUID from, @RequestParam(name = "with", required = false) UUID with,
            Model model) {
        Engagement e = engagements.get(user, id);
        if (from == null) {
            throw ApiProblem.invalidField("from", "is required: choose the earlier version");
        }
        requireSameEngagement(user, id, from);
        model.addAttribute("e", e);
        model.addAttribute("cmp", reports.compare(user, from, with));
        return "report/compare";
    }

    @GetMapping("/engagements/{id}/reports/{versionId}/sign")
    String signForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID versionId,
            Model model) {
        user.require(Permission.ASSERTION_SIGN);
        requireSameEngagement(user, id, versionId);
        return signForm(user, id, versionId, model, null, user.name(), null, null);
    }

    private String signForm(CurrentUser user, UUID id, UUID versionId, Model model, ApiProblem problem,
            String officerName, String officerTitle, String confirmation) {
        model.addAttribute("e", engagements.get(user, id));
        model.addAttribute("v", reports.version(user, versionId));
        model.addAttribute("officerName", officerName);
        model.addAttribute("officerTitle", officerTitle);
        model.addAttribute("confirmation", confirmation);
        errors(model, problem);
        return "report/sign";
    }

    @PostMapping("/engagements/{id}/reports/{versionId}/sign")
    String sign(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID versionId,
            @RequestParam(required = false) String officerName, @RequestParam(required = false) String officerTitle,
            @RequestParam(required = false) String confirmation, Model model, RedirectAttributes flash) {
        user.require(Permission.ASSERTION_SIGN);
        requireSameEngagement(user, id, versionId);
        try {
            var s = reports.signAssertion(user, versionId, officerName, officerTitle, confirmation);
            flash.addFlashAttribute("flash", "Management's assertion of version " + s.versionNumber() + " signed by "
                    + s.officerName() + ", " + s.officerTitle() + ".");
            return "redirect:/engagements/" + id + "/reports";
        } catch (ApiProblem p) {
            return signForm(user, id, versionId, model, p, officerName, officerTitle, confirmation);
        }
    }

    @GetMapping("/engagements/{id}/reports/description-check")
    String descriptionCheck(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("e", engagements.get(user, id));
        model.addAttribute("check", reports.descriptionCheck(user, id));
        return "report/description-check";
    }

    @GetMapping("/engagements/{id}/reports/auditor-section")
    String sectionForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        AuditorSection s = reports.auditorSection(user, id).orElse(null);
        return sectionForm(user, id, model, null, s == null ? null : s.text());
    }

    private String sectionForm(CurrentUser user, UUID id, Model model, ApiProblem problem, String text) {
        model.addAttribute("e", engagements.get(user, id));
        model.addAttribute("section", reports.auditorSection(user, id).orElse(null));
        model.addAttribute("text", text);
        model.addAttribute("canWrite", user.can(Permission.AUDITOR_REPORT_WRITE) && user.scope() != null);
        errors(model, problem);
        return "report/auditor-section";
    }

    @PostMapping("/engagements/{id}/reports/auditor-section")
    String saveText(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String text, @RequestParam(required = false) Long version, Model model,
            RedirectAttributes flash) {
        user.require(Permission.AUDITOR_REPORT_WRITE);
        try {
            reports.saveAuditorText(user, id, text, version);
            flash.addFlashAttribute("flash", "Section I saved.");
            return "redirect:/engagements/" + id + "/reports/auditor-section";
        } catch (ApiProblem p) {
            return sectionForm(user, id, model, p, text);
        }
    }

    @PostMapping("/engagements/{id}/reports/auditor-section/pdf")
    String uploadPdf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) Long version, Model model, RedirectAttributes flash) throws IOException {
        user.require(Permission.AUDITOR_REPORT_WRITE);
        try {
            if (file == null || file.isEmpty()) {
                throw ApiProblem.invalidField("file", "is required: the service auditor's report as a PDF");
            }
            try (InputStream in = file.getInputStream()) {
                reports.uploadAuditorPdf(user, id, file.getOriginalFilename(), in, version);
            }
            flash.addFlashAttribute("flash", "Section I PDF uploaded.");
            return "redirect:/engagements/" + id + "/reports/auditor-section";
        } catch (ApiProblem p) {
            AuditorSection s = reports.auditorSection(user, id).orElse(null);
            return sectionForm(user, id, model, p, s == null ? null : s.text());
        }
    }

    @GetMapping("/engagements/{id}/reports/auditor-section/pdf")
    ResponseEntity<Resource> sectionPdf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id)
            throws IOException {
        return ReportApiController.download(reports.auditorPdf(user, id));
    }

    private void requireSameEngagement(CurrentUser user, UUID engagementId, UUID versionId) {
        ReportVersion v = reports.version(user, versionId);
        if (!v.engagementId().equals(engagementId)) {
            throw ApiProblem.notFound("Report version " + versionId);
        }
    }

    private static void errors(Model model, ApiProblem problem) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (problem != null) {
            problem.errors().forEach(x -> fieldErrors.putIfAbsent(x.field(), x.message()));
        }
        model.addAttribute("problem", problem);
        model.addAttribute("fieldErrors", fieldErrors);
    }
}
