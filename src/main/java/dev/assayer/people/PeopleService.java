package dev.assayer.people;

import dev.assayer.activity.ActivityLog;
import dev.assayer.people.internal.ChecklistRules;
import dev.assayer.people.internal.ChecklistRules.Completion;
import dev.assayer.people.internal.ChecklistRules.Settings;
import dev.assayer.people.internal.PeopleRepository;
import dev.assayer.people.internal.PersonRules;
import dev.assayer.people.internal.PersonRules.Names;
import dev.assayer.people.internal.PopulationCsv;
import dev.assayer.people.internal.Populations;
import dev.assayer.people.internal.Problems;
import dev.assayer.people.internal.RosterImport;
import dev.assayer.people.internal.TrainingImport;
import dev.assayer.people.internal.TrainingRules;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The personnel roster and what hangs off it: onboarding and offboarding checklists, security
 * awareness training, background checks, and the populations of new hires, terminations and
 * training completions handed to fieldwork with their completeness-and-accuracy record. Reads
 * need {@link Permission#CONTROL_READ}, changes {@link Permission#ENGAGEMENT_WRITE}; every record is
 * scoped to the caller's organization (another organization's person is "not found") and every
 * change — and every extraction — is in the activity log.
 */
@Service
public class PeopleService {

    static final String ENTITY = "person";
    static final String CHECKLIST_ENTITY = "person-checklist";
    static final String TRAINING_ENTITY = "training-record";
    static final String CHECK_ENTITY = "background-check";
    static final String IMPORT_ENTITY = "people-import";
    static final String EXTRACTION_ENTITY = "people-population";

    private final PeopleRepository repo;
    private final ActivityLog activity;
    private final Clock clock;
    private final Settings settings;

    public PeopleService(PeopleRepository repo, ActivityLog activity, Optional<Clock> clock,
            @Value("${assayer.people.onboarding-days:30}") int onboardingDays,
            @Value("${assayer.people.revocation-grace-days:1}") int revocationGraceDays) {
        this.repo = repo;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
        this.settings = new Settings(onboardingDays, revocationGraceDays);
    }

    /** Days after the start date by which onboarding items are due ({@code assayer.people.onboarding-days}). */
    public int onboardingDays() {
        return settings.onboardingDays();
    }

    /** Days after the end date by which access must be revoked ({@code assayer.people.revocation-grace-days}). */
    public int revocationGraceDays() {
        return settings.revocationGraceDays();
    }

    // ---------------------------------------------------------------- for other modules (no permission check)

    /** The roster entry with this e-mail address (case-insensitive), for other modules; no permission check. */
    @Transactional(readOnly = true)
    public Optional<Person> findByEmail(UUID orgId, String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return repo.findByEmail(orgId, email.trim().toLowerCase(Locale.ROOT));
    }

    /** The whole roster by name, for other modules; no permission check. */
    @Transactional(readOnly = true)
    public List<Person> roster(UUID orgId) {
        return repo.list(orgId);
    }

    /**
     * People active on {@code today} whose security awareness training is overdue: none recorded
     * although their onboarding due date has passed, or their latest completion expired (one year
     * after it). Soonest due first. For readiness; no permission check.
     */
    @Transactional(readOnly = true)
    public List<TrainingDue> overdueTraining(UUID orgId, LocalDate today) {
        Map<UUID, List<TrainingRecord>> training = repo.allTraining(orgId);
        List<TrainingDue> out = new ArrayList<>();
        for (Person p : repo.list(orgId)) {
            trainingDue(p, training.getOrDefault(p.id(), List.of()), today).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(TrainingDue::dueOn).thenComparing(TrainingDue::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /**
     * People whose access was revoked after end date + grace days, or is still not revoked past it,
     * on {@code today}; most days late first. For readiness and fieldwork; no permission check.
     */
    @Transactional(readOnly = true)
    public List<LateRevocation> lateRevocations(UUID orgId, LocalDate today) {
        Map<UUID, Map<ChecklistItem, Completion>> completions = repo.allCompletions(orgId);
        List<LateRevocation> out = new ArrayList<>();
        for (Person p : repo.list(orgId)) {
            if (p.endDate() == null) {
                continue;
            }
            Checklist c = ChecklistRules.checklist(p, completions.getOrDefault(p.id(), Map.of()), List.of(), List.of(),
                    settings, today);
            ChecklistRules.lateRevocation(p, c).ifPresent(out::add);
        }
        out.sort(Comparator.comparingLong(LateRevocation::daysLate).reversed().thenComparing(LateRevocation::email));
        return out;
    }

    // ---------------------------------------------------------------- roster

    /** The roster by name, filtered. */
    @Transactional(readOnly = true)
    public List<RosterEntry> list(CurrentUser user, PeopleFilter filter) {
        user.require(Permission.CONTROL_READ);
        UUID org = user.orgId();
        LocalDate today = today();
        PeopleFilter f = filter == null ? PeopleFilter.all() : filter;
        String text = f.text() == null || f.text().isBlank() ? null : f.text().strip().toLowerCase(Locale.ROOT);
        Map<UUID, Map<ChecklistItem, Completion>> completions = repo.allCompletions(org);
        Map<UUID, List<TrainingRecord>> training = repo.allTraining(org);
        Map<UUID, List<BackgroundCheck>> checks = repo.allChecks(org);
        return repo.list(org).stream()
                .filter(p -> f.status() == null || PersonStatus.of(p, today) == f.status())
                .filter(p -> f.department() == null || f.department().isBlank()
                        || f.department().strip().equalsIgnoreCase(p.department()))
                .filter(p -> text == null || p.name().toLowerCase(Locale.ROOT).contains(text) || p.email().contains(text))
                .map(p -> entry(p, completions.getOrDefault(p.id(), Map.of()), training.getOrDefault(p.id(), List.of()),
                        checks.getOrDefault(p.id(), List.of()), today))
                .toList();
    }

    @Transactional(readOnly = true)
    public RosterEntry get(CurrentUser user, UUID id) {
        user.require(Permission.CONTROL_READ);
        return entry(user.orgId(), load(user.orgId(), id));
    }

    /** The departments named on the roster, for filters. */
    @Transactional(readOnly = true)
    public List<String> departments(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return repo.list(user.orgId()).stream().map(Person::department).filter(d -> d != null && !d.isBlank())
                .distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    @Transactional
    public RosterEntry create(CurrentUser user, PersonDraft draft) {
        user.require(Permission.ENGAGEMENT_WRITE);
        PersonDraft valid = validate(user.orgId(), draft, null);
        UUID id = UUID.randomUUID();
        repo.insert(user.orgId(), id, valid, now());
        Person created = load(user.orgId(), id);
        activity.record(user, ENTITY, id, "created", null, created);
        return entry(user.orgId(), created);
    }

    /**
     * Replaces the person; {@code version} is the version the user edited (stale → 409, nothing
     * changed). A new e-mail address is carried over to the people who name this person as manager.
     */
    @Transactional
    public RosterEntry update(CurrentUser user, UUID id, PersonDraft draft, long version) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Person before = load(user.orgId(), id);
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Person '" + before.name() + "'", version, before.version());
        }
        PersonDraft valid = validate(user.orgId(), draft, before);
        Instant now = now();
        if (!repo.update(user.orgId(), id, version, valid, now)) {
            long current = repo.find(user.orgId(), id).map(Person::version).orElse(version);
            throw ApiProblem.staleVersion("Person '" + before.name() + "'", version, current);
        }
        if (!before.email().equals(valid.email())) {
            List<Person> reports = repo.reportsOf(user.orgId(), before.email());
            repo.renameManager(user.orgId(), before.email(), valid.email(), now);
            for (Person r : reports) {
                activity.record(user, ENTITY, r.id(), "updated", r, load(user.orgId(), r.id()));
            }
        }
        Person after = load(user.orgId(), id);
        activity.record(user, ENTITY, id, "updated", before, after);
        return entry(user.orgId(), after);
    }

    /**
     * Imports an HR export (CSV; see docs/people.md): people are matched by e-mail and created or
     * updated; all-or-nothing, every bad line and field reported in one 400 problem.
     */
    @Transactional
    public ImportSummary importRoster(CurrentUser user, String csv) {
        user.require(Permission.ENGAGEMENT_WRITE);
        UUID org = user.orgId();
        Map<String, Person> roster = repo.list(org).stream().collect(Collectors.toMap(Person::email, Function.identity()));
        RosterImport.Plan plan = RosterImport.plan(csv, roster);
        Instant now = now();
        for (PersonDraft d : plan.creates()) {
            UUID id = UUID.randomUUID();
            repo.insert(org, id, d, now);
            activity.record(user, ENTITY, id, "created", null, load(org, id));
        }
        for (RosterImport.Update u : plan.updates()) {
            if (!repo.update(org, u.before().id(), u.before().version(), u.after(), now)) {
                throw ApiProblem.conflict("Person '" + u.before().email() + "' was changed while the file was imported;"
                        + " nothing was imported, try again");
            }
            activity.record(user, ENTITY, u.before().id(), "updated", u.before(), load(org, u.before().id()));
        }
        ImportSummary summary = new ImportSummary(plan.creates().size(), plan.updates().size(), plan.unchanged(),
                plan.ignoredColumns());
        activity.record(user, IMPORT_ENTITY, org, "roster imported", null, summary);
        return summary;
    }

    // ---------------------------------------------------------------- checklists

    @Transactional(readOnly = true)
    public Checklist checklist(CurrentUser user, UUID personId) {
        user.require(Permission.CONTROL_READ);
        return checklist(user.orgId(), load(user.orgId(), personId), today());
    }

    /**
     * Records a checklist item as done on {@code completedOn} (null: today; not in the future) by
     * the caller, with an optional reference (a ticket number, say). An item already recorded must
     * be cleared first (409); offboarding items need the person's end date.
     */
    @Transactional
    public ChecklistEntry recordItem(CurrentUser user, UUID personId, ChecklistItem item, LocalDate completedOn,
            String reference) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Person p = load(user.orgId(), personId);
        LocalDate today = today();
        Problems problems = new Problems();
        if (item == null) {
            problems.add("item", "is required (one of " + slugs() + ")");
        } else if (item.phase() == ChecklistPhase.OFFBOARDING && p.endDate() == null) {
            problems.add("item", "offboarding items apply once the person has an end date");
        }
        LocalDate on = completedOn == null ? today : completedOn;
        if (on.isAfter(today)) {
            problems.add("completedOn", on + " is in the future");
        }
        String ref = reference == null || reference.isBlank() ? null : reference.strip();
        if (ref != null && ref.length() > 200) {
            problems.add("reference", "at most 200 characters (got " + ref.length() + ")");
        }
        problems.throwIfAny();
        Completion existing = repo.completions(user.orgId(), personId).get(item);
        if (existing != null) {
            throw alreadyRecorded(item, existing);
        }
        try {
            repo.insertCompletion(user.orgId(), personId, item, on, ref, user.userId(), user.label(), now());
        } catch (DuplicateKeyException raced) {
            throw ApiProblem.conflict(item.label() + " was recorded by someone else just now; reload to see it");
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("item", item.name());
        after.put("completedOn", on);
        after.put("reference", ref);
        activity.record(user, CHECKLIST_ENTITY, personId, "recorded " + item.slug(), null, after);
        return find(checklist(user.orgId(), p, today), item);
    }

    /** Removes a recorded completion (to correct a mistake); the item is open again unless derived. */
    @Transactional
    public void clearItem(CurrentUser user, UUID personId, ChecklistItem item) {
        user.require(Permission.ENGAGEMENT_WRITE);
        load(user.orgId(), personId);
        if (item == null) {
            throw ApiProblem.invalidField("item", "is required (one of " + slugs() + ")");
        }
        Completion existing = repo.completions(user.orgId(), personId).get(item);
        if (existing == null || !repo.deleteCompletion(user.orgId(), personId, item)) {
            throw ApiProblem.notFound("A recorded completion of '" + item.label() + "'");
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("item", item.name());
        before.put("completedOn", existing.completedOn());
        before.put("reference", existing.reference());
        before.put("recordedBy", existing.recordedBy());
        activity.record(user, CHECKLIST_ENTITY, personId, "cleared " + item.slug(), before, null);
    }

    // ---------------------------------------------------------------- training

    /** The person's training records, latest first. */
    @Transactional(readOnly = true)
    public List<TrainingRecord> training(CurrentUser user, UUID personId) {
        user.require(Permission.CONTROL_READ);
        load(user.orgId(), personId);
        return repo.training(user.orgId(), personId);
    }

    @Transactional
    public TrainingRecord addTraining(CurrentUser user, UUID personId, String course, LocalDate completedOn) {
        user.require(Permission.ENGAGEMENT_WRITE);
        load(user.orgId(), personId);
        Problems problems = new Problems();
        String c = course == null || course.isBlank() ? null : course.strip();
        if (c == null) {
            problems.add("course", "is required");
        } else if (c.length() > 200) {
            problems.add("course", "at most 200 characters (got " + c.length() + ")");
        }
        if (completedOn == null) {
            problems.add("completedOn", "is required");
        } else if (completedOn.isAfter(today())) {
            problems.add("completedOn", completedOn + " is in the future");
        }
        problems.throwIfAny();
        if (repo.trainingExists(user.orgId(), personId, c, completedOn)) {
            throw ApiProblem.conflict("'" + c + "' completed on " + completedOn + " is already recorded for this person");
        }
        UUID id = UUID.randomUUID();
        repo.insertTraining(user.orgId(), id, personId, c, completedOn, user.userId(), user.label(), now());
        TrainingRecord created = repo.trainingRecord(user.orgId(), personId, id).orElseThrow();
        activity.record(user, TRAINING_ENTITY, id, "created", null, created);
        return created;
    }

    @Transactional
    public void deleteTraining(CurrentUser user, UUID personId, UUID trainingId) {
        user.require(Permission.ENGAGEMENT_WRITE);
        load(user.orgId(), personId);
        TrainingRecord t = repo.trainingRecord(user.orgId(), personId, trainingId)
                .orElseThrow(() -> ApiProblem.notFound("Training record " + trainingId));
        repo.deleteTraining(user.orgId(), personId, trainingId);
        activity.record(user, TRAINING_ENTITY, trainingId, "deleted", t, null);
    }

    /**
     * Imports training completions (CSV: email, course, completed_on), all-or-nothing; a
     * completion already recorded counts as unchanged.
     */
    @Transactional
    public ImportSummary importTraining(CurrentUser user, String csv) {
        user.require(Permission.ENGAGEMENT_WRITE);
        UUID org = user.orgId();
        Map<String, Person> roster = repo.list(org).stream().collect(Collectors.toMap(Person::email, Function.identity()));
        TrainingImport.Plan plan = TrainingImport.plan(csv, roster,
                t -> repo.trainingExists(org, t.personId(), t.course(), t.completedOn()), today());
        Instant now = now();
        for (TrainingImport.NewTraining t : plan.creates()) {
            UUID id = UUID.randomUUID();
            repo.insertTraining(org, id, t.personId(), t.course(), t.completedOn(), user.userId(), user.label(), now);
            activity.record(user, TRAINING_ENTITY, id, "created", null,
                    repo.trainingRecord(org, t.personId(), id).orElseThrow());
        }
        ImportSummary summary = new ImportSummary(plan.creates().size(), 0, plan.unchanged(), plan.ignoredColumns());
        activity.record(user, IMPORT_ENTITY, org, "training imported", null, summary);
        return summary;
    }

    // ---------------------------------------------------------------- background checks

    @Transactional(readOnly = true)
    public List<BackgroundCheck> backgroundChecks(CurrentUser user, UUID personId) {
        user.require(Permission.CONTROL_READ);
        load(user.orgId(), personId);
        return repo.checks(user.orgId(), personId);
    }

    /** Records a background check: date completed (not in the future), result and provider — nothing else. */
    @Transactional
    public BackgroundCheck addBackgroundCheck(CurrentUser user, UUID personId, BackgroundCheckDraft draft) {
        user.require(Permission.ENGAGEMENT_WRITE);
        load(user.orgId(), personId);
        Problems problems = new Problems();
        BackgroundCheckDraft d = draft == null ? new BackgroundCheckDraft(null, null, null) : draft;
        if (d.completedOn() == null) {
            problems.add("completedOn", "is required");
        } else if (d.completedOn().isAfter(today())) {
            problems.add("completedOn", d.completedOn() + " is in the future");
        }
        if (d.result() == null) {
            problems.add("result", "is required (one of CLEAR, CONSIDER, NOT_COMPLETED)");
        }
        String provider = d.provider() == null || d.provider().isBlank() ? null : d.provider().strip();
        if (provider != null && provider.length() > 200) {
            problems.add("provider", "at most 200 characters (got " + provider.length() + ")");
        }
        problems.throwIfAny();
        UUID id = UUID.randomUUID();
        repo.insertCheck(user.orgId(), id, personId, d.completedOn(), d.result(), provider, user.userId(), user.label(),
                now());
        BackgroundCheck created = repo.check(user.orgId(), personId, id).orElseThrow();
        activity.record(user, CHECK_ENTITY, id, "created", null, created);
        return created;
    }

    @Transactional
    public void deleteBackgroundCheck(CurrentUser user, UUID personId, UUID checkId) {
        user.require(Permission.ENGAGEMENT_WRITE);
        load(user.orgId(), personId);
        BackgroundCheck c = repo.check(user.orgId(), personId, checkId)
                .orElseThrow(() -> ApiProblem.notFound("Background check " + checkId));
        repo.deleteCheck(user.orgId(), personId, checkId);
        activity.record(user, CHECK_ENTITY, checkId, "deleted", c, null);
    }

    /** Overdue training for a signed-in reader, as of today. */
    @Transactional(readOnly = true)
    public List<TrainingDue> overdueTraining(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return overdueTraining(user.orgId(), today());
    }

    /** Late or overdue access revocations for a signed-in reader, as of today. */
    @Transactional(readOnly = true)
    public List<LateRevocation> lateRevocations(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return lateRevocations(user.orgId(), today());
    }

    // ---------------------------------------------------------------- populations

    /**
     * Extracts a population for fieldwork — new hires (start date in the period), terminations
     * (end date in the period) or training completions (completed in the period), both days
     * included — and records the extraction (what, when, by whom, row count, SHA-256 of the CSV
     * bytes) in its own table and in the activity log. Unchanged data gives the same CSV bytes and so
     * the same hash.
     */
    @Transactional
    public PeoplePopulation population(CurrentUser user, PopulationKind kind, LocalDate from, LocalDate to) {
        user.require(Permission.CONTROL_READ);
        Problems problems = new Problems();
        if (kind == null) {
            problems.add("kind", "is required (one of new-hires, terminations, training-completions)");
        }
        if (from == null) {
            problems.add("from", "is required (YYYY-MM-DD)");
        }
        if (to == null) {
            problems.add("to", "is required (YYYY-MM-DD)");
        }
        if (from != null && to != null && to.isBefore(from)) {
            problems.add("to", to + " is before from " + from);
        }
        problems.throwIfAny();
        UUID org = user.orgId();
        List<Map<String, String>> rows = switch (kind) {
            case NEW_HIRES -> Populations.personRows(repo.startedBetween(org, from, to));
            case TERMINATIONS -> Populations.personRows(repo.endedBetween(org, from, to));
            case TRAINING_COMPLETIONS -> Populations.trainingRows(repo.trainingCompletedBetween(org, from, to));
        };
        List<String> columns = Populations.columns(kind);
        String sha = Hashing.sha256Hex(PopulationCsv.write(columns, rows));
        PopulationExtraction x = new PopulationExtraction(UUID.randomUUID(), kind, from, to,
                Populations.filter(kind, from, to), Populations.SOURCE + " of " + user.orgName(), rows.size(), sha,
                user.userId(), user.label(), now());
        repo.insertExtraction(org, x);
        activity.record(user, EXTRACTION_ENTITY, x.id(), "extracted", null, x);
        return new PeoplePopulation(kind, from, to, columns, rows, x);
    }

    /** The latest extractions (completeness-and-accuracy records), newest first. */
    @Transactional(readOnly = true)
    public List<PopulationExtraction> extractions(CurrentUser user, int limit) {
        user.require(Permission.CONTROL_READ);
        return repo.extractions(user.orgId(), limit);
    }

    // ---------------------------------------------------------------- helpers

    private PersonDraft validate(UUID org, PersonDraft draft, Person current) {
        Problems problems = new Problems();
        PersonDraft d = PersonRules.check(draft == null ? new PersonDraft(null, null, null, null, null, null, null, null)
                : draft, Names.API, null, problems);
        if (d.email() != null && !problems.has("email", null)) {
            repo.findByEmail(org, d.email()).filter(other -> current == null || !other.id().equals(current.id()))
                    .ifPresent(other -> problems.add("email", "'" + d.email() + "' is already on the roster ("
                            + other.name() + ")"));
        }
        if (d.managerEmail() != null && !problems.has("managerEmail", null)
                && (current == null || !d.managerEmail().equals(current.email()))
                && repo.findByEmail(org, d.managerEmail()).isEmpty()) {
            problems.add("managerEmail", "'" + d.managerEmail() + "' is not on the roster");
        }
        if (current != null && d.managerEmail() != null && d.managerEmail().equals(current.email())
                && !problems.has("managerEmail", null)) {
            problems.add("managerEmail", "a person cannot be their own manager");
        }
        problems.throwIfAny();
        return d;
    }

    private Person load(UUID orgId, UUID id) {
        return repo.find(orgId, id).orElseThrow(() -> ApiProblem.notFound("Person " + id));
    }

    private RosterEntry entry(UUID org, Person p) {
        return entry(p, repo.completions(org, p.id()), repo.training(org, p.id()), repo.checks(org, p.id()), today());
    }

    private RosterEntry entry(Person p, Map<ChecklistItem, Completion> completions, List<TrainingRecord> training,
            List<BackgroundCheck> checks, LocalDate today) {
        Checklist c = ChecklistRules.checklist(p, completions, training, checks, settings, today);
        List<String> flags = new ArrayList<>(ChecklistRules.flags(c));
        trainingDue(p, training, today).ifPresent(t -> flags.add("Training overdue: " + t.reason()));
        return new RosterEntry(p.id(), p.email(), p.name(), p.jobTitle(), p.department(), p.managerEmail(), p.startDate(),
                p.endDate(), p.employmentType(), PersonStatus.of(p, today), c.onboardingDue(), c.revocationDue(), flags,
                p.version());
    }

    private Checklist checklist(UUID org, Person p, LocalDate today) {
        return ChecklistRules.checklist(p, repo.completions(org, p.id()), repo.training(org, p.id()),
                repo.checks(org, p.id()), settings, today);
    }

    private Optional<TrainingDue> trainingDue(Person p, List<TrainingRecord> training, LocalDate today) {
        return TrainingRules.overdue(p, training.stream().map(TrainingRecord::completedOn).toList(),
                ChecklistRules.onboardingDue(p, settings), today);
    }

    private static ChecklistEntry find(Checklist c, ChecklistItem item) {
        return java.util.stream.Stream.concat(c.onboarding().stream(), c.offboarding().stream())
                .filter(e -> e.item() == item).findFirst().orElseThrow();
    }

    private static ApiProblem alreadyRecorded(ChecklistItem item, Completion existing) {
        return ApiProblem.conflict("'" + item.label() + "' is already recorded as done on " + existing.completedOn()
                + " by " + existing.recordedBy() + "; clear it first to record another date");
    }

    private static String slugs() {
        return java.util.Arrays.stream(ChecklistItem.values()).map(ChecklistItem::slug)
                .collect(Collectors.joining(", "));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
