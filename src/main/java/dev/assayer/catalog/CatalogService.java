package dev.assayer.catalog;

import dev.assayer.activity.ActivityLog;
import dev.assayer.catalog.internal.CatalogSnapshot;
import dev.assayer.catalog.internal.FrameworkCatalog;
import dev.assayer.catalog.internal.ObjectiveRepository;
import dev.assayer.catalog.internal.ObjectiveRules;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The criteria catalog and each organization's SOC 1 control objectives. Framework and criterion
 * reads are served from memory (the frameworks are loaded once at startup); objectives are tenant
 * data, always scoped by organization.
 */
@Service
public class CatalogService {

    /** The framework key of the SOC 2 Trust Services Criteria. */
    public static final String SOC2 = CatalogSnapshot.SOC2;
    /** The framework key of the SOC 1 starter objectives. */
    public static final String SOC1 = CatalogSnapshot.SOC1;
    /** The SOC 2 category that is always in scope. */
    public static final String SECURITY = "SECURITY";
    /** {@link dev.assayer.activity.ActivityLog} entity type of control objectives. */
    public static final String OBJECTIVE_ENTITY = "objective";

    private static final List<String> FALLBACK_SOC1_CATEGORIES = List.of("ITGC", "BUSINESS_PROCESS");

    private final FrameworkCatalog catalog;
    private final ObjectiveRepository objectives;
    private final ActivityLog activity;

    public CatalogService(FrameworkCatalog catalog, ObjectiveRepository objectives, ActivityLog activity) {
        this.catalog = catalog;
        this.objectives = objectives;
        this.activity = activity;
    }

    // ------------------------------------------------------------------ frameworks and criteria

    /** Every loaded framework, by key. */
    public List<Framework> frameworks() {
        return catalog.frameworks();
    }

    public Optional<Framework> framework(String key) {
        return catalog.snapshot().framework(key);
    }

    /** The criteria of a framework in canonical order; empty for an unknown key. */
    public List<Criterion> criteria(String frameworkKey) {
        return catalog.criteria(frameworkKey);
    }

    /** A SOC 2 criterion by id, e.g. {@code CC6.1} (surrounding blanks and letter case are ignored). */
    public Optional<Criterion> criterion(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(catalog.snapshot().soc2ById().get(id.strip().toUpperCase(Locale.ROOT)));
    }

    /**
     * The SOC 2 criteria in scope for the given categories (codes such as {@code AVAILABILITY}, or
     * names such as "Processing integrity"), in canonical order. SECURITY is always included, so
     * an empty or null collection gives the 33 common criteria.
     *
     * @throws ApiProblem 400 naming {@code categories} for a category SOC 2 does not have
     */
    public List<Criterion> soc2Criteria(Collection<String> categoryCodes) {
        Framework soc2 = framework(SOC2).orElseThrow(() -> new IllegalStateException("the SOC 2 framework is not loaded"));
        Set<String> wanted = new HashSet<>();
        wanted.add(SECURITY);
        if (categoryCodes != null) {
            for (String code : categoryCodes) {
                if (code == null || code.isBlank()) {
                    continue;
                }
                String norm = normalize(code);
                Category match = soc2.categories().stream()
                        .filter(c -> c.code().equals(norm) || normalize(c.name()).equals(norm))
                        .findFirst()
                        .orElseThrow(() -> ApiProblem.invalidField("categories", "'" + code
                                + "' is not a SOC 2 category (expected one of "
                                + soc2.categories().stream().map(Category::code).toList() + ")"));
                wanted.add(match.code());
            }
        }
        return criteria(SOC2).stream().filter(c -> wanted.contains(c.category())).toList();
    }

    /** The ids that are not SOC 2 criteria, in input order, each once. */
    public List<String> unknownCriteria(Collection<String> ids) {
        List<String> unknown = new ArrayList<>();
        if (ids == null) {
            return unknown;
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (criterion(id).isEmpty() && seen.add(String.valueOf(id))) {
                unknown.add(id);
            }
        }
        return unknown;
    }

    private static String normalize(String s) {
        return s.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    // ------------------------------------------------------------------ SOC 1 objectives (tenant data)

    /** The organization's control objectives, by category then ref (natural order). */
    @Transactional(readOnly = true)
    public List<ControlObjective> objectives(UUID orgId) {
        List<ControlObjective> list = new ArrayList<>(objectives.list(orgId));
        list.sort(ObjectiveRules.order(soc1Categories()));
        return list;
    }

    /** One objective of the organization; empty when it does not exist there. */
    @Transactional(readOnly = true)
    public Optional<ControlObjective> objective(UUID orgId, UUID id) {
        return objectives.find(orgId, id);
    }

    /** The refs that are not objectives of the organization, in input order, each once. */
    @Transactional(readOnly = true)
    public List<String> unknownObjectives(UUID orgId, Collection<String> refs) {
        List<String> unknown = new ArrayList<>();
        if (refs == null) {
            return unknown;
        }
        Set<String> known = new HashSet<>(objectives.refs(orgId));
        Set<String> seen = new HashSet<>();
        for (String ref : refs) {
            String key = ref == null ? null : ref.strip();
            if ((key == null || !known.contains(key)) && seen.add(String.valueOf(ref))) {
                unknown.add(ref);
            }
        }
        return unknown;
    }

    /**
     * Copies the SOC 1 starter objectives into the organization, skipping refs it already has
     * (so running it twice adds nothing). Returns the objectives added by this call.
     */
    @Transactional
    public List<ControlObjective> adoptStarterObjectives(CurrentUser user) {
        user.require(Permission.OBJECTIVE_WRITE);
        Set<String> present = new HashSet<>(objectives.refs(user.orgId()));
        List<ControlObjective> added = new ArrayList<>();
        try {
            for (Criterion c : criteria(SOC1)) {
                if (present.contains(c.id())) {
                    continue;
                }
                ControlObjective o = objectives.insert(user.orgId(),
                        new ObjectiveDraft(c.id(), c.category(), c.series(), c.title(), c.description()), true);
                activity.record(user, OBJECTIVE_ENTITY, o.id(), "adopted", null, o);
                added.add(o);
            }
        } catch (DuplicateKeyException raced) {
            throw ApiProblem.conflict("The starter objectives are being adopted by someone else right now; reload "
                    + "and try again");
        }
        return added;
    }

    @Transactional
    public ControlObjective createObjective(CurrentUser user, ObjectiveDraft draft) {
        user.require(Permission.OBJECTIVE_WRITE);
        ObjectiveDraft d = ObjectiveRules.validate(draft, Set.copyOf(soc1Categories()));
        if (objectives.findByRef(user.orgId(), d.ref()).isPresent()) {
            throw duplicateRef(d.ref());
        }
        ControlObjective o;
        try {
            o = objectives.insert(user.orgId(), d, false);
        } catch (DuplicateKeyException raced) {
            throw duplicateRef(d.ref());
        }
        activity.record(user, OBJECTIVE_ENTITY, o.id(), "created", null, o);
        return o;
    }

    /** Optimistic locking: {@code version} is the version the caller edited; a stale one is a 409. */
    @Transactional
    public ControlObjective updateObjective(CurrentUser user, UUID id, ObjectiveDraft draft, long version) {
        user.require(Permission.OBJECTIVE_WRITE);
        ControlObjective before = objectives.find(user.orgId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Control objective " + id));
        ObjectiveDraft d = ObjectiveRules.validate(draft, Set.copyOf(soc1Categories()));
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Control objective " + before.ref(), version, before.version());
        }
        Optional<ControlObjective> sameRef = objectives.findByRef(user.orgId(), d.ref());
        if (sameRef.isPresent() && !sameRef.get().id().equals(id)) {
            throw duplicateRef(d.ref());
        }
        int rows;
        try {
            rows = objectives.update(user.orgId(), id, d, version);
        } catch (DuplicateKeyException raced) {
            throw duplicateRef(d.ref());
        }
        if (rows == 0) {
            long current = objectives.find(user.orgId(), id).map(ControlObjective::version).orElse(version);
            throw ApiProblem.staleVersion("Control objective " + before.ref(), version, current);
        }
        ControlObjective after = new ControlObjective(id, d.ref(), d.category(), d.series(), d.title(),
                d.description(), before.fromStarter(), version + 1);
        activity.record(user, OBJECTIVE_ENTITY, id, "updated", before, after);
        return after;
    }

    /** The categories an objective may have: those of the SOC 1 starter framework. */
    public List<String> soc1Categories() {
        return framework(SOC1).map(f -> f.categories().stream().map(Category::code).toList())
                .filter(l -> !l.isEmpty()).orElse(FALLBACK_SOC1_CATEGORIES);
    }

    private static ApiProblem duplicateRef(String ref) {
        return new ApiProblem(409, "Conflict", "ref: the organization already has an objective with ref '" + ref + "'",
                List.of(new ApiProblem.FieldError("ref", "'" + ref + "' is already used by another objective")));
    }

}
