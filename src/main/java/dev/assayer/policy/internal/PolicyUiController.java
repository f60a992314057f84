package dev.assayer.policy.internal;

import dev.assayer.policy.AcknowledgementStatus;
import dev.assayer.policy.Policy;
import dev.assayer.policy.PolicyDraft;
import dev.assayer.policy.PolicyService;
import dev.assayer.policy.PolicyVersion;
import dev.assayer.policy.VersionStatus;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The policy pages: list, new from template, detail (rendered text, history, workflow buttons,
 * acknowledgements), draft editor, diff and PDF download. Forms work without JavaScript; a failed
 * step is shown as a flash message on the policy page.
 */
@Controller
class PolicyUiController {

    private final PolicyService policies;

    PolicyUiController(PolicyService policies) {
        this.policies = policies;
    }

    @GetMapping("/policies")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("policies", policies.list(user));
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        return "policy/list";
    }

    @GetMapping("/policies/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        model.addAttribute("templates", policies.templates(user));
        return "policy/new";
    }

    @PostMapping("/policies/from-template")
    String fromTemplate(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String template,
            @RequestParam(required = false) String key, @RequestParam(required = false) String title, Model model,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            Policy p = policies.createFromTemplate(user, template, new PolicyDraft(key, title, null, List.of(), null));
            flash.addFlashAttribute("flash", "Policy created from the template as a draft (version 1).");
            return "redirect:/policies/" + p.id();
        } catch (ApiProblem e) {
            model.addAttribute("templates", policies.templates(user));
            model.addAttribute("problem", e);
            model.addAttribute("selected", template);
            model.addAttribute("key", key);
            model.addAttribute("title", title);
            return "policy/new";
        }
    }

    @GetMapping("/policies/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(name = "v", required = false) Integer number, Model model) {
        Policy p = policies.get(user, id);
        List<PolicyVersion> versions = policies.versions(user, id);
        Optional<PolicyVersion> shown = number != null ? Optional.of(policies.version(user, id, number))
                : policies.published(user, id).or(() -> versions.stream().findFirst()
                        .map(v -> policies.version(user, id, v.number())));
        AcknowledgementStatus acks = policies.acknowledgements(user, id);
        model.addAttribute("p", p);
        model.addAttribute("versions", versions);
        model.addAttribute("shown", shown.orElse(null));
        model.addAttribute("shownHtml", shown.map(v -> MarkdownRenderer.toHtml(policies.displayMarkdown(user, v)))
                .orElse(null));
        model.addAttribute("inProgress", versions.stream().filter(v -> v.status() == VersionStatus.DRAFT
                || v.status() == VersionStatus.IN_REVIEW || v.status() == VersionStatus.APPROVED).findFirst()
                .orElse(null));
        model.addAttribute("acks", acks);
        model.addAttribute("iMustAcknowledge", acks.outstanding().stream()
                .anyMatch(a -> a.userId().equals(user.userId())));
        model.addAttribute("myAck", acks.acknowledged().stream().filter(a -> a.userId().equals(user.userId()))
                .findFirst().orElse(null));
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        model.addAttribute("myUserId", user.userId());
        return "policy/detail";
    }

    @GetMapping("/policies/{id}/versions/{n}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n,
            Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        PolicyVersion v = policies.version(user, id, n);
        model.addAttribute("p", policies.get(user, id));
        model.addAttribute("v", v);
        model.addAttribute("markdown", v.markdown());
        return "policy/edit";
    }

    @PostMapping("/policies/{id}/versions/{n}")
    String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n,
            @RequestParam(required = false) String markdown, Model model, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            policies.editDraft(user, id, n, markdown == null ? "" : markdown);
            flash.addFlashAttribute("flash", "Draft version " + n + " saved.");
            return "redirect:/policies/" + id + "?v=" + n;
        } catch (ApiProblem e) {
            model.addAttribute("p", policies.get(user, id));
            model.addAttribute("v", policies.version(user, id, n));
            model.addAttribute("markdown", markdown);
            model.addAttribute("problem", e);
            return "policy/edit";
        }
    }

    @PostMapping("/policies/{id}/versions")
    String newVersion(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        return step(id, flash, () -> {
            PolicyVersion v = policies.newVersion(user, id, null);
            flash.addFlashAttribute("flash", "Draft version " + v.number() + " started from the latest text.");
            return "redirect:/policies/" + id + "/versions/" + v.number() + "/edit";
        });
    }

    @PostMapping("/policies/{id}/versions/{n}/submit")
    String submit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        return step(id, flash, () -> {
            policies.submit(user, id, n);
            flash.addFlashAttribute("flash", "Version " + n + " submitted for review.");
            return "redirect:/policies/" + id + "?v=" + n;
        });
    }

    @PostMapping("/policies/{id}/versions/{n}/approve")
    String approve(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n,
            @RequestParam(required = false) String reason, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        return step(id, flash, () -> {
            policies.approve(user, id, n, reason);
            flash.addFlashAttribute("flash", "Version " + n + " approved and filed as evidence.");
            return "redirect:/policies/" + id + "?v=" + n;
        });
    }

    @PostMapping("/policies/{id}/versions/{n}/publish")
    String publish(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        return step(id, flash, () -> {
            policies.publish(user, id, n);
            flash.addFlashAttribute("flash", "Version " + n + " published; members are asked to acknowledge it.");
            return "redirect:/policies/" + id;
        });
    }

    @PostMapping("/policies/{id}/versions/{n}/acknowledge")
    String acknowledge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n,
            RedirectAttributes flash) {
        return step(id, flash, () -> {
            policies.acknowledge(user, id, n);
            flash.addFlashAttribute("flash", "Thank you: your acknowledgement of version " + n + " is recorded.");
            return "redirect:/policies/" + id;
        });
    }

    @GetMapping("/policies/{id}/diff")
    String diff(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam int from,
            @RequestParam int to, Model model) {
        model.addAttribute("p", policies.get(user, id));
        model.addAttribute("d", policies.diff(user, id, from, to));
        return "policy/diff";
    }

    @GetMapping("/policies/{id}/versions/{n}/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable int n) {
        byte[] bytes = policies.pdf(user, id, n);
        Policy p = policies.get(user, id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(PolicyService.pdfFilename(p, n)).build().toString())
                .body(bytes);
    }

    private interface Step {
        String run();
    }

    /** Runs a workflow step; a refused step (a 400 or 409) becomes an error message on the policy page. */
    private static String step(UUID id, RedirectAttributes flash, Step step) {
        try {
            return step.run();
        } catch (ApiProblem e) {
            if (e.status() == 404 || e.status() == 403) {
                throw e;
            }
            flash.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/policies/" + id;
        }
    }
}
