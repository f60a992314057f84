package dev.assayer.engagement.internal;

import dev.assayer.engagement.Cuec;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.EngagementStatus;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.net.URI;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1/engagements: create (201), list (newest first), read and replace (PUT with the edited
 * {@code version}). The body uses the field names of {@link Engagement}; read-only fields sent
 * back in a PUT (id, warnings, timestamps) are ignored.
 */
@RestController
@RequestMapping("/api/v1/engagements")
class EngagementApiController {

    /** The JSON body of POST and PUT: an {@link EngagementDraft} plus the version for PUT. */
    record EngagementRequest(String name, Framework framework, ReportType reportType, LocalDate asOfDate,
            LocalDate periodStart, LocalDate periodEnd, List<String> categories, EngagementStatus status,
            String serviceAuditor, SystemDescription system, List<SubserviceOrganization> subserviceOrganizations,
            List<Cuec> cuecs, List<ExcludedCriterion> criteriaNotRelevant, Long version) {

        EngagementDraft draft() {
            return new EngagementDraft(name, framework, reportType, asOfDate, periodStart, periodEnd, categories, status,
                    serviceAuditor, system, subserviceOrganizations, cuecs, criteriaNotRelevant);
        }
    }

    private final EngagementService engagements;

    EngagementApiController(EngagementService engagements) {
        this.engagements = engagements;
    }

    @PostMapping
    ResponseEntity<Engagement> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) EngagementRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Engagement created = engagements.create(user, required(body).draft());
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + created.id())).body(created);
    }

    record RollForwardRequest(String name, java.time.LocalDate periodStart) {
    }

    /** Starts the next period's engagement from this one (201 with the new engagement). */
    @PostMapping("/{id}/roll-forward")
    ResponseEntity<Engagement> rollForward(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) RollForwardRequest body) {
        Engagement created = engagements.rollForward(user, id, body == null ? null : body.name(),
                body == null ? null : body.periodStart());
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + created.id())).body(created);
    }

    @GetMapping
    List<Engagement> list(@AuthenticationPrincipal CurrentUser user) {
        return engagements.list(user);
    }

    @GetMapping("/{id}")
    Engagement get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return engagements.get(user, id);
    }

    @PutMapping("/{id}")
    Engagement update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) EngagementRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        EngagementRequest request = required(body);
        if (request.version() == null) {
            throw ApiProblem.invalidField("version",
                    "is required: send the version you edited (from GET /api/v1/engagements/" + id + ")");
        }
        return engagements.update(user, id, request.draft(), request.version());
    }

    private static EngagementRequest required(EngagementRequest body) {
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON engagement is required");
        }
        return body;
    }
}
