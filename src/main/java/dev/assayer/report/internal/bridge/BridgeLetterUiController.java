package dev.assayer.report.internal.bridge;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.report.BridgeLetter;
import dev.assayer.report.BridgeLetterService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** /engagements/{id}/bridge-letters: draft, list with SHA-256 and downloads, sign. Forms work without JavaScript. */
@Controller
class BridgeLetterUiController {

    private final BridgeLetterService letters;
    private final EngagementService engagements;

    BridgeLetterUiController(BridgeLetterService letters, EngagementService engagements) {
        this.letters = letters;
        this.engagements = engagements;
    }

    @GetMapping("/engagements/{id}/bridge-letters")
    String page(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        return page(user, id, model, null, null);
    }

    private String page(CurrentUser user, UUID id, Model model, ApiProblem problem, String coversTo) {
        Engagement e = engagements.get(user, id);
        model.addAttribute("e", e);
        model.addAttribute("letters", letters.list(user, id));
        model.addAttribute("canDraft", user.can(Permission.REPORT_GENERATE) && user.can(Permission.EVIDENCE_UPLOAD));
        model.addAttribute("canSign", user.can(Permission.ASSERTION_SIGN) && user.can(Permission.EVIDENCE_UPLOAD));
        model.addAttribute("coversTo", coversTo);
        model.addAttribute("problem", problem);
        model.addAttribute("me_name", user.name());
        return "report/bridge/list";
    }

    @PostMapping("/engagements/{id}/bridge-letters")
    String draft(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String coversTo, Model model, RedirectAttributes flash) {
        user.require(Permission.REPORT_GENERATE);
        try {
            BridgeLetter b = letters.draft(user, id, BridgeLetterApiController.date(coversTo));
            flash.addFlashAttribute("flash", "Bridge letter v" + b.number() + " drafted and frozen (SHA-256 " + b.sha256() + ").");
            return "redirect:/engagements/" + id + "/bridge-letters";
        } catch (ApiProblem p) {
            if (p.status() == 404 || p.status() == 403) {
                throw p;
            }
            return page(user, id, model, p, coversTo);
        }
    }

    @PostMapping("/engagements/{id}/bridge-letters/{letterId}/signature")
    String sign(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID letterId,
            @RequestParam(required = false) String officerName, @RequestParam(required = false) String officerTitle,
            @RequestParam(required = false) String confirmation, Model model, RedirectAttributes flash) {
        user.require(Permission.ASSERTION_SIGN);
        try {
            BridgeLetter b = letters.sign(user, letterId, officerName, officerTitle, confirmation);
            flash.addFlashAttribute("flash", "Bridge letter v" + b.number() + " signed by " + b.signature().officerName() + ".");
            return "redirect:/engagements/" + id + "/bridge-letters";
        } catch (ApiProblem p) {
            if (p.status() == 404 || p.status() == 403) {
                throw p;
            }
            return page(user, id, model, p, null);
        }
    }

    @GetMapping("/engagements/{id}/bridge-letters/{letterId}/download")
    ResponseEntity<Resource> download(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID letterId, @RequestParam(required = false, defaultValue = "pdf") String format)
            throws IOException {
        BridgeLetter b = letters.get(user, letterId);
        if (!b.engagementId().equals(id)) {
            throw ApiProblem.notFound("Bridge letter " + letterId);
        }
        return BridgeLetterApiController.download(letters.content(user, letterId, format));
    }
}
