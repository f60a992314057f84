package dev.assayer.vendor;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.vendor.internal.ReviewSchedule;
import dev.assayer.vendor.internal.VendorRepository;
import dev.assayer.vendor.internal.VendorRepository.ReviewRow;
import dev.assayer.vendor.internal.VendorRepository.VendorRow;
import dev.assayer.vendor.internal.VendorRules;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The vendor register and the reviews of vendors' reports. Reads need {@link Permission#CONTROL_READ},
 * changes {@link Permission#ENGAGEMENT_WRITE}; every record is scoped to the caller's organization
 * (another organization's vendor is "not found") and every change is in the activity log.
 */
@Service
public class VendorService {

    static final String ENTITY = "vendor";
    static final String REVIEW_ENTITY = "vendor-review";

    private final VendorRepository repo;
    private final EngagementService engagements;
    private final ControlService controls;
    private final EvidenceService evidence;
    private final IdentityService identity;
    private final ActivityLog activity;
    private final Clock clock;

    public VendorService(VendorRepository repo, EngagementService engagements, ControlService controls,
            EvidenceService evidence, IdentityService identity, ActivityLog activity, Optional<Clock> clock) {
        this.repo = repo;
        this.engagements = engagements;
        this.controls = controls;
        this.evidence = evidence;
        this.identity = identity;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The organization's vendors by name. */
    @Transactional(readOnly = true)
    public List<Vendor> list(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        LocalDate today = today();
        return repo.list(user.orgId()).stream().map(r -> vendor(r, today)).toList();
    }

    @Transactional(readOnly = true)
    public Vendor get(CurrentUser user, UUID id) {
        user.require(Permission.CONTROL_READ);
        return vendor(load(user.orgId(), id), today());
    }

    @Transactional
    public Vendor create(CurrentUser user, VendorDraft draft) {
        user.require(Permission.ENGAGEMENT_WRITE);
        VendorDraft valid = normalize(user, draft, VendorStatus.ACTIVE);
        UUID id = UUID.randomUUID();
        valid = withRef(user.orgId(), id, valid, null);
        repo.insert(user.orgId(), id, valid, now());
        Vendor created = vendor(load(user.orgId(), id), today());
        activity.record(user, ENTITY, id, "created", null, created);
        return created;
    }

    /** Replaces the vendor; {@code version} is the version the user edited (stale → 409, nothing changed). */
    @Transactional
    public Vendor update(CurrentUser user, UUID id, VendorDraft draft, long version) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Vendor before = vendor(load(user.orgId(), id), today());
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Vendor '" + before.name() + "'", version, before.version());
        }
        VendorDraft valid = withRef(user.orgId(), id, normalize(user, draft, before.status()), before.ref());
        if (!repo.update(user.orgId(), id, version, valid, now())) {
            long current = repo.find(user.orgId(), id).map(VendorRow::version).orElse(version);
            throw ApiProblem.staleVersion("Vendor '" + before.name() + "'", version, current);
        }
        Vendor after = vendor(load(user.orgId(), id), today());
        activity.record(user, ENTITY, id, "updated", before, after);
        return after;
    }

    /** Records the review of one report of the vendor; the reviewer is the caller. */
    @Transactional
    public VendorReview addReview(CurrentUser user, UUID vendorId, ReviewDraft draft) {
        user.require(Permission.ENGAGEMENT_WRITE);
        VendorRow v = load(user.orgId(), vendorId);
        ReviewDraft valid = VendorRules.normalizeReview(draft, today(), ref -> controls.resolve(user.orgId(), ref),
                id -> evidenceExists(user, id));
        UUID id = UUID.randomUUID();
        repo.insertReview(user.orgId(), id, vendorId, valid, user.userId(), now());
        VendorReview created = review(repo.review(user.orgId(), id).orElseThrow(), v.tier());
        activity.record(user, REVIEW_ENTITY, id, "created", null, created);
        return created;
    }

    /** The vendor's reviews, latest first. */
    @Transactional(readOnly = true)
    public List<VendorReview> reviews(CurrentUser user, UUID vendorId) {
        user.require(Permission.CONTROL_READ);
        VendorRow v = load(user.orgId(), vendorId);
        return repo.reviews(user.orgId(), vendorId).stream().map(r -> review(r, v.tier())).toList();
    }

    /** For other modules (the system description, DC7): the subservice organizations linked to an engagement. */
    @Transactional(readOnly = true)
    public List<Subservice> subserviceOrganizations(UUID orgId, UUID engagementId) {
        return repo.list(orgId).stream()
                .filter(v -> v.subservice() && v.status() != VendorStatus.TERMINATED
                        && v.engagementIds().contains(engagementId))
                .map(v -> new Subservice(v.id(), v.ref(), v.name(), v.serviceProvided(), v.subserviceMethod(), v.csocs()))
                .toList();
    }

    /**
     * The CUECs of each vendor's latest reviewed report that no control of ours covers. Older
     * reviews are superseded by the latest one and do not count.
     */
    @Transactional(readOnly = true)
    public List<CuecGap> cuecGaps(UUID orgId) {
        List<CuecGap> out = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        var vendors = repo.list(orgId);
        for (ReviewRow r : repo.allReviews(orgId)) {
            if (!seen.add(r.vendorId())) {
                continue;
            }
            VendorRow v = vendors.stream().filter(x -> x.id().equals(r.vendorId())).findFirst().orElse(null);
            if (v == null || v.status() == VendorStatus.TERMINATED) {
                continue;
            }
            for (VendorCuec c : VendorRules.gaps(r.review().cuecs())) {
                out.add(new CuecGap(v.id(), v.ref(), v.name(), r.id(), c.ref(), c.description()));
            }
        }
        out.sort((a, b) -> a.vendorName().compareToIgnoreCase(b.vendorName()));
        return out;
    }

    /** CUEC gaps for a signed-in reader. */
    @Transactional(readOnly = true)
    public List<CuecGap> cuecGaps(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return cuecGaps(user.orgId());
    }

    /** Active vendors whose next review is due before the given day (overdue ones included), soonest first. */
    @Transactional(readOnly = true)
    public List<Vendor> reviewsDue(UUID orgId, LocalDate before) {
        LocalDate today = today();
        return repo.list(orgId).stream().map(r -> vendor(r, today))
                .filter(v -> v.status() == VendorStatus.ACTIVE && v.nextReviewDue() != null
                        && v.nextReviewDue().isBefore(before))
                .sorted((a, b) -> a.nextReviewDue().compareTo(b.nextReviewDue()))
                .toList();
    }

    private VendorDraft normalize(CurrentUser user, VendorDraft draft, VendorStatus current) {
        return VendorRules.normalize(draft, current, uid -> identity.member(user.orgId(), uid).isPresent(),
                eid -> engagements.find(user.orgId(), eid).isPresent());
    }

    /** The draft with its ref: as given, else the current one (update), else the next VND-n (create). */
    private VendorDraft withRef(UUID orgId, UUID id, VendorDraft d, String currentRef) {
        String ref = d.ref() != null ? d.ref() : currentRef != null ? currentRef : VendorRules.nextRef(repo.refs(orgId));
        if (repo.refTaken(orgId, ref, id)) {
            throw ApiProblem.invalidField("ref", "'" + ref + "' is already used by another vendor");
        }
        return new VendorDraft(ref, d.name(), d.serviceProvided(), d.dataAccessed(), d.tier(), d.ownerId(),
                d.contractStart(), d.contractEnd(), d.subservice(), d.subserviceMethod(), d.csocs(), d.engagementIds(),
                d.status());
    }

    private boolean evidenceExists(CurrentUser user, UUID id) {
        try {
            evidence.get(user, id);
            return true;
        } catch (ApiProblem notFoundOrForbidden) {
            return false;
        }
    }

    private VendorRow load(UUID orgId, UUID id) {
        return repo.find(orgId, id).orElseThrow(() -> ApiProblem.notFound("Vendor " + id));
    }

    private Vendor vendor(VendorRow r, LocalDate today) {
        LocalDate takenOn = r.contractStart() != null ? r.contractStart()
                : LocalDate.ofInstant(r.createdAt(), ZoneOffset.UTC);
        LocalDate due = r.status() == VendorStatus.ACTIVE
                ? ReviewSchedule.nextReviewDue(r.tier(), r.lastReviewedOn(), takenOn) : null;
        boolean overdue = ReviewSchedule.overdue(due, today);
        boolean socRequired = ReviewSchedule.socReportRequired(r.tier());
        return new Vendor(r.id(), r.ref(), r.name(), r.serviceProvided(), r.dataAccessed(), r.tier(), r.ownerId(),
                r.contractStart(), r.contractEnd(), r.subservice(), r.subserviceMethod(), r.csocs(), r.engagementIds(),
                r.status(), r.lastReviewedOn(), due, overdue, socRequired,
                VendorRules.warnings(socRequired, r.hasSocReview(), overdue, due, r.status()), r.version(),
                r.createdAt(), r.updatedAt());
    }

    private static VendorReview review(ReviewRow row, CriticalityTier tier) {
        ReviewDraft d = row.review();
        return new VendorReview(row.id(), row.vendorId(), d.reportKind(), d.reportType(), d.periodStart(), d.periodEnd(),
                d.asOfDate(), d.serviceAuditor(), d.opinion(), d.exceptions(), d.exceptionsEffect(), d.cuecs(),
                d.bridgeLetterReceivedOn(), d.bridgeLetterCoversUntil(), row.reviewedBy(), d.reviewedOn(),
                d.evidenceId(), d.notes(), ReviewSchedule.nextReviewDue(tier, d.reviewedOn(), d.reviewedOn()),
                row.createdAt());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
