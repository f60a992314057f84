package dev.assayer.engagement.internal.change;

import dev.assayer.engagement.DetectedChange;
import dev.assayer.engagement.RecordedSystemChange;
import dev.assayer.engagement.SystemChangeDraft;
import dev.assayer.engagement.SystemChangeService;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1/engagements/{id}/system-changes: changes to the system in the period (DC9). List (with
 * history: superseded and withdrawn changes too, unless {@code current=true}), record (201; with a
 * {@code detectionKey} it confirms a detected fact), correct (201: a new change supersedes the old),
 * withdraw with a reason; the detected facts of the period and their dismissal.
 */
@RestController
@RequestMapping("/api/v1/engagements/{id}/system-changes")
class SystemChangeApiController {

    /** A change as recorded or corrected; {@code detectionKey} only when recording a detected fact. */
    record ChangeRequest(LocalDate changedOn, String area, String description, Boolean significant, String source,
            String sourceRef, String detectionKey, Long version) {

        SystemChangeDraft draft() {
            return new SystemChangeDraft(changedOn, area, description, significant, source, sourceRef);
        }
    }

    record WithdrawalRequest(String reason, Long version) {
    }

    record DismissalRequest(String key) {
    }

    private final SystemChangeService changes;

    SystemChangeApiController(SystemChangeService changes) {
        this.changes = changes;
    }

    @GetMapping
    List<RecordedSystemChange> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) Boolean current) {
        List<RecordedSystemChange> all = changes.history(user, id);
        return Boolean.TRUE.equals(current) ? all.stream().filter(RecordedSystemChange::current).toList() : all;
    }

    @PostMapping
    ResponseEntity<RecordedSystemChange> record(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) ChangeRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        ChangeRequest b = required(body);
        RecordedSystemChange created = changes.record(user, id, b.draft(), b.detectionKey());
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + id + "/system-changes/" + created.id()))
                .body(created);
    }

    @GetMapping("/detected")
    List<DetectedChange> detected(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return changes.detected(user, id);
    }

    @PostMapping("/detected/dismissal")
    DetectedChange dismiss(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) DismissalRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON body with the detected fact's key is required");
        }
        return changes.dismiss(user, id, body.key());
    }

    @GetMapping("/{changeId}")
    RecordedSystemChange get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID changeId) {
        return changes.get(user, id, changeId);
    }

    @PostMapping("/{changeId}/correction")
    ResponseEntity<RecordedSystemChange> correct(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID changeId, @RequestBody(required = false) ChangeRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        ChangeRequest b = required(body);
        if (b.version() == null) {
            throw ApiProblem.invalidField("version", "is required: the version of the change you corrected");
        }
        RecordedSystemChange created = changes.correct(user, id, changeId, b.draft(), b.version());
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + id + "/system-changes/" + created.id()))
                .body(created);
    }

    @PostMapping("/{changeId}/withdrawal")
    RecordedSystemChange withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID changeId, @RequestBody(required = false) WithdrawalRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        if (body == null || body.version() == null) {
            throw ApiProblem.invalidField("version", "is required: the version of the change you withdraw");
        }
        return changes.withdraw(user, id, changeId, body.reason(), body.version());
    }

    private static ChangeRequest required(ChangeRequest body) {
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON change is required");
        }
        return body;
    }
}
