package dev.assayer.monitoring.internal;

import dev.assayer.evidence.CollectionMethod;
import dev.assayer.monitoring.CheckFile;
import dev.assayer.monitoring.CheckHistoryEntry;
import dev.assayer.monitoring.CheckView;
import dev.assayer.monitoring.ControlHealth;
import dev.assayer.monitoring.Exclusion;
import dev.assayer.monitoring.ImportRecord;
import dev.assayer.monitoring.ImportSummary;
import dev.assayer.monitoring.InventoryEntry;
import dev.assayer.monitoring.MonitoringAlert;
import dev.assayer.monitoring.MonitoringCheckService;
import dev.assayer.monitoring.MonitoringRun;
import dev.assayer.monitoring.MonitoringService;
import dev.assayer.monitoring.RunCheck;
import dev.assayer.monitoring.RunObservation;
import dev.assayer.monitoring.RunResult;
import dev.assayer.monitoring.checks.Outcome;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.ResourceFormats;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * /api/v1/monitoring: imports (multipart upload, format detected or named, generic mapping
 * {@code type}/{@code idField}), inventory, runs and their results, checks (built-in and own files,
 * switches, history), exclusions (request, approve, reject, revoke), alerts (acknowledge), control
 * health and observations.
 */
@RestController
@RequestMapping("/api/v1/monitoring")
class MonitoringApiController {

    record FormatInfo(String name, String description) {
    }

    record SwitchRequest(Boolean enabled) {
    }

    record CheckFileRequest(String filename, String yaml, Long version) {
    }

    record ExclusionRequest(String checkId, String resourceId, String reason, LocalDate expiresOn) {
    }

    record DecisionRequest(String note, String reason, Long version) {
    }

    private final MonitoringService monitoring;
    private final MonitoringCheckService checks;

    MonitoringApiController(MonitoringService monitoring, MonitoringCheckService checks) {
        this.monitoring = monitoring;
        this.checks = checks;
    }

    @GetMapping("/formats")
    List<FormatInfo> formats(@AuthenticationPrincipal CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return ResourceFormats.all().stream().map(f -> new FormatInfo(f.name(), f.description())).toList();
    }

    // ------------------------------------------------------------------------------------ imports

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportSummary> importFile(@AuthenticationPrincipal CurrentUser user,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "format", required = false) String format,
            @RequestParam(name = "source", required = false) String source,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "idField", required = false) String idField,
            @RequestParam(name = "collectionMethod", required = false) String collectionMethod,
            @RequestParam(name = "sourceSystem", required = false) String sourceSystem) throws IOException {
        user.require(Permission.EVIDENCE_UPLOAD);
        if (file == null || file.isEmpty()) {
            throw ApiProblem.invalidField("file", "the multipart part 'file' is required");
        }
        CollectionMethod method = CollectionMethod.parse("collectionMethod", collectionMethod);
        try (InputStream in = file.getInputStream()) {
            ImportSummary s = monitoring.importFile(user, source, file.getOriginalFilename(), format,
                    options(type, idField), in, method, sourceSystem);
            return ResponseEntity.created(URI.create("/api/v1/monitoring/imports/" + s.id())).body(s);
        }
    }

    static FormatOptions options(String type, String idField) {
        boolean mapped = (type != null && !type.isBlank()) || (idField != null && !idField.isBlank());
        return mapped ? new FormatOptions(null, blankToNull(type), blankToNull(idField), Map.of()) : null;
    }

    @GetMapping("/imports")
    List<ImportRecord> imports(@AuthenticationPrincipal CurrentUser user) {
        return monitoring.imports(user);
    }

    @GetMapping("/imports/{id}")
    ImportRecord importRecord(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return monitoring.importRecord(user, id);
    }

    @GetMapping("/inventory")
    List<InventoryEntry> inventory(@AuthenticationPrincipal CurrentUser user) {
        return monitoring.inventory(user);
    }

    /** A resource's non-pass results across runs; the id is a query parameter (ARNs and names hold slashes). */
    @GetMapping("/resources/history")
    List<RunResult> resourceHistory(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "id", required = false) String id,
            @RequestParam(name = "type", required = false) String type) {
        return monitoring.resourceHistory(user, type, id);
    }

    // --------------------------------------------------------------------------------------- runs

    @PostMapping("/runs")
    ResponseEntity<MonitoringRun> run(@AuthenticationPrincipal CurrentUser user) {
        user.require(Permission.EVIDENCE_UPLOAD);
        MonitoringRun run = monitoring.run(user);
        return ResponseEntity.created(URI.create("/api/v1/monitoring/runs/" + run.id())).body(run);
    }

    @GetMapping("/runs")
    List<MonitoringRun> runs(@AuthenticationPrincipal CurrentUser user) {
        return monitoring.runs(user);
    }

    @GetMapping("/runs/{id}")
    MonitoringRun runDetail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return monitoring.runDetail(user, id);
    }

    @GetMapping("/runs/{id}/checks")
    List<RunCheck> runChecks(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return monitoring.runChecks(user, id);
    }

    @GetMapping("/runs/{id}/results")
    List<RunResult> results(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(name = "check", required = false) String check,
            @RequestParam(name = "outcome", required = false) String outcome) {
        return monitoring.results(user, id, check, outcome(outcome));
    }

    @GetMapping("/observations")
    List<RunObservation> observations(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "from", required = false) Instant from,
            @RequestParam(name = "to", required = false) Instant to) {
        return monitoring.observations(user, from, to);
    }

    // ------------------------------------------------------------------------------------- checks

    @GetMapping("/checks")
    List<CheckView> checks(@AuthenticationPrincipal CurrentUser user) {
        return checks.checks(user);
    }

    @GetMapping("/checks/{checkId}")
    CheckView check(@AuthenticationPrincipal CurrentUser user, @PathVariable String checkId) {
        return checks.check(user, checkId);
    }

    @GetMapping("/checks/{checkId}/history")
    List<CheckHistoryEntry> checkHistory(@AuthenticationPrincipal CurrentUser user, @PathVariable String checkId) {
        return monitoring.checkHistory(user, checkId);
    }

    @PutMapping("/checks/{checkId}/enabled")
    CheckView setEnabled(@AuthenticationPrincipal CurrentUser user, @PathVariable String checkId,
            @RequestBody(required = false) SwitchRequest body) {
        user.require(Permission.MONITORING_MANAGE);
        if (body == null || body.enabled() == null) {
            throw ApiProblem.invalidField("enabled", "is required (true or false)");
        }
        return checks.setEnabled(user, checkId, body.enabled());
    }

    @GetMapping("/check-files")
    List<CheckFile> checkFiles(@AuthenticationPrincipal CurrentUser user) {
        return checks.checkFiles(user);
    }

    @GetMapping("/check-files/{id}")
    CheckFile checkFile(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return checks.checkFile(user, id);
    }

    @PostMapping(path = "/check-files", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CheckFile> createCheckFile(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) CheckFileRequest body) {
        user.require(Permission.MONITORING_MANAGE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON check file ({filename, yaml}) is required");
        }
        CheckFile f = checks.saveCheckFile(user, null, body.filename(), body.yaml(), null);
        return ResponseEntity.created(URI.create("/api/v1/monitoring/check-files/" + f.id())).body(f);
    }

    @PostMapping(path = "/check-files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<CheckFile> uploadCheckFile(@AuthenticationPrincipal CurrentUser user,
            @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        user.require(Permission.MONITORING_MANAGE);
        if (file == null || file.isEmpty()) {
            throw ApiProblem.invalidField("file", "the multipart part 'file' (a YAML file of checks) is required");
        }
        CheckFile f = checks.saveCheckFile(user, null, file.getOriginalFilename(),
                new String(file.getBytes(), StandardCharsets.UTF_8), null);
        return ResponseEntity.created(URI.create("/api/v1/monitoring/check-files/" + f.id())).body(f);
    }

    @PutMapping(path = "/check-files/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    CheckFile updateCheckFile(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) CheckFileRequest body) {
        user.require(Permission.MONITORING_MANAGE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON check file ({filename, yaml, version}) is required");
        }
        if (body.version() == null) {
            throw ApiProblem.invalidField("version", "is required: send the version you edited");
        }
        return checks.saveCheckFile(user, id, body.filename(), body.yaml(), body.version());
    }

    @DeleteMapping("/check-files/{id}")
    ResponseEntity<Void> deleteCheckFile(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        user.require(Permission.MONITORING_MANAGE);
        checks.deleteCheckFile(user, id);
        return ResponseEntity.noContent().build();
    }

    // --------------------------------------------------------------------------------- exclusions

    @GetMapping("/exclusions")
    List<Exclusion> exclusions(@AuthenticationPrincipal CurrentUser user) {
        return checks.exclusions(user);
    }

    @GetMapping("/exclusions/{id}")
    Exclusion exclusion(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return checks.exclusion(user, id);
    }

    @PostMapping("/exclusions")
    ResponseEntity<Exclusion> requestExclusion(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) ExclusionRequest body) {
        user.require(Permission.EVIDENCE_UPLOAD);
        ExclusionRequest b = body == null ? new ExclusionRequest(null, null, null, null) : body;
        Exclusion e = checks.requestExclusion(user, b.checkId(), b.resourceId(), b.reason(), b.expiresOn());
        return ResponseEntity.created(URI.create("/api/v1/monitoring/exclusions/" + e.id())).body(e);
    }

    @PostMapping("/exclusions/{id}/approve")
    Exclusion approve(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) DecisionRequest body) {
        user.require(Permission.MONITORING_MANAGE);
        return checks.decideExclusion(user, id, true, body == null ? null : body.note(), body == null ? null : body.version());
    }

    @PostMapping("/exclusions/{id}/reject")
    Exclusion reject(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) DecisionRequest body) {
        user.require(Permission.MONITORING_MANAGE);
        return checks.decideExclusion(user, id, false, body == null ? null : body.note(), body == null ? null : body.version());
    }

    @PostMapping("/exclusions/{id}/revoke")
    Exclusion revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) DecisionRequest body) {
        user.require(Permission.MONITORING_MANAGE);
        return checks.revokeExclusion(user, id, body == null ? null : body.reason(), body == null ? null : body.version());
    }

    // ------------------------------------------------------------------------------------- alerts

    @GetMapping("/alerts")
    List<MonitoringAlert> alerts(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "status", required = false) String status) {
        return monitoring.alerts(user, status);
    }

    @GetMapping("/alerts/{id}")
    MonitoringAlert alert(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return monitoring.alert(user, id);
    }

    @PostMapping("/alerts/{id}/acknowledge")
    MonitoringAlert acknowledge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) DecisionRequest body) {
        user.require(Permission.EVIDENCE_UPLOAD);
        return monitoring.acknowledge(user, id, body == null ? null : body.note(), body == null ? null : body.version());
    }

    // ----------------------------------------------------------------------------- control health

    @GetMapping("/control-health")
    List<ControlHealth> controlHealth(@AuthenticationPrincipal CurrentUser user) {
        return monitoring.controlHealth(user);
    }

    @GetMapping("/control-health/{idOrRef}")
    ControlHealth controlHealth(@AuthenticationPrincipal CurrentUser user, @PathVariable String idOrRef) {
        return monitoring.controlHealth(user, idOrRef);
    }

    // ------------------------------------------------------------------------------------ helpers

    static Outcome outcome(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Outcome.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("outcome", "'" + text + "' is not one of FAIL, ERROR, EXCLUDED");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
