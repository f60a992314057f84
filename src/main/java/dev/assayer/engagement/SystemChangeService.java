package dev.assayer.engagement;

import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.engagement.internal.change.ChangeDetector;
import dev.assayer.engagement.internal.change.SystemChangeRepository;
import dev.assayer.engagement.internal.change.SystemChangeRules;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to the system during an engagement's period (DC9). People holding
 * {@link Permission#ENGAGEMENT_WRITE} record them (who and when kept); a correction supersedes a
 * change and a withdrawal keeps it with the reason, so no history is lost. Facts Assayer already
 * recorded in the period (the activity log) are proposed as "detected, not yet reviewed"; a person
 * records one as a change, confirming wording and significance, or dismisses it as not a system
 * change. The report uses only recorded changes ({@link #list}), never a detection.
 */
@Service
public class SystemChangeService {

    static final String ENTITY = "system-change";

    /** The areas a change is recorded under. */
    public static final List<String> AREAS = SystemChangeRules.AREAS;

    private final SystemChangeRepository repo;
    private final EngagementService engagements;
    private final ActivityLog activity;
    private final Clock clock;

    public SystemChangeService(SystemChangeRepository repo, EngagementService engagements, ActivityLog activity,
            Optional<Clock> clock) {
        this.repo = repo;
        this.engagements = engagements;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** For the report (no permission check): every recorded change that is neither superseded nor withdrawn, oldest first. */
    @Transactional(readOnly = true)
    public List<SystemChange> list(UUID orgId, UUID engagementId) {
        return repo.list(orgId, engagementId).stream().filter(RecordedSystemChange::current)
                .map(RecordedSystemChange::toChange).toList();
    }

    /** Every change of the engagement with its history (superseded and withdrawn ones too), oldest first. */
    @Transactional(readOnly = true)
    public List<RecordedSystemChange> history(CurrentUser user, UUID engagementId) {
        user.requireEngagement(engagementId);
        engagements.get(user, engagementId);
        return repo.list(user.orgId(), engagementId);
    }

    @Transactional(readOnly = true)
    public RecordedSystemChange get(CurrentUser user, UUID engagementId, UUID changeId) {
        user.requireEngagement(engagementId);
        engagements.get(user, engagementId);
        return load(user, engagementId, changeId);
    }

    /** Records a change in the period; a non-null {@code detectionKey} records the detected fact it confirms. */
    @Transactional
    public RecordedSystemChange record(CurrentUser user, UUID engagementId, SystemChangeDraft draft, String detectionKey) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Engagement e = engagements.get(user, engagementId);
        DetectedChange detected = null;
        if (detectionKey != null && !detectionKey.isBlank()) {
            detected = detected(user, e).stream().filter(d -> d.key().equals(detectionKey.strip())).findFirst()
                    .orElseThrow(() -> ApiProblem.invalidField("detectionKey", "'" + detectionKey
                            + "' is not a detected fact of this engagement's period"));
            if (!detected.open()) {
                throw ApiProblem.conflict("The detected fact " + detected.key() + " was already "
                        + detected.status().toLowerCase() + " by " + detected.decidedBy());
            }
            if (draft != null) {
                draft = new SystemChangeDraft(draft.changedOn() == null ? detected.on() : draft.changedOn(),
                        draft.area() == null ? detected.proposedArea() : draft.area(), draft.description(),
                        draft.significant(), draft.source() == null ? detected.kindLabel() : draft.source(),
                        draft.sourceRef() == null ? detected.key() : draft.sourceRef());
            }
        }
        SystemChangeDraft valid = SystemChangeRules.normalize(draft, e);
        UUID id = UUID.randomUUID();
        Instant now = now();
        repo.insert(user.orgId(), engagementId, id, valid, detected == null ? null : detected.key(), null, user.userId(),
                user.label(), now);
        if (detected != null) {
            repo.decide(user.orgId(), engagementId, detected.key(), DetectedChange.RECORDED, id, user.userId(),
                    user.label(), now);
        }
        RecordedSystemChange created = repo.find(user.orgId(), engagementId, id).orElseThrow();
        activity.record(user, ENTITY, id, "recorded", null, created);
        return created;
    }

    /** Records a change on the caller's behalf from another step of this module (roll-forward). */
    RecordedSystemChange recordInternal(CurrentUser user, Engagement e, SystemChangeDraft draft) {
        SystemChangeDraft valid = SystemChangeRules.normalize(draft, e);
        UUID id = UUID.randomUUID();
        repo.insert(user.orgId(), e.id(), id, valid, null, null, user.userId(), user.label(), now());
        RecordedSystemChange created = repo.find(user.orgId(), e.id(), id).orElseThrow();
        activity.record(user, ENTITY, id, "recorded", null, created);
        return created;
    }

    /**
     * Corrects a change: a new change supersedes it (the old one stays in the history). {@code version}
     * is the version corrected; stale → 409; a superseded or withdrawn change cannot be corrected.
     */
    @Transactional
    public RecordedSystemChange correct(CurrentUser user, UUID engagementId, UUID changeId, SystemChangeDraft draft,
            long version) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Engagement e = engagements.get(user, engagementId);
        RecordedSystemChange before = load(user, engagementId, changeId);
        requireCurrent(before);
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Change of " + before.changedOn(), version, before.version());
        }
        SystemChangeDraft merged = draft == null ? null : new SystemChangeDraft(draft.changedOn(), draft.area(),
                draft.description(), draft.significant(), draft.source() == null ? before.source() : draft.source(),
                draft.sourceRef() == null ? before.sourceRef() : draft.sourceRef());
        SystemChangeDraft valid = SystemChangeRules.normalize(merged, e);
        UUID id = UUID.randomUUID();
        Instant now = now();
        repo.insert(user.orgId(), engagementId, id, valid, null, changeId, user.userId(), user.label(), now);
        if (!repo.supersede(user.orgId(), changeId, version, id)) {
            throw ApiProblem.staleVersion("Change of " + before.changedOn(), version,
                    load(user, engagementId, changeId).version());
        }
        RecordedSystemChange after = repo.find(user.orgId(), engagementId, id).orElseThrow();
        activity.record(user, ENTITY, changeId, "superseded", before, Map.of("supersededBy", id.toString()));
        activity.record(user, ENTITY, id, "recorded", null, after);
        return after;
    }

    /** Withdraws a change with a reason; it stays in the history and leaves the report. */
    @Transactional
    public RecordedSystemChange withdraw(CurrentUser user, UUID engagementId, UUID changeId, String reason,
            long version) {
        user.require(Permission.ENGAGEMENT_WRITE);
        engagements.get(user, engagementId);
        RecordedSystemChange before = load(user, engagementId, changeId);
        requireCurrent(before);
        String why = SystemChangeRules.reason(reason);
        if (before.version() != version || !repo.withdraw(user.orgId(), changeId, version, user.label(), why, now())) {
            throw ApiProblem.staleVersion("Change of " + before.changedOn(), version,
                    load(user, engagementId, changeId).version());
        }
        RecordedSystemChange after = load(user, engagementId, changeId);
        activity.record(user, ENTITY, changeId, "withdrawn", before, after);
        return after;
    }

    /**
     * Facts recorded in the engagement's period that may be changes to the system, each with its
     * decision (Type II only; a Type I engagement has no period and no DC9). Reads the activity log,
     * so it needs {@link Permission#ACTIVITY_READ} as well.
     */
    @Transactional(readOnly = true)
    public List<DetectedChange> detected(CurrentUser user, UUID engagementId) {
        Engagement e = engagements.get(user, engagementId);
        user.require(Permission.ACTIVITY_READ);
        return detected(user, e);
    }

    /** Dismisses a detected fact as not a change to the system, recording who and when. */
    @Transactional
    public DetectedChange dismiss(CurrentUser user, UUID engagementId, String key) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Engagement e = engagements.get(user, engagementId);
        String k = key == null ? "" : key.strip();
        DetectedChange d = detected(user, e).stream().filter(x -> x.key().equals(k)).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("key", "'" + key
                        + "' is not a detected fact of this engagement's period"));
        if (!d.open()) {
            throw ApiProblem.conflict("The detected fact " + d.key() + " was already " + d.status().toLowerCase()
                    + " by " + d.decidedBy());
        }
        repo.decide(user.orgId(), engagementId, k, DetectedChange.DISMISSED, null, user.userId(), user.label(), now());
        activity.record(user, ENTITY, engagementId, "detected-dismissed", null,
                Map.of("key", k, "summary", d.summary()));
        return detected(user, e).stream().filter(x -> x.key().equals(k)).findFirst().orElseThrow();
    }

    private List<DetectedChange> detected(CurrentUser user, Engagement e) {
        if (e.periodStart() == null || e.periodEnd() == null || e.reportType() != ReportType.TYPE2) {
            return List.of();
        }
        Instant from = e.periodStart().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = e.periodEnd().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ActivityEntry> entries = activity.between(user.orgId(), from, to, ChangeDetector.ENTITY_TYPES, 100_000);
        Map<String, String> titles = new HashMap<>();
        List<DetectedChange> found = ChangeDetector.detect(entries, e.id(), policyId -> titles.computeIfAbsent(policyId,
                id -> activity.recent(user.orgId(), "policy", id, 1).stream().findFirst()
                        .map(a -> title(a.after())).orElse(null)));
        Map<String, SystemChangeRepository.Decision> decisions = new HashMap<>();
        repo.decisions(user.orgId(), e.id()).forEach(d -> decisions.put(d.key(), d));
        return found.stream().map(d -> {
            SystemChangeRepository.Decision x = decisions.get(d.key());
            return x == null ? d : new DetectedChange(d.key(), d.kind(), d.kindLabel(), d.on(), d.summary(), d.refs(),
                    d.proposedArea(), x.decision(), x.decidedBy(), x.decidedAt(), x.changeId());
        }).toList();
    }

    private static String title(String json) {
        if (json == null) {
            return null;
        }
        try {
            var node = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json).get("title");
            return node == null || node.isNull() ? null : node.asString();
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private RecordedSystemChange load(CurrentUser user, UUID engagementId, UUID changeId) {
        return repo.find(user.orgId(), engagementId, changeId)
                .orElseThrow(() -> ApiProblem.notFound("System change " + changeId));
    }

    private static void requireCurrent(RecordedSystemChange c) {
        if (c.withdrawn()) {
            throw ApiProblem.conflict("The change of " + c.changedOn() + " was withdrawn by " + c.withdrawnBy());
        }
        if (c.supersededBy() != null) {
            throw ApiProblem.conflict("The change of " + c.changedOn() + " was already corrected; correct the newer one ("
                    + c.supersededBy() + ")");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
