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
import java.time.LocalDate;
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

    /**
     * Starts the next period's engagement from this one: same framework, report type and
     * categories, the system description, subservice organizations, CUECs, criteria not relevant
     * and service auditor carried over; a Type II period starts the day after this one ends and
     * lasts as many months (or days) as this one, a Type I as-of date moves a year on. {@code name}
     * and {@code periodStart} override the defaults. The request list and test plans are rolled
     * forward by the auditor inside the new grant; populations are re-extracted for the new period.
     */
    @Transactional
    public Engagement rollForward(CurrentUser user, UUID id, String name, LocalDate periodStart) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Engagement from = repo.find(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Engagement " + id));
        LocalDate asOf = null;
        LocalDate start = null;
        LocalDate end = null;
        if (from.reportType() == ReportType.TYPE2) {
            start = periodStart != null ? periodStart : from.periodEnd().plusDays(1);
            java.time.Period length = java.time.Period.between(from.periodStart(), from.periodEnd().plusDays(1));
            end = start.plus(length).minusDays(1);
        } else {
            asOf = periodStart != null ? periodStart : from.asOfDate().plusYears(1);
        }
        String next = name != null && !name.isBlank() ? name.strip() : nextName(from.name(), start, asOf);
        Engagement created = create(user, new EngagementDraft(next, from.framework(), from.reportType(), asOf, start, end,
                List.copyOf(from.categories()), null, from.serviceAuditor(), from.system(),
                from.subserviceOrganizations(), from.cuecs(), from.criteriaNotRelevant()));
        activity.record(user, ENTITY, created.id(), "rolled-forward", java.util.Map.of("from", from.id().toString(),
                "name", from.name()), java.util.Map.of("to", created.id().toString(), "name", created.name()));
        return created;
    }

    /** "SOC 2 Type II 2026" → "SOC 2 Type II 2027" when the name holds the old year; else "… (next period)". */
    static String nextName(String name, LocalDate start, LocalDate asOf) {
        LocalDate when = start != null ? start : asOf;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(19|20)\\d{2}").matcher(name);
        String last = null;
        int at = -1;
        while (m.find()) {
            last = m.group();
            at = m.start();
        }
        if (last != null && when != null && Integer.parseInt(last) < when.getYear()) {
            int year = Integer.parseInt(last) + Math.max(1, when.getYear() - Integer.parseInt(last));
            return name.substring(0, at) + year + name.substring(at + 4);
        }
        return name + " (next period)";
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
