package dev.assayer.monitoring;

import dev.assayer.activity.ActivityLog;
import dev.assayer.monitoring.checks.Check;
import dev.assayer.monitoring.checks.CheckPack;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.internal.CheckRepository;
import dev.assayer.monitoring.internal.CheckRepository.FileRow;
import dev.assayer.monitoring.internal.MonitoringRules;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The checks an organization runs: the built-in pack plus its own YAML files (compiled on save; a
 * bad file is refused with file, line and CEL error and the previous version stays), a switch per
 * check, and exclusions of one resource from one check (requested with a reason and an expiry of at
 * most a year, approved or rejected by a monitoring manager other than the requester, revocable).
 * Reads need {@link Permission#CONTROL_READ}; files, switches and decisions
 * {@link Permission#MONITORING_MANAGE}; requests {@link Permission#EVIDENCE_UPLOAD}. Everything
 * that changes is in the activity log. An audit firm's user inside an engagement sees none of it.
 */
@Service
public class MonitoringCheckService {

    private static final Logger log = LoggerFactory.getLogger(MonitoringCheckService.class);

    private final CheckRepository repo;
    private final ActivityLog activity;
    private final Clock clock;
    private volatile CheckPack builtIn;

    public MonitoringCheckService(CheckRepository repo, ActivityLog activity, Optional<Clock> clock) {
        this.repo = repo;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ------------------------------------------------------------------------------------ checks

    /** Built-in checks then the organization's own, each with its switch. */
    @Transactional(readOnly = true)
    public List<CheckView> checks(CurrentUser user) {
        readable(user);
        Map<String, Boolean> switches = repo.switches(user.orgId());
        List<CheckView> out = new ArrayList<>();
        for (Check c : builtIn().checks()) {
            out.add(view(c, true, switches.getOrDefault(c.id(), true)));
        }
        java.util.Set<String> builtInIds = new java.util.HashSet<>();
        builtIn().checks().forEach(c -> builtInIds.add(c.id()));
        for (Check c : effectivePack(user.orgId()).checks()) {
            if (!builtInIds.contains(c.id())) {
                out.add(view(c, false, switches.getOrDefault(c.id(), true)));
            }
        }
        return out;
    }

    @Transactional(readOnly = true)
    public CheckView check(CurrentUser user, String checkId) {
        return checks(user).stream().filter(c -> c.id().equals(checkId)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Check " + checkId));
    }

    /** Switches a check (built-in or own) on or off for the organization's runs. */
    @Transactional
    public CheckView setEnabled(CurrentUser user, String checkId, boolean enabled) {
        user.require(Permission.MONITORING_MANAGE);
        CheckView before = check(user, checkId);
        repo.setSwitch(user.orgId(), checkId, enabled, user.userId(), user.label(), now());
        CheckView after = check(user, checkId);
        activity.record(user, "monitoring-check", checkId, enabled ? "enabled" : "disabled",
                Map.of("enabled", before.enabled()), Map.of("enabled", enabled));
        return after;
    }

    private static CheckView view(Check c, boolean builtIn, boolean enabled) {
        return new CheckView(c.id(), c.title(), c.resourceType(), c.where(), c.expect(),
                c.severity() == null ? null : c.severity().name(), c.remediation(), c.controls(), c.criteria(),
                c.origin(), builtIn, enabled);
    }

    // ------------------------------------------------------------------------------- check files

    @Transactional(readOnly = true)
    public List<CheckFile> checkFiles(CurrentUser user) {
        readable(user);
        return repo.currentFiles(user.orgId()).stream().map(MonitoringCheckService::file).toList();
    }

    @Transactional(readOnly = true)
    public CheckFile checkFile(CurrentUser user, UUID id) {
        readable(user);
        return file(current(user.orgId(), id));
    }

    /**
     * Saves a check file: new ({@code id} null) or a new version of an existing one ({@code version}
     * = the version edited; stale → 409). The YAML is compiled first, together with the built-in pack
     * and the organization's other files; any error → 400 naming file, line and CEL error, nothing saved.
     */
    @Transactional
    public CheckFile saveCheckFile(CurrentUser user, UUID id, String filename, String yaml, Long version) {
        user.require(Permission.MONITORING_MANAGE);
        member(user);
        FileRow before = id == null ? null : current(user.orgId(), id);
        if (before != null && version != null && before.version() != version) {
            throw ApiProblem.staleVersion("Check file " + before.filename(), version, before.version());
        }
        String name = MonitoringRules.checkFilename(filename == null && before != null ? before.filename() : filename);
        if (yaml == null || yaml.isBlank()) {
            throw ApiProblem.invalidField("yaml", "is required: the checks in YAML (checks: - id: …)");
        }
        if (yaml.length() > 1_000_000) {
            throw ApiProblem.invalidField("yaml", "is longer than 1,000,000 characters");
        }
        List<FileRow> others = repo.currentFiles(user.orgId()).stream()
                .filter(f -> before == null || !f.id().equals(before.id())).toList();
        if (others.stream().anyMatch(f -> f.filename().equalsIgnoreCase(name))) {
            throw ApiProblem.invalidField("filename", "'" + name + "' is already one of the organization's check files");
        }
        CheckPack pack = compile(name, yaml);
        try {
            CheckPack all = builtIn();
            for (FileRow f : others) {
                all = all.with(CheckPack.parse(f.filename(), f.yaml()));
            }
            all.with(pack);
        } catch (InputProblem p) {
            throw MonitoringRules.problem("yaml", p);
        }
        UUID fileId = before == null ? UUID.randomUUID() : before.id();
        long next = before == null ? 1 : before.version() + 1;
        repo.insertFile(user.orgId(), fileId, next, name, yaml, false, user.userId(), user.label(), now());
        CheckFile saved = file(current(user.orgId(), fileId));
        activity.record(user, "monitoring-check-file", fileId, before == null ? "created" : "updated",
                before == null ? null : summary(file(before)), summary(saved));
        return saved;
    }

    /** Retires a check file (its versions are kept); its checks stop running. */
    @Transactional
    public void deleteCheckFile(CurrentUser user, UUID id) {
        user.require(Permission.MONITORING_MANAGE);
        member(user);
        FileRow before = current(user.orgId(), id);
        repo.insertFile(user.orgId(), id, before.version() + 1, before.filename(), before.yaml(), true, user.userId(),
                user.label(), now());
        activity.record(user, "monitoring-check-file", id, "deleted", summary(file(before)), null);
    }

    private static CheckPack compile(String filename, String yaml) {
        try {
            return CheckPack.parse(filename, yaml);
        } catch (InputProblem p) {
            throw MonitoringRules.problem("yaml", p);
        }
    }

    private FileRow current(UUID orgId, UUID id) {
        return repo.latestFile(orgId, id).filter(f -> !f.deleted())
                .orElseThrow(() -> ApiProblem.notFound("Check file " + id));
    }

    private static CheckFile file(FileRow f) {
        List<String> ids;
        try {
            ids = CheckPack.parse(f.filename(), f.yaml()).checks().stream().map(Check::id).toList();
        } catch (RuntimeException e) {
            ids = List.of();
        }
        return new CheckFile(f.id(), f.filename(), f.version(), f.yaml(), ids, f.savedBy(), f.savedAt());
    }

    private static Map<String, Object> summary(CheckFile f) {
        return Map.of("filename", f.filename(), "version", f.version(), "checks", f.checkIds());
    }

    // --------------------------------------------------------------------------- for the runs

    /** The built-in pack, compiled once. */
    CheckPack builtIn() {
        CheckPack p = builtIn;
        if (p == null) {
            synchronized (this) {
                if (builtIn == null) {
                    builtIn = CheckPack.builtIn();
                }
                p = builtIn;
            }
        }
        return p;
    }

    /**
     * Built-in plus own checks. A stored file that no longer compiles together with the others (say
     * a new built-in check took one of its ids) is skipped and logged.
     */
    CheckPack effectivePack(UUID orgId) {
        CheckPack all = builtIn();
        for (FileRow f : repo.currentFiles(orgId)) {
            try {
                all = all.with(CheckPack.parse(f.filename(), f.yaml()));
            } catch (RuntimeException e) {
                log.warn("check file {} of organization {} skipped: {}", f.filename(), orgId, e.getMessage());
            }
        }
        return all;
    }

    /** Check ids switched off. */
    java.util.Set<String> disabled(UUID orgId) {
        java.util.Set<String> out = new java.util.HashSet<>();
        repo.switches(orgId).forEach((k, v) -> {
            if (!v) {
                out.add(k);
            }
        });
        return out;
    }

    /** Every exclusion of the organization, with status as of today (the run decides which applied when). */
    List<Exclusion> allExclusions(UUID orgId) {
        return repo.exclusions(orgId, today());
    }

    // -------------------------------------------------------------------------------- exclusions

    @Transactional(readOnly = true)
    public List<Exclusion> exclusions(CurrentUser user) {
        readable(user);
        return repo.exclusions(user.orgId(), today());
    }

    @Transactional(readOnly = true)
    public Exclusion exclusion(CurrentUser user, UUID id) {
        readable(user);
        return load(user.orgId(), id);
    }

    /** Asks to exclude a resource from a check until {@code expiresOn} (≤ 1 year); pending until decided. */
    @Transactional
    public Exclusion requestExclusion(CurrentUser user, String checkId, String resourceId, String reason,
            LocalDate expiresOn) {
        user.require(Permission.EVIDENCE_UPLOAD);
        member(user);
        MonitoringRules.checkExclusion(checkId, resourceId, reason, expiresOn, today());
        String id = checkId.strip();
        if (effectivePack(user.orgId()).checks().stream().noneMatch(c -> c.id().equals(id))) {
            throw ApiProblem.invalidField("checkId", "'" + id + "' is not a check of this organization");
        }
        UUID exclusionId = UUID.randomUUID();
        repo.insertExclusion(user.orgId(), exclusionId, id, resourceId.strip(), reason.strip(), expiresOn, user.userId(),
                user.label(), now());
        Exclusion created = load(user.orgId(), exclusionId);
        activity.record(user, "monitoring-exclusion", exclusionId, "requested", null, created);
        return created;
    }

    /** Approves (true) or rejects a pending exclusion: a monitoring manager other than the requester. */
    @Transactional
    public Exclusion decideExclusion(CurrentUser user, UUID id, boolean approve, String note, Long version) {
        user.require(Permission.MONITORING_MANAGE);
        member(user);
        Exclusion before = load(user.orgId(), id);
        if (before.requestedById().equals(user.userId())) {
            throw ApiProblem.forbidden("An exclusion needs an approver other than its requester ("
                    + before.requestedBy() + ")");
        }
        if (before.status() != ExclusionStatus.PENDING) {
            throw ApiProblem.conflict("Exclusion " + id + " is " + before.status().name().toLowerCase()
                    + "; only a pending one can be decided");
        }
        long v = version == null ? before.version() : version;
        if (!repo.decide(user.orgId(), id, v, approve ? ExclusionStatus.APPROVED : ExclusionStatus.REJECTED,
                user.userId(), user.label(), blankToNull(note), now())) {
            throw ApiProblem.staleVersion("Exclusion " + id, v, load(user.orgId(), id).version());
        }
        Exclusion after = load(user.orgId(), id);
        activity.record(user, "monitoring-exclusion", id, approve ? "approved" : "rejected", before, after);
        return after;
    }

    /** Ends a pending or approved exclusion at once, with a reason; it stops applying at the next run. */
    @Transactional
    public Exclusion revokeExclusion(CurrentUser user, UUID id, String reason, Long version) {
        user.require(Permission.MONITORING_MANAGE);
        member(user);
        Exclusion before = load(user.orgId(), id);
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.invalidField("reason", "is required: say why the exclusion ends");
        }
        if (before.status() != ExclusionStatus.PENDING && before.status() != ExclusionStatus.APPROVED) {
            throw ApiProblem.conflict("Exclusion " + id + " is " + before.status().name().toLowerCase()
                    + "; only a pending or approved one can be revoked");
        }
        long v = version == null ? before.version() : version;
        if (!repo.revoke(user.orgId(), id, v, user.userId(), user.label(), reason.strip(), now())) {
            throw ApiProblem.staleVersion("Exclusion " + id, v, load(user.orgId(), id).version());
        }
        Exclusion after = load(user.orgId(), id);
        activity.record(user, "monitoring-exclusion", id, "revoked", before, after);
        return after;
    }

    private Exclusion load(UUID orgId, UUID id) {
        return repo.findExclusion(orgId, id, today()).orElseThrow(() -> ApiProblem.notFound("Exclusion " + id));
    }

    // ---------------------------------------------------------------------------------- helpers

    static void readable(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        member(user);
    }

    /** Monitoring set-up, inventory and alerts are the organization's own: not shown inside an engagement. */
    static void member(CurrentUser user) {
        if (user.inEngagement()) {
            throw ApiProblem.forbidden("Inside an engagement an auditor sees monitoring runs and results of the period "
                    + "only");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
