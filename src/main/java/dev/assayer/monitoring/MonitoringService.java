package dev.assayer.monitoring;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.evidence.StagedContent;
import dev.assayer.identity.IdentityService;
import dev.assayer.monitoring.checks.Check;
import dev.assayer.monitoring.checks.CheckEvaluator;
import dev.assayer.monitoring.checks.CheckPack;
import dev.assayer.monitoring.checks.CheckResult;
import dev.assayer.monitoring.checks.Outcome;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import dev.assayer.monitoring.ingest.ResourceFormats;
import dev.assayer.monitoring.internal.MonitoringRepository;
import dev.assayer.monitoring.internal.MonitoringRules;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.EngagementScope;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import jakarta.annotation.PreDestroy;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Monitoring's public face: imports of exports from tools and systems (the raw file becomes
 * evidence, its resources the current inventory of its source), runs of the checks over the
 * inventory (on demand, on a schedule, or replayed from history), their results and history, alerts
 * on new failures, control health, and observations for the period view.
 *
 * <p>Reads need {@link Permission#CONTROL_READ}; imports, runs and acknowledging alerts
 * {@link Permission#EVIDENCE_UPLOAD} (they file evidence). An audit firm's user inside an
 * engagement reads runs, results and observations whose run time falls in the engagement's period,
 * nothing else, and changes nothing.
 */
@Service
public class MonitoringService {

    private static final Logger log = LoggerFactory.getLogger(MonitoringService.class);
    /** The author of scheduled runs: Assayer itself. */
    public static final UUID SYSTEM_ID = new UUID(0, 0);
    public static final String SOURCE_SYSTEM = "Assayer monitoring";
    static final int BATCH = 1000;
    static final int PROGRESS_EVERY = 10_000;
    static final int MAX_LIST = 5000;

    private final MonitoringRepository repo;
    private final MonitoringCheckService checks;
    private final EvidenceService evidence;
    private final ControlService controls;
    private final IdentityService identity;
    private final ActivityLog activity;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final TransactionTemplate separate;
    private final Clock clock;
    private final long maxResources;
    private final Duration runInterval;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<UUID, Future<ImportRecord>> running = new ConcurrentHashMap<>();

    public MonitoringService(MonitoringRepository repo, MonitoringCheckService checks, EvidenceService evidence,
            ControlService controls, IdentityService identity, ActivityLog activity, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, Optional<Clock> clock,
            @Value("${assayer.monitoring.max-resources-per-import:2000000}") long maxResources,
            @Value("${assayer.monitoring.run-interval:6h}") Duration runInterval) {
        this.repo = repo;
        this.checks = checks;
        this.evidence = evidence;
        this.controls = controls;
        this.identity = identity;
        this.activity = activity;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock.orElse(Clock.systemUTC());
        this.maxResources = maxResources;
        this.runInterval = runInterval;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    public Duration runInterval() {
        return runInterval;
    }

    // ======================================================================================= imports

    /**
     * Imports one export in one pass over its bytes: they are parsed as they are received, staged
     * for the evidence vault and hashed (SHA-256) on the way, never held in memory. The format is
     * checked or detected from the first 64 KiB; every resource read is checked and stored in
     * batches inside one transaction, which also files the raw file as evidence (provenance:
     * {@code method}, {@code sourceSystem}, who; the staged bytes are renamed into place, not read
     * again) and makes the resources the current inventory of {@code source} (e.g.
     * "upload:prowler-ocsf" or "collector:github-main"). Bad input (an InputProblem → 400 naming the
     * file, line and column), an oversized or interrupted upload (413/400) or any other failure rolls
     * everything back: no resources, no evidence row, no blob. {@code formatName} null = detect;
     * {@code options} carries the generic mapping (may be null).
     */
    public ImportSummary importFile(CurrentUser user, String source, String filename, String formatName,
            FormatOptions options, InputStream content, CollectionMethod method, String sourceSystem) {
        ResourceFormat named = checkImport(user, content, formatName);
        String name = MonitoringRules.filename(filename);
        try (StagedContent staged = evidence.stage(user, content)) {
            Prepared p = prepare(user, source, name, named, staged, new BufferedInputStream(staged.stream(), HEAD));
            return summary(store(user, p, options, method, sourceSystem));
        }
    }

    /** Who may import, that there is a file, and the named format (null = detect; an unknown name is a 400). */
    private ResourceFormat checkImport(CurrentUser user, InputStream content, String formatName) {
        user.require(Permission.EVIDENCE_UPLOAD);
        MonitoringCheckService.member(user);
        if (content == null) {
            throw ApiProblem.invalidField("file", "is required");
        }
        return named(formatName);
    }

    /**
     * The same import, finished in the background: the file is received (staged and hashed) and its
     * format checked now, then one pass over the staged copy parses and stores it while the import
     * record ({@link #importRecord}) shows progress until DONE or FAILED.
     */
    public ImportRecord startImport(CurrentUser user, String source, String filename, String formatName,
            FormatOptions options, InputStream content, CollectionMethod method, String sourceSystem) {
        ResourceFormat named = checkImport(user, content, formatName);
        String name = MonitoringRules.filename(filename);
        StagedContent staged = evidence.stage(user, content);
        BufferedInputStream in = null;
        try {
            staged.finish(); // the request's stream ends with the request
            in = new BufferedInputStream(staged.open(), HEAD);
            Prepared p = prepare(user, source, name, named, staged, in);
            InputStream opened = in;
            Future<ImportRecord> f = background.submit(() -> {
                try {
                    return store(user, p, options, method, sourceSystem);
                } catch (RuntimeException e) {
                    return repo.findImport(user.orgId(), p.importId()).orElseThrow();
                } finally {
                    closeQuietly(opened);
                    staged.close();
                    running.remove(p.importId());
                }
            });
            running.put(p.importId(), f);
            return repo.findImport(user.orgId(), p.importId()).orElseThrow();
        } catch (IOException e) {
            closeQuietly(in);
            staged.close();
            throw new UncheckedIOException("could not read the staged upload " + name, e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            staged.close();
            throw e;
        }
    }

    /** Waits for an import started with {@link #startImport} to finish (returns at once when it has). */
    public ImportRecord awaitImport(CurrentUser user, UUID importId) {
        dev.assayer.shared.Futures.awaitQuietly(running.get(importId)); // the record says how it ended
        return importRecord(user, importId);
    }

    @Transactional(readOnly = true)
    public ImportRecord importRecord(CurrentUser user, UUID id) {
        MonitoringCheckService.readable(user);
        return repo.findImport(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Import " + id));
    }

    /** Newest first (failed ones too). */
    @Transactional(readOnly = true)
    public List<ImportRecord> imports(CurrentUser user) {
        MonitoringCheckService.readable(user);
        return repo.imports(user.orgId(), 200);
    }

    /**
     * Every resource of {@code type} in the organization's current inventory, streamed to
     * {@code sink}; for population checks (e.g. pull requests merged in a period). Callers check
     * the reader's rights.
     */
    public void forEachCurrentResource(UUID orgId, String type, java.util.function.Consumer<Resource> sink) {
        repo.streamInventory(orgId, type, sink);
    }

    /** The current inventory by resource type. */
    @Transactional(readOnly = true)
    public List<InventoryEntry> inventory(CurrentUser user) {
        MonitoringCheckService.readable(user);
        return repo.inventory(user.orgId());
    }

    /** How many bytes format detection looks at (and the parse stream buffers to replay them). */
    private static final int HEAD = 64 * 1024;

    /** An import under way: its record, format, the staged bytes and the one stream the parser reads. */
    private record Prepared(UUID importId, String source, String filename, ResourceFormat format, StagedContent staged,
            InputStream in) {
    }

    /** Detects the format if none was named (peeking at the head of {@code in}), then records the import as READING. */
    private Prepared prepare(CurrentUser user, String source, String name, ResourceFormat named, StagedContent staged,
            BufferedInputStream in) {
        ResourceFormat format = named != null ? named : detect(name, staged, in);
        String src = MonitoringRules.source(source, format.name());
        UUID id = UUID.randomUUID();
        separate.executeWithoutResult(s -> repo.insertImport(user.orgId(), id, src, name, user.userId(), user.label(),
                now()));
        return new Prepared(id, src, name, format, staged, in);
    }

    /** The named format (null when none was named or "auto": detect it). */
    private static ResourceFormat named(String formatName) {
        if (formatName == null || formatName.isBlank() || formatName.equalsIgnoreCase("auto")) {
            return null;
        }
        return ResourceFormats.named(formatName).orElseThrow(() -> ApiProblem.invalidField("format", "'" + formatName
                + "' is not a known format (one of: " + String.join(", ",
                ResourceFormats.all().stream().map(ResourceFormat::name).toList()) + ")"));
    }

    /** Detects the format from the first 64 KiB, which stay buffered in {@code in} for the parser. */
    private static ResourceFormat detect(String filename, StagedContent staged, BufferedInputStream in) {
        byte[] head;
        try {
            in.mark(HEAD);
            head = in.readNBytes(HEAD);
            in.reset();
        } catch (IOException e) {
            throw staged.uploadFailure().orElseThrow(() -> new UncheckedIOException(e));
        }
        try {
            return ResourceFormats.detect(filename, head);
        } catch (InputProblem p) {
            throw MonitoringRules.problem("format", p);
        }
    }

    /** Counters shared between the reading thread and its progress writes. */
    private static final class Tally {
        long rows;
        long stored;
        Instant latest;
    }

    private ImportRecord store(CurrentUser user, Prepared p, FormatOptions given, CollectionMethod method,
            String sourceSystem) {
        UUID orgId = user.orgId();
        Instant started = now();
        FormatOptions options = given == null ? FormatOptions.at(started)
                : given.importedAt() != null ? given
                : new FormatOptions(started, given.type(), given.idField(), given.fields());
        try {
            // One transaction, one pass: each resource is checked and stored as it is read; a bad row rolls
            // everything back (resources, the evidence row and, through the evidence vault, the blob).
            return tx.execute(s -> {
                Tally t = new Tally();
                repo.retireSource(orgId, p.source(), p.importId());
                List<Resource> batch = new ArrayList<>(BATCH);
                read(p, options, r -> {
                    t.rows++;
                    if (t.rows > maxResources) {
                        throw new InputProblem(p.filename(), 0, 0, "more than " + maxResources
                                + " resources (assayer.monitoring.max-resources-per-import)");
                    }
                    if (r.observedAt() != null && (t.latest == null || r.observedAt().isAfter(t.latest))) {
                        t.latest = r.observedAt();
                    }
                    batch.add(r);
                    if (batch.size() == BATCH) {
                        repo.insertResources(orgId, p.importId(), t.stored, batch);
                        t.stored += batch.size();
                        batch.clear();
                    }
                    if (t.rows % PROGRESS_EVERY == 0) {
                        progress(orgId, p.importId(), "READING", t.rows, t.stored, p.format().name());
                    }
                });
                if (!batch.isEmpty()) {
                    repo.insertResources(orgId, p.importId(), t.stored, batch);
                    t.stored += batch.size();
                }
                progress(orgId, p.importId(), "STORING", t.rows, t.stored, p.format().name());
                Instant observed = t.latest == null ? options.importedAt() : t.latest;
                EvidenceItem item = evidence.upload(user, new EvidenceMetadata(
                        "Monitoring import: " + p.filename(),
                        p.format().description() + " · source " + p.source() + " · " + t.rows + " resources read",
                        List.of(), LocalDate.ofInstant(observed, ZoneOffset.UTC), null, null, null, null,
                        method == null ? CollectionMethod.SYSTEM_EXPORT : method,
                        sourceSystem == null || sourceSystem.isBlank() ? p.format().name() : sourceSystem.strip()),
                        p.filename(), MonitoringRules.contentType(p.filename()), p.staged());
                long duplicates = repo.removeDuplicates(orgId, p.importId());
                Map<String, Long> byType = repo.countByType(orgId, p.importId());
                repo.importDone(orgId, p.importId(), p.format().name(), p.staged().sha256(), p.staged().size(), item.id(),
                        t.stored, t.stored - duplicates, duplicates, byType, observed, now());
                ImportRecord done = repo.findImport(orgId, p.importId()).orElseThrow();
                activity.record(user, "monitoring-import", p.importId(), "imported", null, summary(done));
                return done;
            });
        } catch (InputProblem e) {
            ApiProblem upload = p.staged().uploadFailure().orElseGet(() -> MonitoringRules.problem("file", e));
            failed(orgId, p.importId(), upload.getMessage());
            throw upload;
        } catch (ApiProblem e) {
            failed(orgId, p.importId(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            ApiProblem upload = p.staged().uploadFailure().orElse(null);
            if (upload != null) {
                failed(orgId, p.importId(), upload.getMessage());
                throw upload;
            }
            failed(orgId, p.importId(), p.filename() + ": the import failed (" + e.getClass().getSimpleName()
                    + "); nothing was stored");
            throw e;
        }
    }

    private static void read(Prepared p, FormatOptions options, Consumer<Resource> sink) {
        try {
            p.format().read(p.filename(), p.in(), options, sink);
        } catch (IOException e) {
            throw new InputProblem(p.filename(), 0, 0, "could not be read: " + e.getMessage());
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            log.debug("could not close an import stream: {}", e.toString());
        }
    }

    private void progress(UUID orgId, UUID importId, String status, long read, long stored, String format) {
        separate.executeWithoutResult(s -> repo.importProgress(orgId, importId, status, read, stored, format));
    }

    private void failed(UUID orgId, UUID importId, String why) {
        try {
            separate.executeWithoutResult(s -> repo.importFailed(orgId, importId, why, now()));
        } catch (RuntimeException e) {
            log.warn("could not record the failure of import {}: {}", importId, e.toString());
        }
    }

    private static ImportSummary summary(ImportRecord r) {
        return new ImportSummary(r.id(), r.source(), r.filename(), r.format(), r.sha256(), r.evidenceId(), r.resources(),
                r.duplicates(), r.resourcesByType(), r.importedBy(), r.finishedAt());
    }

    // ========================================================================================== runs

    /** Runs the checks over the current inventory now (UI button, API). */
    public MonitoringRun run(CurrentUser user) {
        user.require(Permission.EVIDENCE_UPLOAD);
        MonitoringCheckService.member(user);
        return execute(user, now(), RunTrigger.MANUAL, repo.currentImports(user.orgId()),
                sink -> repo.streamInventory(user.orgId(), sink));
    }

    /**
     * The schedule: runs every organization that has resources and whose last (not replayed) run is
     * older than assayer.monitoring.run-interval. Returns how many ran. One organization's failure
     * is logged and the others go on.
     */
    public int runDue(Instant now) {
        int ran = 0;
        for (Map.Entry<UUID, Instant> e : repo.orgsWithResources().entrySet()) {
            Instant last = e.getValue();
            if (last != null && last.isAfter(now.minus(runInterval))) {
                continue;
            }
            UUID orgId = e.getKey();
            try {
                CurrentUser system = system(orgId);
                execute(system, now.truncatedTo(ChronoUnit.MICROS), RunTrigger.SCHEDULED, repo.currentImports(orgId),
                        sink -> repo.streamInventory(orgId, sink));
                ran++;
            } catch (RuntimeException ex) {
                log.warn("scheduled monitoring run of organization {} failed: {}", orgId, ex.toString());
            }
        }
        return ran;
    }

    /**
     * Records runs that happened in the past (the demo; history from a previous tool), oldest
     * first, each over the resources given. Each run and its evidence say "replayed history". Raises
     * no alerts.
     */
    public void replayHistory(CurrentUser user, List<HistoricalRun> runs) {
        user.require(Permission.EVIDENCE_UPLOAD);
        MonitoringCheckService.member(user);
        Instant now = now();
        List<HistoricalRun> ordered = runs.stream().sorted(java.util.Comparator.comparing(HistoricalRun::at)).toList();
        for (HistoricalRun h : ordered) {
            if (h.at() == null || h.at().isAfter(now)) {
                throw ApiProblem.invalidField("at", "a replayed run must be in the past (" + h.at() + ")");
            }
        }
        for (HistoricalRun h : ordered) {
            execute(user, h.at().truncatedTo(ChronoUnit.MICROS), RunTrigger.REPLAYED, List.of(),
                    sink -> h.resources().forEach(sink));
        }
    }

    private CurrentUser system(UUID orgId) {
        String orgName = identity.organization(orgId).map(o -> o.name()).orElse("organization");
        return new CurrentUser(SYSTEM_ID, "monitoring@assayer.invalid", SOURCE_SYSTEM, orgId, orgName, Role.ADMIN);
    }

    private static final class CheckTally {
        final Check check;
        /** Resources of the check's type (its where-clause aside). */
        long matched;
        long passed;
        long failed;
        long errors;
        long excluded;

        CheckTally(Check check) {
            this.check = check;
        }
    }

    private MonitoringRun execute(CurrentUser user, Instant at, RunTrigger trigger, List<ImportRecord> imports,
            Consumer<Consumer<Resource>> resources) {
        UUID orgId = user.orgId();
        UUID runId = UUID.randomUUID();
        boolean replayed = trigger == RunTrigger.REPLAYED;
        List<MonitoringAlert> raised = new ArrayList<>();
        MonitoringRun result = tx.execute(s -> {
            CheckPack pack = checks.effectivePack(orgId);
            Set<String> disabled = checks.disabled(orgId);
            Map<String, Exclusion> excluded = new HashMap<>();
            for (Exclusion e : checks.allExclusions(orgId)) {
                if (MonitoringRules.appliesAt(e, at)) {
                    excluded.put(e.checkId() + "\n" + e.resourceId(), e);
                }
            }
            Map<String, CheckTally> tallies = new LinkedHashMap<>();
            for (Check c : pack.checks()) {
                if (!disabled.contains(c.id())) {
                    tallies.put(c.id(), new CheckTally(c));
                }
            }
            List<RunInput> inputs = imports.stream()
                    .map(i -> new RunInput(i.id(), i.source(), i.filename(), i.sha256(), i.evidenceId())).toList();
            String by = replayed ? "replayed history, recorded by " + user.label()
                    : user.userId().equals(SYSTEM_ID) ? SOURCE_SYSTEM : user.label();
            repo.insertRun(orgId, new MonitoringRun(runId, at, trigger, replayed, null, 0, 0, 0, 0, 0, 0, inputs,
                    List.of(), by), user.userId().equals(SYSTEM_ID) ? null : user.userId(), now());
            CheckEvaluator evaluator = new CheckEvaluator(pack, at);
            // per resource type: the enabled checks whose type selector matches it (to tell "no resource
            // of the type" from "the where-clause kept none" when a check applies to nothing)
            Map<String, List<CheckTally>> byType = new HashMap<>();
            List<RunResult> buffer = new ArrayList<>(BATCH);
            long[] seq = {0};
            long[] count = {0};
            resources.accept(resource -> {
                count[0]++;
                if (resource.type() != null) {
                    for (CheckTally t : byType.computeIfAbsent(resource.type(), type -> evaluator.checksFor(type).stream()
                            .map(c -> tallies.get(c.id())).filter(java.util.Objects::nonNull).toList())) {
                        t.matched++;
                    }
                }
                List<CheckResult> results;
                try {
                    results = evaluator.evaluate(resource);
                } catch (RuntimeException e) {
                    results = List.of();
                    log.warn("resource {} could not be evaluated: {}", resource.id(), e.toString());
                }
                for (CheckResult r : results) {
                    CheckTally t = tallies.get(r.checkId());
                    if (t == null) {
                        continue;
                    }
                    Outcome o = r.outcome();
                    String message = r.message();
                    Exclusion ex = excluded.get(r.checkId() + "\n" + resource.id());
                    if (ex != null) {
                        message = "excluded until " + ex.expiresOn() + ": " + ex.reason()
                                + (o == Outcome.PASS ? "" : " (would be " + o.name().toLowerCase(Locale.ROOT)
                                + (r.message() == null ? "" : ": " + r.message()) + ")");
                        o = Outcome.EXCLUDED;
                    }
                    switch (o) {
                        case PASS -> t.passed++;
                        case FAIL -> t.failed++;
                        case ERROR -> t.errors++;
                        case EXCLUDED -> t.excluded++;
                    }
                    if (o != Outcome.PASS) {
                        buffer.add(new RunResult(runId, at, r.checkId(), resource.type(), resource.id(), o, message));
                        if (buffer.size() == BATCH) {
                            repo.insertResults(orgId, runId, seq[0], buffer);
                            seq[0] += buffer.size();
                            buffer.clear();
                        }
                    }
                }
            });
            if (!buffer.isEmpty()) {
                repo.insertResults(orgId, runId, seq[0], buffer);
            }
            List<RunCheck> rows = new ArrayList<>();
            long passed = 0;
            long failed = 0;
            long errors = 0;
            long excl = 0;
            Set<String> refs = new LinkedHashSet<>();
            long notApplicable = 0;
            for (CheckTally t : tallies.values()) {
                // every enabled check gets its row, NOT_APPLICABLE when it applied to no resource
                Check c = t.check;
                long applicable = t.passed + t.failed + t.errors + t.excluded;
                rows.add(new RunCheck(runId, at, c.id(), c.title(), c.severity() == null ? "MEDIUM" : c.severity().name(),
                        c.controls(), c.criteria(), c.resourceType(), Math.max(t.matched, applicable), applicable,
                        t.passed, t.failed, t.errors, t.excluded,
                        MonitoringRules.status(t.passed, t.failed, t.errors, t.excluded)));
                if (applicable == 0) {
                    notApplicable++;
                    continue; // the run is no evidence for the controls of a check that applied to nothing
                }
                passed += t.passed;
                failed += t.failed;
                errors += t.errors;
                excl += t.excluded;
                refs.addAll(c.controls());
            }
            repo.insertRunChecks(orgId, rows);
            List<String> controlIds = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String ref : refs) {
                controls.resolve(orgId, ref).ifPresentOrElse(id -> controlIds.add(id.toString()), () -> unknown.add(ref));
            }
            MonitoringRun run = new MonitoringRun(runId, at, trigger, replayed, null, count[0], rows.size(), passed, failed,
                    errors, excl, inputs, unknown, by);
            UUID evidenceId = fileEvidence(user, run, rows, controlIds);
            repo.finishRun(orgId, runId, evidenceId, count[0], rows.size(), passed, failed, errors, excl, unknown);
            MonitoringRun stored = repo.findRun(orgId, runId).orElseThrow();
            if (!replayed) {
                UUID previous = repo.previousRun(orgId, at, runId).orElse(null);
                Map<String, RunCheck> byId = new HashMap<>();
                rows.forEach(r -> byId.put(r.checkId(), r));
                for (RunResult f : repo.newFailures(orgId, runId, previous)) {
                    RunCheck c = byId.get(f.checkId());
                    UUID alertId = UUID.randomUUID();
                    repo.insertAlert(orgId, alertId, runId, f.checkId(), c == null ? f.checkId() : c.title(),
                            c == null ? "MEDIUM" : c.severity(), f, now());
                    raised.add(repo.findAlert(orgId, alertId).orElseThrow());
                }
                if (!raised.isEmpty()) { // same transaction: notifications are queued with the alerts or not at all
                    Map<String, List<String>> controlsByCheck = new HashMap<>();
                    rows.forEach(r -> controlsByCheck.put(r.checkId(),
                            r.controls() == null ? List.of() : r.controls()));
                    events.publishEvent(new NewFailuresRaised(orgId, user.orgName(), runId, at, raised, controlsByCheck));
                }
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("at", at.toString());
            summary.put("trigger", trigger.name());
            summary.put("resources", count[0]);
            summary.put("checks", rows.size());
            summary.put("notApplicable", notApplicable);
            summary.put("passed", passed);
            summary.put("failed", failed);
            summary.put("errors", errors);
            summary.put("excluded", excl);
            summary.put("evidence", evidenceId.toString());
            summary.put("newFailures", raised.size());
            if (user.userId().equals(SYSTEM_ID)) {
                activity.recordSystem(orgId, SOURCE_SYSTEM, "monitoring-run", runId, "ran", null, summary);
            } else {
                activity.record(user, "monitoring-run", runId, replayed ? "replayed" : "ran", null, summary);
            }
            return stored;
        });
        return result;
    }

    /** The run's results as a JSON evidence item, linked to the controls its checks support, effective at the run. */
    private UUID fileEvidence(CurrentUser user, MonitoringRun run, List<RunCheck> rows, List<String> controlIds) {
        Path doc = null;
        try {
            doc = Files.createTempFile("assayer-run-", ".json");
            var json = repo.json();
            try (BufferedWriter w = Files.newBufferedWriter(doc, StandardCharsets.UTF_8)) {
                Map<String, Object> head = new LinkedHashMap<>();
                head.put("run", run.id().toString());
                head.put("organization", user.orgName());
                head.put("at", run.at().toString());
                head.put("trigger", run.trigger().name());
                head.put("provenance", run.replayed() ? "replayed history: recorded after the fact by " + user.label()
                        : SOURCE_SYSTEM + (run.trigger() == RunTrigger.SCHEDULED ? " (scheduled run)" : ", run by " + user.label()));
                head.put("resources", run.resources());
                head.put("totals", Map.of("pass", run.passed(), "fail", run.failed(), "error", run.errors(),
                        "excluded", run.excluded()));
                head.put("inputs", run.inputs());
                head.put("unknownControlRefs", run.unknownControlRefs());
                head.put("checks", rows.stream().map(c -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", c.checkId());
                    m.put("title", c.title());
                    m.put("severity", c.severity());
                    m.put("controls", c.controls());
                    m.put("criteria", c.criteria());
                    m.put("resourceType", c.resourceType());
                    m.put("status", c.status().name());
                    if (c.status() == CheckRunStatus.NOT_APPLICABLE) {
                        m.put("notApplicable", c.notApplicableReason());
                    }
                    m.put("matched", c.matched());
                    m.put("applicable", c.applicable());
                    m.put("pass", c.passed());
                    m.put("fail", c.failed());
                    m.put("error", c.errors());
                    m.put("excluded", c.excluded());
                    return m;
                }).toList());
                String h = json.writeValueAsString(head);
                w.write(h, 0, h.length() - 1);
                w.write(",\"results\":[");
                boolean[] first = {true};
                repo.streamResults(user.orgId(), run.id(), r -> {
                    try {
                        if (!first[0]) {
                            w.write(',');
                        }
                        first[0] = false;
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("check", r.checkId());
                        m.put("resourceType", r.resourceType());
                        m.put("resourceId", r.resourceId());
                        m.put("outcome", r.outcome().name());
                        m.put("message", r.message());
                        w.write(json.writeValueAsString(m));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                w.write("]}\n");
            }
            String date = LocalDate.ofInstant(run.at(), ZoneOffset.UTC).toString();
            String title = (run.replayed() ? "Monitoring run (replayed history) " : "Monitoring run ") + date + " "
                    + run.at().toString().substring(11, 16) + " UTC";
            String description = run.passed() + " passed, " + run.failed() + " failed, " + run.errors() + " errors, "
                    + run.excluded() + " excluded over " + run.resources() + " resources and " + rows.size() + " checks"
                    + notApplicable(rows)
                    + (run.replayed() ? "; replayed history, recorded after the fact" : "")
                    + (run.unknownControlRefs().isEmpty() ? ""
                            : "; control refs not in the library: " + String.join(", ", run.unknownControlRefs()));
            try (InputStream in = Files.newInputStream(doc)) {
                return evidence.upload(user, new EvidenceMetadata(title, description, controlIds,
                        LocalDate.ofInstant(run.at(), ZoneOffset.UTC), null, null, null, SOURCE_SYSTEM,
                        CollectionMethod.INTEGRATION, run.replayed() ? SOURCE_SYSTEM + " (replayed history)" : SOURCE_SYSTEM),
                        "monitoring-run-" + date + "-" + run.id().toString().substring(0, 8) + ".json",
                        "application/json", in).id();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the run's evidence", e);
        } finally {
            deleteQuietly(doc);
        }
    }

    private static String notApplicable(List<RunCheck> rows) {
        long n = rows.stream().filter(r -> r.status() == CheckRunStatus.NOT_APPLICABLE).count();
        return n == 0 ? "" : " (" + n + " not applicable: no resource they apply to)";
    }

    // ======================================================================================= reading

    /** Runs newest first; inside an engagement, those of its period only. */
    @Transactional(readOnly = true)
    public List<MonitoringRun> runs(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        Instant[] w = window(user);
        return repo.runs(user.orgId(), w[0], w[1], 500);
    }

    @Transactional(readOnly = true)
    public MonitoringRun runDetail(CurrentUser user, UUID runId) {
        user.require(Permission.CONTROL_READ);
        return visibleRun(user, runId);
    }

    /** The checks of a run with their counts (failing first). */
    @Transactional(readOnly = true)
    public List<RunCheck> runChecks(CurrentUser user, UUID runId) {
        user.require(Permission.CONTROL_READ);
        visibleRun(user, runId);
        return repo.runChecks(user.orgId(), runId);
    }

    /** A run's non-pass results, optionally of one check and/or outcome (at most 5,000). */
    @Transactional(readOnly = true)
    public List<RunResult> results(CurrentUser user, UUID runId, String checkId, Outcome outcome) {
        user.require(Permission.CONTROL_READ);
        visibleRun(user, runId);
        return repo.results(user.orgId(), runId, checkId == null || checkId.isBlank() ? null : checkId.strip(), outcome,
                MAX_LIST);
    }

    /** The latest run, if any. */
    @Transactional(readOnly = true)
    public Optional<MonitoringRun> latestRun(CurrentUser user) {
        MonitoringCheckService.readable(user);
        return repo.latestRun(user.orgId());
    }

    /**
     * One check across runs, newest first (inside an engagement: the period's runs): every run, with
     * the check's status in it — NOT_APPLICABLE when it applied to no resource, NOT_RUN when it was
     * switched off or not defined, NOT_RECORDED for runs from before every check was recorded. A
     * check that is not defined and never ran is "not found".
     */
    @Transactional(readOnly = true)
    public List<CheckHistoryEntry> checkHistory(CurrentUser user, String checkId) {
        user.require(Permission.CONTROL_READ);
        if (checkId == null || checkId.isBlank() || (checks.effectivePack(user.orgId()).checks().stream()
                .noneMatch(c -> c.id().equals(checkId)) && !repo.checkEverRan(user.orgId(), checkId))) {
            throw ApiProblem.notFound("Check " + checkId);
        }
        Instant[] w = window(user);
        return repo.checkHistory(user.orgId(), checkId, w[0] == null ? Instant.EPOCH : w[0],
                w[1] == null ? Instant.parse("9999-01-01T00:00:00Z") : w[1], 1000);
    }

    /** A resource's non-pass results across runs, newest first ({@code type} may be null: any type). */
    @Transactional(readOnly = true)
    public List<RunResult> resourceHistory(CurrentUser user, String type, String resourceId) {
        MonitoringCheckService.readable(user);
        if (resourceId == null || resourceId.isBlank()) {
            throw ApiProblem.invalidField("id", "is required: the resource's id");
        }
        return repo.resourceHistory(user.orgId(), type == null || type.isBlank() ? null : type.strip(), resourceId.strip(),
                1000);
    }

    /** Check history of the organization between two instants, for the period view (oldest first). */
    @Transactional(readOnly = true)
    public List<RunObservation> observations(UUID orgId, Instant from, Instant to) {
        List<RunCheck> rows = repo.runChecksBetween(orgId, from, to);
        Map<UUID, Map<String, List<String>>> failing = new HashMap<>();
        Set<UUID> runsWithFailures = new HashSet<>();
        rows.stream().filter(r -> r.failed() > 0).forEach(r -> runsWithFailures.add(r.runId()));
        for (UUID run : runsWithFailures) {
            failing.put(run, repo.failingResources(orgId, run));
        }
        return rows.stream().map(r -> new RunObservation(r.runId(), r.at(), r.checkId(), r.title(), r.controls(),
                r.status(), (int) Math.min(Integer.MAX_VALUE, r.evaluated()),
                failing.getOrDefault(r.runId(), Map.of()).getOrDefault(r.checkId(), List.of()))).toList();
    }

    /** Observations for a signed-in reader; inside an engagement clipped to its period. */
    @Transactional(readOnly = true)
    public List<RunObservation> observations(CurrentUser user, Instant from, Instant to) {
        user.require(Permission.CONTROL_READ);
        Instant f = from == null ? Instant.EPOCH : from;
        Instant t = to == null ? Instant.parse("9999-01-01T00:00:00Z") : to;
        Instant[] w = window(user);
        if (w[0] != null && w[0].isAfter(f)) {
            f = w[0];
        }
        if (w[1] != null && w[1].isBefore(t)) {
            t = w[1];
        }
        return f.isBefore(t) ? observations(user.orgId(), f, t) : List.of();
    }

    // ================================================================================ control health

    /** Every control some enabled check supports, with its health from the latest run (by ref). */
    @Transactional(readOnly = true)
    public List<ControlHealth> controlHealth(CurrentUser user) {
        MonitoringCheckService.readable(user);
        Map<String, List<String>> checksByRef = checksByRef(user.orgId());
        Optional<MonitoringRun> latest = repo.latestRun(user.orgId());
        Map<String, RunCheck> byCheck = latest.map(r -> byCheck(user.orgId(), r.id())).orElse(null);
        List<ControlHealth> out = new ArrayList<>();
        Map<String, UUID> idsByRef = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        controls.refs(user.orgId()).forEach((id, ref) -> idsByRef.put(ref, id));
        for (Map.Entry<String, UUID> c : idsByRef.entrySet()) {
            List<String> ids = checksByRef.get(c.getKey().toUpperCase(Locale.ROOT));
            if (ids == null) {
                continue;
            }
            out.add(MonitoringRules.health(c.getValue(), c.getKey(), ids, byCheck, latest.map(MonitoringRun::id).orElse(null),
                    latest.map(MonitoringRun::at).orElse(null)));
        }
        return out;
    }

    /** One control's health (id or ref); a control no check supports is NO_DATA with no checks. */
    @Transactional(readOnly = true)
    public ControlHealth controlHealth(CurrentUser user, String idOrRef) {
        MonitoringCheckService.readable(user);
        UUID id = controls.resolve(user.orgId(), idOrRef).orElseThrow(() -> ApiProblem.notFound("Control " + idOrRef));
        String ref = controls.refs(user.orgId()).get(id);
        List<String> ids = checksByRef(user.orgId()).getOrDefault(ref.toUpperCase(Locale.ROOT), List.of());
        Optional<MonitoringRun> latest = repo.latestRun(user.orgId());
        return MonitoringRules.health(id, ref, ids, latest.map(r -> byCheck(user.orgId(), r.id())).orElse(null),
                latest.map(MonitoringRun::id).orElse(null), latest.map(MonitoringRun::at).orElse(null));
    }

    private Map<String, List<String>> checksByRef(UUID orgId) {
        Set<String> disabled = checks.disabled(orgId);
        Map<String, List<String>> out = new HashMap<>();
        for (Check c : checks.effectivePack(orgId).checks()) {
            if (disabled.contains(c.id())) {
                continue;
            }
            for (String ref : c.controls()) {
                out.computeIfAbsent(ref.toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(c.id());
            }
        }
        return out;
    }

    private Map<String, RunCheck> byCheck(UUID orgId, UUID runId) {
        Map<String, RunCheck> out = new HashMap<>();
        repo.runChecks(orgId, runId).forEach(c -> out.put(c.checkId(), c));
        return out;
    }

    // ======================================================================================== alerts

    /** Alerts newest first; {@code status} OPEN, ACKNOWLEDGED or null for all. */
    @Transactional(readOnly = true)
    public List<MonitoringAlert> alerts(CurrentUser user, String status) {
        MonitoringCheckService.readable(user);
        String s = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (s != null && !s.equals("OPEN") && !s.equals("ACKNOWLEDGED")) {
            throw ApiProblem.invalidField("status", "'" + status + "' is not OPEN or ACKNOWLEDGED");
        }
        return repo.alerts(user.orgId(), s, 1000);
    }

    @Transactional(readOnly = true)
    public MonitoringAlert alert(CurrentUser user, UUID id) {
        MonitoringCheckService.readable(user);
        return repo.findAlert(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Alert " + id));
    }

    /** Acknowledges an open alert with a note (what is being done about it). */
    @Transactional
    public MonitoringAlert acknowledge(CurrentUser user, UUID id, String note, Long version) {
        user.require(Permission.EVIDENCE_UPLOAD);
        MonitoringCheckService.member(user);
        MonitoringAlert before = repo.findAlert(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Alert " + id));
        if (note == null || note.isBlank()) {
            throw ApiProblem.invalidField("note", "is required: say what is being done about the failure");
        }
        if (note.length() > 4000) {
            throw ApiProblem.invalidField("note", "is longer than 4000 characters");
        }
        if (!before.status().equals("OPEN")) {
            throw ApiProblem.conflict("Alert " + id + " was already acknowledged by " + before.acknowledgedBy());
        }
        long v = version == null ? before.version() : version;
        if (!repo.acknowledge(user.orgId(), id, v, user.userId(), user.label(), note.strip(), now())) {
            throw ApiProblem.staleVersion("Alert " + id, v, repo.findAlert(user.orgId(), id).orElseThrow().version());
        }
        MonitoringAlert after = repo.findAlert(user.orgId(), id).orElseThrow();
        activity.record(user, "monitoring-alert", id, "acknowledged", before, after);
        return after;
    }

    // ======================================================================================= helpers

    private MonitoringRun visibleRun(CurrentUser user, UUID runId) {
        MonitoringRun run = repo.findRun(user.orgId(), runId).orElseThrow(() -> ApiProblem.notFound("Run " + runId));
        Instant[] w = window(user);
        if (w[0] != null && (run.at().isBefore(w[0]) || !run.at().isBefore(w[1]))) {
            throw ApiProblem.notFound("Run " + runId);
        }
        return run;
    }

    /** [from, to) of what the user may see: everything for members, the engagement's period (UTC days) inside one. */
    private static Instant[] window(CurrentUser user) {
        EngagementScope scope = user.scope();
        if (scope == null) {
            return new Instant[] {null, null};
        }
        LocalDate start = scope.periodStart() == null ? scope.periodEnd() : scope.periodStart();
        return new Instant[] {start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                scope.periodEnd().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()};
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("could not delete {}: {}", p, e.toString());
        }
    }

    static Collection<String> formats() {
        return ResourceFormats.all().stream().map(ResourceFormat::name).toList();
    }
}
