package dev.assayer.finding.internal;

import dev.assayer.finding.ActionDraft;
import dev.assayer.finding.CorrectiveAction;
import dev.assayer.finding.Finding;
import dev.assayer.finding.FindingDraft;
import dev.assayer.finding.FindingFilter;
import dev.assayer.finding.FindingService;
import dev.assayer.finding.FindingSource;
import dev.assayer.finding.FindingStatus;
import dev.assayer.finding.FindingUpdate;
import dev.assayer.finding.RetestDraft;
import dev.assayer.finding.RetestResult;
import dev.assayer.finding.Severity;
import dev.assayer.shared.tenancy.CurrentUser;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1/findings and /api/v1/engagements/{engagementId}/findings: raise (201), list with
 * filters, read, replace the caller's side's fields with the edited {@code version} (a GET
 * response can be sent back as a PUT), add and complete corrective actions, move the status, and
 * record re-tests. {@code controlIds} accepts control ids or refs.
 */
@RestController
class FindingApiController {

    /** A finding to raise. {@code engagementId} is used on /api/v1/findings only (optional there). */
    record RaiseRequest(String title, String description, Severity severity, FindingSource source,
            List<String> controlIds, List<String> criteria, UUID ownerId, LocalDate dueDate, UUID engagementId) {

        FindingDraft draft() {
            return new FindingDraft(title, description, severity, source, controlIds, criteria, ownerId, dueDate);
        }
    }

    record UpdateRequest(String title, String description, Severity severity, FindingSource source,
            List<String> controlIds, List<String> criteria, String rootCause, UUID ownerId, LocalDate dueDate,
            String correctiveActionPlan, Long version) {

        FindingUpdate update() {
            return new FindingUpdate(title, description, severity, source, controlIds, criteria, rootCause, ownerId,
                    dueDate, correctiveActionPlan);
        }
    }

    record ActionRequest(String description, UUID ownerId, LocalDate dueDate) {
    }

    record DoneRequest(LocalDate doneOn, String note) {
    }

    record StatusRequest(FindingStatus to, String note, UUID approverId, Long version) {
    }

    record RetestRequest(UUID testId, String testRef, RetestResult result, String note) {
    }

    private final FindingService findings;

    FindingApiController(FindingService findings) {
        this.findings = findings;
    }

    @GetMapping("/api/v1/findings")
    List<Finding> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) FindingStatus status,
            @RequestParam(required = false) Severity severity, @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) UUID engagementId) {
        return findings.list(user, new FindingFilter(status, severity, overdue, engagementId));
    }

    /** Raises a finding: the organization's own (ENGAGEMENT_WRITE), or, for an auditor, the firm's in its engagement. */
    @PostMapping("/api/v1/findings")
    ResponseEntity<Finding> raise(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) RaiseRequest body) {
        return created(findings.raise(user, body == null ? null : body.engagementId(), body == null ? null : body.draft()));
    }

    @GetMapping("/api/v1/engagements/{engagementId}/findings")
    List<Finding> listForEngagement(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) FindingStatus status, @RequestParam(required = false) Severity severity,
            @RequestParam(required = false) Boolean overdue) {
        return findings.listForEngagement(user, engagementId, new FindingFilter(status, severity, overdue, null));
    }

    /** Raises a finding of the engagement: the auditor's (FIELDWORK_WRITE) or the organization's own. */
    @PostMapping("/api/v1/engagements/{engagementId}/findings")
    ResponseEntity<Finding> raiseInEngagement(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestBody(required = false) RaiseRequest body) {
        return created(findings.raise(user, engagementId, body == null ? null : body.draft()));
    }

    @GetMapping("/api/v1/findings/{id}")
    Finding get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return findings.get(user, id);
    }

    @PutMapping("/api/v1/findings/{id}")
    Finding update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) UpdateRequest body) {
        if (body == null) {
            return findings.update(user, id, null, 0L);
        }
        // the service checks who asks before the version
        return findings.update(user, id, body.update(), body.version());
    }

    @PostMapping("/api/v1/findings/{id}/actions")
    ResponseEntity<CorrectiveAction> addAction(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) ActionRequest body) {
        ActionRequest r = body == null ? new ActionRequest(null, null, null) : body;
        CorrectiveAction added = findings.addAction(user, id, new ActionDraft(r.description(), r.ownerId(), r.dueDate()));
        return ResponseEntity.created(URI.create("/api/v1/findings/" + id)).body(added);
    }

    @PostMapping("/api/v1/findings/{id}/actions/{actionId}/done")
    CorrectiveAction markDone(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID actionId, @RequestBody(required = false) DoneRequest body) {
        DoneRequest r = body == null ? new DoneRequest(null, null) : body;
        return findings.markActionDone(user, id, actionId, r.doneOn(), r.note());
    }

    @PostMapping("/api/v1/findings/{id}/status")
    Finding changeStatus(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) StatusRequest body) {
        StatusRequest r = body == null ? new StatusRequest(null, null, null, null) : body;
        return findings.changeStatus(user, id, r.to(), r.note(), r.approverId(), r.version());
    }

    @PostMapping("/api/v1/findings/{id}/retest")
    Finding retest(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) RetestRequest body) {
        RetestRequest r = body == null ? new RetestRequest(null, null, null, null) : body;
        return findings.recordRetest(user, id, new RetestDraft(r.testId(), r.testRef(), r.result(), r.note()));
    }

    private static ResponseEntity<Finding> created(Finding f) {
        return ResponseEntity.created(URI.create("/api/v1/findings/" + f.id())).body(f);
    }
}
