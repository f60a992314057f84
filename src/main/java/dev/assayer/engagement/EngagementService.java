package dev.assayer.engagement;

import dev.assayer.activity.ActivityLog;
import dev.assayer.catalog.CatalogService;
import dev.assayer.engagement.internal.EngagementRepository;
import dev.assayer.engagement.internal.EngagementRules;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and reads engagements. Every read and write is scoped to the caller's
 * organization; another organization's engagement is "not found". Changes are validated by
 * {@link EngagementRules} (all problems reported at once) and logged to the activity log in the
 * same transaction.
 */
@Service
public class EngagementService {

    static final String ENTITY = "engagement";

    private final EngagementRepository repo;
    private final CatalogService catalog;
    private final ActivityLog activity;
    private final Clock clock;

    public EngagementService(EngagementRepository repo, CatalogService catalog, ActivityLog activity,
            Optional<Clock> clock) {
        this.repo = repo;
        this.catalog = catalog;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The organization's engagements, newest first. */
    @Transactional(readOnly = true)
    public List<Engagement> list(CurrentUser user) {
        user.require(Permission.ENGAGEMENT_READ);
        List<Engagement> all = repo.list(user.orgId());
        return user.scope() == null ? all
                : all.stream().filter(e -> e.id().equals(user.scope().engagementId())).toList();
    }

    /** One engagement of the user's organization; 404 otherwise. */
    @Transactional(readOnly = true)
    public Engagement get(CurrentUser user, UUID id) {
        user.require(Permission.ENGAGEMENT_READ).requireEngagement(id);
        return repo.find(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Engagement " + id));
    }

    @Transactional
    public Engagement create(CurrentUser user, EngagementDraft draft) {
        user.require(Permission.ENGAGEMENT_WRITE);
        EngagementDraft valid = EngagementRules.normalize(draft, EngagementStatus.PLANNING, lookup(user, draft));
        UUID id = UUID.randomUUID();
        repo.insert(user.orgId(), id, valid, now());
        Engagement created = repo.find(user.orgId(), id).orElseThrow();
        activity.record(user, ENTITY, id, "created", null, created);
        return created;
    }

    /**
     * Replaces the engagement's content. {@code version} is the version the user edited; a stale
     * one is a 409 and changes nothing. A draft without status keeps the current status.
     */
    @Transactional
    public Engagement update(CurrentUser user, UUID id, EngagementDraft draft, long version) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Engagement before = repo.find(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Engagement " + id));
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Engagement '" + before.name() + "'", version, before.version());
        }
        EngagementDraft valid = EngagementRules.normalize(draft, before.status(), lookup(user, draft));
        if (!repo.update(user.orgId(), id, version, valid, now())) {
            long current = repo.find(user.orgId(), id).map(Engagement::version).orElse(version);
            throw ApiProblem.staleVersion("Engagement '" + before.name() + "'", version, current);
        }
        Engagement after = repo.find(user.orgId(), id).orElseThrow();
        activity.record(user, ENTITY, id, "updated", before, after);
        return after;
    }

    /** For other modules: an engagement of the given organization, without a permission check. */
    @Transactional(readOnly = true)
    public Optional<Engagement> find(UUID orgId, UUID id) {
        return repo.find(orgId, id);
    }

    /** For dashboards: the latest created engagement that is not closed, if any. */
    @Transactional(readOnly = true)
    public Optional<Engagement> current(UUID orgId) {
        return repo.current(orgId);
    }

    /**
     * What "related criteria" refer to: SOC 2 criteria (CC6.1, A1.2, …) or, for SOC 1, the
     * organization's own control objectives.
     */
    private Function<Collection<String>, List<String>> lookup(CurrentUser user, EngagementDraft draft) {
        if (draft != null && draft.framework() == Framework.SOC1) {
            return ids -> catalog.unknownObjectives(user.orgId(), ids);
        }
        return catalog::unknownCriteria;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
