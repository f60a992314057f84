package dev.assayer.incident;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.incident.internal.IncidentRepository;
import dev.assayer.incident.internal.IncidentRepository.IncidentRow;
import dev.assayer.incident.internal.IncidentRules;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incident register. Reads need {@link Permission#CONTROL_READ}, changes
 * {@link Permission#ENGAGEMENT_WRITE}; every record is scoped to the caller's organization
 * (another organization's incident is "not found") and every change is in the activity log.
 */
@Service
public class IncidentService {

    static final String ENTITY = "incident";

    private final IncidentRepository repo;
    private final ControlService controls;
    private final ActivityLog activity;
    private final Clock clock;

    public IncidentService(IncidentRepository repo, ControlService controls, ActivityLog activity,
            Optional<Clock> clock) {
        this.repo = repo;
        this.controls = controls;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Newest detection first. */
    @Transactional(readOnly = true)
    public List<Incident> list(CurrentUser user, IncidentFilter filter) {
        user.require(Permission.CONTROL_READ);
        Map<UUID, String> refs = controls.refs(user.orgId());
        return repo.list(user.orgId(), filter == null ? IncidentFilter.all() : filter).stream()
                .map(r -> incident(r, List.of(), refs)).toList();
    }

    /** One incident with its timeline; 404 for another organization's. */
    @Transactional(readOnly = true)
    public Incident get(CurrentUser user, UUID id) {
        user.require(Permission.CONTROL_READ);
        return load(user.orgId(), id);
    }

    @Transactional
    public Incident create(CurrentUser user, IncidentDraft draft) {
        user.require(Permission.ENGAGEMENT_WRITE);
        UUID id = UUID.randomUUID();
        IncidentDraft valid = withRef(user.orgId(), id, normalize(user, draft, IncidentStatus.OPEN), null);
        repo.insert(user.orgId(), id, valid, now());
        Incident created = load(user.orgId(), id);
        activity.record(user, ENTITY, id, "created", null, created);
        return created;
    }

    /** Replaces the incident (not its timeline); a stale {@code version} is a 409 and changes nothing. */
    @Transactional
    public Incident update(CurrentUser user, UUID id, IncidentDraft draft, long version) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Incident before = load(user.orgId(), id);
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Incident " + before.ref(), version, before.version());
        }
        IncidentDraft valid = withRef(user.orgId(), id, normalize(user, draft, before.status()), before.ref());
        if (!repo.update(user.orgId(), id, version, valid, now())) {
            long current = repo.find(user.orgId(), id).map(IncidentRow::version).orElse(version);
            throw ApiProblem.staleVersion("Incident " + before.ref(), version, current);
        }
        Incident after = load(user.orgId(), id);
        activity.record(user, ENTITY, id, "updated", before, after);
        return after;
    }

    /** Appends one entry to the incident's timeline. */
    @Transactional
    public TimelineEntry addTimelineEntry(CurrentUser user, UUID incidentId, Instant at, String text) {
        user.require(Permission.ENGAGEMENT_WRITE);
        load(user.orgId(), incidentId);
        Instant now = now();
        String valid = IncidentRules.timelineEntry(at, text, now);
        TimelineEntry entry = new TimelineEntry(UUID.randomUUID(), at.truncatedTo(ChronoUnit.MICROS), valid,
                user.userId(), now);
        repo.insertEntry(user.orgId(), incidentId, entry);
        activity.record(user, ENTITY, incidentId, "timeline-entry-added", null, entry);
        return entry;
    }

    /**
     * For the system description (DC4): the organization's incidents marked significant that were
     * detected from {@code from} through {@code to} (whole days, UTC), oldest first.
     */
    @Transactional(readOnly = true)
    public List<Incident> significantIncidents(UUID orgId, LocalDate from, LocalDate to) {
        Instant[] window = IncidentRules.window(from, to);
        Map<UUID, String> refs = controls.refs(orgId);
        return repo.significant(orgId, window[0], window[1]).stream()
                .map(r -> incident(r, repo.timeline(orgId, r.id()), refs)).toList();
    }

    /** Significant incidents for a signed-in reader. */
    @Transactional(readOnly = true)
    public List<Incident> significantIncidents(CurrentUser user, LocalDate from, LocalDate to) {
        user.require(Permission.CONTROL_READ);
        return significantIncidents(user.orgId(), from, to);
    }

    private IncidentDraft normalize(CurrentUser user, IncidentDraft draft, IncidentStatus current) {
        return IncidentRules.normalize(draft, current, now(), ref -> controls.resolve(user.orgId(), ref)).draft();
    }

    /** The draft with its ref: as given, else the current one (update), else the next INC-n (create). */
    private IncidentDraft withRef(UUID orgId, UUID id, IncidentDraft d, String currentRef) {
        String ref = d.ref() != null ? d.ref() : currentRef != null ? currentRef : IncidentRules.nextRef(repo.refs(orgId));
        if (repo.refTaken(orgId, ref, id)) {
            throw ApiProblem.invalidField("ref", "'" + ref + "' is already used by another incident");
        }
        return new IncidentDraft(ref, d.title(), d.detectedAt().truncatedTo(ChronoUnit.MICROS), d.reportedBy(),
                d.severity(), d.significant(), d.affectedSystems(), d.affectedData(), d.responseSummary(),
                d.rootCause(), d.lessonsLearned(), d.customerNotification().notifiedAt() == null
                        ? d.customerNotification()
                        : new CustomerNotification(d.customerNotification().required(),
                                d.customerNotification().notifiedAt().truncatedTo(ChronoUnit.MICROS),
                                d.customerNotification().how()),
                d.status(), d.controlIds(), d.findingRefs());
    }

    private Incident load(UUID orgId, UUID id) {
        IncidentRow r = repo.find(orgId, id).orElseThrow(() -> ApiProblem.notFound("Incident " + id));
        return incident(r, repo.timeline(orgId, id), controls.refs(orgId));
    }

    private static Incident incident(IncidentRow r, List<TimelineEntry> timeline, Map<UUID, String> refs) {
        IncidentDraft d = r.draft();
        List<UUID> ids = d.controlIds().stream().map(UUID::fromString).toList();
        List<String> controlRefs = ids.stream().map(i -> refs.getOrDefault(i, i.toString())).toList();
        return new Incident(r.id(), d.ref(), d.title(), d.detectedAt(), d.reportedBy(), d.severity(), d.significant(),
                d.affectedSystems(), d.affectedData(), timeline, d.responseSummary(), d.rootCause(), d.lessonsLearned(),
                d.customerNotification(), d.status(), ids, controlRefs, d.findingRefs(), r.version(), r.createdAt(),
                r.updatedAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
