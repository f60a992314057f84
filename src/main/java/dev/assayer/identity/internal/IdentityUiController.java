package dev.assayer.identity.internal;

import dev.assayer.identity.IdentityService;
import dev.assayer.identity.IssuedToken;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-in, first-start setup, invitations, organization switching, API tokens and the users page. */
@Controller
class IdentityUiController {

    private final IdentityService identity;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    IdentityUiController(IdentityService identity) {
        this.identity = identity;
    }

    @GetMapping("/login")
    String login(@AuthenticationPrincipal CurrentUser user) {
        return user != null ? "redirect:/" : "identity/login";
    }

    @GetMapping("/setup")
    String setup(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("valid", identity.linkValid(token, "SETUP") && !identity.hasUsers());
        return "identity/setup";
    }

    @PostMapping("/setup")
    String completeSetup(@RequestParam String token, @RequestParam String organization, @RequestParam String name,
            @RequestParam String email, @RequestParam String password, Model model, HttpServletRequest req,
            HttpServletResponse res) {
        try {
            CurrentUser admin = identity.completeSetup(token, organization, email, name, password);
            signIn(admin, req, res);
            return "redirect:/";
        } catch (ApiProblem p) {
            model.addAttribute("token", token);
            model.addAttribute("valid", identity.linkValid(token, "SETUP"));
            model.addAttribute("error", p.getMessage());
            model.addAttribute("organization", organization);
            model.addAttribute("name", name);
            model.addAttribute("email", email);
            return "identity/setup";
        }
    }

    @GetMapping("/invite")
    String invite(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("valid", identity.linkValid(token, "INVITE"));
        return "identity/invite";
    }

    @PostMapping("/invite")
    String acceptInvite(@RequestParam String token, @RequestParam String password, Model model) {
        try {
            identity.acceptInvitation(token, password);
            return "redirect:/login?ready";
        } catch (ApiProblem p) {
            model.addAttribute("token", token);
            model.addAttribute("valid", identity.linkValid(token, "INVITE"));
            model.addAttribute("error", p.getMessage());
            return "identity/invite";
        }
    }

    @PostMapping("/org/switch")
    String switchOrg(@AuthenticationPrincipal CurrentUser user, @RequestParam UUID orgId, HttpServletRequest req,
            HttpServletResponse res) {
        signIn(identity.switchOrganization(user, orgId), req, res);
        return "redirect:/";
    }

    /** An audit firm's member opens a client engagement the firm was granted (from the firm dashboard). */
    @PostMapping("/engagement-access/{grantId}/open")
    String openEngagement(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID grantId, HttpServletRequest req,
            HttpServletResponse res, RedirectAttributes flash) {
        try {
            CurrentUser inside = identity.openEngagement(user, grantId);
            signIn(inside, req, res);
            return "redirect:/engagements/" + inside.scope().engagementId();
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", "That engagement is no longer open to your firm.");
            return "redirect:/firm";
        }
    }

    /** Back from a client engagement to the auditor's firm. */
    @PostMapping("/engagement-access/leave")
    String leaveEngagement(@AuthenticationPrincipal CurrentUser user, HttpServletRequest req, HttpServletResponse res) {
        signIn(identity.leaveEngagement(user), req, res);
        return "redirect:/firm";
    }

    @GetMapping("/firms/new")
    String newFirm() {
        return "identity/new-firm";
    }

    /** Registers an audit firm with the signed-in user as its first partner, and switches to it. */
    @PostMapping("/firms")
    String createFirm(@AuthenticationPrincipal CurrentUser user, @RequestParam String name, HttpServletRequest req,
            HttpServletResponse res, Model model) {
        try {
            var firm = identity.createAuditFirm(user, name);
            signIn(identity.switchOrganization(identity.leaveEngagement(user), firm.id()), req, res);
            return "redirect:/firm";
        } catch (ApiProblem p) {
            model.addAttribute("error", p.getMessage());
            model.addAttribute("name", name);
            return "identity/new-firm";
        }
    }

    private void signIn(CurrentUser user, HttpServletRequest req, HttpServletResponse res) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SecurityConfig.authentication(user));
        SecurityContextHolder.setContext(context);
        req.changeSessionId();
        contexts.saveContext(context, req, res);
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("tokens", identity.tokens(user));
        return "identity/account";
    }

    @PostMapping("/account/tokens")
    String newToken(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
            RedirectAttributes flash) {
        IssuedToken token = identity.issueToken(user, name);
        flash.addFlashAttribute("newToken", token);
        return "redirect:/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes flash) {
        identity.revokeToken(user, id);
        flash.addFlashAttribute("flash", "Token revoked.");
        return "redirect:/account";
    }

    @GetMapping("/users")
    String users(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.USER_READ);
        model.addAttribute("members", identity.members(user));
        boolean firm = identity.organization(user.orgId()).map(o -> o.auditFirm()).orElse(false);
        model.addAttribute("roles", Role.forOrganization(firm));
        return "identity/users";
    }

    @PostMapping("/users")
    String inviteUser(@AuthenticationPrincipal CurrentUser user, @RequestParam String email, @RequestParam String name,
            @RequestParam String role, RedirectAttributes flash, HttpServletRequest req) {
        try {
            IdentityService.Invitation inv = identity.invite(user, email, name, Role.parse(role));
            if (inv.inviteToken() != null) {
                String base = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort();
                flash.addFlashAttribute("inviteLink", base + "/invite?token=" + inv.inviteToken());
                flash.addFlashAttribute("invited", inv.member().email());
            } else {
                flash.addFlashAttribute("flash", inv.member().email() + " was added; they sign in with their existing password.");
            }
        } catch (ApiProblem | IllegalArgumentException p) {
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/users";
    }

    @PostMapping("/users/{id}/role")
    String changeRole(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam String role,
            @RequestParam long version, RedirectAttributes flash) {
        try {
            identity.changeRole(user, id, Role.parse(role), version);
            flash.addFlashAttribute("flash", "Role changed.");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/users";
    }

    @PostMapping("/users/{id}/remove")
    String remove(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes flash) {
        try {
            identity.removeMember(user, id);
            flash.addFlashAttribute("flash", "Member removed; their API tokens were revoked.");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/users";
    }
}
