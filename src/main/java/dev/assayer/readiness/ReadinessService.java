package dev.assayer.readiness;

import dev.assayer.catalog.CatalogService;
import dev.assayer.catalog.Category;
import dev.assayer.catalog.ControlObjective;
import dev.assayer.catalog.Criterion;
import dev.assayer.control.Control;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.evidence.EvidenceTally;
import dev.assayer.readiness.ReadinessCalculator.CategoryDef;
import dev.assayer.readiness.ReadinessCalculator.ControlDef;
import dev.assayer.readiness.ReadinessCalculator.ControlStatus;
import dev.assayer.readiness.ReadinessCalculator.ExcludedDef;
import dev.assayer.readiness.ReadinessCalculator.ProgramGapDef;
import dev.assayer.readiness.ReadinessCalculator.RequirementDef;
import dev.assayer.readiness.ReadinessCalculator.RequirementKind;
import dev.assayer.readiness.ReadinessReport.EvidenceCounts;
import dev.assayer.readiness.ReadinessReport.Subject;
import dev.assayer.readiness.ReadinessReport.Window;
import dev.assayer.readiness.internal.ProgramGapRules;
import dev.assayer.people.PeopleService;
import dev.assayer.policy.PolicyService;
import dev.assayer.risk.RiskService;
import dev.assayer.vendor.VendorService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Readiness of an engagement, computed on demand: the controls with their mappings (one read), the
 * evidence tallied per control against the engagement's window in the database (one aggregate
 * query), the criteria from the in-memory catalog, the gaps of the compliance program from the
 * risk, policy, vendor and people modules' public services (a fixed handful of queries each, see
 * {@link #programGaps}), then {@link ReadinessCalculator} in memory. No query per control, per
 * requirement, per risk, per policy or per vendor.
 */
@Service
public class ReadinessService {

    private final EngagementService engagements;
    private final CatalogService catalog;
    private final ControlService controls;
    private final EvidenceService evidence;
    private final RiskService risks;
    private final PolicyService policies;
    private final VendorService vendors;
    private final PeopleService people;
    private final Clock clock;

    public ReadinessService(EngagementService engagements, CatalogService catalog, ControlService controls,
            EvidenceService evidence, RiskService risks, PolicyService policies, VendorService vendors,
            PeopleService people, Optional<Clock> clock) {
        this.engagements = engagements;
        this.catalog = catalog;
        this.controls = controls;
        this.evidence = evidence;
        this.risks = risks;
        this.policies = policies;
        this.vendors = vendors;
        this.people = people;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The readiness of one engagement of the user's organization, as of today; 404 for any other. */
    @Transactional(readOnly = true)
    public ReadinessReport forEngagement(CurrentUser user, UUID engagementId) {
        user.require(Permission.READINESS_READ).requireEngagement(engagementId);
        Engagement e = engagements.find(user.orgId(), engagementId)
                .orElseThrow(() -> ApiProblem.notFound("Engagement " + engagementId));
        return calculate(user, e, today());
    }

    /**
     * The gaps of the user's organization's compliance program on {@code today}, as the calculator
     * takes them: a missing or stale risk assessment and mitigated risks without a control
     * ({@link RiskService#posture}), published policies not acknowledged by everyone
     * ({@link PolicyService#acknowledgementGaps}), vendor CUECs mapped to no control
     * ({@link VendorService#cuecGaps}) and overdue training ({@link PeopleService#overdueTraining}).
     * Each source is read once (a fixed handful of queries), whatever the size of the program.
     */
    @Transactional(readOnly = true)
    public List<ProgramGapDef> programGaps(CurrentUser user, LocalDate today) {
        user.require(Permission.READINESS_READ);
        List<ProgramGapDef> out = new ArrayList<>();
        out.addAll(ProgramGapRules.risk(risks.posture(user.orgId(), today), today));
        out.addAll(ProgramGapRules.policies(policies.acknowledgementGaps(user)));
        out.addAll(ProgramGapRules.vendors(vendors.cuecGaps(user.orgId())));
        out.addAll(ProgramGapRules.training(people.overdueTraining(user.orgId(), today), today));
        return out;
    }

    /** The reference date readiness is computed for (today, UTC unless a {@link Clock} bean says otherwise). */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    private ReadinessReport calculate(CurrentUser user, Engagement e, LocalDate referenceDate) {
        UUID orgId = user.orgId();
        Window window = new Window(e.windowStart(), e.windowEnd());
        Subject subject = new Subject(e.id(), e.name(), e.framework().name(), e.reportType().name(), window);

        List<CategoryDef> categories = new ArrayList<>();
        List<RequirementDef> requirements = new ArrayList<>();
        List<ExcludedDef> excluded = new ArrayList<>();
        RequirementKind kind;
        boolean soc2 = e.framework() == Framework.SOC2;
        if (soc2) {
            kind = RequirementKind.CRITERION;
            Set<String> wanted = new HashSet<>(e.categories());
            wanted.add(CatalogService.SECURITY);
            for (Category c : catalog.framework(CatalogService.SOC2).map(f -> f.categories()).orElse(List.of())) {
                if (wanted.contains(c.code())) {
                    categories.add(new CategoryDef(c.code(), c.name()));
                }
            }
            for (Criterion c : catalog.soc2Criteria(e.categories())) {
                requirements.add(new RequirementDef(c.id(), c.id(), c.title(), c.category()));
            }
            for (ExcludedCriterion x : e.criteriaNotRelevant()) {
                excluded.add(new ExcludedDef(x.criterionId(), x.reason()));
            }
        } else {
            kind = RequirementKind.OBJECTIVE;
            for (Category c : catalog.framework(CatalogService.SOC1).map(f -> f.categories()).orElse(List.of())) {
                categories.add(new CategoryDef(c.code(), c.name()));
            }
            for (ControlObjective o : catalog.objectives(orgId)) {
                requirements.add(new RequirementDef(o.ref(), o.ref(), o.title(), o.category()));
            }
        }

        List<Control> all = controls.all(orgId);
        List<ControlDef> defs = new ArrayList<>(all.size());
        for (Control c : all) {
            defs.add(new ControlDef(c.id(), c.ref(), c.title(), ControlStatus.valueOf(c.status().name()), c.ownerId(),
                    c.ownerName(), c.keyControl(), soc2 ? c.criteria() : c.objectives()));
        }

        Map<UUID, EvidenceTally> tallies = evidence.tally(orgId, window.start(), window.end(), referenceDate);
        Map<UUID, EvidenceCounts> counts = new HashMap<>(tallies.size() * 2);
        tallies.forEach((id, t) -> counts.put(id, new EvidenceCounts(t.valid(), t.outsideWindow(), t.expired(),
                t.withdrawn(), t.latestEffective(), t.nextRenewal(), t.latestValidId(), t.latestValidTitle())));

        return ReadinessCalculator.calculate(new ReadinessCalculator.Input(subject, kind, categories, requirements,
                excluded, defs, counts, referenceDate, programGaps(user, referenceDate)));
    }
}
