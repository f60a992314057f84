package dev.assayer.identity.internal;

import dev.assayer.identity.IdentityService;
import dev.assayer.identity.IssuedToken;
import dev.assayer.identity.Member;
import dev.assayer.identity.Organization;
import dev.assayer.identity.TokenInfo;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** /api/v1/auth/tokens, /api/v1/me and /api/v1/users. */
@RestController
@RequestMapping("/api/v1")
class IdentityApiController {

    record TokenRequest(String email, String password, String organization, String name) {
    }

    record NamedToken(String name) {
    }

    record TokenResponse(String token, UUID id, String name, String prefix, UUID organizationId, String organization) {
        static TokenResponse of(IssuedToken t) {
            return new TokenResponse(t.token(), t.id(), t.name(), t.prefix(), t.orgId(), t.organization());
        }
    }

    record MemberRequest(String email, String name, String role, Long version) {
    }

    record Me(UUID id, String email, String name, UUID organizationId, String organization, String role,
            List<String> permissions, List<Organization> organizations) {
    }

    private final IdentityService identity;

    IdentityApiController(IdentityService identity) {
        this.identity = identity;
    }

    /** Exchanges e-mail and password for a token; the same backoff as the sign-in form applies. */
    @PostMapping("/auth/tokens")
    ResponseEntity<TokenResponse> issue(@RequestBody(required = false) TokenRequest body,
            @AuthenticationPrincipal CurrentUser signedIn) {
        CurrentUser user;
        if (signedIn != null) {
            user = signedIn;
        } else {
            if (body == null || body.email() == null || body.email().isBlank()) {
                throw ApiProblem.invalidField("email", "is required");
            }
            if (body.password() == null || body.password().isEmpty()) {
                throw ApiProblem.invalidField("password", "is required");
            }
            try {
                user = identity.signIn(body.email(), body.password(), body.organization());
            } catch (IdentityService.SignInException e) {
                throw new ApiProblem(401, "Unauthorized", e.getMessage(), List.of());
            }
        }
        IssuedToken token = identity.issueToken(user, body == null ? null : body.name());
        return ResponseEntity.status(HttpStatus.CREATED).body(TokenResponse.of(token));
    }

    @GetMapping("/auth/tokens")
    List<TokenInfo> tokens(@AuthenticationPrincipal CurrentUser user) {
        return identity.tokens(user);
    }

    @DeleteMapping("/auth/tokens/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        identity.revokeToken(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal CurrentUser user) {
        return new Me(user.userId(), user.email(), user.name(), user.orgId(), user.orgName(), user.role().name(),
                user.role().permissions().stream().map(Enum::name).sorted().toList(), identity.organizationsOf(user));
    }

    @GetMapping("/users")
    List<Member> users(@AuthenticationPrincipal CurrentUser user) {
        user.require(Permission.USER_READ);
        return identity.members(user);
    }

    @PostMapping("/users")
    ResponseEntity<Map<String, Object>> invite(@AuthenticationPrincipal CurrentUser user,
            @RequestBody MemberRequest body) {
        user.require(Permission.USER_MANAGE);
        IdentityService.Invitation inv = identity.invite(user, body.email(), body.name(), role(body.role()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("member", inv.member());
        if (inv.inviteToken() != null) {
            out.put("invitePath", "/invite?token=" + inv.inviteToken());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    @PutMapping("/users/{id}")
    Member changeRole(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody MemberRequest body) {
        user.require(Permission.USER_MANAGE);
        if (body.version() == null) {
            throw ApiProblem.invalidField("version", "is required (optimistic locking)");
        }
        return identity.changeRole(user, id, role(body.role()), body.version());
    }

    @DeleteMapping("/users/{id}")
    ResponseEntity<Void> remove(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        identity.removeMember(user, id);
        return ResponseEntity.noContent().build();
    }

    private static Role role(String text) {
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("role", e.getMessage());
        }
    }
}
