package dev.assayer.engagement;

import dev.assayer.activity.ActivityLog;
import dev.assayer.engagement.internal.EngagementRepository;
import dev.assayer.engagement.internal.GrantRepository;
import dev.assayer.engagement.internal.GrantRepository.GrantRow;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Organization;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.EngagementAccess;
import dev.assayer.shared.tenancy.EngagementScope;
import dev.assayer.shared.tenancy.Permission;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Audit firm access to engagements (issue 4 §1). A client admin grants a registered audit firm
 * access to one engagement until a date (by default 120 days after the period ends, the time a
 * report usually takes), and can revoke it at any time; both are in the client's activity log.
 * The firm's members then open the engagement from their firm dashboard and act inside it with
 * their firm role, confined to that engagement ({@link EngagementScope}). Every request re-checks
 * the grant, so a revocation takes effect at once.
 */
@Service
public class EngagementAccessService implements EngagementAccess {

    /** Default access after the period end: fieldwork and report issuance usually finish within it. */
    public static final int DEFAULT_DAYS_AFTER_PERIOD = 120;
    /** Longest access after the period end a client may grant. */
    public static final int MAX_DAYS_AFTER_PERIOD = 366;

    private final GrantRepository grants;
    private final EngagementRepository engagements;
    private final IdentityService identity;
    private final ActivityLog activity;
    private final Clock clock;

    public EngagementAccessService(GrantRepository grants, EngagementRepository engagements, IdentityService identity,
            ActivityLog activity, Optional<Clock> clock) {
        this.grants = grants;
        this.engagements = engagements;
        this.identity = identity;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The grants of one engagement, newest first (active, revoked and expired). */
    @Transactional(readOnly = true)
    public List<EngagementGrant> grants(CurrentUser user, UUID engagementId) {
        user.require(Permission.ENGAGEMENT_READ).requireEngagement(engagementId);
        Engagement e = engagement(user, engagementId);
        return grants.forEngagement(user.orgId(), engagementId).stream().map(g -> grant(g, e, user.orgName())).toList();
    }

    /**
     * Grants {@code firmId} access to the engagement until {@code accessUntil} (null: the period end
     * plus {@value #DEFAULT_DAYS_AFTER_PERIOD} days). One active grant per firm and engagement.
     */
    @Transactional
    public EngagementGrant grant(CurrentUser admin, UUID engagementId, UUID firmId, LocalDate accessUntil, String note) {
        admin.require(Permission.ACCESS_GRANT);
        Engagement e = engagement(admin, engagementId);
        if (firmId == null) {
            throw ApiProblem.invalidField("firmId", "is required: choose the audit firm to grant access to");
        }
        Organization firm = identity.organization(firmId).filter(Organization::auditFirm)
                .orElseThrow(() -> ApiProblem.invalidField("firmId", "is not a registered audit firm"));
        LocalDate end = e.windowEnd();
        if (end == null) {
            throw ApiProblem.conflict("Set the engagement's period or as-of date before granting an audit firm access");
        }
        LocalDate until = accessUntil == null ? end.plusDays(DEFAULT_DAYS_AFTER_PERIOD) : accessUntil;
        if (until.isBefore(today())) {
            throw ApiProblem.invalidField("accessUntil", "must not be in the past");
        }
        if (until.isAfter(end.plusDays(MAX_DAYS_AFTER_PERIOD))) {
            throw ApiProblem.invalidField("accessUntil", "must be at most " + MAX_DAYS_AFTER_PERIOD
                    + " days after the engagement's " + (e.windowStart() == null ? "as-of date" : "period end") + " (" + end + ")");
        }
        if (note != null && note.length() > 1000) {
            throw ApiProblem.invalidField("note", "must be at most 1000 characters");
        }
        LocalDate today = today();
        boolean duplicate = grants.forEngagement(admin.orgId(), engagementId).stream()
                .anyMatch(g -> g.firmId().equals(firmId) && g.revokedAt() == null && !today.isAfter(g.accessUntil()));
        if (duplicate) {
            throw ApiProblem.conflict(firm.name() + " already has access to " + e.name() + "; revoke it first to change it");
        }
        GrantRow row = new GrantRow(UUID.randomUUID(), admin.orgId(), engagementId, firmId, until, admin.label(),
                clock.instant(), null, null, note == null || note.isBlank() ? null : note.trim());
        grants.insert(row);
        EngagementGrant created = grant(row, e, admin.orgName());
        activity.record(admin, "engagement-grant", row.id(), "granted", null, logView(created));
        return created;
    }

    /** Revokes a grant at once: the firm's members lose access on their next request. */
    @Transactional
    public EngagementGrant revoke(CurrentUser admin, UUID engagementId, UUID grantId) {
        admin.require(Permission.ACCESS_GRANT);
        Engagement e = engagement(admin, engagementId);
        GrantRow before = grants.forEngagement(admin.orgId(), engagementId).stream()
                .filter(g -> g.id().equals(grantId)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Access grant " + grantId));
        if (grants.revoke(admin.orgId(), grantId, admin.label(), clock.instant()) == 0) {
            throw ApiProblem.conflict("This access was already revoked");
        }
        GrantRow after = grants.find(grantId).orElseThrow();
        EngagementGrant revoked = grant(after, e, admin.orgName());
        activity.record(admin, "engagement-grant", grantId, "revoked", logView(grant(before, e, admin.orgName())),
                logView(revoked));
        return revoked;
    }

    /** The engagements an audit firm was granted, newest first; for the firm's own members. */
    @Transactional(readOnly = true)
    public List<EngagementGrant> grantsOfFirm(CurrentUser firmUser) {
        firmUser.require(Permission.FIELDWORK_READ);
        UUID firmId = firmUser.scope() == null ? firmUser.orgId() : firmUser.scope().firmId();
        boolean firm = identity.organization(firmId).map(Organization::auditFirm).orElse(false);
        if (!firm) {
            return List.of();
        }
        return grants.forFirm(firmId).stream().map(g -> {
            Engagement e = engagements.find(g.orgId(), g.engagementId()).orElseThrow();
            String client = identity.organization(g.orgId()).map(Organization::name).orElse("?");
            return grant(g, e, client);
        }).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ClientContext> resolve(UUID grantId) {
        LocalDate today = today();
        return grants.find(grantId).filter(g -> g.revokedAt() == null && !today.isAfter(g.accessUntil())).flatMap(g -> {
            Optional<Engagement> e = engagements.find(g.orgId(), g.engagementId());
            Optional<Organization> client = identity.organization(g.orgId());
            Optional<Organization> firm = identity.organization(g.firmId());
            if (e.isEmpty() || client.isEmpty() || firm.isEmpty()) {
                return Optional.empty();
            }
            EngagementScope scope = new EngagementScope(g.id(), g.engagementId(), e.get().name(), g.firmId(),
                    firm.get().name(), e.get().windowStart(), e.get().windowEnd());
            return Optional.of(new ClientContext(g.orgId(), client.get().name(), scope));
        });
    }

    private Engagement engagement(CurrentUser user, UUID engagementId) {
        user.requireEngagement(engagementId);
        return engagements.find(user.orgId(), engagementId)
                .orElseThrow(() -> ApiProblem.notFound("Engagement " + engagementId));
    }

    private EngagementGrant grant(GrantRow g, Engagement e, String clientName) {
        String firmName = identity.organization(g.firmId()).map(Organization::name).orElse("?");
        return new EngagementGrant(g.id(), g.orgId(), clientName, g.engagementId(), e.name(), e.kindLabel(),
                e.windowStart(), e.windowEnd(), g.firmId(), firmName, g.accessUntil(), g.grantedBy(), g.grantedAt(),
                g.revokedBy(), g.revokedAt(), g.note());
    }

    private static Map<String, Object> logView(EngagementGrant g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("firm", g.firmName());
        m.put("engagement", g.engagementName());
        m.put("accessUntil", g.accessUntil().toString());
        if (g.revokedAt() != null) {
            m.put("revokedBy", g.revokedBy());
        }
        return m;
    }
}
