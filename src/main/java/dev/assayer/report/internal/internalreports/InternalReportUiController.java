package dev.assayer.report.internal.internalreports;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.report.InternalReportService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** /reports/internal: the internal reports of an engagement, a link per report and format, and "file as evidence". */
@Controller
class InternalReportUiController {

    private final InternalReportService reports;
    private final EngagementService engagements;

    InternalReportUiController(InternalReportService reports, EngagementService engagements) {
        this.reports = reports;
        this.engagements = engagements;
    }

    @GetMapping("/reports/internal")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID engagement,
            Model model) {
        user.require(Permission.REPORT_READ);
        List<Engagement> all = engagements.list(user);
        Engagement selected = engagement != null ? engagements.get(user, engagement)
                : all.isEmpty() ? null : engagements.current(user.orgId()).filter(e -> all.stream()
                        .anyMatch(x -> x.id().equals(e.id()))).orElse(all.getFirst());
        model.addAttribute("engagements", all);
        model.addAttribute("selected", selected);
        model.addAttribute("kinds", reports.kinds());
        model.addAttribute("canFile", user.can(Permission.EVIDENCE_UPLOAD));
        return "report/internal/index";
    }

    @GetMapping("/reports/internal/{kind}")
    ResponseEntity<byte[]> download(@AuthenticationPrincipal CurrentUser user, @PathVariable String kind,
            @RequestParam(required = false) String format, @RequestParam(required = false) UUID engagement) {
        return InternalReportApiController.download(reports.generate(user, kind, format, engagement));
    }

    @PostMapping("/reports/internal/{kind}/evidence")
    String file(@AuthenticationPrincipal CurrentUser user, @PathVariable String kind,
            @RequestParam(required = false) String format, @RequestParam(required = false) UUID engagement,
            RedirectAttributes flash) {
        try {
            EvidenceItem item = reports.fileAsEvidence(user, kind, format, engagement);
            flash.addFlashAttribute("flash", "Filed as evidence: " + item.title() + " (SHA-256 " + item.sha256() + ").");
        } catch (ApiProblem p) {
            if (p.status() == 404) {
                throw p;
            }
            flash.addFlashAttribute("flash", "Not filed: " + p.getMessage());
        }
        return "redirect:/reports/internal" + (engagement == null ? "" : "?engagement=" + engagement);
    }
}
