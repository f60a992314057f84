package dev.assayer.monitoring.internal.collect;

import dev.assayer.monitoring.Collector;
import dev.assayer.monitoring.CollectorDraft;
import dev.assayer.monitoring.CollectorField;
import dev.assayer.monitoring.CollectorKind;
import dev.assayer.monitoring.CollectorRun;
import dev.assayer.monitoring.CollectorService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * /api/v1/monitoring/collectors: live collectors (create 201, list, read, replace with the edited
 * {@code version}), their collection jobs (start 202 with the job's Location, history, one job with
 * its status and progress) and the fields of each kind.
 * Secrets are write-only: sent in {@code secrets} as {"field": "value"}, answered only as
 * {@code secrets: [{field, set, setAt, setBy}]}; a GET can be sent back as a PUT (the list form is
 * ignored, every stored secret is kept). Everything needs the monitoring-manage permission.
 */
@RestController
@RequestMapping("/api/v1/monitoring")
class CollectorApiController {

    record CollectorRequest(String kind, String name, Map<String, String> settings, JsonNode secrets,
            Integer intervalHours, Boolean enabled, Long version) {

        CollectorDraft draft(boolean create) {
            CollectorKind k = kind == null && !create ? null : CollectorKind.parse("kind", kind);
            return new CollectorDraft(k, name, settings, secretValues(), intervalHours, enabled);
        }

        private Map<String, String> secretValues() {
            Map<String, String> out = new LinkedHashMap<>();
            if (secrets == null || secrets.isNull() || secrets.isArray()) {
                return out; // absent, or the status list of a GET sent back: keep what is stored
            }
            if (!secrets.isObject()) {
                throw ApiProblem.invalidField("secrets", "must be an object of field → value");
            }
            secrets.properties().forEach(e -> {
                JsonNode v = e.getValue();
                if (v.isNull()) {
                    out.put(e.getKey(), null);
                } else if (v.isString()) {
                    out.put(e.getKey(), v.asString());
                } else {
                    throw ApiProblem.invalidField("secrets." + e.getKey(), "must be a string");
                }
            });
            return out;
        }

        @Override
        public String toString() {
            return "CollectorRequest[" + kind + " " + name + "]";
        }
    }

    /** A kind of collector and the fields of its configuration. */
    record KindInfo(CollectorKind kind, String label, String sourceSystem, List<CollectorField> settings,
            List<CollectorField> secrets, List<String> formats) {
    }

    private final CollectorService collectors;

    CollectorApiController(CollectorService collectors) {
        this.collectors = collectors;
    }

    @GetMapping("/collector-kinds")
    List<KindInfo> kinds(@AuthenticationPrincipal CurrentUser user) {
        user.require(Permission.MONITORING_MANAGE);
        return Arrays.stream(CollectorKind.values()).map(k -> new KindInfo(k, k.label(), k.sourceSystem(), k.settings(),
                k.secrets(), k.formats())).toList();
    }

    @GetMapping("/collectors")
    List<Collector> list(@AuthenticationPrincipal CurrentUser user) {
        return collectors.list(user);
    }

    @PostMapping("/collectors")
    ResponseEntity<Collector> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) CollectorRequest body) {
        user.require(Permission.MONITORING_MANAGE);
        Collector created = collectors.create(user, required(body).draft(true));
        return ResponseEntity.created(URI.create("/api/v1/monitoring/collectors/" + created.id())).body(created);
    }

    @GetMapping("/collectors/{id}")
    Collector get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return collectors.get(user, id);
    }

    @PutMapping("/collectors/{id}")
    Collector update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) CollectorRequest body) {
        user.require(Permission.MONITORING_MANAGE);
        CollectorRequest request = required(body);
        collectors.get(user, id); // another organization's collector: 404 before any validation
        if (request.version() == null) {
            throw ApiProblem.invalidField("version",
                    "is required: send the version you edited (from GET /api/v1/monitoring/collectors/" + id + ")");
        }
        return collectors.update(user, id, request.draft(false), request.version());
    }

    /**
     * Starts a collection job: 202 Accepted with the job (QUEUED) and its Location; poll that URL for
     * status and progress. 409 while another job of this collector is queued or running.
     */
    @PostMapping("/collectors/{id}/runs")
    ResponseEntity<CollectorRun> run(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        CollectorRun run = collectors.start(user, id);
        return ResponseEntity.accepted().location(URI.create("/api/v1/monitoring/collectors/" + id + "/runs/" + run.id()))
                .body(run);
    }

    @GetMapping("/collectors/{id}/runs")
    List<CollectorRun> runs(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return collectors.runs(user, id);
    }

    @GetMapping("/collectors/{id}/runs/{runId}")
    CollectorRun oneRun(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID runId) {
        return collectors.run(user, id, runId);
    }

    private static CollectorRequest required(CollectorRequest body) {
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON collector is required");
        }
        return body;
    }
}
