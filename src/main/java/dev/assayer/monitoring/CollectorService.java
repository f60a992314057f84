package dev.assayer.monitoring;

import dev.assayer.activity.ActivityLog;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.identity.Organization;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.internal.collect.CollectedDocument;
import dev.assayer.monitoring.internal.collect.CollectionProgress;
import dev.assayer.monitoring.internal.collect.CollectionException;
import dev.assayer.monitoring.internal.collect.CollectorRepository;
import dev.assayer.monitoring.internal.collect.CollectorRepository.ActiveJob;
import dev.assayer.monitoring.internal.collect.CollectorRepository.CollectorRow;
import dev.assayer.monitoring.internal.collect.CollectorRepository.DueRow;
import dev.assayer.monitoring.internal.collect.CollectorRepository.SecretRow;
import dev.assayer.monitoring.internal.collect.CollectorRules;
import dev.assayer.monitoring.internal.collect.CollectorSettings;
import dev.assayer.monitoring.internal.collect.CollectorSources;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.crypto.SecretBox;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live read-only collectors (GitHub, AWS, Okta): their configuration per organization, credentials
 * sealed with the master key (write-only: never returned, shown or logged), and collections — on
 * demand or on schedule — whose documents go to {@link MonitoringService#importFile} as evidence
 * and inventory. Everything needs {@link Permission#MONITORING_MANAGE}; another organization's
 * collector is "not found"; every change and every collection is in the activity log (without
 * secret values).
 *
 * <p>A collection is a job ({@link CollectorRun}): "collect now" and the schedule both record it
 * QUEUED and hand it to a bounded pool of workers ({@code assayer.collectors.workers}, default 2;
 * {@code assayer.collectors.queue}, default 100), so no request waits for a pull. At most one job per
 * collector is active (a lease on the collector, renewed with every progress report; a second start
 * is a 409). The job records its progress (requests answered, items read, what it is doing), then
 * SUCCEEDED or FAILED with the reason (never a credential). Jobs are rows, so their history survives
 * a restart; one left active by a crash is marked FAILED at start-up ({@link #recoverInterrupted}).
 *
 * <p>A collection first reads everything from the system into temporary files, so a failing request
 * (bad credentials, rate limit, outage) stores nothing; then it imports the documents one by one,
 * each under the source "collector:NAME/FORMAT" (plus "/ACCOUNT" for an assumed AWS role). Scheduled
 * collections act for the member who last saved the collector, as long as that member may still
 * manage monitoring.
 */
@Service
public class CollectorService {

    static final String ENTITY = "collector";
    private static final Logger log = LoggerFactory.getLogger(CollectorService.class);
    /** A job's hold on its collector; renewed with every progress report, taken over when it expires. */
    static final Duration LEASE = Duration.ofMinutes(15);

    private final CollectorRepository repo;
    private final CollectorSources sources;
    private final MonitoringService monitoring;
    private final SecretBox box;
    private final ActivityLog activity;
    private final IdentityService identity;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Map<UUID, CompletableFuture<CollectorRun>> inFlight = new ConcurrentHashMap<>();

    public CollectorService(CollectorRepository repo, CollectorSources sources, MonitoringService monitoring,
            SecretBox box, ActivityLog activity, IdentityService identity, PlatformTransactionManager transactions,
            Optional<Clock> clock, @Value("${assayer.collectors.workers:2}") int workers,
            @Value("${assayer.collectors.queue:100}") int queue) {
        this.repo = repo;
        this.sources = sources;
        this.monitoring = monitoring;
        this.box = box;
        this.activity = activity;
        this.identity = identity;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock.orElse(Clock.systemUTC());
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(Math.max(1, workers), Math.max(1, workers), 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(Math.max(1, queue)), r -> {
                    Thread t = new Thread(r, "assayer-collector-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** Stops the workers; a job they were running ends FAILED (interrupted) or is marked so at the next start. */
    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }

    // ---- configuration ----------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<Collector> list(CurrentUser user) {
        require(user);
        return repo.list(user.orgId()).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public Collector get(CurrentUser user, UUID id) {
        require(user);
        return view(load(user.orgId(), id));
    }

    @Transactional
    public Collector create(CurrentUser user, CollectorDraft draft) {
        require(user);
        CollectorRules.Valid v = CollectorRules.validate(draft, Set.of());
        UUID id = UUID.randomUUID();
        if (repo.nameTaken(user.orgId(), v.name(), id)) {
            throw ApiProblem.invalidField("name", "'" + v.name() + "' is already the name of another collector");
        }
        Instant now = now();
        repo.insert(user.orgId(), id, v.kind(), v.name(), v.settings().values(), v.intervalHours(), v.enabled(),
                user.userId(), now);
        v.setSecrets().forEach((field, value) -> repo.putSecret(user.orgId(), id, field,
                box.seal(value, context(id, field)), now, user.label()));
        Collector created = view(load(user.orgId(), id));
        activity.record(user, ENTITY, id, "created", null, logged(created));
        return created;
    }

    /**
     * Replaces the configuration; a secret left out (or null) keeps the stored one, a new value
     * replaces it, "" removes an optional one. A stale {@code version} is a 409 and changes nothing.
     */
    @Transactional
    public Collector update(CurrentUser user, UUID id, CollectorDraft draft, long version) {
        require(user);
        CollectorRow row = load(user.orgId(), id);
        Collector before = view(row);
        if (row.version() != version) {
            throw ApiProblem.staleVersion("Collector '" + row.name() + "'", version, row.version());
        }
        if (draft.kind() != null && draft.kind() != row.kind()) {
            throw ApiProblem.invalidField("kind", "cannot change (this is a " + row.kind().label()
                    + " collector); create a new collector instead");
        }
        CollectorDraft withKind = new CollectorDraft(row.kind(), draft.name(), draft.settings(), draft.secrets(),
                draft.intervalHours(), draft.enabled());
        CollectorRules.Valid v = CollectorRules.validate(withKind, repo.secrets(user.orgId(), id).keySet());
        if (repo.nameTaken(user.orgId(), v.name(), id)) {
            throw ApiProblem.invalidField("name", "'" + v.name() + "' is already the name of another collector");
        }
        Instant now = now();
        if (!repo.update(user.orgId(), id, version, v.name(), v.settings().values(), v.intervalHours(), v.enabled(),
                user.userId(), now)) {
            long current = repo.find(user.orgId(), id).map(CollectorRow::version).orElse(version);
            throw ApiProblem.staleVersion("Collector '" + row.name() + "'", version, current);
        }
        v.setSecrets().forEach((field, value) -> repo.putSecret(user.orgId(), id, field,
                box.seal(value, context(id, field)), now, user.label()));
        v.removeSecrets().forEach(field -> repo.removeSecret(user.orgId(), id, field));
        Collector after = view(load(user.orgId(), id));
        activity.record(user, ENTITY, id, "updated", logged(before), logged(after));
        return after;
    }

    // ---- collection jobs ---------------------------------------------------------------------------

    /**
     * Starts a collection job as {@code user} and returns it at once (QUEUED, or already further): a
     * worker of the bounded pool collects in the background; {@link #run} shows its progress and
     * {@link #await} waits for it. 409 when a job of this collector is still queued or running; 503 when
     * every worker is busy and the queue is full.
     */
    public CollectorRun start(CurrentUser user, UUID id) {
        require(user);
        CollectorRow row = tx.execute(s -> load(user.orgId(), id));
        return submit(row, user, "MANUAL", user.label());
    }

    /**
     * Waits until the job has finished (returns at once when it has, or when it runs on another server)
     * and returns it. Tests use this instead of sleeping.
     */
    public CollectorRun await(CurrentUser user, UUID id, UUID runId) {
        run(user, id, runId);
        dev.assayer.shared.Futures.awaitQuietly(inFlight.get(runId)); // the job's record says how it ended
        return run(user, id, runId);
    }

    @Transactional(readOnly = true)
    public List<CollectorRun> runs(CurrentUser user, UUID id) {
        require(user);
        load(user.orgId(), id);
        return repo.runs(user.orgId(), id, 100);
    }

    /** One job of the collector, with its status and progress. */
    @Transactional(readOnly = true)
    public CollectorRun run(CurrentUser user, UUID id, UUID runId) {
        require(user);
        load(user.orgId(), id);
        return repo.run(user.orgId(), runId).filter(r -> r.collectorId().equals(id))
                .orElseThrow(() -> ApiProblem.notFound("Collection " + runId));
    }

    /**
     * The scheduler's tick (also called directly by tests): starts a job for every enabled collector of
     * every organization whose last job was asked for at least its interval ago (or that never ran).
     * Returns the jobs it started (QUEUED, or FAILED at once when nobody may act for the collector); a
     * collector whose job is still active is skipped.
     */
    public List<CollectorRun> collectDue() {
        Instant now = now();
        List<CollectorRun> started = new ArrayList<>();
        for (DueRow due : repo.enabled()) {
            if (due.lastStartedAt() != null
                    && due.lastStartedAt().plus(Duration.ofHours(due.intervalHours())).isAfter(now)) {
                continue;
            }
            try {
                Optional<CollectorRow> row = repo.find(due.orgId(), due.id());
                if (row.isEmpty() || !row.get().enabled()) {
                    continue;
                }
                started.add(scheduled(row.get()));
            } catch (ApiProblem e) {
                if (e.status() != 409) { // 409: a job of this collector is still active
                    log.warn("Scheduled collection of collector {} could not start: {}", due.id(), e.getMessage());
                }
            } catch (RuntimeException e) {
                log.warn("Scheduled collection of collector {} failed: {}", due.id(), e.getClass().getName());
            }
        }
        return started;
    }

    /**
     * At start-up: every job still QUEUED or RUNNING (that this server is not running) was interrupted
     * by a restart or a crash; it is marked FAILED with that reason and its collector's lease released.
     * Returns how many. Logged in each organization's activity log.
     */
    public int recoverInterrupted() {
        int n = 0;
        for (ActiveJob j : repo.allActive()) {
            if (inFlight.containsKey(j.id())) {
                continue;
            }
            Boolean failed = tx.execute(s -> {
                Optional<CollectorRun> job = repo.run(j.orgId(), j.id());
                if (job.isEmpty() || !job.get().active()) {
                    return false;
                }
                String was = job.get().status() == CollectorRunStatus.QUEUED ? "waiting for a worker" : "collecting";
                if (!repo.finishRun(j.orgId(), j.id(), now(), CollectorRunStatus.FAILED, List.of(),
                        "interrupted by restart: the server stopped while this collection was " + was
                                + "; nothing of it was imported after that; collect again",
                        job.get().pagesFetched(), job.get().itemsFetched())) {
                    return false;
                }
                repo.release(j.orgId(), j.collectorId(), j.id());
                activity.recordSystem(j.orgId(), "Server start-up", ENTITY, j.collectorId(), "collection-failed", null,
                        repo.run(j.orgId(), j.id()).orElseThrow());
                return true;
            });
            if (Boolean.TRUE.equals(failed)) {
                n++;
            }
        }
        if (n > 0) {
            log.info("Marked {} collection job(s) interrupted by the restart as failed", n);
        }
        return n;
    }

    private CollectorRun scheduled(CollectorRow row) {
        Optional<CurrentUser> actor = actor(row);
        if (actor.isPresent()) {
            return submit(row, actor.get(), "SCHEDULE", "Schedule (acting for " + actor.get().label() + ")");
        }
        String who = row.kind().label() + " collector '" + row.name() + "'";
        return failedRun(row, "SCHEDULE", "Schedule", who + ": scheduled collections act for the member who last saved "
                + "the collector, and that member is no longer an active member allowed to manage monitoring; "
                + "an administrator must open the collector and save it again");
    }

    /** The member who last saved the collector, with their current role, if they may still manage monitoring. */
    private Optional<CurrentUser> actor(CollectorRow row) {
        Optional<Member> m = identity.member(row.orgId(), row.runAs()).filter(Member::active);
        Optional<Organization> org = identity.organization(row.orgId());
        if (m.isEmpty() || org.isEmpty()) {
            return Optional.empty();
        }
        CurrentUser user = new CurrentUser(m.get().userId(), m.get().email(), m.get().name(), row.orgId(),
                org.get().name(), m.get().role());
        return user.can(Permission.MONITORING_MANAGE) && user.can(Permission.EVIDENCE_UPLOAD) ? Optional.of(user)
                : Optional.empty();
    }

    /** Claims the collector, records the QUEUED job and hands it to a worker. */
    private CollectorRun submit(CollectorRow row, CurrentUser actor, String trigger, String startedBy) {
        UUID orgId = row.orgId();
        UUID runId = UUID.randomUUID();
        Instant now = now();
        String who = who(row);
        Boolean claimed = tx.execute(s -> {
            if (!repo.claim(orgId, row.id(), runId, now, now.plus(LEASE))) {
                return false;
            }
            for (CollectorRun stale : repo.activeRuns(orgId, row.id())) { // its lease expired: its worker is gone
                repo.finishRun(orgId, stale.id(), now, CollectorRunStatus.FAILED, stale.documents(), who
                        + ": stopped showing progress for " + LEASE.toMinutes() + " minutes (the worker hung or the "
                        + "server stopped); a new collection took over", stale.pagesFetched(), stale.itemsFetched());
            }
            repo.insertRun(orgId, row.id(), runId, trigger, startedBy, now);
            return true;
        });
        if (!Boolean.TRUE.equals(claimed)) {
            CollectorRun busy = tx.execute(s -> repo.activeRuns(orgId, row.id()).stream().findFirst().orElse(null));
            throw ApiProblem.conflict(who + " is already collecting" + (busy == null ? ""
                    : " (collection " + busy.id() + ", " + busy.status().name().toLowerCase(java.util.Locale.ROOT)
                            + " since " + busy.queuedAt() + ")") + "; wait for it to finish, then start another");
        }
        CompletableFuture<CollectorRun> done = new CompletableFuture<>();
        inFlight.put(runId, done);
        try {
            executor.execute(() -> {
                try {
                    done.complete(execute(row, actor, trigger, runId));
                } catch (RuntimeException | Error e) {
                    log.warn("Collection job {} of collector {} failed unexpectedly: {}", runId, row.id(),
                            e.getClass().getName());
                    try {
                        done.complete(finish(row, actor, trigger, runId, List.of(), who
                                + ": the collection failed unexpectedly (" + e.getClass().getSimpleName() + ")", 0, 0));
                    } catch (RuntimeException again) {
                        done.completeExceptionally(again);
                    }
                } finally {
                    inFlight.remove(runId);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(runId);
            CollectorRun failed = finish(row, actor, trigger, runId, List.of(), who + ": the server is busy with "
                    + "other collections and cannot queue more; try again later", 0, 0);
            done.complete(failed);
            throw new ApiProblem(503, "Service Unavailable", failed.errorMessage(), List.of());
        }
        return tx.execute(s -> repo.run(orgId, runId).orElseThrow());
    }

    /** The worker's part: QUEUED → RUNNING, read everything, import, finish. */
    private CollectorRun execute(CollectorRow row, CurrentUser actor, String trigger, UUID runId) {
        Instant started = now();
        if (!Boolean.TRUE.equals(tx.execute(s -> repo.markRunning(row.orgId(), runId, started)))) {
            return tx.execute(s -> repo.run(row.orgId(), runId).orElseThrow()); // failed while it waited
        }
        String who = who(row);
        JobProgress progress = new JobProgress(row, runId);
        List<CollectorRunDocument> imported = new ArrayList<>();
        String error = null;
        Path dir = null;
        try {
            dir = Files.createTempDirectory("assayer-collect-");
            List<CollectedDocument> docs = sources.collect(row.kind(), row.name(), new CollectorSettings(row.settings()),
                    secrets(row), dir, progress);
            int n = 0;
            for (CollectedDocument d : docs) {
                progress.phase("Importing " + d.filename() + " (" + (++n) + " of " + docs.size() + ")");
                imported.add(importOne(actor, row, d, started));
            }
        } catch (CollectionException e) {
            error = e.getMessage();
        } catch (ApiProblem e) {
            error = who + ": the collected data could not be imported (" + e.getMessage() + ")"
                    + (imported.isEmpty() ? "; nothing was stored" : "; " + imported.size() + " of the documents were");
        } catch (IOException | RuntimeException e) {
            log.warn("Collection {} of collector {} failed unexpectedly: {}", runId, row.id(), e.getClass().getName());
            error = who + ": the collection failed unexpectedly (" + e.getClass().getSimpleName() + ")";
        } finally {
            deleteQuietly(dir);
        }
        return finish(row, actor, trigger, runId, imported, error, progress.pages.get(), progress.items.get());
    }

    private CollectorRunDocument importOne(CurrentUser actor, CollectorRow row, CollectedDocument d, Instant started)
            throws IOException {
        String source = "collector:" + row.name() + "/" + d.format() + (d.scope() == null ? "" : "/" + d.scope());
        try (InputStream in = Files.newInputStream(d.file())) {
            ImportSummary s = monitoring.importFile(actor, source, d.filename(), d.format(), FormatOptions.at(started), in,
                    CollectionMethod.INTEGRATION, row.kind().sourceSystem());
            return new CollectorRunDocument(d.format(), d.filename(), s.id(), s.evidenceId(), s.sha256(), s.resources());
        }
    }

    private CollectorRun finish(CollectorRow row, CurrentUser actor, String trigger, UUID runId,
            List<CollectorRunDocument> imported, String error, long pages, long items) {
        CollectorRunStatus status = error == null ? CollectorRunStatus.SUCCEEDED : CollectorRunStatus.FAILED;
        return tx.execute(s -> {
            boolean ended = repo.finishRun(row.orgId(), runId, now(), status, imported, error, pages, items);
            repo.release(row.orgId(), row.id(), runId);
            CollectorRun run = repo.run(row.orgId(), runId).orElseThrow();
            if (!ended) {
                return run; // another path (a takeover, the start-up recovery) ended it and logged that
            }
            String action = status == CollectorRunStatus.SUCCEEDED ? "collected" : "collection-failed";
            if (trigger.equals("MANUAL")) {
                activity.record(actor, ENTITY, row.id(), action, null, run);
            } else {
                activity.recordSystem(row.orgId(), "Scheduled collection (acting for " + actor.label() + ")", ENTITY,
                        row.id(), action, null, run);
            }
            return run;
        });
    }

    /** A scheduled collection that could not start: recorded as failed so the collector's page says why. */
    private CollectorRun failedRun(CollectorRow row, String trigger, String startedBy, String error) {
        UUID runId = UUID.randomUUID();
        Instant at = now();
        return tx.execute(s -> {
            repo.insertRun(row.orgId(), row.id(), runId, trigger, startedBy, at);
            repo.finishRun(row.orgId(), runId, at, CollectorRunStatus.FAILED, List.of(), error, 0, 0);
            CollectorRun run = repo.run(row.orgId(), runId).orElseThrow();
            activity.recordSystem(row.orgId(), "Scheduled collection", ENTITY, row.id(), "collection-failed", null, run);
            return run;
        });
    }

    /**
     * A job's progress: counted in memory, written to its row (with a heartbeat that renews the
     * collector's lease) at most once a second and between the slices of a long wait. When the lease
     * was lost (another job took over after this one showed no sign of life), the collection stops.
     */
    private final class JobProgress implements CollectionProgress {
        private static final long FLUSH_NANOS = 1_000_000_000L;
        final AtomicLong pages = new AtomicLong();
        final AtomicLong items = new AtomicLong();
        private final CollectorRow row;
        private final UUID runId;
        private volatile String phase = "Starting";
        private volatile long lastFlush = System.nanoTime();

        JobProgress(CollectorRow row, UUID runId) {
            this.row = row;
            this.runId = runId;
        }

        @Override
        public void page() {
            pages.incrementAndGet();
            maybeFlush();
        }

        @Override
        public void items(long n) {
            items.addAndGet(n);
            maybeFlush();
        }

        @Override
        public void phase(String text) {
            phase = text;
            maybeFlush();
        }

        @Override
        public void heartbeat() {
            flush();
        }

        private void maybeFlush() {
            if (System.nanoTime() - lastFlush >= FLUSH_NANOS) {
                flush();
            }
        }

        private void flush() {
            lastFlush = System.nanoTime();
            Instant at = now();
            Boolean alive = tx.execute(s -> repo.progress(row.orgId(), runId, pages.get(), items.get(), phase, at)
                    && repo.renew(row.orgId(), row.id(), runId, at.plus(LEASE)));
            if (!Boolean.TRUE.equals(alive)) {
                throw new CollectionException(who(row) + ": stopped, because another collection took over or the job "
                        + "was marked failed meanwhile");
            }
        }
    }

    /** The collector's secrets, opened; a value that no longer opens (master key changed) stops the collection. */
    private Map<String, String> secrets(CollectorRow row) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SecretRow s : tx.execute(t -> repo.secrets(row.orgId(), row.id())).values()) {
            try {
                out.put(s.field(), box.openString(s.sealed(), context(row.id(), s.field())));
            } catch (SecretBox.SecretException e) {
                throw new CollectionException(row.kind().label() + " collector '" + row.name() + "': the stored "
                        + s.field() + " cannot be opened with this server's master key; set it again");
            }
        }
        return out;
    }

    // ---- views --------------------------------------------------------------------------------------

    private Collector view(CollectorRow row) {
        Map<String, SecretRow> stored = repo.secrets(row.orgId(), row.id());
        List<CollectorSecretStatus> secrets = row.kind().secrets().stream().map(f -> {
            SecretRow s = stored.get(f.name());
            return new CollectorSecretStatus(f.name(), f.label(), f.required(), s != null, s == null ? null : s.setAt(),
                    s == null ? null : s.setBy());
        }).toList();
        Map<String, String> settings = new LinkedHashMap<>();
        row.kind().settings().forEach(f -> settings.put(f.name(), row.settings().getOrDefault(f.name(), "")));
        CollectorRun last = repo.runs(row.orgId(), row.id(), 1).stream().findFirst().orElse(null);
        Instant next = !row.enabled() ? null
                : last == null ? now() : last.queuedAt().plus(Duration.ofHours(row.intervalHours()));
        return new Collector(row.id(), row.kind(), row.name(), settings, secrets, row.intervalHours(), row.enabled(), last,
                next, row.version(), row.createdAt(), row.updatedAt());
    }

    /** What the activity log keeps of a collector: its configuration and secret status, no run. */
    private static Collector logged(Collector c) {
        return new Collector(c.id(), c.kind(), c.name(), c.settings(), c.secrets(), c.intervalHours(), c.enabled(), null,
                null, c.version(), c.createdAt(), c.updatedAt());
    }

    private CollectorRow load(UUID orgId, UUID id) {
        return repo.find(orgId, id).orElseThrow(() -> ApiProblem.notFound("Collector " + id));
    }

    private static String who(CollectorRow row) {
        return row.kind().label() + " collector '" + row.name() + "'";
    }

    private static void require(CurrentUser user) {
        user.require(Permission.MONITORING_MANAGE);
        if (user.inEngagement()) {
            throw ApiProblem.forbidden("Collectors are the organization's own set-up; not available inside an engagement");
        }
    }

    static String context(UUID collectorId, String field) {
        return "collector:" + collectorId + ":" + field;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind is cleaned by the OS
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
