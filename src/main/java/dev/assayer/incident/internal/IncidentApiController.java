package dev.assayer.incident.internal;

import dev.assayer.incident.CustomerNotification;
import dev.assayer.incident.Incident;
import dev.assayer.incident.IncidentDraft;
import dev.assayer.incident.IncidentFilter;
import dev.assayer.incident.IncidentService;
import dev.assayer.incident.IncidentStatus;
import dev.assayer.incident.Severity;
import dev.assayer.incident.TimelineEntry;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1/incidents: the incident register (create 201, list with filters, read, replace with the
 * edited {@code version}), timeline entries, and the significant incidents of a period (DC4).
 * {@code controlIds} accepts control ids or refs; a GET response can be sent back as a PUT.
 */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentApiController {

    record IncidentRequest(String ref, String title, Instant detectedAt, String reportedBy, Severity severity,
            Boolean significant, List<String> affectedSystems, List<String> affectedData, String responseSummary,
            String rootCause, String lessonsLearned, CustomerNotification customerNotification, IncidentStatus status,
            List<String> controlIds, List<String> findingRefs, Long version) {

        IncidentDraft draft() {
            return new IncidentDraft(ref, title, detectedAt, reportedBy, severity, Boolean.TRUE.equals(significant),
                    affectedSystems, affectedData, responseSummary, rootCause, lessonsLearned, customerNotification,
                    status, controlIds, findingRefs);
        }
    }

    record TimelineRequest(Instant at, String text) {
    }

    private final IncidentService incidents;

    IncidentApiController(IncidentService incidents) {
        this.incidents = incidents;
    }

    @GetMapping
    List<Incident> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) IncidentStatus status,
            @RequestParam(required = false) Severity severity, @RequestParam(required = false) Boolean significant) {
        return incidents.list(user, new IncidentFilter(status, severity, significant));
    }

    @PostMapping
    ResponseEntity<Incident> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) IncidentRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Incident created = incidents.create(user, required(body).draft());
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + created.id())).body(created);
    }

    @GetMapping("/significant")
    List<Incident> significant(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        return incidents.significantIncidents(user, from, to);
    }

    @GetMapping("/{id}")
    Incident get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return incidents.get(user, id);
    }

    @PutMapping("/{id}")
    Incident update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) IncidentRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        IncidentRequest request = required(body);
        if (request.version() == null) {
            throw ApiProblem.invalidField("version",
                    "is required: send the version you edited (from GET /api/v1/incidents/" + id + ")");
        }
        return incidents.update(user, id, request.draft(), request.version());
    }

    @PostMapping("/{id}/timeline")
    ResponseEntity<TimelineEntry> addEntry(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) TimelineRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON timeline entry is required");
        }
        TimelineEntry entry = incidents.addTimelineEntry(user, id, body.at(), body.text());
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + id)).body(entry);
    }

    private static IncidentRequest required(IncidentRequest body) {
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON incident is required");
        }
        return body;
    }
}
