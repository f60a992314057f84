package dev.assayer.packaging.internal;

import dev.assayer.engagement.EngagementService;
import dev.assayer.packaging.EvidencePackageService;
import dev.assayer.packaging.SigningKey;
import dev.assayer.packaging.SigningKeyService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /settings/signing-key: the organization's public signing key with its fingerprint (for every
 * member, and for an auditor inside one of its engagements), the retired keys, rotation for admins,
 * and the evidence packages of the engagements the user may export.
 */
@Controller
class PackagingUiController {

    private final SigningKeyService keys;
    private final EvidencePackageService packages;
    private final EngagementService engagements;

    PackagingUiController(SigningKeyService keys, EvidencePackageService packages, EngagementService engagements) {
        this.keys = keys;
        this.packages = packages;
        this.engagements = engagements;
    }

    @GetMapping("/settings/signing-key")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        List<SigningKey> all = keys.list(user);
        model.addAttribute("current", all.stream().filter(SigningKey::active).findFirst().orElseThrow());
        model.addAttribute("retired", all.stream().filter(k -> !k.active()).toList());
        model.addAttribute("canRotate", keys.canRotate(user));
        boolean canExport = user.can(Permission.PACKAGE_EXPORT) && user.can(Permission.ENGAGEMENT_READ);
        model.addAttribute("canExport", canExport);
        model.addAttribute("engagements", canExport ? engagements.list(user) : List.of());
        return "packaging/signing-key";
    }

    @GetMapping("/settings/signing-key.pem")
    ResponseEntity<String> pem(@AuthenticationPrincipal CurrentUser user) {
        SigningKey k = keys.current(user);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"public-key.pem\"")
                .body(k.publicKeyPem());
    }

    @PostMapping("/settings/signing-key/rotate")
    String rotate(@AuthenticationPrincipal CurrentUser user, RedirectAttributes flash) {
        if (!keys.canRotate(user)) {
            throw ApiProblem.forbidden("Only an admin of the organization may rotate its signing key");
        }
        try {
            SigningKey k = keys.rotate(user);
            flash.addFlashAttribute("flash", "New signing key " + k.groupedFingerprint()
                    + ". The previous key is retired and still verifies the packages it signed.");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/settings/signing-key";
    }

    @GetMapping("/engagements/{id}/evidence-package.zip")
    void download(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        PackagingApiController.stream(packages.prepare(user, id), response);
    }
}
