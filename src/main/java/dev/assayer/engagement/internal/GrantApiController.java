package dev.assayer.engagement.internal;

import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementGrant;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.IssuedToken;
import dev.assayer.identity.Organization;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Audit firm access. Client side: {@code /api/v1/engagements/{id}/grants} (list; grant, admin only;
 * revoke). Firm side: {@code /api/v1/audit-firms} (register a firm, list firms for the grant picker)
 * and {@code /api/v1/firm/grants} (the firm's engagements; a token that works inside one).
 */
@RestController
class GrantApiController {

    /** Body of a grant: the firm, optionally the last day of access and a note. */
    record GrantRequest(UUID firmId, LocalDate accessUntil, String note) {
    }

    /** Body of a firm registration. */
    record FirmRequest(String name) {
    }

    /** Body of a token request inside a granted engagement. */
    record TokenRequest(String name) {
    }

    private final EngagementAccessService access;
    private final IdentityService identity;

    GrantApiController(EngagementAccessService access, IdentityService identity) {
        this.access = access;
        this.identity = identity;
    }

    @GetMapping("/api/v1/engagements/{id}/grants")
    List<EngagementGrant> grants(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return access.grants(user, id);
    }

    @PostMapping("/api/v1/engagements/{id}/grants")
    ResponseEntity<EngagementGrant> grant(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) GrantRequest body) {
        user.require(Permission.ACCESS_GRANT);
        if (body == null) {
            throw ApiProblem.invalidField("firmId", "is required: send a JSON body with firmId");
        }
        EngagementGrant g = access.grant(user, id, body.firmId(), body.accessUntil(), body.note());
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + id + "/grants/" + g.id())).body(g);
    }

    @PostMapping("/api/v1/engagements/{id}/grants/{grantId}/revoke")
    EngagementGrant revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID grantId) {
        return access.revoke(user, id, grantId);
    }

    /** The registered audit firms (id and name), for choosing whom to grant access. */
    @GetMapping("/api/v1/audit-firms")
    List<Organization> firms(@AuthenticationPrincipal CurrentUser user) {
        user.require(Permission.ENGAGEMENT_READ);
        return identity.auditFirms();
    }

    /** Registers an audit firm with the caller as its first partner. */
    @PostMapping("/api/v1/audit-firms")
    ResponseEntity<Organization> registerFirm(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) FirmRequest body) {
        Organization firm = identity.createAuditFirm(user, body == null ? null : body.name());
        return ResponseEntity.created(URI.create("/api/v1/audit-firms/" + firm.id())).body(firm);
    }

    /** The engagements the caller's audit firm was granted (active, revoked and expired). */
    @GetMapping("/api/v1/firm/grants")
    List<EngagementGrant> firmGrants(@AuthenticationPrincipal CurrentUser user) {
        return access.grantsOfFirm(user);
    }

    /**
     * Issues an API token that acts inside a granted client engagement with the caller's firm role;
     * it stops working when the grant is revoked or expires, or the caller leaves the firm.
     */
    @PostMapping("/api/v1/firm/grants/{grantId}/tokens")
    ResponseEntity<IssuedToken> tokenInside(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID grantId,
            @RequestBody(required = false) TokenRequest body) {
        user.require(Permission.FIELDWORK_READ);
        CurrentUser inside = identity.openEngagement(user, grantId);
        IssuedToken token = identity.issueToken(inside, body == null ? null : body.name());
        return ResponseEntity.status(201).body(token);
    }
}
