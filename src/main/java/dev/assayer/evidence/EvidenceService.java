package dev.assayer.evidence;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.evidence.internal.BlobStore;
import dev.assayer.evidence.internal.EvidenceRepository;
import dev.assayer.evidence.internal.EvidenceRepository.Row;
import dev.assayer.evidence.internal.MetadataRules;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The evidence vault. Files are streamed into the {@link BlobStore} (hashed on the way, stored once
 * per SHA-256, read-only) and then recorded; links are recorded without bytes. Items are never
 * deleted: they are withdrawn with a reason. Every change is written to the activity log in the
 * same transaction.
 */
@Service
public class EvidenceService {

    private static final Logger log = LoggerFactory.getLogger(EvidenceService.class);
    private static final String ENTITY = "evidence";
    private static final int LOCK_STRIPES = 64;

    private final EvidenceRepository repo;
    private final BlobStore blobs;
    private final ControlService controls;
    private final ActivityLog activity;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final long maxUploadBytes;
    /** Serializes, per hash, publishing a blob with deciding to remove it after a rollback. */
    private final ReentrantLock[] blobLocks = new ReentrantLock[LOCK_STRIPES];
    /** Hashes published for transactions that have not completed yet, with how many (guarded by blobLocks). */
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    /** For the check after a rollback, which must not join the finished transaction. */
    private final TransactionTemplate separate;

    public EvidenceService(EvidenceRepository repo, BlobStore blobs, ControlService controls, ActivityLog activity,
            TransactionTemplate tx, Optional<Clock> clock,
            @Value("${assayer.evidence.max-upload-size:512MB}") DataSize maxUpload) {
        this.repo = repo;
        this.blobs = blobs;
        this.controls = controls;
        this.activity = activity;
        this.tx = tx;
        this.separate = new TransactionTemplate(tx.getTransactionManager());
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock.orElse(Clock.systemUTC());
        this.maxUploadBytes = maxUpload.toBytes();
        for (int i = 0; i < LOCK_STRIPES; i++) {
            blobLocks[i] = new ReentrantLock();
        }
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    // ---- reading -----------------------------------------------------------------------------

    /**
     * Per control of the organization, how its evidence stands against a window: see
     * {@link EvidenceTally}. An item is withdrawn if so marked; else expired if its renewal date is
     * before {@code referenceDate}; else inside the window if its effective date is within
     * [{@code windowStart}, {@code windowEnd}] or its covered period overlaps it (with
     * {@code windowStart} null, a Type I "as of" window: anything effective, or whose period began,
     * on or before {@code windowEnd}); else outside the window. Every control of the organization
     * has an entry ({@link EvidenceTally#NONE} when it has no evidence). Two aggregate queries.
     */
    @Transactional(readOnly = true)
    public Map<UUID, EvidenceTally> tally(UUID orgId, LocalDate windowStart, LocalDate windowEnd,
            LocalDate referenceDate) {
        if (windowEnd == null || referenceDate == null) {
            throw new IllegalArgumentException("windowEnd and referenceDate are required");
        }
        Map<UUID, EvidenceTally> found = repo.tally(orgId, windowStart, windowEnd, referenceDate);
        Map<UUID, EvidenceTally> out = new LinkedHashMap<>();
        for (UUID control : controls.refs(orgId).keySet()) {
            out.put(control, found.getOrDefault(control, EvidenceTally.NONE));
        }
        found.forEach(out::putIfAbsent);
        return out;
    }

    @Transactional(readOnly = true)
    public EvidenceItem get(CurrentUser user, UUID id) {
        user.require(Permission.EVIDENCE_READ);
        return withControls(user.orgId(), List.of(row(user, id))).getFirst();
    }

    @Transactional(readOnly = true)
    public List<EvidenceItem> list(CurrentUser user, EvidenceFilter filter) {
        user.require(Permission.EVIDENCE_READ);
        EvidenceFilter f = filter == null ? EvidenceFilter.all() : filter;
        return withControls(user.orgId(), inScope(user,
                repo.list(user.orgId(), f, f.renewalDueBefore(), false, f.effectiveLimit())));
    }

    /**
     * Hands every evidence item with {@code status} (any when null) the user may see to {@code sink},
     * oldest upload first, reading a page at a time (for exports that must not stop at a list limit).
     */
    @Transactional(readOnly = true)
    public void forEach(CurrentUser user, EvidenceStatus status, java.util.function.Consumer<EvidenceItem> sink) {
        user.require(Permission.EVIDENCE_READ);
        java.time.Instant after = null;
        UUID afterId = null;
        while (true) {
            List<Row> page = repo.pageByUpload(user.orgId(), status, after, afterId, PAGE);
            if (page.isEmpty()) {
                return;
            }
            withControls(user.orgId(), inScope(user, page)).forEach(sink);
            Row last = page.getLast();
            after = last.uploadedAt();
            afterId = last.id();
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private static final int PAGE = 500;

    /**
     * An audit firm's user inside a client engagement sees only the evidence effective in the
     * engagement's period (or on its as-of date); members see all of their organization's.
     */
    private static boolean visible(CurrentUser user, Row r) {
        if (user.scope() == null) {
            return true;
        }
        return r.effectiveDate() != null ? user.scope().overlaps(r.effectiveDate(), null)
                : user.scope().overlaps(r.periodStart(), r.periodEnd());
    }

    private static List<Row> inScope(CurrentUser user, List<Row> rows) {
        return user.scope() == null ? rows : rows.stream().filter(r -> visible(user, r)).toList();
    }

    @Transactional(readOnly = true)
    public List<EvidenceItem> forControl(CurrentUser user, UUID controlId) {
        return list(user, new EvidenceFilter(controlId, null, null, null, 1000));
    }

    /** Active items whose renewal date is before {@code before}, soonest first. */
    @Transactional(readOnly = true)
    public List<EvidenceItem> renewalsDue(CurrentUser user, LocalDate before) {
        user.require(Permission.EVIDENCE_READ);
        LocalDate b = before == null ? today() : before;
        return withControls(user.orgId(), inScope(user, repo.list(user.orgId(), EvidenceFilter.all(), b, true, 1000)));
    }

    /** The stored bytes of a FILE item (EVIDENCE_CONTENT_READ); 404 for links. */
    @Transactional(readOnly = true)
    public EvidenceContent content(CurrentUser user, UUID id) {
        user.require(Permission.EVIDENCE_CONTENT_READ);
        EvidenceItem item = withControls(user.orgId(), List.of(row(user, id))).getFirst();
        if (item.kind() != EvidenceKind.FILE) {
            throw new ApiProblem(404, "Not found",
                    "Evidence " + id + " is a link (" + item.url() + "); it has no stored content", List.of());
        }
        String sha = item.sha256();
        return new EvidenceContent(item, () -> blobs.open(sha));
    }

    /** Resolves control ids or refs within the organization; unknown values → 400 naming them. */
    @Transactional(readOnly = true)
    public List<UUID> resolveControls(UUID orgId, List<String> idsOrRefs) {
        List<FieldError> errors = new ArrayList<>();
        List<UUID> ids = resolve(orgId, idsOrRefs, errors);
        MetadataRules.throwIfAny(errors);
        return ids;
    }

    /** Control id → ref of the organization, sorted by ref (for pickers). */
    @Transactional(readOnly = true)
    public List<ControlRef> controlChoices(UUID orgId) {
        return controls.refs(orgId).entrySet().stream().map(e -> new ControlRef(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(ControlRef::ref, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    // ---- writing -----------------------------------------------------------------------------

    /**
     * Streams {@code content} into the vault and records it. Metadata is validated (and controls
     * resolved) before a byte is read. If the content cannot be read completely, or the record
     * cannot be saved, nothing is left behind: no row, no temporary file, and no blob unless another
     * item already refers to the same bytes. Inside a caller's transaction the record is saved in
     * it, and a blob stored for it is removed again if that transaction rolls back (see
     * {@link #upload(CurrentUser, EvidenceMetadata, String, String, StagedContent)}).
     */
    public EvidenceItem upload(CurrentUser user, EvidenceMetadata metadata, String filename, String contentType,
            InputStream content) {
        user.require(Permission.EVIDENCE_UPLOAD);
        Checked m = check(user, metadata);
        if (content == null) {
            throw ApiProblem.invalidField("file", "is required");
        }
        String name = MetadataRules.filename(filename);
        String type = MetadataRules.contentType(contentType);
        try (StagedContent staged = new StagedContent(blobs.tee(content, maxUploadBytes))) {
            staged.finish();
            return record(user, m, name, type, staged.staged());
        } catch (IOException e) {
            throw new UncheckedIOException("could not store evidence content", e);
        }
    }

    /**
     * Starts staging an upload that the caller reads itself while it is stored (one pass: e.g. a
     * monitoring import parses the file as it is hashed and staged); file it with
     * {@link #upload(CurrentUser, EvidenceMetadata, String, String, StagedContent)}, and close it in
     * any case. Nothing is read yet.
     */
    public StagedContent stage(CurrentUser user, InputStream content) {
        user.require(Permission.EVIDENCE_UPLOAD);
        if (content == null) {
            throw ApiProblem.invalidField("file", "is required");
        }
        try {
            return new StagedContent(blobs.tee(content, maxUploadBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("could not stage evidence content", e);
        }
    }

    /**
     * Records staged content (finishing it first) without reading it again. The blob is published
     * under its hash and the row saved in the current transaction (joined, or a new one); when that
     * transaction rolls back, the blob is removed again unless another evidence item refers to the
     * same bytes or another upload of them is still in flight in this process.
     */
    public EvidenceItem upload(CurrentUser user, EvidenceMetadata metadata, String filename, String contentType,
            StagedContent content) {
        user.require(Permission.EVIDENCE_UPLOAD);
        Checked m = check(user, metadata);
        if (content == null) {
            throw ApiProblem.invalidField("file", "is required");
        }
        content.finish();
        return record(user, m, MetadataRules.filename(filename), MetadataRules.contentType(contentType),
                content.staged());
    }

    static ApiProblem tooLarge(long maxBytes) {
        return new ApiProblem(413, "Upload too large", "The upload exceeds the size limit of "
                + DataSize.ofBytes(maxBytes).toMegabytes() + " MB (assayer.evidence.max-upload-size); nothing was stored",
                List.of(new FieldError("file", "larger than the limit")));
    }

    static ApiProblem interrupted() {
        return new ApiProblem(400, "Upload interrupted",
                "The file could not be read completely (the upload was interrupted?); nothing was stored",
                List.of(new FieldError("file", "incomplete")));
    }

    private EvidenceItem record(CurrentUser user, Checked m, String name, String type, BlobStore.Staged staged) {
        return tx.execute(s -> {
            publish(staged);
            return insert(user, m, EvidenceKind.FILE, null, name, type, staged.size(), staged.sha256());
        });
    }

    /**
     * Publishes the blob and ties it to the current transaction: until that transaction completes
     * the hash counts as in flight; if it rolls back and nothing refers to the bytes, they are removed.
     */
    private void publish(BlobStore.Staged staged) {
        String sha = staged.sha256();
        ReentrantLock lock = lockFor(sha);
        lock.lock();
        try {
            staged.commit();
            inFlight.merge(sha, 1, Integer::sum);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store evidence content", e);
        } finally {
            lock.unlock();
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                completed(sha, status == STATUS_ROLLED_BACK);
            }
        });
    }

    private void completed(String sha256, boolean rolledBack) {
        ReentrantLock lock = lockFor(sha256);
        lock.lock();
        try {
            Integer left = inFlight.compute(sha256, (k, v) -> v == null || v <= 1 ? null : v - 1);
            if (rolledBack && left == null) {
                removeUnreferenced(sha256);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Records a link to evidence kept elsewhere: no bytes are stored. */
    @Transactional
    public EvidenceItem recordLink(CurrentUser user, EvidenceMetadata metadata, String url) {
        user.require(Permission.EVIDENCE_UPLOAD);
        List<FieldError> errors = new ArrayList<>();
        String u = MetadataRules.url("url", url, errors);
        Checked m = check(user, metadata, errors);
        return insert(user, m, EvidenceKind.LINK, u, null, null, null, null);
    }

    /**
     * Replaces the editable metadata (title, description, controls, dates, renewal) of an active
     * item, if {@code version} is current. A change to anything but the renewal date clears an
     * earlier review: the reviewer signed off on what the item said then.
     */
    @Transactional
    public EvidenceItem update(CurrentUser user, UUID id, EvidenceMetadata metadata, long version) {
        user.require(Permission.EVIDENCE_UPLOAD);
        Row before = lockedRow(user, id);
        if (before.status() == EvidenceStatus.WITHDRAWN) {
            throw ApiProblem.conflict("Evidence " + id + " was withdrawn; withdrawn evidence cannot be edited");
        }
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Evidence " + id, version, before.version());
        }
        EvidenceItem old = withControls(user.orgId(), List.of(before)).getFirst();
        Checked m = check(user, metadata);
        boolean substantive = !java.util.Objects.equals(old.title(), m.title)
                || !java.util.Objects.equals(old.description(), m.description)
                || !java.util.Objects.equals(old.effectiveDate(), m.metadata.effectiveDate())
                || !java.util.Objects.equals(old.periodStart(), m.metadata.periodStart())
                || !java.util.Objects.equals(old.periodEnd(), m.metadata.periodEnd())
                || !Set.copyOf(old.controls().stream().map(ControlRef::id).toList()).equals(Set.copyOf(m.controlIds));
        boolean clearReview = substantive && old.reviewed();
        int n = repo.updateMetadata(user.orgId(), id, version, m.title, m.description, m.metadata.effectiveDate(),
                m.metadata.periodStart(), m.metadata.periodEnd(), m.metadata.renewalDate(), clearReview);
        if (n == 0) {
            throw ApiProblem.staleVersion("Evidence " + id, version, repo.find(user.orgId(), id).map(Row::version)
                    .orElse(version));
        }
        Row updated = repo.find(user.orgId(), id).orElseThrow();
        repo.replaceControls(updated, m.controlIds);
        EvidenceItem after = withControls(user.orgId(), List.of(updated)).getFirst();
        activity.record(user, ENTITY, id, "updated", snapshot(old), snapshot(after));
        return after;
    }

    /**
     * Reviewer sign-off (EVIDENCE_REVIEW). The reviewer must not be the uploader (segregation of
     * duties); withdrawn or already reviewed items cannot be signed off.
     */
    @Transactional
    public EvidenceItem review(CurrentUser user, UUID id, String note) {
        user.require(Permission.EVIDENCE_REVIEW);
        Row r = lockedRow(user, id);
        if (r.uploadedBy().equals(user.userId())) {
            throw ApiProblem.forbidden("You uploaded this evidence, so you may not review it: "
                    + "the sign-off must come from someone other than the uploader");
        }
        if (r.status() == EvidenceStatus.WITHDRAWN) {
            throw ApiProblem.conflict("Evidence " + id + " was withdrawn; it cannot be reviewed");
        }
        if (r.reviewedAt() != null) {
            throw ApiProblem.conflict("Evidence " + id + " was already reviewed by " + r.reviewedByLabel() + " on "
                    + r.reviewedAt());
        }
        String n = MetadataRules.blankToNull(note);
        if (n != null && n.length() > MetadataRules.NOTE_MAX) {
            throw ApiProblem.invalidField("note", "must be at most " + MetadataRules.NOTE_MAX + " characters");
        }
        EvidenceItem before = withControls(user.orgId(), List.of(r)).getFirst();
        repo.review(user.orgId(), id, r.version(), user.userId(), user.label(), now(), n);
        EvidenceItem after = withControls(user.orgId(), List.of(row(user, id))).getFirst();
        activity.record(user, ENTITY, id, "reviewed", snapshot(before), snapshot(after));
        return after;
    }

    /** Withdraws an item (EVIDENCE_WITHDRAW) with a required reason. The item and its bytes stay. */
    @Transactional
    public EvidenceItem withdraw(CurrentUser user, UUID id, String reason) {
        user.require(Permission.EVIDENCE_WITHDRAW);
        Row r = lockedRow(user, id);
        String why = MetadataRules.blankToNull(reason);
        if (why == null) {
            throw ApiProblem.invalidField("reason", "is required: say why the evidence is withdrawn");
        }
        if (why.length() > MetadataRules.NOTE_MAX) {
            throw ApiProblem.invalidField("reason", "must be at most " + MetadataRules.NOTE_MAX + " characters");
        }
        if (r.status() == EvidenceStatus.WITHDRAWN) {
            throw ApiProblem.conflict("Evidence " + id + " was already withdrawn by " + r.withdrawnByLabel() + " on "
                    + r.withdrawnAt());
        }
        EvidenceItem before = withControls(user.orgId(), List.of(r)).getFirst();
        repo.withdraw(user.orgId(), id, r.version(), user.userId(), user.label(), now(), why);
        EvidenceItem after = withControls(user.orgId(), List.of(row(user, id))).getFirst();
        activity.record(user, ENTITY, id, "withdrawn", snapshot(before), snapshot(after));
        return after;
    }

    // ---- internals ---------------------------------------------------------------------------

    private record Checked(EvidenceMetadata metadata, String title, String description, List<UUID> controlIds,
            String collectedBy, CollectionMethod method, String sourceSystem) {
    }

    private Checked check(CurrentUser user, EvidenceMetadata metadata) {
        return check(user, metadata, new ArrayList<>());
    }

    /** Validates everything and resolves the controls; throws one 400 listing every problem. */
    private Checked check(CurrentUser user, EvidenceMetadata metadata, List<FieldError> errors) {
        if (metadata == null) {
            errors.add(new FieldError("metadata", "is required"));
            MetadataRules.throwIfAny(errors);
        }
        MetadataRules.check(metadata, errors);
        List<UUID> ids = resolve(user.orgId(), metadata.controls(), errors);
        MetadataRules.throwIfAny(errors);
        String collectedBy = MetadataRules.blankToNull(metadata.collectedBy());
        return new Checked(metadata, metadata.title().strip(), MetadataRules.blankToNull(metadata.description()), ids,
                collectedBy == null ? user.label() : collectedBy,
                metadata.collectionMethod() == null ? CollectionMethod.MANUAL_UPLOAD : metadata.collectionMethod(),
                MetadataRules.blankToNull(metadata.sourceSystem()));
    }

    private List<UUID> resolve(UUID orgId, List<String> values, List<FieldError> errors) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i) == null ? "" : values.get(i).strip();
            if (v.isEmpty()) {
                continue;
            }
            Optional<UUID> id = controls.resolve(orgId, v);
            if (id.isPresent()) {
                ids.add(id.get());
            } else {
                errors.add(new FieldError("controls[" + i + "]", "unknown control '" + v + "'"));
            }
        }
        return List.copyOf(ids);
    }

    private EvidenceItem insert(CurrentUser user, Checked m, EvidenceKind kind, String url, String filename,
            String contentType, Long size, String sha256) {
        UUID id = UUID.randomUUID();
        EvidenceMetadata md = m.metadata;
        Row row = new Row(id, user.orgId(), kind, m.title, m.description, url, filename, contentType, size, sha256,
                md.effectiveDate(), md.periodStart(), md.periodEnd(), md.renewalDate(), m.collectedBy, m.method,
                m.sourceSystem, user.userId(), user.label(), now(), null, null, null, null, EvidenceStatus.ACTIVE, null,
                null, null, null, 0);
        repo.insert(row);
        repo.replaceControls(row, m.controlIds);
        EvidenceItem item = withControls(user.orgId(), List.of(row)).getFirst();
        activity.record(user, ENTITY, id, kind == EvidenceKind.FILE ? "uploaded" : "linked", null, snapshot(item));
        return item;
    }

    private void removeUnreferenced(String sha256) {
        try {
            Boolean referenced = separate.execute(s -> repo.blobReferenced(sha256));
            if (Boolean.FALSE.equals(referenced) && blobs.deleteFailedWrite(sha256)) {
                log.info("removed blob {}: the transaction that stored it rolled back and nothing refers to it", sha256);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not remove the unreferenced blob {} after a failed save: {}", sha256, e.toString());
        }
    }

    private ReentrantLock lockFor(String sha256) {
        return blobLocks[Integer.parseInt(sha256.substring(0, 4), 16) % LOCK_STRIPES];
    }

    private Row row(CurrentUser user, UUID id) {
        return repo.find(user.orgId(), id).filter(r -> visible(user, r))
                .orElseThrow(() -> ApiProblem.notFound("Evidence " + id));
    }

    private Row lockedRow(CurrentUser user, UUID id) {
        return repo.findForUpdate(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Evidence " + id));
    }

    private List<EvidenceItem> withControls(UUID orgId, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<UUID>> links = repo.controlsOf(orgId, rows.stream().map(Row::id).toList());
        Map<UUID, String> refs = links.isEmpty() ? Map.of() : controls.refs(orgId);
        List<EvidenceItem> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            List<ControlRef> cs = links.getOrDefault(r.id(), List.of()).stream()
                    .map(c -> new ControlRef(c, refs.get(c)))
                    .sorted(Comparator.comparing(c -> c.ref() == null ? "" : c.ref(), String.CASE_INSENSITIVE_ORDER))
                    .toList();
            out.add(r.toItem(cs));
        }
        return out;
    }

    /** What the activity log keeps of an item: its metadata, never its bytes. */
    private static Map<String, Object> snapshot(EvidenceItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", i.kind().name());
        m.put("title", i.title());
        m.put("description", i.description());
        m.put("url", i.url());
        m.put("filename", i.filename());
        m.put("contentType", i.contentType());
        m.put("size", i.size());
        m.put("sha256", i.sha256());
        m.put("controls", i.controls().stream().map(c -> c.ref() == null ? c.id().toString() : c.ref()).toList());
        m.put("effectiveDate", str(i.effectiveDate()));
        m.put("periodStart", str(i.periodStart()));
        m.put("periodEnd", str(i.periodEnd()));
        m.put("renewalDate", str(i.renewalDate()));
        m.put("collectedBy", i.collectedBy());
        m.put("collectionMethod", i.collectionMethod().name());
        m.put("sourceSystem", i.sourceSystem());
        m.put("reviewedBy", i.reviewedByLabel());
        m.put("reviewNote", i.reviewNote());
        m.put("status", i.status().name());
        m.put("withdrawnReason", i.withdrawnReason());
        m.put("version", i.version());
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
