package dev.assayer.control;

import dev.assayer.activity.ActivityLog;
import dev.assayer.catalog.CatalogService;
import dev.assayer.control.internal.ControlCsv;
import dev.assayer.control.internal.ControlRepository;
import dev.assayer.control.internal.ControlRepository.NewControl;
import dev.assayer.control.internal.ControlRules;
import dev.assayer.control.internal.ControlValues;
import dev.assayer.control.internal.ControlYaml;
import dev.assayer.control.internal.ImportRow;
import dev.assayer.control.internal.RawRecord;
import dev.assayer.control.internal.StarterLibrary;
import dev.assayer.control.internal.StarterLibrary.StarterControl;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Instant;
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
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization's control library: listing, editing, mapping to SOC 2 criteria and SOC 1
 * objectives, import/export and the starter library. Every change is written to the activity log
 * in the same transaction.
 */
@Service
public class ControlService {

    /** In an update draft: remove the control's owner (the nil UUID). */
    public static final UUID NO_OWNER = ControlRules.NO_OWNER;
    private static final String ENTITY = "control";
    private static final Logger log = LoggerFactory.getLogger(ControlService.class);

    private final ControlRepository repo;
    private final CatalogService catalog;
    private final IdentityService identity;
    private final ActivityLog activity;

    public ControlService(ControlRepository repo, CatalogService catalog, IdentityService identity,
            ActivityLog activity) {
        this.repo = repo;
        this.catalog = catalog;
        this.identity = identity;
        this.activity = activity;
    }

    // ------------------------------------------------------------------------------------ reading

    @Transactional(readOnly = true)
    public List<Control> list(CurrentUser user, ControlFilter filter) {
        user.require(Permission.CONTROL_READ);
        return withMappings(user.orgId(), repo.find(user.orgId(), filter == null ? ControlFilter.none() : filter));
    }

    @Transactional(readOnly = true)
    public Control get(CurrentUser user, UUID id) {
        user.require(Permission.CONTROL_READ);
        return load(user.orgId(), id);
    }

    /** How many controls the organization has (for empty states). */
    @Transactional(readOnly = true)
    public long count(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return repo.count(user.orgId());
    }

    /** All controls of an organization with their mappings, ordered by ref: three queries. For other modules. */
    @Transactional(readOnly = true)
    public List<Control> all(UUID orgId) {
        return withMappings(orgId, repo.find(orgId, ControlFilter.none()));
    }

    /** A control id given its UUID (as text) or its ref, only within the organization. For other modules. */
    @Transactional(readOnly = true)
    public Optional<UUID> resolve(UUID orgId, String idOrRef) {
        if (idOrRef == null || idOrRef.isBlank()) {
            return Optional.empty();
        }
        String s = idOrRef.strip();
        if (s.length() == 36) {
            try {
                UUID id = UUID.fromString(s);
                if (repo.exists(orgId, id)) {
                    return Optional.of(id);
                }
            } catch (IllegalArgumentException notAUuid) {
                // fall through: it may be a ref
            }
        }
        if (!ControlRules.REF.matcher(s).matches()) {
            return Optional.empty();
        }
        return repo.idByRef(orgId, s);
    }

    /** id → ref of every control of the organization. For other modules. */
    @Transactional(readOnly = true)
    public Map<UUID, String> refs(UUID orgId) {
        return repo.refs(orgId);
    }

    private Control load(UUID orgId, UUID id) {
        Control c = repo.byId(orgId, id).orElseThrow(() -> ApiProblem.notFound("Control " + id));
        return ControlRepository.withMappings(c, repo.criteria(orgId, id), repo.objectives(orgId, id));
    }

    private List<Control> withMappings(UUID orgId, List<Control> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<String>> crit = repo.criteria(orgId, null);
        Map<UUID, List<String>> obj = repo.objectives(orgId, null);
        return rows.stream().map(c -> ControlRepository.withMappings(c, crit, obj)).toList();
    }

    // ------------------------------------------------------------------------------------ writing

    @Transactional
    public Control create(CurrentUser user, ControlDraft draft) {
        user.require(Permission.CONTROL_WRITE);
        ControlValues v = ControlRules.merge(null, requireDraft(draft));
        List<FieldError> errors = new ArrayList<>(ControlRules.check(v, null));
        errors.addAll(references(user.orgId(), v.criteria(), v.objectives(), null));
        if (v.ownerId() != null && identity.member(user.orgId(), v.ownerId()).isEmpty()) {
            errors.add(new FieldError("ownerId", "is not a member of this organization"));
        }
        throwIfAny(errors);
        if (repo.idByRef(user.orgId(), v.ref()).isPresent()) {
            throw duplicateRef(v.ref());
        }
        UUID id = UUID.randomUUID();
        try {
            repo.insert(user.orgId(), List.of(new NewControl(id, v)), now());
        } catch (DuplicateKeyException raced) {
            throw duplicateRef(v.ref());
        }
        activity.record(user, ENTITY, id, "created", null, v.snapshot());
        return load(user.orgId(), id);
    }

    /**
     * Changes a control. With CONTROL_WRITE any field; with only CONTROL_WRITE_OWN, on a control the
     * user owns, only the description and status (403 naming the first other changed field).
     */
    @Transactional
    public Control update(CurrentUser user, UUID id, ControlDraft draft, long version) {
        boolean full = user.can(Permission.CONTROL_WRITE);
        if (!full && !user.can(Permission.CONTROL_WRITE_OWN)) {
            user.require(Permission.CONTROL_WRITE);
        }
        Control current = load(user.orgId(), id);
        ControlValues before = ControlRules.values(current);
        ControlValues after = ControlRules.merge(current, requireDraft(draft));
        List<String> changed = ControlRules.changedFields(before, after);
        if (!full) {
            if (!user.userId().equals(current.ownerId())) {
                throw ApiProblem.forbidden("The role " + user.role().label() + " may change only the controls they own;"
                        + " " + current.ref() + " is not owned by you");
            }
            List<String> denied = changed.stream().filter(f -> !ControlRules.OWNER_EDITABLE.contains(f)).toList();
            if (!denied.isEmpty()) {
                throw new ApiProblem(403, "Forbidden", "As the control's owner you may change only its description and"
                        + " status, not " + String.join(", ", denied),
                        denied.stream().map(f -> new FieldError(f, "may not be changed by the control owner")).toList());
            }
        }
        if (current.version() != version) {
            throw ApiProblem.staleVersion("Control " + current.ref(), version, current.version());
        }
        if (changed.isEmpty()) {
            return current;
        }
        List<FieldError> errors = new ArrayList<>(ControlRules.check(after, null));
        errors.addAll(references(user.orgId(), added(before.criteria(), after.criteria()),
                added(before.objectives(), after.objectives()), null));
        if (changed.contains("ownerId") && after.ownerId() != null
                && identity.member(user.orgId(), after.ownerId()).isEmpty()) {
            errors.add(new FieldError("ownerId", "is not a member of this organization"));
        }
        throwIfAny(errors);
        write(user, current, before, after, changed);
        return load(user.orgId(), id);
    }

    private void write(CurrentUser user, Control current, ControlValues before, ControlValues after,
            List<String> changed) {
        UUID orgId = user.orgId();
        if (changed.contains("ref")) {
            Optional<UUID> holder = repo.idByRef(orgId, after.ref());
            if (holder.isPresent() && !holder.get().equals(current.id())) {
                throw duplicateRef(after.ref());
            }
        }
        try {
            if (!repo.update(orgId, current.id(), current.version(), after, now())) {
                long actual = repo.version(orgId, current.id()).orElse(-1L);
                throw ApiProblem.staleVersion("Control " + current.ref(), current.version(), actual);
            }
        } catch (DuplicateKeyException raced) {
            throw duplicateRef(after.ref());
        }
        if (changed.contains("criteria")) {
            repo.replaceCriteria(orgId, current.id(), after.criteria());
        }
        if (changed.contains("objectives")) {
            repo.replaceObjectives(orgId, current.id(), after.objectives());
        }
        activity.record(user, ENTITY, current.id(), "updated", before.snapshot(), after.snapshot());
    }

    private static ControlDraft requireDraft(ControlDraft d) {
        if (d == null) {
            throw ApiProblem.badRequest("The request body is required", List.of(new FieldError("body", "required")));
        }
        return d;
    }

    private static List<String> added(List<String> before, List<String> after) {
        Set<String> old = new HashSet<>(before);
        return after.stream().filter(x -> !old.contains(x)).toList();
    }

    /** Errors for criterion ids and objective refs the catalog does not know. */
    private List<FieldError> references(UUID orgId, Collection<String> criteria, Collection<String> objectives,
            Integer line) {
        List<FieldError> errors = new ArrayList<>();
        if (!criteria.isEmpty()) {
            List<String> unknown = catalog.unknownCriteria(criteria);
            if (!unknown.isEmpty()) {
                errors.add(new FieldError("criteria", ControlRules.unknownMessage("SOC 2 criterion", unknown), line));
            }
        }
        if (!objectives.isEmpty()) {
            List<String> unknown = catalog.unknownObjectives(orgId, objectives);
            if (!unknown.isEmpty()) {
                errors.add(new FieldError("objectives", ControlRules.unknownMessage("SOC 1 objective", unknown), line));
            }
        }
        return errors;
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        FieldError first = errors.getFirst();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b)
                .orElse(first.field() + ": " + first.message());
        throw ApiProblem.badRequest(detail, errors);
    }

    private static ApiProblem duplicateRef(String ref) {
        return new ApiProblem(409, "Conflict", "A control with ref " + ref + " already exists in this organization",
                List.of(new FieldError("ref", "'" + ref + "' is already used")));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    // ------------------------------------------------------------------------------------ starter library

    /**
     * Copies the starter library into the organization, skipping refs it already has. Owners come
     * from {@code ownersByRoleTitle} (starter owner job title → member id; titles match ignoring
     * case); objective refs the organization has not defined are dropped. Returns the number added.
     */
    @Transactional
    public int adoptStarterLibrary(CurrentUser user, Map<String, UUID> ownersByRoleTitle) {
        user.require(Permission.CONTROL_WRITE);
        UUID orgId = user.orgId();
        Map<String, UUID> owners = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        if (ownersByRoleTitle != null) {
            ownersByRoleTitle.forEach((title, memberId) -> {
                if (title == null || memberId == null) {
                    return;
                }
                if (identity.member(orgId, memberId).isEmpty()) {
                    errors.add(new FieldError("owners." + title, "is not a member of this organization"));
                } else {
                    owners.put(title.strip().toLowerCase(Locale.ROOT), memberId);
                }
            });
        }
        throwIfAny(errors);
        Set<String> existing = new HashSet<>();
        repo.refs(orgId).values().forEach(r -> existing.add(ControlRules.refKey(r)));
        List<StarterControl> todo = StarterLibrary.controls().stream()
                .filter(s -> !existing.contains(ControlRules.refKey(s.ref()))).toList();
        if (todo.isEmpty()) {
            return 0;
        }
        Set<String> allCriteria = new LinkedHashSet<>();
        Set<String> allObjectives = new LinkedHashSet<>();
        todo.forEach(s -> {
            allCriteria.addAll(s.criteria());
            allObjectives.addAll(s.objectives());
        });
        Set<String> badCriteria = new HashSet<>(catalog.unknownCriteria(allCriteria));
        if (!badCriteria.isEmpty()) {
            log.warn("The starter library maps to criteria the catalog does not know, dropped: {}", badCriteria);
        }
        Set<String> badObjectives = allObjectives.isEmpty() ? Set.of()
                : new HashSet<>(catalog.unknownObjectives(orgId, allObjectives));
        List<NewControl> rows = new ArrayList<>();
        for (StarterControl s : todo) {
            UUID owner = s.ownerRole() == null ? null : owners.get(s.ownerRole().strip().toLowerCase(Locale.ROOT));
            ControlValues v = new ControlValues(s.ref(), s.title(), s.description().isEmpty() ? null : s.description(),
                    owner, s.nature(), s.kind(), s.frequency(), s.keyControl(), ImplementationStatus.NOT_STARTED,
                    s.criteria().stream().filter(c -> !badCriteria.contains(c)).toList(),
                    s.objectives().stream().filter(o -> !badObjectives.contains(o)).toList());
            rows.add(new NewControl(UUID.randomUUID(), v));
        }
        repo.insert(orgId, rows, now());
        for (NewControl n : rows) {
            Map<String, Object> after = n.values().snapshot();
            after.put("source", "starter library");
            activity.record(user, ENTITY, n.id(), "created", null, after);
        }
        return rows.size();
    }

    /** The owner job titles used by the starter library ("Security Lead", …), for the adoption form. */
    public List<String> starterOwnerRoles() {
        return StarterLibrary.ownerRoles();
    }

    // ------------------------------------------------------------------------------------ import / export

    @Transactional(readOnly = true)
    public String export(CurrentUser user, TransferFormat format) {
        user.require(Permission.CONTROL_READ);
        Map<UUID, String> emails = new HashMap<>();
        for (Member m : identity.members(user)) {
            emails.put(m.userId(), m.email());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Control c : all(user.orgId())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ref", c.ref());
            row.put("title", c.title());
            row.put("description", c.description());
            row.put("owner", c.ownerId() == null ? null : emails.get(c.ownerId()));
            row.put("nature", c.nature().name());
            row.put("kind", c.kind().name());
            row.put("frequency", c.frequency().name());
            row.put("key_control", c.keyControl());
            row.put("status", c.status().name());
            row.put("criteria", c.criteria());
            row.put("objectives", c.objectives());
            rows.add(row);
        }
        return format == TransferFormat.CSV ? ControlCsv.write(rows) : ControlYaml.write(rows);
    }

    /**
     * Imports a CSV or YAML file: creates controls with new refs, updates those whose ref exists
     * (columns absent from the file keep their values). All or nothing: every row is validated
     * first and every error is reported with its line; nothing is written if any is found.
     */
    @Transactional
    public ImportResult importFile(CurrentUser user, TransferFormat format, String content) {
        user.require(Permission.CONTROL_WRITE);
        UUID orgId = user.orgId();
        String source = format == TransferFormat.CSV ? "CSV" : "YAML";
        List<RawRecord> raws = format == TransferFormat.CSV ? ControlCsv.read(content) : ControlYaml.read(content);
        List<FieldError> errors = new ArrayList<>();
        List<ImportRow> rows = new ArrayList<>();
        for (RawRecord r : raws) {
            rows.add(ImportRow.of(r, errors));
        }
        Map<String, UUID> membersByEmail = new HashMap<>();
        for (Member m : identity.members(user)) {
            membersByEmail.put(IdentityService.normalizeEmail(m.email()), m.userId());
        }
        Map<String, Control> existing = new HashMap<>();
        for (Control c : all(orgId)) {
            existing.put(ControlRules.refKey(c.ref()), c);
        }
        record Planned(int line, Control current, ControlValues values) {
        }
        List<Planned> plan = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Set<String> allCriteria = new LinkedHashSet<>();
        Set<String> allObjectives = new LinkedHashSet<>();
        for (ImportRow row : rows) {
            String ref = row.draft().ref();
            if (ref != null && !ref.isBlank()) {
                Integer first = seen.putIfAbsent(ControlRules.refKey(ref), row.line());
                if (first != null) {
                    errors.add(new FieldError("ref", "'" + ref + "' appears again (first on line " + first + ")",
                            row.line()));
                    continue;
                }
            }
            ControlDraft d = row.draft();
            if (row.ownerGiven()) {
                UUID owner = NO_OWNER;
                if (row.ownerEmail() != null) {
                    owner = membersByEmail.get(IdentityService.normalizeEmail(row.ownerEmail()));
                    if (owner == null) {
                        errors.add(new FieldError("owner", row.ownerEmail() + " is not a member of this organization",
                                row.line()));
                        owner = NO_OWNER;
                    }
                }
                d = new ControlDraft(d.ref(), d.title(), d.description(), owner, d.nature(), d.kind(), d.frequency(),
                        d.keyControl(), d.status(), d.criteria(), d.objectives());
            }
            Control current = ref == null ? null : existing.get(ControlRules.refKey(ref));
            if (current != null) {
                // the ref identifies the control; keep its existing spelling
                d = new ControlDraft(current.ref(), d.title(), d.description(), d.ownerId(), d.nature(), d.kind(),
                        d.frequency(), d.keyControl(), d.status(), d.criteria(), d.objectives());
            }
            ControlValues v = ControlRules.merge(current, d);
            Set<String> reported = new HashSet<>();
            errors.stream().filter(e -> Integer.valueOf(row.line()).equals(e.line())).forEach(e -> reported.add(e.field()));
            // a value that could not be parsed is reported once, not again as "required"
            ControlRules.check(v, row.line()).stream().filter(e -> !reported.contains(e.field())).forEach(errors::add);
            allCriteria.addAll(v.criteria());
            allObjectives.addAll(v.objectives());
            plan.add(new Planned(row.line(), current, v));
        }
        Set<String> badCriteria = allCriteria.isEmpty() ? Set.of() : new HashSet<>(catalog.unknownCriteria(allCriteria));
        Set<String> badObjectives = allObjectives.isEmpty() ? Set.of()
                : new HashSet<>(catalog.unknownObjectives(orgId, allObjectives));
        for (Planned p : plan) {
            List<String> bc = p.values().criteria().stream().filter(badCriteria::contains).toList();
            if (!bc.isEmpty()) {
                errors.add(new FieldError("criteria", ControlRules.unknownMessage("SOC 2 criterion", bc), p.line()));
            }
            List<String> bo = p.values().objectives().stream().filter(badObjectives::contains).toList();
            if (!bo.isEmpty()) {
                errors.add(new FieldError("objectives", ControlRules.unknownMessage("SOC 1 objective", bo), p.line()));
            }
        }
        if (!errors.isEmpty()) {
            List<FieldError> sorted = errors.stream()
                    .sorted(java.util.Comparator.comparing((FieldError e) -> e.line() == null ? 0 : e.line())).toList();
            FieldError first = sorted.getFirst();
            String detail = source + " line " + first.line() + ", field '" + first.field() + "': " + first.message()
                    + (sorted.size() > 1 ? " (and " + (sorted.size() - 1) + " more error"
                            + (sorted.size() > 2 ? "s" : "") + ")" : "")
                    + "; nothing was imported";
            throw new ApiProblem(400, "Invalid import", detail, sorted);
        }
        List<NewControl> inserts = new ArrayList<>();
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        int unchanged = 0;
        for (Planned p : plan) {
            if (p.current() == null) {
                inserts.add(new NewControl(UUID.randomUUID(), p.values()));
                created.add(p.values().ref());
                continue;
            }
            ControlValues before = ControlRules.values(p.current());
            List<String> changed = ControlRules.changedFields(before, p.values());
            if (changed.isEmpty()) {
                unchanged++;
            } else {
                write(user, p.current(), before, p.values(), changed);
                updated.add(p.values().ref());
            }
        }
        repo.insert(orgId, inserts, now());
        for (NewControl n : inserts) {
            Map<String, Object> after = n.values().snapshot();
            after.put("source", source + " import");
            activity.record(user, ENTITY, n.id(), "created", null, after);
        }
        return new ImportResult(created, updated, unchanged);
    }
}
