package dev.assayer.identity.internal;

import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Organization;
import dev.assayer.shared.tenancy.CurrentUser;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in user ({@code me}) and their organizations ({@code myOrgs}) on every UI page. */
@ControllerAdvice(annotations = Controller.class)
class UiModelAdvice {

    private final IdentityService identity;

    UiModelAdvice(IdentityService identity) {
        this.identity = identity;
    }

    @ModelAttribute("me")
    CurrentUser me(@AuthenticationPrincipal CurrentUser user) {
        return user;
    }

    @ModelAttribute("myOrgs")
    List<Organization> orgs(@AuthenticationPrincipal CurrentUser user) {
        return user == null ? List.of() : identity.organizationsOf(user);
    }
}
