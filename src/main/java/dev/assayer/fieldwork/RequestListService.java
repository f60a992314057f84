package dev.assayer.fieldwork;

import dev.assayer.activity.ActivityLog;
import dev.assayer.catalog.CatalogService;
import dev.assayer.catalog.ControlObjective;
import dev.assayer.catalog.Criterion;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementGrant;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.internal.requests.NotificationRepository;
import dev.assayer.fieldwork.internal.requests.NotificationRepository.NewNotification;
import dev.assayer.fieldwork.internal.requests.NotificationRepository.Reader;
import dev.assayer.fieldwork.internal.requests.RequestCsv;
import dev.assayer.fieldwork.internal.requests.RequestRepository;
import dev.assayer.fieldwork.internal.requests.RequestRepository.RequestRow;
import dev.assayer.fieldwork.internal.requests.RequestRules;
import dev.assayer.fieldwork.internal.requests.RequestRules.Action;
import dev.assayer.fieldwork.internal.requests.RequestRules.Fields;
import dev.assayer.fieldwork.internal.requests.RequestRules.Lookups;
import dev.assayer.fieldwork.internal.requests.RequestRules.Owner;
import dev.assayer.fieldwork.internal.requests.RequestRules.Side;
import dev.assayer.fieldwork.internal.requests.RequestRules.Valid;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.identity.Organization;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The request list of an engagement (issue 4 §2): the auditor's requests for information ("PBC"),
 * the client's answers (linked evidence, a note), the auditor's acceptance or flag with a reason,
 * the comment thread, roll-forward to the next engagement, and in-app notifications for both sides.
 *
 * <p>Two sides use it. An audit firm's user inside the engagement ({@link CurrentUser#scope()} set)
 * reads with {@link Permission#FIELDWORK_READ}, and creates, edits, imports, accepts, flags and
 * rolls forward with {@link Permission#FIELDWORK_WRITE}; they see only their firm's requests. A
 * member of the client reads the requests addressed to the organization and answers them with
 * {@link Permission#FIELDWORK_RESPOND}. Neither side can do the other's part (the permissions keep
 * them apart), and nothing is ever deleted: history and comments are append-only.
 */
@Service
public class RequestListService {

    static final String ENTITY = "information-request";
    /** Read notifications stay on the list this long; unread ones stay until read. */
    static final int RECENT_DAYS = 30;
    static final int NOTIFICATION_LIMIT = 200;
    private static final String OUTSIDE_PERIOD = "outside the audited period";

    private final RequestRepository repo;
    private final NotificationRepository notifications;
    private final EngagementService engagements;
    private final EngagementAccessService access;
    private final CatalogService catalog;
    private final ControlService controls;
    private final IdentityService identity;
    private final EvidenceService evidence;
    private final ActivityLog activity;
    private final Clock clock;

    public RequestListService(RequestRepository repo, NotificationRepository notifications,
            EngagementService engagements, EngagementAccessService access, CatalogService catalog,
            ControlService controls, IdentityService identity, EvidenceService evidence, ActivityLog activity,
            Optional<Clock> clock) {
        this.repo = repo;
        this.notifications = notifications;
        this.engagements = engagements;
        this.access = access;
        this.catalog = catalog;
        this.controls = controls;
        this.identity = identity;
        this.evidence = evidence;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Who acts, on which side, in which engagement; {@code firmId} is null for the client (all firms). */
    private record Ctx(CurrentUser user, Side side, Engagement engagement, UUID firmId) {

        UUID orgId() {
            return user.orgId();
        }

        UUID engagementId() {
            return engagement.id();
        }
    }

    // ------------------------------------------------------------------------------ reading

    /** The requests of the engagement the caller may see, filtered, with counts over the whole list. */
    @Transactional(readOnly = true)
    public RequestList list(CurrentUser user, UUID engagementId, RequestFilter filter) {
        Ctx ctx = reader(user, engagementId);
        RequestFilter f = filter == null ? RequestFilter.all() : filter;
        List<InformationRequest> all = requests(ctx, repo.list(ctx.orgId(), engagementId, ctx.firmId()),
                repo.events(ctx.orgId(), engagementId, ctx.firmId()));
        Map<RequestStatus, Long> counts = new EnumMap<>(RequestStatus.class);
        for (RequestStatus s : RequestStatus.values()) {
            counts.put(s, all.stream().filter(r -> r.status() == s).count());
        }
        List<InformationRequest> shown = all.stream()
                .filter(r -> f.status() == null || r.status() == f.status())
                .filter(r -> !f.mine() || user.userId().equals(r.ownerId()))
                .filter(r -> !f.overdue() || r.overdue())
                .toList();
        return new RequestList(engagementId, ctx.engagement().name(), shown, counts, all.size(),
                all.stream().filter(InformationRequest::overdue).count(),
                all.stream().filter(InformationRequest::dueSoon).count());
    }

    /**
     * One request with its linked evidence, history and comments; 404 for a request of another
     * engagement, client or firm. An auditor is not shown evidence effective outside the audited
     * period: such an item is listed as "outside the audited period", without its title.
     */
    public RequestDetail get(CurrentUser user, UUID engagementId, UUID id) {
        // Not one transaction on purpose: EvidenceService answers 404 for evidence outside the
        // auditor's period, and that must not mark a surrounding transaction for rollback.
        Ctx ctx = reader(user, engagementId);
        RequestRow row = row(ctx, id);
        List<RequestEvent> history = repo.events(ctx.orgId(), id);
        InformationRequest r = request(ctx, row, history, new Memo());
        List<LinkedEvidence> linked = r.evidenceIds().stream().map(e -> linked(user, e)).toList();
        return new RequestDetail(r, linked, history, repo.comments(ctx.orgId(), id));
    }

    /** The comment thread of one request, oldest first. */
    @Transactional(readOnly = true)
    public List<RequestComment> comments(CurrentUser user, UUID engagementId, UUID id) {
        Ctx ctx = reader(user, engagementId);
        row(ctx, id);
        return repo.comments(ctx.orgId(), id);
    }

    /**
     * The members of the client who may own a request (whose role may answer requests), for the
     * auditor's owner picker.
     */
    @Transactional(readOnly = true)
    public List<Member> possibleOwners(CurrentUser user, UUID engagementId) {
        auditorWriter(user, engagementId);
        return identity.members(user).stream().filter(m -> m.role().can(Permission.FIELDWORK_RESPOND))
                .sorted(Comparator.comparing(Member::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    // ------------------------------------------------------------------------------ the auditor's side

    @Transactional
    public InformationRequest create(CurrentUser user, UUID engagementId, RequestDraft draft) {
        Ctx ctx = auditorWriter(user, engagementId);
        if (draft == null) {
            throw ApiProblem.invalidField("body", "a JSON request is required");
        }
        List<FieldError> errors = new ArrayList<>();
        Valid v = RequestRules.check(draft, lookups(ctx), Fields.API, null, errors);
        throwIfAny(errors);
        String ref = v.ref() != null ? v.ref() : RequestRules.nextRef(repo.refs(ctx.orgId(), engagementId, ctx.firmId()));
        if (repo.refTaken(ctx.orgId(), engagementId, ctx.firmId(), ref, new UUID(0, 0))) {
            throw ApiProblem.invalidField("ref", "'" + ref + "' is already a request of this engagement");
        }
        RequestRow row;
        try {
            row = insert(ctx, withRef(v, ref), "created", null, null);
        } catch (DuplicateKeyException raced) {
            throw ApiProblem.conflict("Another request took the ref " + ref + " at the same moment; nothing was saved,"
                    + " try again");
        }
        InformationRequest created = load(ctx, row.id());
        notifyOwner(ctx, row.ownerId(), "REQUEST_CREATED", row, "New request " + row.ref() + " \"" + row.title()
                + "\" from " + firmName(ctx.firmId()) + ", due " + row.dueDate());
        return created;
    }

    /** Edits a request while it is OPEN or FLAGGED; a stale {@code version} is a 409 and changes nothing. */
    @Transactional
    public InformationRequest update(CurrentUser user, UUID engagementId, UUID id, RequestDraft draft, long version) {
        Ctx ctx = auditorWriter(user, engagementId);
        RequestRow before = row(ctx, id);
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Request " + before.ref(), version, before.version());
        }
        RequestRules.requireEditable(before.ref(), before.status());
        if (draft == null) {
            throw ApiProblem.invalidField("body", "a JSON request is required");
        }
        List<FieldError> errors = new ArrayList<>();
        Valid v = RequestRules.check(draft, lookups(ctx), Fields.API, null, errors);
        throwIfAny(errors);
        String ref = v.ref() != null ? v.ref() : before.ref();
        if (repo.refTaken(ctx.orgId(), engagementId, ctx.firmId(), ref, id)) {
            throw ApiProblem.invalidField("ref", "'" + ref + "' is already a request of this engagement");
        }
        Instant now = now();
        boolean updated;
        try {
            updated = repo.update(ctx.orgId(), engagementId, ctx.firmId(), id, version, withRef(v, ref), now);
        } catch (DuplicateKeyException raced) {
            throw ApiProblem.invalidField("ref", "'" + ref + "' is already a request of this engagement");
        }
        if (!updated) {
            RequestRow current = row(ctx, id);
            RequestRules.requireEditable(current.ref(), current.status());
            throw ApiProblem.staleVersion("Request " + before.ref(), version, current.version());
        }
        RequestRow after = row(ctx, id);
        event(ctx, id, "edited", before.status(), after.status(), null, List.of(), now);
        activity.record(user, ENTITY, id, "updated", logView(before), logView(after));
        if (after.ownerId() != null && !after.ownerId().equals(before.ownerId())) {
            notifyOwner(ctx, after.ownerId(), "REQUEST_ASSIGNED", after, "Request " + after.ref() + " \""
                    + after.title() + "\" is now yours to answer, due " + after.dueDate());
        }
        return load(ctx, id);
    }

    /**
     * Imports requests from CSV (columns in docs/request-lists.md), all or nothing: every bad line and
     * column is reported and nothing is stored unless the whole file is valid.
     */
    @Transactional
    public RequestImportResult importCsv(CurrentUser user, UUID engagementId, String csv) {
        Ctx ctx = auditorWriter(user, engagementId);
        RequestCsv.Parsed parsed = RequestCsv.parse(csv);
        throwImportIfAny(parsed.errors());
        List<FieldError> errors = new ArrayList<>();
        List<Valid> valid = RequestRules.checkImport(parsed.rows(), lookups(ctx),
                repo.refs(ctx.orgId(), engagementId, ctx.firmId()), errors);
        throwImportIfAny(errors);
        List<RequestRow> rows = new ArrayList<>();
        try {
            for (Valid v : valid) {
                rows.add(insert(ctx, v, "imported", null, null));
            }
        } catch (DuplicateKeyException raced) {
            throw ApiProblem.conflict("Another import or request took one of the refs at the same moment; nothing was"
                    + " imported, try again");
        }
        notifyAdded(ctx, rows, "imported");
        Memo memo = new Memo();
        Map<UUID, List<RequestEvent>> events = repo.events(ctx.orgId(), engagementId, ctx.firmId());
        List<InformationRequest> out = rows.stream()
                .map(r -> request(ctx, r, events.getOrDefault(r.id(), List.of()), memo)).toList();
        return new RequestImportResult(out.size(), out);
    }

    /** Accepts the client's answer (SUBMITTED or RESUBMITTED → ACCEPTED); {@code note} is optional. */
    @Transactional
    public InformationRequest accept(CurrentUser user, UUID engagementId, UUID id, String note, Long version) {
        Ctx ctx = auditorWriter(user, engagementId);
        String text = RequestRules.optionalText("note", note);
        RequestRow r = transition(ctx, id, Action.ACCEPT, text, List.of(), version);
        notifyOwner(ctx, r.ownerId(), "REQUEST_ACCEPTED", r, "Request " + r.ref() + " \"" + r.title()
                + "\" was accepted by " + user.label());
        return load(ctx, id);
    }

    /** Flags the client's answer with a reason (SUBMITTED or RESUBMITTED → FLAGGED): the client answers again. */
    @Transactional
    public InformationRequest flag(CurrentUser user, UUID engagementId, UUID id, String reason, Long version) {
        Ctx ctx = auditorWriter(user, engagementId);
        String text = RequestRules.requiredText("reason", reason,
                "is required: tell the client what is missing or wrong in the answer");
        RequestRow r = transition(ctx, id, Action.FLAG, text, List.of(), version);
        notifyOwner(ctx, r.ownerId(), "REQUEST_FLAGGED", r, "Request " + r.ref() + " \"" + r.title()
                + "\" was flagged: " + abbreviate(text, 300));
        return load(ctx, id);
    }

    /**
     * Copies the engagement's request list to another engagement of the same client that the
     * caller's firm has an active grant for: title, description, mappings and owner (when still a
     * member who may answer); due dates moved by the days between the two period ends; status OPEN,
     * no evidence, no comments; each new request records where it was rolled forward from. Refs are
     * kept, so the target must not use any of them yet (409 naming them).
     */
    @Transactional
    public RollForward rollForward(CurrentUser user, UUID engagementId, UUID targetEngagementId) {
        Ctx ctx = auditorWriter(user, engagementId);
        if (targetEngagementId == null) {
            throw ApiProblem.invalidField("targetEngagementId", "is required: the engagement to copy the requests to");
        }
        if (targetEngagementId.equals(engagementId)) {
            throw ApiProblem.invalidField("targetEngagementId", "is this engagement; choose the next period's engagement");
        }
        LocalDate today = today();
        boolean granted = access.grantsOfFirm(user).stream().anyMatch(g -> g.orgId().equals(user.orgId())
                && g.engagementId().equals(targetEngagementId) && g.firmId().equals(ctx.firmId()) && g.activeOn(today));
        Engagement target = engagements.find(user.orgId(), targetEngagementId).filter(e -> granted)
                .orElseThrow(() -> ApiProblem.notFound("Engagement " + targetEngagementId
                        + " (your firm needs an active access grant to it)"));
        Engagement source = ctx.engagement();
        if (source.framework() != target.framework()) {
            throw ApiProblem.conflict("The requests are mapped to " + source.framework().label() + " criteria and "
                    + target.name() + " is a " + target.framework().label() + " engagement; they cannot be rolled forward");
        }
        if (source.windowEnd() == null || target.windowEnd() == null) {
            throw ApiProblem.conflict("Both engagements need a period end (or as-of date) to move the due dates");
        }
        long shift = RequestRules.shiftDays(source.windowEnd(), target.windowEnd());
        List<RequestRow> rows = repo.list(ctx.orgId(), engagementId, ctx.firmId());
        if (rows.isEmpty()) {
            throw ApiProblem.conflict("This engagement has no requests to roll forward");
        }
        Set<String> taken = repo.refs(ctx.orgId(), targetEngagementId, ctx.firmId()).stream()
                .map(RequestRules::refKey).collect(Collectors.toSet());
        List<String> clash = rows.stream().map(RequestRow::ref).filter(r -> taken.contains(RequestRules.refKey(r))).toList();
        if (!clash.isEmpty()) {
            throw ApiProblem.conflict(target.name() + " already has requests " + String.join(", ", clash)
                    + "; nothing was rolled forward");
        }
        Ctx into = new Ctx(user, Side.AUDITOR, target, ctx.firmId());
        Lookups lookups = lookups(into);
        List<RequestRow> created = new ArrayList<>();
        for (RequestRow r : rows) {
            UUID owner = r.ownerId() != null && lookups.owner(r.ownerId()).filter(Owner::canRespond).isPresent()
                    ? r.ownerId() : null;
            Valid v = new Valid(r.ref(), r.title(), r.description(), r.criteria(), r.controlIds(), owner,
                    r.dueDate().plusDays(shift));
            String from = r.ref() + " of " + source.name();
            created.add(insert(into, v, "rolled-forward", r.id(), from));
        }
        notifyAdded(into, created, "rolled forward from " + source.name());
        Memo memo = new Memo();
        Map<UUID, List<RequestEvent>> events = repo.events(ctx.orgId(), targetEngagementId, ctx.firmId());
        return new RollForward(engagementId, targetEngagementId, shift, created.stream()
                .map(r -> request(into, r, events.getOrDefault(r.id(), List.of()), memo)).toList());
    }

    /** The engagements this engagement's requests can be rolled forward to: same client, active grant of the firm. */
    @Transactional(readOnly = true)
    public List<EngagementGrant> rollForwardTargets(CurrentUser user, UUID engagementId) {
        Ctx ctx = auditorWriter(user, engagementId);
        LocalDate today = today();
        return access.grantsOfFirm(user).stream().filter(g -> g.orgId().equals(user.orgId())
                && g.firmId().equals(ctx.firmId()) && !g.engagementId().equals(engagementId) && g.activeOn(today))
                .toList();
    }

    // ------------------------------------------------------------------------------ the client's side

    /**
     * The client answers: OPEN → SUBMITTED, or FLAGGED → RESUBMITTED, linking evidence of the
     * organization (ids; at least one, or a note) and/or a note for the auditor.
     */
    @Transactional
    public InformationRequest submit(CurrentUser user, UUID engagementId, UUID id, List<UUID> evidenceIds, String note,
            Long version) {
        Ctx ctx = clientResponder(user, engagementId);
        String text = RequestRules.optionalText("note", note);
        List<UUID> ids = evidenceIds == null ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(evidenceIds.stream().filter(e -> e != null).toList()));
        RequestRow current = row(ctx, id);
        RequestRules.next(current.ref(), current.status(), Action.SUBMIT);
        if (ids.isEmpty() && text == null) {
            throw ApiProblem.invalidField("evidenceIds", "link at least one evidence item or write a note for the auditor");
        }
        if (ids.size() > RequestRules.MAX_EVIDENCE) {
            throw ApiProblem.invalidField("evidenceIds", "at most " + RequestRules.MAX_EVIDENCE + " evidence items per answer");
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                EvidenceItem item = evidence.get(user, ids.get(i));
                if (item.withdrawn()) {
                    errors.add(new FieldError("evidenceIds[" + i + "]", "'" + item.title() + "' was withdrawn; link"
                            + " current evidence"));
                }
            } catch (ApiProblem notFound) {
                errors.add(new FieldError("evidenceIds[" + i + "]", "no evidence " + ids.get(i) + " in " + user.orgName()));
            }
        }
        throwIfAny(errors);
        RequestRow r = transition(ctx, id, Action.SUBMIT, text, ids, version);
        String kind = r.status() == RequestStatus.RESUBMITTED ? "REQUEST_RESUBMITTED" : "REQUEST_SUBMITTED";
        notifyFirm(ctx, r, kind, user.name() + " " + (r.status() == RequestStatus.RESUBMITTED ? "resubmitted" : "submitted")
                + " " + r.ref() + " \"" + r.title() + "\"" + (ids.isEmpty() ? "" : " with " + ids.size()
                + " evidence item" + (ids.size() == 1 ? "" : "s")));
        return load(ctx, id);
    }

    // ------------------------------------------------------------------------------ both sides

    /** Adds a comment to the request's thread (either side; comments are never edited or deleted). */
    @Transactional
    public RequestComment comment(CurrentUser user, UUID engagementId, UUID id, String body) {
        Ctx ctx = user.scope() != null ? auditorWriter(user, engagementId) : clientResponder(user, engagementId);
        RequestRow r = row(ctx, id);
        String text = RequestRules.requiredText("body", body, "is required: write the comment");
        RequestComment c = new RequestComment(UUID.randomUUID(), id, ctx.side().name(), user.userId(), user.label(), text,
                now());
        repo.insertComment(ctx.orgId(), engagementId, r.firmId(), c);
        activity.record(user, ENTITY, id, "commented", null, Map.of("ref", r.ref(), "side", c.side(), "comment", text));
        String message = user.name() + " commented on " + r.ref() + ": " + abbreviate(text, 300);
        if (ctx.side() == Side.AUDITOR) {
            notifyOwner(ctx, r.ownerId(), "REQUEST_COMMENTED", r, message);
        } else {
            notifyFirm(ctx, r, "REQUEST_COMMENTED", message);
        }
        return c;
    }

    // ------------------------------------------------------------------------------ notifications

    /**
     * The caller's notifications: unread ones and those read in the last {@value #RECENT_DAYS} days,
     * newest first. A client member sees their own (and, when they may answer requests, those for
     * the whole client); a firm's user inside an engagement sees the firm's for that engagement; a
     * firm's user outside any engagement has none.
     */
    @Transactional(readOnly = true)
    public NotificationList notifications(CurrentUser user) {
        Optional<Reader> reader = reader(user);
        if (reader.isEmpty()) {
            return new NotificationList(0, List.of());
        }
        return new NotificationList(notifications.unread(reader.get()), notifications.list(reader.get(),
                now().minus(RECENT_DAYS, ChronoUnit.DAYS), NOTIFICATION_LIMIT));
    }

    /** How many unread notifications the caller has (for a badge). */
    @Transactional(readOnly = true)
    public long unreadNotifications(CurrentUser user) {
        return reader(user).map(notifications::unread).orElse(0L);
    }

    /**
     * Marks one of the caller's notifications read; 404 for anyone else's. Not one transaction: a
     * parallel "mark read" of the same notification is simply ignored.
     */
    public Notification markRead(CurrentUser user, UUID notificationId) {
        Reader reader = reader(user).orElseThrow(() -> ApiProblem.notFound("Notification " + notificationId));
        notifications.find(reader, notificationId)
                .orElseThrow(() -> ApiProblem.notFound("Notification " + notificationId));
        notifications.markRead(reader, notificationId, now());
        return notifications.find(reader, notificationId).orElseThrow();
    }

    /** Marks every unread notification of the caller read; returns how many. */
    public int markAllRead(CurrentUser user) {
        Optional<Reader> reader = reader(user);
        if (reader.isEmpty()) {
            return 0;
        }
        List<UUID> ids = notifications.unreadIds(reader.get());
        Instant now = now();
        ids.forEach(id -> notifications.markRead(reader.get(), id, now));
        return ids.size();
    }

    private Optional<Reader> reader(CurrentUser user) {
        if (user.scope() != null) {
            return Optional.of(new Reader(user.orgId(), user.userId(), user.scope().engagementId(),
                    user.scope().firmId(), false));
        }
        if (user.role().firmRole()) {
            return Optional.empty();
        }
        return Optional.of(new Reader(user.orgId(), user.userId(), null, null, user.can(Permission.FIELDWORK_RESPOND)));
    }

    // ------------------------------------------------------------------------------ access

    /** Either side may read: the auditor inside this engagement, or a member of the client who may answer requests. */
    private Ctx reader(CurrentUser user, UUID engagementId) {
        if (user.scope() != null) {
            user.require(Permission.FIELDWORK_READ).requireEngagement(engagementId);
            return new Ctx(user, Side.AUDITOR, engagement(user, engagementId), user.scope().firmId());
        }
        if (user.role().firmRole()) {
            // a firm's user outside any client engagement: there is no such engagement in the firm
            throw ApiProblem.notFound("Engagement " + engagementId);
        }
        user.require(Permission.FIELDWORK_RESPOND);
        return new Ctx(user, Side.CLIENT, engagement(user, engagementId), null);
    }

    private Ctx auditorWriter(CurrentUser user, UUID engagementId) {
        user.require(Permission.FIELDWORK_WRITE).requireEngagement(engagementId);
        if (user.scope() == null) {
            // a firm's user outside any client engagement: there is no such engagement in the firm
            throw ApiProblem.notFound("Engagement " + engagementId);
        }
        return new Ctx(user, Side.AUDITOR, engagement(user, engagementId), user.scope().firmId());
    }

    private Ctx clientResponder(CurrentUser user, UUID engagementId) {
        user.require(Permission.FIELDWORK_RESPOND);
        return new Ctx(user, Side.CLIENT, engagement(user, engagementId), null);
    }

    private Engagement engagement(CurrentUser user, UUID engagementId) {
        return engagements.find(user.orgId(), engagementId)
                .orElseThrow(() -> ApiProblem.notFound("Engagement " + engagementId));
    }

    private RequestRow row(Ctx ctx, UUID id) {
        return repo.find(ctx.orgId(), ctx.engagementId(), ctx.firmId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Request " + id));
    }

    // ------------------------------------------------------------------------------ writing

    private RequestRow insert(Ctx ctx, Valid v, String action, UUID rolledFromId, String rolledFrom) {
        Instant now = now();
        CurrentUser user = ctx.user();
        RequestRow row = new RequestRow(UUID.randomUUID(), ctx.orgId(), ctx.engagementId(), ctx.firmId(), v.ref(),
                v.title(), v.description(), v.criteria(), v.controlIds(), v.ownerId(), v.dueDate(), RequestStatus.OPEN,
                rolledFromId, rolledFrom, user.userId(), user.label(), 0, now, now);
        repo.insert(row);
        event(ctx, row.id(), action, null, RequestStatus.OPEN, rolledFrom == null ? null : "Rolled forward from "
                + rolledFrom, List.of(), now);
        activity.record(user, ENTITY, row.id(), action, null, logView(row));
        return row;
    }

    private RequestRow transition(Ctx ctx, UUID id, Action action, String note, List<UUID> evidenceIds, Long version) {
        RequestRow before = row(ctx, id);
        if (version != null && version != before.version()) {
            throw ApiProblem.staleVersion("Request " + before.ref(), version, before.version());
        }
        RequestStatus to = RequestRules.next(before.ref(), before.status(), action);
        Instant now = now();
        if (!repo.setStatus(ctx.orgId(), ctx.engagementId(), id, before.status(), to, before.version(), now)) {
            RequestRow current = row(ctx, id);
            RequestRules.next(current.ref(), current.status(), action);
            throw ApiProblem.staleVersion("Request " + before.ref(), before.version(), current.version());
        }
        String name = switch (to) {
            case SUBMITTED -> "submitted";
            case RESUBMITTED -> "resubmitted";
            case ACCEPTED -> "accepted";
            case FLAGGED -> "flagged";
            case OPEN -> throw new IllegalStateException();
        };
        event(new Ctx(ctx.user(), ctx.side(), ctx.engagement(), before.firmId()), id, name, before.status(), to, note,
                evidenceIds, now);
        RequestRow after = row(ctx, id);
        Map<String, Object> log = logView(after);
        if (note != null) {
            log.put(action == Action.FLAG ? "reason" : "note", note);
        }
        if (!evidenceIds.isEmpty()) {
            log.put("evidence", evidenceIds.stream().map(UUID::toString).toList());
        }
        activity.record(ctx.user(), ENTITY, id, name, Map.of("status", before.status().name()), log);
        return after;
    }

    private void event(Ctx ctx, UUID requestId, String action, RequestStatus from, RequestStatus to, String note,
            List<UUID> evidenceIds, Instant at) {
        UUID firm = ctx.firmId() != null ? ctx.firmId()
                : repo.find(ctx.orgId(), ctx.engagementId(), null, requestId).orElseThrow().firmId();
        CurrentUser user = ctx.user();
        repo.insertEvent(ctx.orgId(), ctx.engagementId(), firm, requestId, new RequestEvent(UUID.randomUUID(), action,
                from, to, ctx.side().name(), user.userId(), user.label(), note, List.copyOf(evidenceIds), at));
    }

    private static Valid withRef(Valid v, String ref) {
        return new Valid(ref, v.title(), v.description(), v.criteria(), v.controlIds(), v.ownerId(), v.dueDate());
    }

    // ------------------------------------------------------------------------------ notifying

    /** To the owner, or to every member of the client who may answer requests when there is none. */
    private void notifyOwner(Ctx ctx, UUID ownerId, String kind, RequestRow r, String message) {
        notifications.insert(new NewNotification(UUID.randomUUID(), ctx.orgId(), r.engagementId(), r.firmId(), "CLIENT",
                ownerId, kind, r.id(), r.ref(), abbreviate(message, 1000), link(r), ctx.user().userId(),
                ctx.user().label(), now()));
    }

    /** To the firm's users working inside the engagement. */
    private void notifyFirm(Ctx ctx, RequestRow r, String kind, String message) {
        notifications.insert(new NewNotification(UUID.randomUUID(), ctx.orgId(), r.engagementId(), r.firmId(), "FIRM",
                null, kind, r.id(), r.ref(), abbreviate(message, 1000), link(r), ctx.user().userId(),
                ctx.user().label(), now()));
    }

    /** One notification per owner (and one for requests without an owner) naming the new requests. */
    private void notifyAdded(Ctx ctx, List<RequestRow> rows, String how) {
        Map<Optional<UUID>, List<RequestRow>> byOwner = new LinkedHashMap<>();
        rows.forEach(r -> byOwner.computeIfAbsent(Optional.ofNullable(r.ownerId()), k -> new ArrayList<>()).add(r));
        String firm = firmName(ctx.firmId());
        byOwner.forEach((owner, list) -> {
            String refs = list.stream().limit(20).map(RequestRow::ref).collect(Collectors.joining(", "))
                    + (list.size() > 20 ? ", …" : "");
            String message = list.size() + " new request" + (list.size() == 1 ? "" : "s") + " from " + firm + " for "
                    + ctx.engagement().name() + " (" + how + "): " + refs;
            RequestRow first = list.getFirst();
            notifications.insert(new NewNotification(UUID.randomUUID(), ctx.orgId(), ctx.engagementId(), ctx.firmId(),
                    "CLIENT", owner.orElse(null), "REQUESTS_ADDED", list.size() == 1 ? first.id() : null,
                    list.size() == 1 ? first.ref() : null, abbreviate(message, 1000),
                    list.size() == 1 ? link(first) : "/engagements/" + ctx.engagementId() + "/requests",
                    ctx.user().userId(), ctx.user().label(), now()));
        });
    }

    private static String link(RequestRow r) {
        return "/engagements/" + r.engagementId() + "/requests/" + r.id();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    // ------------------------------------------------------------------------------ mapping

    /** Per-call caches of names, so a list costs one lookup per distinct owner and firm. */
    private final class Memo {
        final Map<UUID, Optional<Member>> members = new HashMap<>();
        final Map<UUID, String> firms = new HashMap<>();
        Map<UUID, String> controlRefs;
    }

    private InformationRequest load(Ctx ctx, UUID id) {
        return request(ctx, row(ctx, id), repo.events(ctx.orgId(), id), new Memo());
    }

    private List<InformationRequest> requests(Ctx ctx, List<RequestRow> rows, Map<UUID, List<RequestEvent>> events) {
        Memo memo = new Memo();
        return rows.stream().map(r -> request(ctx, r, events.getOrDefault(r.id(), List.of()), memo)).toList();
    }

    private InformationRequest request(Ctx ctx, RequestRow r, List<RequestEvent> history, Memo memo) {
        if (memo.controlRefs == null) {
            memo.controlRefs = controls.refs(ctx.orgId());
        }
        Optional<Member> owner = r.ownerId() == null ? Optional.empty()
                : memo.members.computeIfAbsent(r.ownerId(), u -> identity.member(ctx.orgId(), u));
        String firm = memo.firms.computeIfAbsent(r.firmId(), this::firmName);
        Set<UUID> evidenceIds = new LinkedHashSet<>();
        String lastFlag = null;
        for (RequestEvent e : history) {
            evidenceIds.addAll(e.evidenceIds());
            if ("flagged".equals(e.action())) {
                lastFlag = e.note();
            }
        }
        LocalDate today = today();
        List<String> refs = r.controlIds().stream().map(c -> memo.controlRefs.getOrDefault(c, c.toString())).toList();
        return new InformationRequest(r.id(), r.engagementId(), r.firmId(), firm, r.ref(), r.title(), r.description(),
                r.criteria(), r.controlIds(), refs, r.ownerId(), owner.map(Member::name).orElse(null),
                owner.map(Member::email).orElse(null), r.dueDate(), r.status(),
                RequestRules.overdue(r.status(), r.dueDate(), today), RequestRules.dueSoon(r.status(), r.dueDate(), today),
                List.copyOf(evidenceIds), lastFlag, r.rolledFromId(), r.rolledFromLabel(), r.createdByLabel(),
                r.version(), r.createdAt(), r.updatedAt());
    }

    private LinkedEvidence linked(CurrentUser user, UUID id) {
        try {
            EvidenceItem e = evidence.get(user, id);
            return new LinkedEvidence(id, true, e.title(), e.kind().name(), e.effectiveDate(), e.periodStart(),
                    e.periodEnd(), e.withdrawn(), e.withdrawn() ? "withdrawn" : null);
        } catch (ApiProblem hidden) {
            return new LinkedEvidence(id, false, null, null, null, null, null, false,
                    user.scope() != null ? OUTSIDE_PERIOD : "not available");
        }
    }

    private String firmName(UUID firmId) {
        return identity.organization(firmId).map(Organization::name).orElse("the audit firm");
    }

    private Map<String, Object> logView(RequestRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", r.ref());
        m.put("title", r.title());
        m.put("engagementId", r.engagementId().toString());
        m.put("firmId", r.firmId().toString());
        m.put("status", r.status().name());
        m.put("dueDate", r.dueDate().toString());
        m.put("owner", r.ownerId() == null ? null : r.ownerId().toString());
        m.put("criteria", r.criteria());
        m.put("controls", r.controlIds().stream().map(UUID::toString).toList());
        if (r.rolledFromLabel() != null) {
            m.put("rolledFrom", r.rolledFromLabel());
        }
        return m;
    }

    // ------------------------------------------------------------------------------ lookups

    private Lookups lookups(Ctx ctx) {
        UUID orgId = ctx.orgId();
        boolean soc1 = ctx.engagement().framework() == Framework.SOC1;
        Map<String, String> objectives = new HashMap<>();
        if (soc1) {
            for (ControlObjective o : catalog.objectives(orgId)) {
                objectives.put(o.ref().strip().toUpperCase(Locale.ROOT), o.ref());
            }
        }
        Map<String, Optional<UUID>> controlCache = new HashMap<>();
        Map<UUID, Optional<Owner>> ownerCache = new HashMap<>();
        return new Lookups() {
            @Override
            public String clientName() {
                return ctx.user().orgName();
            }

            @Override
            public String criterionKind() {
                return soc1 ? "SOC 1 control objective" : "SOC 2 criterion";
            }

            @Override
            public Optional<String> criterion(String id) {
                if (soc1) {
                    return Optional.ofNullable(objectives.get(id.strip().toUpperCase(Locale.ROOT)));
                }
                return catalog.criterion(id).map(Criterion::id);
            }

            @Override
            public Optional<UUID> control(String idOrRef) {
                return controlCache.computeIfAbsent(idOrRef.strip().toUpperCase(Locale.ROOT),
                        k -> controls.resolve(orgId, idOrRef));
            }

            @Override
            public Optional<Owner> owner(UUID userId) {
                return ownerCache.computeIfAbsent(userId, u -> identity.member(orgId, u).map(RequestListService::owner));
            }

            @Override
            public Optional<Owner> ownerByEmail(String email) {
                return identity.memberByEmail(orgId, email).map(RequestListService::owner);
            }
        };
    }

    private static Owner owner(Member m) {
        return new Owner(m.userId(), m.name(), m.email(), m.role().label(), m.role().can(Permission.FIELDWORK_RESPOND));
    }

    // ------------------------------------------------------------------------------ helpers

    private static void throwIfAny(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        throw ApiProblem.badRequest(detail, errors);
    }

    /** 400 "Invalid import" naming the first problem (line, column) and how many more; all of them in errors[]. */
    private static void throwImportIfAny(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        List<FieldError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(e -> e.line() == null ? 0 : e.line()));
        FieldError first = sorted.getFirst();
        String where = "CSV" + (first.line() == null ? "" : " line " + first.line())
                + (first.field() == null ? "" : ", field '" + first.field() + "'");
        String more = sorted.size() == 1 ? "" : " (and " + (sorted.size() - 1) + " more problem"
                + (sorted.size() == 2 ? "" : "s") + ")";
        throw new ApiProblem(400, "Invalid import", where + ": " + first.message() + more + "; nothing was imported",
                sorted);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
