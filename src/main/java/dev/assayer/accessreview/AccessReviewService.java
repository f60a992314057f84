package dev.assayer.accessreview;

import dev.assayer.accessreview.internal.AccessReviewRepository;
import dev.assayer.accessreview.internal.AccessReviewRepository.AccountCounts;
import dev.assayer.accessreview.internal.AccessReviewRepository.CampaignRow;
import dev.assayer.accessreview.internal.AccessReviewRepository.NewAccount;
import dev.assayer.accessreview.internal.AccessReviewRules;
import dev.assayer.accessreview.internal.AccessReviewRules.Assignment;
import dev.assayer.accessreview.internal.AccessReviewRules.TaskDone;
import dev.assayer.accessreview.internal.AccessReviewRules.ValidDecision;
import dev.assayer.accessreview.internal.AccessReviewRules.ValidDraft;
import dev.assayer.accessreview.internal.AccountCsv;
import dev.assayer.accessreview.internal.AccountCsv.ImportedAccount;
import dev.assayer.accessreview.internal.ReviewReport;
import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.people.PeopleService;
import dev.assayer.people.Person;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.ByteArrayInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access review campaigns (CC6.2, CC6.3). Reads need {@link Permission#CONTROL_READ}; creating,
 * editing, importing, reassigning, completing tasks and signing off need
 * {@link Permission#ENGAGEMENT_WRITE}; deciding an account needs being its assigned reviewer (in a
 * role that may review) or ENGAGEMENT_WRITE. Every record is scoped to the caller's organization
 * (another organization's campaign is "not found"), every change is in the activity log, and a
 * signed-off campaign is locked.
 */
@Service
public class AccessReviewService {

    static final String CAMPAIGN = "access-review";
    static final String ACCOUNT = "access-review-account";
    static final String TASK = "access-review-task";
    static final String SOURCE_SYSTEM = "Assayer access reviews";

    private final AccessReviewRepository repo;
    private final ControlService controls;
    private final PeopleService people;
    private final IdentityService identity;
    private final EvidenceService evidence;
    private final ActivityLog activity;
    private final Clock clock;

    public AccessReviewService(AccessReviewRepository repo, ControlService controls, PeopleService people,
            IdentityService identity, EvidenceService evidence, ActivityLog activity, Optional<Clock> clock) {
        this.repo = repo;
        this.controls = controls;
        this.people = people;
        this.identity = identity;
        this.evidence = evidence;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ---- reading ----------------------------------------------------------------------------

    /** Open campaigns first (soonest due first), then signed-off ones. */
    @Transactional(readOnly = true)
    public List<AccessReview> list(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        UUID org = user.orgId();
        Map<UUID, AccountCounts> counts = repo.counts(org, null);
        Map<UUID, List<RemediationTask>> tasks = repo.tasks(org, null);
        Map<UUID, String> refs = controls.refs(org);
        return repo.campaigns(org).stream()
                .map(r -> review(r, counts.get(r.id()), tasks.getOrDefault(r.id(), List.of()), refs)).toList();
    }

    /** One campaign with its progress and tasks; 404 for another organization's. */
    @Transactional(readOnly = true)
    public AccessReview get(CurrentUser user, UUID id) {
        user.require(Permission.CONTROL_READ);
        return load(user.orgId(), id);
    }

    /** The campaign's accounts in file order, each with its current remediation task. */
    @Transactional(readOnly = true)
    public List<ReviewAccount> accounts(CurrentUser user, UUID reviewId, AccountFilter filter) {
        user.require(Permission.CONTROL_READ);
        row(user.orgId(), reviewId);
        AccountFilter f = filter == null ? AccountFilter.all() : filter;
        return withTasks(user.orgId(), reviewId).stream()
                .filter(a -> !f.mine() || a.reviewerId().equals(user.userId()))
                .filter(a -> !f.undecidedOnly() || !a.decided())
                .toList();
    }

    /** One account with its current task; 404 when it is not in this campaign of the caller's organization. */
    @Transactional(readOnly = true)
    public ReviewAccount account(CurrentUser user, UUID reviewId, UUID accountId) {
        user.require(Permission.CONTROL_READ);
        row(user.orgId(), reviewId);
        return accountWithTask(user.orgId(), reviewId, accountId);
    }

    /** Open campaigns with accounts assigned to the caller, and how many still await their decision. */
    @Transactional(readOnly = true)
    public List<PendingReviews> pending(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return repo.pending(user.orgId(), user.userId());
    }

    /** Members who may be assigned as reviewers (admins, compliance managers, control owners). */
    @Transactional(readOnly = true)
    public List<Member> reviewerChoices(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return identity.members(user).stream().filter(m -> AccessReviewRules.mayReview(m.role())).toList();
    }

    /** Whether the caller may decide this account (for showing the decision buttons). */
    public boolean mayDecide(CurrentUser user, ReviewAccount account) {
        try {
            AccessReviewRules.requireMayDecide(user, account);
            return true;
        } catch (ApiProblem denied) {
            return false;
        }
    }

    // ---- campaigns --------------------------------------------------------------------------

    /** Creates an open campaign owned by the caller (who reviews accounts no manager can). */
    @Transactional
    public AccessReview create(CurrentUser user, AccessReviewDraft draft) {
        user.require(Permission.ENGAGEMENT_WRITE);
        ValidDraft valid = AccessReviewRules.draft(draft, ref -> controls.resolve(user.orgId(), ref));
        UUID id = UUID.randomUUID();
        repo.insertCampaign(user.orgId(), id, valid, user.userId(), user.label(), now());
        AccessReview created = load(user.orgId(), id);
        activity.record(user, CAMPAIGN, id, "created", null, snapshot(created));
        return created;
    }

    /**
     * Edits an open campaign; a stale {@code version} is a 409. The as-of date may change only while
     * no decision is recorded: the owners' roster status and the automatic assignments are then
     * re-evaluated for the new date (reviewers chosen by hand stay).
     */
    @Transactional
    public AccessReview update(CurrentUser user, UUID id, AccessReviewDraft draft, long version) {
        user.require(Permission.ENGAGEMENT_WRITE);
        CampaignRow locked = lock(user.orgId(), id);
        AccessReview before = load(user.orgId(), id);
        AccessReviewRules.requireOpen(locked.status(), "editing it");
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Access review " + before.system(), version, before.version());
        }
        ValidDraft valid = AccessReviewRules.draft(draft, ref -> controls.resolve(user.orgId(), ref));
        boolean asOfChanged = !valid.asOfDate().equals(before.asOfDate());
        if (asOfChanged && before.progress().decided() > 0) {
            throw ApiProblem.invalidField("asOfDate", "cannot change after reviewers recorded decisions (the roster "
                    + "flags they saw were for " + before.asOfDate() + ")");
        }
        if (!repo.updateCampaign(user.orgId(), id, version, valid, now())) {
            throw ApiProblem.staleVersion("Access review " + before.system(), version, row(user.orgId(), id).version());
        }
        if (asOfChanged) {
            reassess(user, row(user.orgId(), id));
        }
        AccessReview after = load(user.orgId(), id);
        activity.record(user, CAMPAIGN, id, "updated", snapshot(before), snapshot(after));
        return after;
    }

    /**
     * Imports the system's account list (CSV, see docs/access-reviews.md), replacing any earlier
     * list, while the campaign is open and no decision is recorded. All or nothing: every bad line
     * and field is reported and nothing changes. Each account is assigned to its reviewer and its
     * owner checked against the roster as of the campaign's as-of date.
     */
    @Transactional
    public ImportSummary importAccounts(CurrentUser user, UUID reviewId, String filename, byte[] content) {
        user.require(Permission.ENGAGEMENT_WRITE);
        UUID org = user.orgId();
        CampaignRow campaign = lock(org, reviewId);
        AccountCounts before = repo.countsOf(org, reviewId);
        AccessReviewRules.requireImportable(campaign.status(), before.decided());
        if (content == null || content.length == 0) {
            throw ApiProblem.invalidField("file", "choose the CSV file exported from " + campaign.system());
        }
        List<ImportedAccount> lines = AccountCsv.parse(utf8(content));
        String name = filename == null || filename.isBlank() ? null : limit(filename.strip(), 255);
        Member fallback = fallbackReviewer(user, campaign);
        Function<String, Optional<Person>> roster = memo(e -> people.findByEmail(org, e));
        Function<String, Optional<Member>> members = memo(e -> identity.memberByEmail(org, e));
        List<NewAccount> rows = new ArrayList<>();
        int flagged = 0;
        int toOwner = 0;
        for (ImportedAccount line : lines) {
            Assignment a = AccessReviewRules.assign(line.email(), campaign.asOfDate(), roster, members, fallback);
            rows.add(new NewAccount(UUID.randomUUID(), line, a));
            flagged += a.rosterStatus().flagged() ? 1 : 0;
            toOwner += a.note() != null ? 1 : 0;
        }
        int replaced = repo.deleteAccounts(org, reviewId);
        repo.insertAccounts(org, reviewId, rows);
        String sha = Hashing.sha256Hex(content);
        repo.setSource(org, reviewId, name, sha, rows.size(), now(), user.label());
        ImportSummary summary = new ImportSummary(rows.size(), flagged, toOwner, replaced, sha);
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put("filename", campaign.sourceFilename());
        previous.put("sha256", campaign.sourceSha256());
        previous.put("accounts", before.accounts());
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("filename", name);
        now.put("sha256", sha);
        now.put("accounts", rows.size());
        now.put("flagged", flagged);
        now.put("assignedToOwner", toOwner);
        activity.record(user, CAMPAIGN, reviewId, "accounts-imported", campaign.sourceSha256() == null ? null : previous,
                now);
        return summary;
    }

    /** Assigns an undecided account of an open campaign to another member whose role may review. */
    @Transactional
    public ReviewAccount reassign(CurrentUser user, UUID reviewId, UUID accountId, UUID reviewerId,
            String reviewerEmail, String note, long version) {
        user.require(Permission.ENGAGEMENT_WRITE);
        CampaignRow campaign = lock(user.orgId(), reviewId);
        AccessReviewRules.requireOpen(campaign.status(), "reassigning reviewers");
        ReviewAccount before = accountWithTask(user.orgId(), reviewId, accountId);
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Account '" + before.account() + "'", version, before.version());
        }
        AccessReviewRules.requireReassignable(before);
        Member reviewer;
        if (reviewerId != null) {
            reviewer = identity.member(user.orgId(), reviewerId).orElseThrow(
                    () -> ApiProblem.invalidField("reviewerId", "is not a member of this organization"));
        } else if (reviewerEmail != null && !reviewerEmail.isBlank()) {
            reviewer = identity.memberByEmail(user.orgId(), reviewerEmail).orElseThrow(
                    () -> ApiProblem.invalidField("reviewerEmail", "'" + reviewerEmail.strip()
                            + "' is not a member of this organization (invite them first)"));
        } else {
            throw ApiProblem.invalidField("reviewerId", "is required (the member who reviews the account)");
        }
        AccessReviewRules.requireReviewer(reviewer);
        String reason = note == null || note.isBlank() ? null : note.strip();
        if (reason != null && reason.length() > 200) {
            throw ApiProblem.invalidField("note", "at most 200 characters");
        }
        String assignment = "reassigned by " + user.label() + (reason == null ? "" : ": " + reason);
        Assignment a = new Assignment(reviewer.userId(), AccessReviewRules.label(reviewer), reviewer.email(),
                limit(assignment, 400), before.rosterStatus(), before.rosterNote());
        if (!repo.assign(user.orgId(), accountId, version, a, true)) {
            throw ApiProblem.staleVersion("Account '" + before.account() + "'", version, version + 1);
        }
        ReviewAccount after = accountWithTask(user.orgId(), reviewId, accountId);
        activity.record(user, ACCOUNT, accountId, "reviewer-reassigned", accountSnapshot(before), accountSnapshot(after));
        return after;
    }

    /**
     * Records the caller's decision on one account of an open campaign (see {@link DecisionDraft}).
     * REVOKE and CHANGE open a remediation task; changing a decision before its task is done cancels
     * the open task; once the task is done the decision is final.
     */
    @Transactional
    public ReviewAccount decide(CurrentUser user, UUID reviewId, UUID accountId, DecisionDraft draft) {
        user.require(Permission.CONTROL_READ);
        UUID org = user.orgId();
        CampaignRow campaign = lock(org, reviewId);
        ReviewAccount before = accountWithTask(org, reviewId, accountId);
        AccessReviewRules.requireMayDecide(user, before);
        AccessReviewRules.requireOpen(campaign.status(), "deciding accounts");
        RemediationTask task = before.task();
        ValidDecision d = AccessReviewRules.decision(before, user.email(), draft,
                task != null && task.status() == TaskStatus.DONE);
        Instant now = now();
        if (!repo.decide(org, accountId, before.version(), d, user.userId(), user.label(), now)) {
            throw ApiProblem.staleVersion("Account '" + before.account() + "'", before.version(), before.version() + 1);
        }
        String description = AccessReviewRules.taskDescription(before, campaign.system(), d.decision(), d.newEntitlement());
        boolean keepTask = task != null && task.open() && task.kind() == d.decision()
                && task.description().equals(description);
        if (task != null && task.open() && !keepTask) {
            repo.cancelTask(org, task.id(), "decision changed to " + d.decision().name() + " by " + user.label(), now);
            activity.record(user, TASK, task.id(), "cancelled", task, taskById(org, reviewId, task.id()));
        }
        if (d.decision().needsRemediation() && !keepTask) {
            UUID taskId = UUID.randomUUID();
            repo.insertTask(org, reviewId, accountId, taskId, d.decision(), description, user.label(), now);
            activity.record(user, TASK, taskId, "created", null, taskById(org, reviewId, taskId));
        }
        ReviewAccount after = accountWithTask(org, reviewId, accountId);
        activity.record(user, ACCOUNT, accountId, "decided", accountSnapshot(before), accountSnapshot(after));
        return after;
    }

    /**
     * Marks a remediation task done on {@code doneOn} (default today, not in the future) with an
     * optional ticket reference. {@code version}, when given, must be the task's current version.
     */
    @Transactional
    public RemediationTask completeTask(CurrentUser user, UUID reviewId, UUID taskId, LocalDate doneOn, String ticket,
            Long version) {
        user.require(Permission.ENGAGEMENT_WRITE);
        CampaignRow campaign = lock(user.orgId(), reviewId);
        RemediationTask before = taskById(user.orgId(), reviewId, taskId);
        AccessReviewRules.requireOpen(campaign.status(), "changing tasks");
        if (version != null && version != before.version()) {
            throw ApiProblem.staleVersion("Task", version, before.version());
        }
        TaskDone done = AccessReviewRules.taskDone(before.status(), doneOn, ticket, today());
        if (!repo.completeTask(user.orgId(), taskId, before.version(), done.doneOn(), done.ticket(), user.userId(),
                user.label(), now())) {
            throw ApiProblem.staleVersion("Task", before.version(), before.version() + 1);
        }
        RemediationTask after = taskById(user.orgId(), reviewId, taskId);
        activity.record(user, TASK, taskId, "done", before, after);
        return after;
    }

    /**
     * Signs the campaign off: every account decided, every remediation task done. The completed
     * report (CSV of accounts, reviewers, decisions, justifications and tasks) is filed as evidence
     * for the mapped controls, effective on the as-of date (the point in time the account list
     * shows), with a summary as its description. The campaign is then locked.
     */
    @Transactional
    public AccessReview signOff(CurrentUser user, UUID reviewId) {
        user.require(Permission.ENGAGEMENT_WRITE);
        UUID org = user.orgId();
        CampaignRow campaign = lock(org, reviewId);
        AccessReview before = load(org, reviewId);
        AccessReviewRules.requireSignOff(campaign.status(), before.progress(), before.controlIds().size());
        Instant now = now();
        List<ReviewAccount> accounts = withTasks(org, reviewId);
        String csv = ReviewReport.csv(accounts);
        String summary = ReviewReport.summary(before, accounts, user.label(), now);
        EvidenceMetadata meta = new EvidenceMetadata(
                limit("Access review: " + before.system() + " as of " + before.asOfDate() + " (signed off)", 300),
                summary, before.controlIds().stream().map(UUID::toString).toList(), before.asOfDate(), null, null, null,
                null, CollectionMethod.SYSTEM_EXPORT, SOURCE_SYSTEM);
        EvidenceItem item = evidence.upload(user, meta, ReviewReport.filename(before), "text/csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        repo.signOff(org, reviewId, user.userId(), user.label(), now, item.id());
        AccessReview after = load(org, reviewId);
        Map<String, Object> signed = snapshot(after);
        signed.put("summary", summary);
        signed.put("reportSha256", item.sha256());
        activity.record(user, CAMPAIGN, reviewId, "signed-off", snapshot(before), signed);
        return after;
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Re-evaluates roster status (and automatic assignments) of every account for a new as-of date. */
    private void reassess(CurrentUser user, CampaignRow campaign) {
        UUID org = user.orgId();
        Member fallback = fallbackReviewer(user, campaign);
        Function<String, Optional<Person>> roster = memo(e -> people.findByEmail(org, e));
        Function<String, Optional<Member>> members = memo(e -> identity.memberByEmail(org, e));
        for (ReviewAccount a : repo.accounts(org, campaign.id())) {
            Assignment auto = AccessReviewRules.assign(a.email(), campaign.asOfDate(), roster, members, fallback);
            Assignment next = a.assignedManually()
                    ? new Assignment(a.reviewerId(), a.reviewer(), a.reviewerEmail(), a.assignmentNote(),
                            auto.rosterStatus(), auto.rosterNote())
                    : auto;
            repo.assign(org, a.id(), a.version(), next, a.assignedManually());
        }
    }

    /** The campaign owner when still a member who may review, else the caller (who holds ENGAGEMENT_WRITE). */
    private Member fallbackReviewer(CurrentUser user, CampaignRow campaign) {
        return identity.member(user.orgId(), campaign.ownerId()).filter(m -> AccessReviewRules.mayReview(m.role()))
                .orElseGet(() -> identity.member(user.orgId(), user.userId()).orElseThrow());
    }

    private AccessReview load(UUID orgId, UUID id) {
        CampaignRow r = row(orgId, id);
        return review(r, repo.countsOf(orgId, id), repo.tasksOf(orgId, id), controls.refs(orgId));
    }

    private CampaignRow row(UUID orgId, UUID id) {
        return repo.campaign(orgId, id).orElseThrow(() -> ApiProblem.notFound("Access review " + id));
    }

    private CampaignRow lock(UUID orgId, UUID id) {
        return repo.lockCampaign(orgId, id).orElseThrow(() -> ApiProblem.notFound("Access review " + id));
    }

    private AccessReview review(CampaignRow r, AccountCounts c, List<RemediationTask> tasks, Map<UUID, String> refs) {
        AccountCounts counts = c == null ? new AccountCounts(0, 0, 0, 0, 0, 0) : c;
        int open = (int) tasks.stream().filter(t -> t.status() == TaskStatus.OPEN).count();
        int done = (int) tasks.stream().filter(t -> t.status() == TaskStatus.DONE).count();
        Progress p = new Progress(counts.accounts(), counts.decided(), counts.kept(), counts.revoked(), counts.changed(),
                counts.flagged(), open, done);
        AccountSource source = r.sourceSha256() == null ? null
                : new AccountSource(r.sourceFilename(), r.sourceSha256(), r.sourceRows() == null ? 0 : r.sourceRows(),
                        r.importedAt(), r.importedBy());
        List<String> controlRefs = r.controlIds().stream().map(i -> refs.getOrDefault(i, i.toString())).toList();
        boolean overdue = r.status() == CampaignStatus.OPEN && today().isAfter(r.dueDate());
        return new AccessReview(r.id(), r.system(), r.asOfDate(), r.dueDate(), r.description(), r.controlIds(),
                controlRefs, r.status(), r.ownerId(), r.ownerLabel(), source, p, tasks, overdue,
                AccessReviewRules.signOffBlockers(r.status(), p, r.controlIds().size()), r.signedOffBy(),
                r.signedOffByLabel(), r.signedOffAt(), r.evidenceId(), r.version(), r.createdAt(), r.updatedAt());
    }

    private List<ReviewAccount> withTasks(UUID orgId, UUID reviewId) {
        Map<UUID, RemediationTask> current = currentTasks(repo.tasksOf(orgId, reviewId));
        return repo.accounts(orgId, reviewId).stream().map(a -> withTask(a, current.get(a.id()))).toList();
    }

    private ReviewAccount accountWithTask(UUID orgId, UUID reviewId, UUID accountId) {
        ReviewAccount a = repo.account(orgId, reviewId, accountId)
                .orElseThrow(() -> ApiProblem.notFound("Account " + accountId));
        List<RemediationTask> mine = repo.tasksOf(orgId, reviewId).stream()
                .filter(t -> t.accountId().equals(accountId)).toList();
        return withTask(a, currentTasks(mine).get(accountId));
    }

    /** Per account, its latest task that is not cancelled. */
    private static Map<UUID, RemediationTask> currentTasks(List<RemediationTask> tasks) {
        Map<UUID, RemediationTask> out = new HashMap<>();
        for (RemediationTask t : tasks) {
            if (t.status() != TaskStatus.CANCELLED) {
                out.put(t.accountId(), t);
            }
        }
        return out;
    }

    private RemediationTask taskById(UUID orgId, UUID reviewId, UUID taskId) {
        return repo.tasksOf(orgId, reviewId).stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Task " + taskId));
    }

    private static ReviewAccount withTask(ReviewAccount a, RemediationTask t) {
        return new ReviewAccount(a.id(), a.reviewId(), a.line(), a.account(), a.email(), a.name(), a.entitlement(),
                a.lastLogin(), a.accountStatus(), a.rosterStatus(), a.rosterNote(), a.reviewerId(), a.reviewer(),
                a.reviewerEmail(), a.assignmentNote(), a.assignedManually(), a.decision(), a.justification(),
                a.newEntitlement(), a.selfReviewJustification(), a.decidedById(), a.decidedBy(), a.decidedAt(), t,
                a.version());
    }

    private static Map<String, Object> snapshot(AccessReview r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system", r.system());
        m.put("asOfDate", r.asOfDate());
        m.put("dueDate", r.dueDate());
        m.put("description", r.description());
        m.put("controls", r.controlRefs());
        m.put("status", r.status());
        m.put("owner", r.owner());
        m.put("evidenceId", r.evidenceId());
        m.put("signedOffBy", r.signedOffBy());
        m.put("version", r.version());
        return m;
    }

    private static Map<String, Object> accountSnapshot(ReviewAccount a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account", a.account());
        m.put("email", a.email());
        m.put("entitlement", a.entitlement());
        m.put("rosterStatus", a.rosterStatus());
        m.put("reviewer", a.reviewer());
        m.put("assignmentNote", a.assignmentNote());
        m.put("decision", a.decision());
        m.put("justification", a.justification());
        m.put("newEntitlement", a.newEntitlement());
        m.put("selfReviewJustification", a.selfReviewJustification());
        m.put("decidedBy", a.decidedBy());
        m.put("version", a.version());
        return m;
    }

    /** A lookup that asks each distinct e-mail once per import. */
    private static <T> Function<String, Optional<T>> memo(Function<String, Optional<T>> f) {
        Map<String, Optional<T>> cache = new HashMap<>();
        return e -> cache.computeIfAbsent(Objects.requireNonNull(e).toLowerCase(Locale.ROOT), f);
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.invalidField("file", "is not UTF-8 text; export the account list as CSV (UTF-8)");
        }
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
