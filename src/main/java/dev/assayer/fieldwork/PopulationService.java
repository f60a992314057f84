package dev.assayer.fieldwork;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.fieldwork.internal.populations.PopulationRepository;
import dev.assayer.fieldwork.internal.populations.PopulationRepository.FileFacts;
import dev.assayer.fieldwork.internal.populations.PopulationRepository.PopulationRow;
import dev.assayer.fieldwork.internal.populations.PopulationRepository.SampleRow;
import dev.assayer.fieldwork.internal.populations.PopulationRepository.Scope;
import dev.assayer.fieldwork.internal.populations.PopulationRepository.VersionRow;
import dev.assayer.fieldwork.internal.populations.PopulationRules;
import dev.assayer.fieldwork.internal.populations.PopulationStore;
import dev.assayer.fieldwork.internal.populations.SampleRules;
import dev.assayer.fieldwork.internal.populations.SelectionDocument;
import dev.assayer.fieldwork.sampling.Population;
import dev.assayer.fieldwork.sampling.PopulationException;
import dev.assayer.fieldwork.sampling.PopulationRows;
import dev.assayer.fieldwork.sampling.SampleSelector;
import dev.assayer.fieldwork.sampling.Selection;
import dev.assayer.fieldwork.sampling.SelectionJson;
import dev.assayer.fieldwork.sampling.SelectionVerifier;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.EngagementScope;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Populations (with completeness-and-accuracy records) and the samples selected from them
 * (issue 4 §4, §6). Auditor side only: reads need {@link Permission#FIELDWORK_READ}, imports,
 * selections and extensions {@link Permission#FIELDWORK_WRITE}, and the caller must be an audit
 * firm's user inside the engagement; every row belongs to the client, the engagement and the firm
 * (anything else is "not found").
 *
 * <p>A file is streamed to disk while hashed, read once to count rows and flag rows dated outside
 * the engagement period, and stored under its SHA-256. Samples are made only by
 * {@link SampleSelector}, from the stored file, so a sample made here is the one
 * {@code assayer sample select} makes from the downloaded file with the same options, and the stored
 * selection document is the one it prints.
 */
@Service
public class PopulationService {

    static final String POPULATION = "population";
    static final String SAMPLE = "sample";

    private final PopulationRepository repo;
    private final PopulationStore store;
    private final ControlService controls;
    private final ActivityLog activity;
    private final TransactionTemplate tx;
    private final Clock clock;

    public PopulationService(PopulationRepository repo, PopulationStore store, ControlService controls,
            ActivityLog activity, TransactionTemplate tx, Optional<Clock> clock) {
        this.repo = repo;
        this.store = store;
        this.controls = controls;
        this.activity = activity;
        this.tx = tx;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ---------------------------------------------------------------- samples (read)

    /** One sample of the user's engagement; 404 for any other. */
    public Sample sample(CurrentUser user, UUID sampleId) {
        Scope s = scope(user, Permission.FIELDWORK_READ, null);
        return toSample(s, sampleRow(s, sampleId));
    }

    /** The samples of the user's engagement, newest first. */
    public List<Sample> samples(CurrentUser user, UUID engagementId) {
        Scope s = scope(user, Permission.FIELDWORK_READ, engagementId);
        return repo.samples(s, null).stream().map(r -> toSample(s, r)).toList();
    }

    /** A sample with its extensions, selection document and equivalent command line. */
    public SampleDetail sampleDetail(CurrentUser user, UUID engagementId, UUID sampleId) {
        Scope s = scope(user, Permission.FIELDWORK_READ, engagementId);
        return detail(s, sampleRow(s, sampleId));
    }

    /**
     * The selection document of a sample, exactly as {@code assayer sample select --json} prints it
     * for the downloaded population file (including the final newline).
     */
    public String selectionJson(CurrentUser user, UUID engagementId, UUID sampleId) {
        Scope s = scope(user, Permission.FIELDWORK_READ, engagementId);
        return sampleRow(s, sampleId).selectionJson() + System.lineSeparator();
    }

    // ---------------------------------------------------------------- populations (read)

    /** The engagement's populations, newest first, each with all its versions and samples. */
    public List<PopulationRecord> list(CurrentUser user, UUID engagementId) {
        Scope s = scope(user, Permission.FIELDWORK_READ, engagementId);
        Map<UUID, String> refs = controls.refs(s.orgId());
        Map<UUID, Integer> counts = repo.sampleCounts(s);
        Map<UUID, List<PopulationVersion>> versions = new LinkedHashMap<>();
        for (VersionRow v : repo.versions(s, null)) {
            versions.computeIfAbsent(v.populationId(), k -> new ArrayList<>()).add(toVersion(user, v, refs, counts));
        }
        Map<UUID, List<Sample>> samples = new LinkedHashMap<>();
        for (SampleRow r : repo.samples(s, null)) {
            samples.computeIfAbsent(r.populationId(), k -> new ArrayList<>()).add(toSample(s, r));
        }
        return repo.populations(s).stream().filter(p -> versions.containsKey(p.id()))
                .map(p -> record(s, p, versions.get(p.id()), samples.getOrDefault(p.id(), List.of()))).toList();
    }

    /**
     * Roll-forward: the firm's populations of a prior engagement of the same client, as the list to
     * re-extract for this one — each latest extraction's completeness-and-accuracy record (name,
     * source system, query and parameters, key and date columns) with the period filter moved to
     * this engagement's period and who/when left for the new extraction. Nothing is copied: rows
     * of the prior period never become this period's population.
     */
    public List<PopulationMetadata> toReExtract(CurrentUser user, UUID engagementId, UUID priorEngagementId) {
        Scope s = scope(user, Permission.FIELDWORK_READ, engagementId);
        if (priorEngagementId == null || priorEngagementId.equals(engagementId)) {
            throw ApiProblem.invalidField("prior", "is required: the prior period's engagement (not this one)");
        }
        Scope prior = new Scope(s.orgId(), priorEngagementId, s.firmId());
        Map<UUID, VersionRow> latest = new LinkedHashMap<>();
        for (VersionRow v : repo.versions(prior, null)) {
            latest.merge(v.populationId(), v, (a, b) -> a.number() >= b.number() ? a : b);
        }
        EngagementScope here = user.scope();
        return latest.values().stream().map(VersionRow::metadata).map(m -> new PopulationMetadata(m.name(),
                m.controls(), m.sourceSystem(), m.query(), m.queryParameters(), null, null, here.periodStart(),
                here.periodEnd(), m.keyColumn(), m.dateColumn(), m.format())).toList();
    }

    /** One population with all its versions (newest first) and samples. */
    public PopulationRecord get(CurrentUser user, UUID engagementId, UUID populationId) {
        Scope s = scope(user, Permission.FIELDWORK_READ, engagementId);
        return load(user, s, populationId);
    }

    /** One version of a population. */
    public PopulationVersion version(CurrentUser user, UUID engagementId, UUID populationId, int number) {
        Scope s = scope(user, Permission.FIELDWORK_READ, engagementId);
        return toVersion(user, versionRow(s, populationId, number), controls.refs(s.orgId()), repo.sampleCounts(s));
    }

    /** The stored file of a version, exactly as supplied. */
    public PopulationFile file(CurrentUser user, UUID engagementId, UUID populationId, int number) {
        Scope s = scope(user, Permission.FIELDWORK_READ, engagementId);
        VersionRow v = versionRow(s, populationId, number);
        Path path = storedFile(v);
        String type = "jsonl".equals(v.metadata().format()) ? "application/jsonl" : "text/csv";
        return new PopulationFile(PopulationRules.downloadName(v.file().filename(), v.metadata().format()), type,
                v.file().sizeBytes(), v.file().sha256(), path);
    }

    // ---------------------------------------------------------------- populations (write)

    /**
     * Imports a new population (version 1) from a CSV or JSONL stream. Every metadata error is
     * reported at once, naming the field; a malformed file names the line. Nothing is stored
     * unless all is valid.
     */
    public PopulationRecord importPopulation(CurrentUser user, UUID engagementId, PopulationMetadata metadata,
            String filename, InputStream content) {
        Scope s = scope(user, Permission.FIELDWORK_WRITE, engagementId);
        Ingested in = ingest(user, s, metadata, filename, content);
        UUID id = UUID.randomUUID();
        Instant now = now();
        tx.executeWithoutResult(t -> {
            repo.insertPopulation(s, id, user.label(), now);
            VersionRow v = new VersionRow(UUID.randomUUID(), id, 1, in.metadata(), in.facts(), user.userId(),
                    user.label(), now, false, 0);
            repo.insertVersion(s, v, now);
            activity.record(user, POPULATION, id, "imported", null, audit(v));
        });
        return load(user, s, id);
    }

    /** Imports a re-extraction as the next version of a population. */
    public PopulationVersion importVersion(CurrentUser user, UUID engagementId, UUID populationId,
            PopulationMetadata metadata, String filename, InputStream content) {
        Scope s = scope(user, Permission.FIELDWORK_WRITE, engagementId);
        populationRow(s, populationId);
        Ingested in = ingest(user, s, metadata, filename, content);
        Instant now = now();
        int number = tx.execute(t -> {
            PopulationRow p = populationRow(s, populationId);
            if (!repo.advance(s, populationId, p.latestVersion())) {
                throw ApiProblem.conflict("Another version of this population was imported at the same time; reload "
                        + "and import again");
            }
            VersionRow v = new VersionRow(UUID.randomUUID(), populationId, p.latestVersion() + 1, in.metadata(),
                    in.facts(), user.userId(), user.label(), now, false, 0);
            repo.insertVersion(s, v, now);
            activity.record(user, POPULATION, populationId, "version-imported", null, audit(v));
            return v.number();
        });
        return version(user, engagementId, populationId, number);
    }

    /**
     * Replaces the completeness-and-accuracy record of an unsampled version (the file stays). A
     * sampled version is immutable (409 saying why); a stale {@code version} is a 409. A blank
     * {@code format} keeps the current one.
     */
    public PopulationVersion updateVersion(CurrentUser user, UUID engagementId, UUID populationId, int number,
            PopulationMetadata metadata, long version) {
        Scope s = scope(user, Permission.FIELDWORK_WRITE, engagementId);
        VersionRow before = versionRow(s, populationId, number);
        requireUnsampled(before);
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Population version " + number, version, before.version());
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> ids = resolveControls(s, metadata == null ? List.of() : metadata.controls(), errors);
        PopulationMetadata given = withControls(metadata, ids);
        if (given != null && (given.format() == null || given.format().isBlank())) {
            given = new PopulationMetadata(given.name(), given.controls(), given.sourceSystem(), given.query(),
                    given.queryParameters(), given.extractedBy(), given.extractedAt(), given.periodFrom(),
                    given.periodTo(), given.keyColumn(), given.dateColumn(), before.metadata().format());
        }
        PopulationRules.Checked c = PopulationRules.check(given, before.file().filename(), false, now(), errors);
        FileFacts facts = before.file();
        PopulationMetadata old = before.metadata();
        if (!java.util.Objects.equals(old.keyColumn(), c.metadata().keyColumn())
                || !java.util.Objects.equals(old.dateColumn(), c.metadata().dateColumn())
                || !old.format().equals(c.metadata().format())) {
            facts = scan(user, storedFile(before), c, before.file().filename(), before.file().sha256(),
                    before.file().sizeBytes());
        }
        FileFacts after = facts;
        Instant now = now();
        tx.executeWithoutResult(t -> {
            if (!repo.updateVersion(s, before.id(), version, c.metadata(), after, now)) {
                VersionRow current = versionRow(s, populationId, number);
                requireUnsampled(current);
                throw ApiProblem.staleVersion("Population version " + number, version, current.version());
            }
            activity.record(user, POPULATION, populationId, "version-updated", audit(before),
                    audit(repo.versionById(s, before.id()).orElseThrow()));
        });
        return version(user, engagementId, populationId, number);
    }

    // ---------------------------------------------------------------- samples (write)

    /**
     * Selects a sample from a stored population version with {@link SampleSelector}; the version
     * becomes immutable. The result is what {@code assayer sample select} gives for the downloaded
     * file with the same options.
     */
    public SampleDetail select(CurrentUser user, UUID engagementId, UUID populationId, int number,
            SampleRequest request) {
        Scope s = scope(user, Permission.FIELDWORK_WRITE, engagementId);
        VersionRow v = versionRow(s, populationId, number);
        SampleRules.Checked c = SampleRules.check(request, v.file().rows(), v.metadata().dateColumn(),
                v.file().unparseableDates());
        Selection selection = run(v, c.request(), c.spread());
        UUID id = UUID.randomUUID();
        Instant now = now();
        SampleRow row = new SampleRow(id, populationId, v.id(), v.number(), v.file().sha256(), selection.method(),
                selection.seed(), selection.size(), selection.size(), selection.spreadByDate(),
                selection.justification(), SelectionJson.write(selection), user.userId(), user.label(), now, 0);
        tx.executeWithoutResult(t -> {
            repo.insertSample(s, row);
            repo.markSampled(s, v.id(), now);
            activity.record(user, SAMPLE, id, "selected", null, auditSample(row, selection));
        });
        return detail(s, sampleRow(s, id));
    }

    /**
     * Extends a random sample after a deviation by {@code additional} items: the same draw stream
     * continued, so every item already selected stays as it was and the new items are marked as
     * extension items. {@code reason} (why, e.g. the deviation found) is required and recorded.
     */
    public SampleDetail extend(CurrentUser user, UUID sampleId, int additional, String reason) {
        Scope s = scope(user, Permission.FIELDWORK_WRITE, null);
        SampleRow r = sampleRow(s, sampleId);
        VersionRow v = repo.versionById(s, r.versionId()).orElseThrow(() -> ApiProblem.notFound("Sample " + sampleId));
        List<FieldError> errors = new ArrayList<>();
        long room = Math.min(v.file().rows(), SampleRules.MAX_SIZE) - r.size();
        if (additional < 1) {
            errors.add(new FieldError("additional", "must be at least 1"));
        } else if (additional > room) {
            errors.add(new FieldError("additional", "at most " + Math.max(room, 0) + " more items can be added (the "
                    + "population has " + v.file().rows() + " rows; the sample has " + r.size() + ")"));
        }
        String why = reason == null ? null : reason.strip();
        if (why == null || why.isEmpty()) {
            errors.add(new FieldError("reason", "is required: why the sample is extended (e.g. the deviation found)"));
        } else if (why.length() > 4000) {
            errors.add(new FieldError("reason", "is longer than 4000 characters"));
        }
        if (!"random".equals(r.method())) {
            throw ApiProblem.conflict("Only a random sample can be extended: a systematic sample of another size is a "
                    + "different sample (its interval changes); select a new sample instead");
        }
        if (!errors.isEmpty()) {
            throw PopulationRules.problem(errors);
        }
        Selection before = SelectionDocument.parse(r.selectionJson());
        int size = r.size() + additional;
        Selection after = run(v, new SampleSelector.Request(SampleSelector.Method.RANDOM, size, before.seed(),
                before.chosen().stream().map(Selection.Item::row).toList(), before.justification()),
                before.spreadByDate() != null);
        String lost = SampleRules.lostItem(before, after);
        if (lost != null) {
            throw new IllegalStateException("extending sample " + sampleId + " would change earlier items: " + lost);
        }
        Instant now = now();
        tx.executeWithoutResult(t -> {
            if (!repo.extendSample(s, sampleId, r.version(), size, SelectionJson.write(after))) {
                long current = repo.sample(s, sampleId).map(SampleRow::version).orElse(r.version());
                throw ApiProblem.staleVersion("Sample " + sampleId, r.version(), current);
            }
            repo.insertExtension(s, sampleId, r.size(), size, why, user.userId(), user.label(), now);
            activity.record(user, SAMPLE, sampleId, "extended", Map.of("size", r.size()),
                    Map.of("size", size, "reason", why, "added", after.items().stream()
                            .filter(i -> i.draw() > r.size()).map(Selection.Item::row).toList()));
        });
        return detail(s, sampleRow(s, sampleId));
    }

    /**
     * Re-derives a stored sample from the stored population file, as {@code assayer sample verify}
     * does, and names the first difference. Changes nothing.
     */
    public SampleVerification verify(CurrentUser user, UUID sampleId) {
        Scope s = scope(user, Permission.FIELDWORK_READ, null);
        SampleRow r = sampleRow(s, sampleId);
        VersionRow v = repo.versionById(s, r.versionId()).orElseThrow(() -> ApiProblem.notFound("Sample " + sampleId));
        Instant now = now();
        Selection recorded = SelectionDocument.parse(r.selectionJson());
        if (!recorded.sha256().equals(v.file().sha256()) || !r.sha256().equals(v.file().sha256())) {
            return new SampleVerification(false, "the selection was made from sha256 " + recorded.sha256()
                    + " but population version " + v.number() + " records sha256 " + v.file().sha256(), r.sha256(), now);
        }
        Path file = store.path(v.file().sha256());
        String name = PopulationRules.downloadName(v.file().filename(), v.metadata().format());
        if (!Files.isRegularFile(file)) {
            return new SampleVerification(false, "the stored population file " + name + " (sha256 " + v.file().sha256()
                    + ") is missing", r.sha256(), now);
        }
        try {
            SelectionVerifier.Result result = SelectionVerifier.verify(file, recorded);
            String difference = result.difference() == null ? null : result.difference().replace(file.toString(), name);
            return new SampleVerification(result.matches(), difference, r.sha256(), now);
        } catch (PopulationException e) {
            return new SampleVerification(false, String.valueOf(e.getMessage()).replace(file.toString(), name),
                    r.sha256(), now);
        } catch (IllegalArgumentException e) {
            return new SampleVerification(false, "the selection cannot be re-derived from the stored file: "
                    + e.getMessage(), r.sha256(), now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same as {@link #extend(CurrentUser, UUID, int, String)} after checking the engagement. */
    public SampleDetail extend(CurrentUser user, UUID engagementId, UUID sampleId, int additional, String reason) {
        scope(user, Permission.FIELDWORK_WRITE, engagementId);
        return extend(user, sampleId, additional, reason);
    }

    /** The same as {@link #verify(CurrentUser, UUID)} after checking the engagement. */
    public SampleVerification verify(CurrentUser user, UUID engagementId, UUID sampleId) {
        scope(user, Permission.FIELDWORK_READ, engagementId);
        return verify(user, sampleId);
    }

    // ---------------------------------------------------------------- internals

    /** The auditor's scope; 403 without the permission, 404 outside an engagement or in another one. */
    private static Scope scope(CurrentUser user, Permission permission, UUID engagementId) {
        user.require(permission);
        EngagementScope es = user.scope();
        if (es == null || (engagementId != null && !es.engagementId().equals(engagementId))) {
            throw ApiProblem.notFound("Engagement " + (engagementId == null ? "" : engagementId));
        }
        return new Scope(user.orgId(), es.engagementId(), es.firmId());
    }

    private record Ingested(PopulationMetadata metadata, FileFacts facts) {
    }

    /** Checks the metadata, streams the file aside while hashing, reads it once, then publishes it. */
    private Ingested ingest(CurrentUser user, Scope s, PopulationMetadata metadata, String filename,
            InputStream content) {
        List<FieldError> errors = new ArrayList<>();
        List<String> ids = resolveControls(s, metadata == null ? List.of() : metadata.controls(), errors);
        String name = content == null ? null : PopulationRules.cleanFilename(filename);
        PopulationRules.Checked c = PopulationRules.check(withControls(metadata, ids), name, true, now(), errors);
        try (PopulationStore.Staged staged = store.stage(content)) {
            FileFacts facts = scan(user, staged.file(), c, name, staged.sha256(), staged.size());
            staged.commit();
            return new Ingested(c.metadata(), facts);
        } catch (PopulationStore.UploadReadException e) {
            throw ApiProblem.invalidField("file", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one streaming pass over the file: rows, keys, and each row's date against the engagement period. */
    private FileFacts scan(CurrentUser user, Path file, PopulationRules.Checked c, String filename, String sha256,
            long size) {
        EngagementScope es = user.scope();
        PopulationRules.PeriodCheck period = new PopulationRules.PeriodCheck(es.periodStart(), es.periodEnd());
        String dateColumn = c.metadata().dateColumn();
        PopulationRows.Visitor visitor = dateColumn == null ? (row, line, key, date) -> {
        } : period;
        try {
            long rows = PopulationRows.scan(file, c.format(), c.metadata().keyColumn(), dateColumn, visitor);
            return new FileFacts(filename, size, rows, sha256, period.firstDate(), period.lastDate(),
                    period.outOfPeriod(), period.unparseable(), period.flags());
        } catch (PopulationException e) {
            throw PopulationRules.fileProblem(e, file, filename);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Selects with {@link SampleSelector} from the stored file of a version. */
    private Selection run(VersionRow v, SampleSelector.Request request, boolean spread) {
        Path file = storedFile(v);
        String name = PopulationRules.downloadName(v.file().filename(), v.metadata().format());
        Population.Format format = "jsonl".equals(v.metadata().format()) ? Population.Format.JSONL
                : Population.Format.CSV;
        try {
            Population pop = Population.scan(file, format, v.metadata().keyColumn(),
                    spread ? v.metadata().dateColumn() : null);
            if (!pop.sha256().equals(v.file().sha256())) {
                throw ApiProblem.conflict("The stored file of population version " + v.number() + " no longer has the "
                        + "SHA-256 recorded at import (" + v.file().sha256() + "); nothing was selected");
            }
            return SampleSelector.select(pop, request);
        } catch (PopulationException e) {
            ApiProblem p = PopulationRules.fileProblem(e, file, name);
            throw spread ? ApiProblem.invalidField("spreadByQuarter", p.getMessage()) : p;
        } catch (IllegalArgumentException e) {
            throw SampleRules.selectorProblem(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path storedFile(VersionRow v) {
        Path path = store.path(v.file().sha256());
        if (!Files.isRegularFile(path)) {
            throw ApiProblem.conflict("The stored file of population version " + v.number() + " (sha256 "
                    + v.file().sha256() + ") is missing from the data directory");
        }
        return path;
    }

    private List<String> resolveControls(Scope s, List<String> given, List<FieldError> errors) {
        List<String> ids = new ArrayList<>();
        for (String ref : given) {
            if (ref == null || ref.isBlank()) {
                continue;
            }
            Optional<UUID> id = controls.resolve(s.orgId(), ref.strip());
            if (id.isEmpty()) {
                errors.add(new FieldError("controls", "unknown control '" + ref.strip() + "'"));
            } else if (!ids.contains(id.get().toString())) {
                ids.add(id.get().toString());
            }
        }
        return ids;
    }

    private static PopulationMetadata withControls(PopulationMetadata m, List<String> ids) {
        if (m == null) {
            return null;
        }
        return new PopulationMetadata(m.name(), ids, m.sourceSystem(), m.query(), m.queryParameters(), m.extractedBy(),
                m.extractedAt(), m.periodFrom(), m.periodTo(), m.keyColumn(), m.dateColumn(), m.format());
    }

    private static void requireUnsampled(VersionRow v) {
        if (v.sampled()) {
            throw ApiProblem.conflict("Population version " + v.number() + " has been sampled and is immutable: its "
                    + "record cannot change once a sample was drawn from it; import a re-extraction as version "
                    + (v.number() + 1) + " instead");
        }
    }

    private PopulationRow populationRow(Scope s, UUID id) {
        return repo.population(s, id).orElseThrow(() -> ApiProblem.notFound("Population " + id));
    }

    private VersionRow versionRow(Scope s, UUID populationId, int number) {
        return repo.version(s, populationId, number)
                .orElseThrow(() -> ApiProblem.notFound("Population " + populationId + " version " + number));
    }

    private SampleRow sampleRow(Scope s, UUID id) {
        return repo.sample(s, id).orElseThrow(() -> ApiProblem.notFound("Sample " + id));
    }

    private PopulationRecord load(CurrentUser user, Scope s, UUID id) {
        PopulationRow p = populationRow(s, id);
        Map<UUID, String> refs = controls.refs(s.orgId());
        Map<UUID, Integer> counts = repo.sampleCounts(s);
        List<PopulationVersion> versions = repo.versions(s, id).stream().map(v -> toVersion(user, v, refs, counts))
                .toList();
        return record(s, p, versions, repo.samples(s, id).stream().map(r -> toSample(s, r)).toList());
    }

    private static PopulationRecord record(Scope s, PopulationRow p, List<PopulationVersion> versions,
            List<Sample> samples) {
        return new PopulationRecord(p.id(), s.engagementId(), versions.getFirst().name(), p.latestVersion(),
                p.createdBy(), p.createdAt(), versions, samples);
    }

    private PopulationVersion toVersion(CurrentUser user, VersionRow v, Map<UUID, String> refs,
            Map<UUID, Integer> counts) {
        PopulationMetadata m = v.metadata();
        FileFacts f = v.file();
        List<UUID> ids = m.controls().stream().map(UUID::fromString).toList();
        List<String> controlRefs = ids.stream().map(i -> refs.getOrDefault(i, "(removed control)")).toList();
        PopulationVersion plain = new PopulationVersion(v.id(), v.populationId(), user.scope().engagementId(),
                v.number(), m.name(), ids, controlRefs, m.sourceSystem(), m.query(), m.queryParameters(),
                m.extractedBy(), m.extractedAt(), m.periodFrom(), m.periodTo(), m.keyColumn(), m.dateColumn(),
                m.format(), f.filename(), f.sizeBytes(), f.rows(), f.sha256(), f.firstDate(), f.lastDate(),
                f.outOfPeriod(), f.unparseableDates(), f.flags(), v.uploadedBy(), v.uploadedAt(), v.sampled(),
                counts.getOrDefault(v.id(), 0), v.version(), List.of());
        List<String> warnings = PopulationRules.warnings(plain, user.scope().periodStart(), user.scope().periodEnd());
        return new PopulationVersion(plain.id(), plain.populationId(), plain.engagementId(), plain.number(),
                plain.name(), plain.controlIds(), plain.controlRefs(), plain.sourceSystem(), plain.query(),
                plain.queryParameters(), plain.extractedBy(), plain.extractedAt(), plain.periodFrom(), plain.periodTo(),
                plain.keyColumn(), plain.dateColumn(), plain.format(), plain.filename(), plain.sizeBytes(),
                plain.rows(), plain.sha256(), plain.firstDate(), plain.lastDate(), plain.outOfPeriod(),
                plain.unparseableDates(), plain.flags(), plain.uploadedBy(), plain.uploadedAt(), plain.sampled(),
                plain.samples(), plain.version(), warnings);
    }

    private static Sample toSample(Scope s, SampleRow r) {
        Selection sel = SelectionDocument.parse(r.selectionJson());
        return new Sample(r.id(), s.engagementId(), r.populationId(), r.populationNumber(), r.sha256(), r.method(),
                r.seed(), r.size(), SampleRules.items(sel, r.originalSize()), r.justification(), r.selectedBy(),
                r.selectedAt());
    }

    private SampleDetail detail(Scope s, SampleRow r) {
        Selection sel = SelectionDocument.parse(r.selectionJson());
        VersionRow v = repo.versionById(s, r.versionId()).orElseThrow(() -> ApiProblem.notFound("Sample " + r.id()));
        String filename = PopulationRules.downloadName(v.file().filename(), v.metadata().format());
        return new SampleDetail(toSample(s, r), v.metadata().name(), filename, sel.populationRows(), sel.keyColumn(),
                sel.spreadByDate(), r.originalSize(), repo.extensions(s, r.id()), r.selectionJson(),
                SampleRules.command(filename, sel));
    }

    /** What the activity log keeps of a version: the record without the flagged rows. */
    private static Map<String, Object> audit(VersionRow v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.number());
        m.put("metadata", v.metadata());
        m.put("filename", v.file().filename());
        m.put("sha256", v.file().sha256());
        m.put("rows", v.file().rows());
        m.put("outOfPeriod", v.file().outOfPeriod());
        m.put("unparseableDates", v.file().unparseableDates());
        return m;
    }

    private static Map<String, Object> auditSample(SampleRow r, Selection s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("populationVersion", r.populationNumber());
        m.put("sha256", r.sha256());
        m.put("method", r.method());
        m.put("seed", r.seed());
        m.put("size", r.size());
        m.put("spreadBy", r.spreadBy());
        m.put("rows", s.items().stream().map(Selection.Item::row).toList());
        m.put("chosen", s.chosen().stream().map(Selection.Item::row).toList());
        m.put("justification", r.justification());
        return m;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
