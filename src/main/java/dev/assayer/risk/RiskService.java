package dev.assayer.risk;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.risk.internal.HeatMap;
import dev.assayer.risk.internal.HeatMapSvg;
import dev.assayer.risk.internal.RiskRepository;
import dev.assayer.risk.internal.RiskRepository.Row;
import dev.assayer.risk.internal.RiskRules;
import dev.assayer.risk.internal.RiskScale;
import dev.assayer.risk.internal.StarterRisks;
import dev.assayer.risk.internal.StarterRisks.StarterRisk;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The risk register (CC3.1–CC3.4): create, change and read risks, adopt the starter risk library,
 * draw heat maps and approve periodic risk assessments (immutable, hashed snapshots of the
 * register). Reads need {@link Permission#CONTROL_READ}; changes and approvals need
 * {@link Permission#ENGAGEMENT_WRITE}. Every change is written to the activity log in the same
 * transaction; another organization's risk or assessment is "not found".
 */
@Service
public class RiskService {

    static final String ENTITY = "risk";
    static final String ASSESSMENT_ENTITY = "risk_assessment";

    /** Which score a heat map shows. */
    public enum HeatMapKind { INHERENT, RESIDUAL }

    private final RiskRepository repo;
    private final ControlService controls;
    private final IdentityService identity;
    private final ActivityLog activity;
    private final Clock clock;
    private final RiskScale scale;
    private final JsonMapper json = JsonMapper.builder().build();

    public RiskService(RiskRepository repo, ControlService controls, IdentityService identity, ActivityLog activity,
            Optional<Clock> clock,
            @Value("${assayer.risk.likelihood-levels:5}") int likelihoodLevels,
            @Value("${assayer.risk.impact-levels:5}") int impactLevels,
            @Value("${assayer.risk.medium-from:5}") int mediumFrom,
            @Value("${assayer.risk.high-from:10}") int highFrom,
            @Value("${assayer.risk.critical-from:16}") int criticalFrom) {
        this.repo = repo;
        this.controls = controls;
        this.identity = identity;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
        this.scale = new RiskScale(likelihoodLevels, impactLevels, mediumFrom, highFrom, criticalFrom);
    }

    /** The configured likelihood × impact scale and rating bands. */
    public RiskScale scale() {
        return scale;
    }

    // ------------------------------------------------------------------------------------ reading

    /** The organization's risk register, ordered by ref. */
    @Transactional(readOnly = true)
    public List<Risk> list(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return all(user.orgId());
    }

    @Transactional(readOnly = true)
    public Risk get(CurrentUser user, UUID id) {
        user.require(Permission.CONTROL_READ);
        return load(user.orgId(), id);
    }

    /** The heat map of the register as an accessible SVG document. */
    @Transactional(readOnly = true)
    public String heatMapSvg(CurrentUser user, HeatMapKind kind) {
        user.require(Permission.CONTROL_READ);
        return heatMapSvg(all(user.orgId()), kind, "");
    }

    /** Draws the given risks (e.g. a filtered register) as a heat map; {@code idSuffix} keeps SVG ids unique on a page. */
    public String heatMapSvg(List<Risk> risks, HeatMapKind kind, String idSuffix) {
        HeatMap map = new HeatMap(scale);
        risks.forEach(r -> map.add(kind == HeatMapKind.INHERENT ? r.inherent() : r.residual()));
        String title = (kind == HeatMapKind.INHERENT ? "Inherent" : "Residual") + " risk heat map";
        return HeatMapSvg.render(map, title, "heatmap-" + kind.name().toLowerCase(Locale.ROOT) + idSuffix);
    }

    // ------------------------------------------------------------------------------------ writing

    @Transactional
    public Risk create(CurrentUser user, RiskDraft draft) {
        user.require(Permission.ENGAGEMENT_WRITE);
        RiskDraft valid = RiskRules.normalize(draft, scale);
        List<UUID> controlIds = checkReferences(user.orgId(), valid);
        UUID id = UUID.randomUUID();
        try {
            repo.insert(user.orgId(), id, RiskRules.nextRef(repo.refs(user.orgId())), valid, null, now());
        } catch (DuplicateKeyException sameRefAtOnce) {
            throw ApiProblem.conflict("Another risk was created at the same moment and took the next ref; "
                    + "send the request again");
        }
        repo.replaceControls(user.orgId(), id, controlIds);
        Risk created = load(user.orgId(), id);
        activity.record(user, ENTITY, id, "created", null, created);
        return created;
    }

    /** Replaces the risk's content; {@code version} is the version edited, a stale one is a 409. */
    @Transactional
    public Risk update(CurrentUser user, UUID id, RiskDraft draft, long version) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Risk before = load(user.orgId(), id);
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Risk " + before.ref(), version, before.version());
        }
        RiskDraft valid = RiskRules.normalize(draft, scale);
        List<UUID> controlIds = checkReferences(user.orgId(), valid);
        if (!repo.update(user.orgId(), id, version, valid, now())) {
            long current = repo.find(user.orgId(), id).map(Row::version).orElse(version);
            throw ApiProblem.staleVersion("Risk " + before.ref(), version, current);
        }
        repo.replaceControls(user.orgId(), id, controlIds);
        Risk after = load(user.orgId(), id);
        activity.record(user, ENTITY, id, "updated", before, after);
        return after;
    }

    /**
     * Adds every starter risk the organization has not adopted yet (idempotent), treated by
     * mitigation and linked to the suggested controls the organization has; unknown refs are
     * skipped. Returns how many risks were added.
     */
    @Transactional
    public int adoptStarterLibrary(CurrentUser user) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Set<String> adopted = repo.starterKeys(user.orgId());
        List<String> refs = new ArrayList<>(repo.refs(user.orgId()));
        int added = 0;
        for (StarterRisk s : StarterRisks.risks()) {
            if (adopted.contains(s.key())) {
                continue;
            }
            List<UUID> controlIds = new ArrayList<>();
            for (String ref : s.controls()) {
                controls.resolve(user.orgId(), ref).filter(c -> !controlIds.contains(c)).ifPresent(controlIds::add);
            }
            RiskDraft scaled = RiskRules.normalize(s.draft(controlIds.stream().map(UUID::toString).toList(), scale),
                    scale);
            UUID id = UUID.randomUUID();
            String ref = RiskRules.nextRef(refs);
            refs.add(ref);
            repo.insert(user.orgId(), id, ref, scaled, s.key(), now());
            repo.replaceControls(user.orgId(), id, controlIds);
            activity.record(user, ENTITY, id, "adopted", null, load(user.orgId(), id));
            added++;
        }
        return added;
    }

    // ------------------------------------------------------------------------------------ assessments

    /**
     * Approves the periodic risk assessment as of today: writes an immutable snapshot of the whole
     * register (JSON) with its SHA-256 and who approved it when.
     */
    @Transactional
    public RiskAssessment approveAssessment(CurrentUser user, String title) {
        user.require(Permission.ENGAGEMENT_WRITE);
        String t = title == null || title.isBlank() ? null : title.strip();
        if (t != null && t.length() > 200) {
            throw ApiProblem.invalidField("title", "is longer than 200 characters");
        }
        Instant now = now();
        LocalDate asOf = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (t == null) {
            t = "Risk assessment " + asOf;
        }
        List<Risk> risks = all(user.orgId());
        String snapshot = json.writeValueAsString(snapshot(user, t, asOf, now, risks));
        RiskAssessment a = new RiskAssessment(UUID.randomUUID(), t, asOf, user.label(), user.userId(), now, risks.size(),
                snapshot, Hashing.sha256Hex(snapshot));
        repo.insertAssessment(user.orgId(), a);
        Map<String, Object> logged = new LinkedHashMap<>();
        logged.put("title", a.title());
        logged.put("asOf", a.asOf().toString());
        logged.put("riskCount", a.riskCount());
        logged.put("sha256", a.sha256());
        activity.record(user, ASSESSMENT_ENTITY, a.id(), "approved", null, logged);
        return a;
    }

    /** Approved assessments, newest first. */
    @Transactional(readOnly = true)
    public List<RiskAssessment> assessments(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return repo.assessments(user.orgId());
    }

    @Transactional(readOnly = true)
    public RiskAssessment assessment(CurrentUser user, UUID id) {
        user.require(Permission.CONTROL_READ);
        return repo.assessment(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Risk assessment " + id));
    }

    /** For other modules: the organization's latest approved assessment, if any. */
    @Transactional(readOnly = true)
    public Optional<RiskAssessment> latestAssessment(UUID orgId) {
        return repo.latestAssessment(orgId);
    }

    /** For readiness: assessment freshness and mitigated risks without a control, on {@code today}. */
    @Transactional(readOnly = true)
    public RiskPosture posture(UUID orgId, LocalDate today) {
        LocalDate latest = repo.latestAssessment(orgId).map(RiskAssessment::asOf).orElse(null);
        List<Risk> gaps = all(orgId, today).stream()
                .filter(r -> r.flags().contains(RiskFlag.NO_MITIGATING_CONTROL)).toList();
        return new RiskPosture(latest, RiskRules.stale(latest, today), gaps);
    }

    // ------------------------------------------------------------------------------------ helpers

    private Map<String, Object> snapshot(CurrentUser user, String title, LocalDate asOf, Instant at, List<Risk> risks) {
        Map<UUID, String> people = new HashMap<>();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "assayer.risk-assessment");
        doc.put("formatVersion", 1);
        doc.put("organization", user.orgName());
        doc.put("title", title);
        doc.put("asOf", asOf.toString());
        doc.put("approvedBy", user.label());
        doc.put("approvedAt", at.toString());
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("likelihoodLevels", scale.likelihoodLevels());
        sc.put("impactLevels", scale.impactLevels());
        sc.put("mediumFrom", scale.mediumFrom());
        sc.put("highFrom", scale.highFrom());
        sc.put("criticalFrom", scale.criticalFrom());
        doc.put("scale", sc);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Risk r : risks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ref", r.ref());
            m.put("title", r.title());
            m.put("category", r.category().name());
            m.put("description", r.description());
            m.put("threat", r.threat());
            m.put("vulnerability", r.vulnerability());
            m.put("affectedAssets", r.affectedAssets());
            m.put("soc2Categories", r.soc2Categories());
            m.put("owner", person(user.orgId(), r.ownerId(), people));
            m.put("reviewDate", r.reviewDate() == null ? null : r.reviewDate().toString());
            m.put("inherent", score(r.inherent()));
            m.put("residual", score(r.residual()));
            m.put("treatment", r.treatment().name());
            if (r.treatment() == Treatment.ACCEPT) {
                m.put("acceptanceApprover", person(user.orgId(), r.acceptanceApproverId(), people));
                m.put("acceptanceReason", r.acceptanceReason());
                m.put("acceptanceExpires", r.acceptanceExpires() == null ? null : r.acceptanceExpires().toString());
            }
            m.put("treatmentNotes", r.treatmentNotes());
            m.put("controls", r.controlRefs());
            m.put("flags", r.flags().stream().map(Enum::name).toList());
            m.put("version", r.version());
            rows.add(m);
        }
        doc.put("risks", rows);
        return doc;
    }

    private static Map<String, Object> score(RiskScore s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("likelihood", s.likelihood());
        m.put("impact", s.impact());
        m.put("score", s.score());
        m.put("rating", s.rating().name());
        return m;
    }

    private String person(UUID orgId, UUID id, Map<UUID, String> cache) {
        if (id == null) {
            return null;
        }
        return cache.computeIfAbsent(id, k -> identity.member(orgId, k).map(m -> m.name() + " <" + m.email() + ">")
                .orElse("former member " + k));
    }

    /** Owner and approver must be members; every control must be a control of the organization. */
    private List<UUID> checkReferences(UUID orgId, RiskDraft d) {
        List<FieldError> errors = new ArrayList<>();
        if (d.ownerId() != null && identity.member(orgId, d.ownerId()).filter(Member::active).isEmpty()) {
            errors.add(new FieldError("ownerId", "is not a member of this organization"));
        }
        if (d.acceptanceApproverId() != null
                && identity.member(orgId, d.acceptanceApproverId()).filter(Member::active).isEmpty()) {
            errors.add(new FieldError("acceptanceApproverId", "is not a member of this organization"));
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < d.controls().size(); i++) {
            String c = d.controls().get(i);
            Optional<UUID> id = controls.resolve(orgId, c);
            if (id.isEmpty()) {
                errors.add(new FieldError("controls[" + i + "]", "'" + c + "' is not a control of this organization"));
            } else if (!ids.contains(id.get())) {
                ids.add(id.get());
            }
        }
        if (!errors.isEmpty()) {
            throw errors.size() == 1 ? ApiProblem.invalidField(errors.getFirst().field(), errors.getFirst().message())
                    : ApiProblem.badRequest(errors.size() + " fields are invalid: " + String.join("; ",
                            errors.stream().map(e -> e.field() + " " + e.message()).toList()), errors);
        }
        return ids;
    }

    private List<Risk> all(UUID orgId) {
        return all(orgId, today());
    }

    private List<Risk> all(UUID orgId, LocalDate today) {
        List<Row> rows = repo.list(orgId);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<UUID>> links = repo.controls(orgId, null);
        Map<UUID, String> refs = controls.refs(orgId);
        return rows.stream().map(r -> risk(r, links.getOrDefault(r.id(), List.of()), refs, today)).toList();
    }

    private Risk load(UUID orgId, UUID id) {
        Row row = repo.find(orgId, id).orElseThrow(() -> ApiProblem.notFound("Risk " + id));
        return risk(row, repo.controls(orgId, id).getOrDefault(id, List.of()), controls.refs(orgId), today());
    }

    private Risk risk(Row r, List<UUID> controlIds, Map<UUID, String> refs, LocalDate today) {
        return new Risk(r.id(), r.ref(), r.title(), r.description(), r.category(), r.threat(), r.vulnerability(),
                r.affectedAssets(), r.soc2Categories(), r.ownerId(), r.reviewDate(),
                scale.score(Math.min(r.inherentLikelihood(), scale.likelihoodLevels()),
                        Math.min(r.inherentImpact(), scale.impactLevels())),
                scale.score(Math.min(r.residualLikelihood(), scale.likelihoodLevels()),
                        Math.min(r.residualImpact(), scale.impactLevels())),
                r.treatment(), r.acceptanceApproverId(), r.acceptanceReason(), r.acceptanceExpires(), r.treatmentNotes(),
                List.copyOf(controlIds), controlIds.stream().map(c -> refs.getOrDefault(c, c.toString())).toList(),
                r.starterKey(), RiskRules.flags(r.treatment(), controlIds.size(), r.acceptanceExpires(), r.reviewDate(),
                        today), r.version(), r.createdAt(), r.updatedAt());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
