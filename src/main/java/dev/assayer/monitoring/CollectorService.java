package dev.assayer.monitoring;

import dev.assayer.activity.ActivityLog;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.identity.Organization;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.internal.collect.CollectedDocument;
import dev.assayer.monitoring.internal.collect.CollectionException;
import dev.assayer.monitoring.internal.collect.CollectorRepository;
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
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>A collection first reads everything from the system into temporary files, so a failing request
 * (bad credentials, rate limit, outage) stores nothing; then it imports the documents one by one,
 * each under the source "collector:NAME/FORMAT". Scheduled collections act for the member who last
 * saved the collector, as long as that member may still manage monitoring.
 */
@Service
public class CollectorService {

    static final String ENTITY = "collector";
    private static final Logger log = LoggerFactory.getLogger(CollectorService.class);
    private static final Duration LEASE = Duration.ofHours(2);

    private final CollectorRepository repo;
    private final CollectorSources sources;
    private final MonitoringService monitoring;
    private final SecretBox box;
    private final ActivityLog activity;
    private final IdentityService identity;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CollectorService(CollectorRepository repo, CollectorSources sources, MonitoringService monitoring,
            SecretBox box, ActivityLog activity, IdentityService identity, PlatformTransactionManager transactions,
            Optional<Clock> clock) {
        this.repo = repo;
        this.sources = sources;
        this.monitoring = monitoring;
        this.box = box;
        this.activity = activity;
        this.identity = identity;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock.orElse(Clock.systemUTC());
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

    // ---- collections --------------------------------------------------------------------------------

    /**
     * Collects now, as {@code user}, and returns the finished run (SUCCEEDED, or FAILED with the
     * reason). 409 when a collection of this collector is already running.
     */
    public CollectorRun runNow(CurrentUser user, UUID id) {
        require(user);
        CollectorRow row = tx.execute(s -> load(user.orgId(), id));
        return collect(row, user, "MANUAL", user.label());
    }

    @Transactional(readOnly = true)
    public List<CollectorRun> runs(CurrentUser user, UUID id) {
        require(user);
        load(user.orgId(), id);
        return repo.runs(user.orgId(), id, 100);
    }

    @Transactional(readOnly = true)
    public CollectorRun run(CurrentUser user, UUID id, UUID runId) {
        require(user);
        load(user.orgId(), id);
        return repo.run(user.orgId(), runId).filter(r -> r.collectorId().equals(id))
                .orElseThrow(() -> ApiProblem.notFound("Collection " + runId));
    }

    /**
     * The scheduler's tick (also called directly by tests): collects every enabled collector of every
     * organization whose last collection started at least its interval ago (or that never ran).
     * Returns the runs it made; a collector already collecting is skipped.
     */
    public List<CollectorRun> collectDue() {
        Instant now = now();
        List<CollectorRun> done = new ArrayList<>();
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
                done.add(scheduled(row.get()));
            } catch (ApiProblem e) {
                if (e.status() != 409) { // 409: a manual collection is running right now
                    log.warn("Scheduled collection of collector {} could not start: {}", due.id(), e.getMessage());
                }
            } catch (RuntimeException e) {
                log.warn("Scheduled collection of collector {} failed: {}", due.id(), e.getClass().getName());
            }
        }
        return done;
    }

    private CollectorRun scheduled(CollectorRow row) {
        Optional<CurrentUser> actor = actor(row);
        if (actor.isPresent()) {
            return collect(row, actor.get(), "SCHEDULE", "Schedule (acting for " + actor.get().label() + ")");
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

    private CollectorRun collect(CollectorRow row, CurrentUser actor, String trigger, String startedBy) {
        UUID orgId = row.orgId();
        UUID runId = UUID.randomUUID();
        Instant started = now();
        Boolean claimed = tx.execute(s -> {
            if (!repo.claim(orgId, row.id(), started, started.plus(LEASE))) {
                return false;
            }
            repo.insertRun(orgId, row.id(), runId, trigger, startedBy, started);
            return true;
        });
        if (!Boolean.TRUE.equals(claimed)) {
            throw ApiProblem.conflict("Collector '" + row.name() + "' is already collecting; wait for it to finish");
        }
        String who = row.kind().label() + " collector '" + row.name() + "'";
        List<CollectorRunDocument> imported = new ArrayList<>();
        String error = null;
        Path dir = null;
        try {
            dir = Files.createTempDirectory("assayer-collect-");
            List<CollectedDocument> docs = sources.collect(row.kind(), row.name(), new CollectorSettings(row.settings()),
                    secrets(row), dir);
            for (CollectedDocument d : docs) {
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
        return finish(row, actor, trigger, runId, imported, error);
    }

    private CollectorRunDocument importOne(CurrentUser actor, CollectorRow row, CollectedDocument d, Instant started)
            throws IOException {
        try (InputStream in = Files.newInputStream(d.file())) {
            ImportSummary s = monitoring.importFile(actor, "collector:" + row.name() + "/" + d.format(), d.filename(),
                    d.format(), FormatOptions.at(started), in, CollectionMethod.INTEGRATION, row.kind().sourceSystem());
            return new CollectorRunDocument(d.format(), d.filename(), s.id(), s.evidenceId(), s.sha256(), s.resources());
        }
    }

    private CollectorRun finish(CollectorRow row, CurrentUser actor, String trigger, UUID runId,
            List<CollectorRunDocument> imported, String error) {
        CollectorRunStatus status = error == null ? CollectorRunStatus.SUCCEEDED : CollectorRunStatus.FAILED;
        return tx.execute(s -> {
            repo.finishRun(row.orgId(), runId, now(), status, imported, error);
            repo.release(row.orgId(), row.id());
            CollectorRun run = repo.run(row.orgId(), runId).orElseThrow();
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
            repo.finishRun(row.orgId(), runId, at, CollectorRunStatus.FAILED, List.of(), error);
            CollectorRun run = repo.run(row.orgId(), runId).orElseThrow();
            activity.recordSystem(row.orgId(), "Scheduled collection", ENTITY, row.id(), "collection-failed", null, run);
            return run;
        });
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
                : last == null ? now() : last.startedAt().plus(Duration.ofHours(row.intervalHours()));
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
