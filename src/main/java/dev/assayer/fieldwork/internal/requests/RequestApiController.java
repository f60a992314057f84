package dev.assayer.fieldwork.internal.requests;

import dev.assayer.fieldwork.InformationRequest;
import dev.assayer.fieldwork.RequestComment;
import dev.assayer.fieldwork.RequestDetail;
import dev.assayer.fieldwork.RequestDraft;
import dev.assayer.fieldwork.RequestFilter;
import dev.assayer.fieldwork.RequestImportResult;
import dev.assayer.fieldwork.RequestList;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.fieldwork.RequestStatus;
import dev.assayer.fieldwork.RollForward;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
 * /api/v1/engagements/{engagementId}/requests: the engagement's request list (PBC list).
 * The auditor (a firm's user inside the engagement) lists, creates, imports (CSV), edits, accepts,
 * flags and rolls forward; the client lists, reads, submits and resubmits; both comment. Errors
 * name the field; an illegal status change is a 409 saying what the request waits for.
 */
@RestController
@RequestMapping("/api/v1/engagements/{engagementId}/requests")
class RequestApiController {

    /** A request as the auditor writes it; {@code version} is required on PUT. */
    record RequestPayload(String ref, String title, String description, List<String> criteria, List<String> controls,
            UUID ownerId, String ownerEmail, LocalDate dueDate, Long version) {

        RequestDraft draft() {
            return new RequestDraft(ref, title, description, criteria, controls, ownerId, ownerEmail, dueDate);
        }
    }

    /** The client's answer: evidence of the organization and/or a note; {@code version} optional. */
    record SubmitPayload(List<UUID> evidenceIds, String note, Long version) {
    }

    /** The auditor's acceptance, with an optional note. */
    record AcceptPayload(String note, Long version) {
    }

    /** The auditor's flag: the reason is required. */
    record FlagPayload(String reason, Long version) {
    }

    record CommentPayload(String body) {
    }

    record RollForwardPayload(UUID targetEngagementId) {
    }

    private final RequestListService requests;

    RequestApiController(RequestListService requests) {
        this.requests = requests;
    }

    @GetMapping
    RequestList list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) RequestStatus status, @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "false") boolean overdue) {
        return requests.list(user, engagementId, new RequestFilter(status, mine, overdue));
    }

    @PostMapping
    ResponseEntity<InformationRequest> create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestBody(required = false) RequestPayload body) {
        user.require(Permission.FIELDWORK_WRITE);
        InformationRequest created = requests.create(user, engagementId, body == null ? null : body.draft());
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + engagementId + "/requests/" + created.id()))
                .body(created);
    }

    /** CSV as a multipart upload (part "file"). */
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RequestImportResult importMultipart(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestPart("file") MultipartFile file) throws IOException {
        user.require(Permission.FIELDWORK_WRITE);
        return requests.importCsv(user, engagementId, new String(file.getBytes(), StandardCharsets.UTF_8));
    }

    /** CSV as the request body (text/csv). */
    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    RequestImportResult importBody(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestBody(required = false) byte[] body) {
        user.require(Permission.FIELDWORK_WRITE);
        return requests.importCsv(user, engagementId, body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    @PostMapping("/roll-forward")
    ResponseEntity<RollForward> rollForward(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestBody(required = false) RollForwardPayload body) {
        user.require(Permission.FIELDWORK_WRITE);
        RollForward result = requests.rollForward(user, engagementId, body == null ? null : body.targetEngagementId());
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + result.targetEngagementId() + "/requests"))
                .body(result);
    }

    @GetMapping("/{id}")
    RequestDetail get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id) {
        return requests.get(user, engagementId, id);
    }

    @PutMapping("/{id}")
    InformationRequest update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id, @RequestBody(required = false) RequestPayload body) {
        user.require(Permission.FIELDWORK_WRITE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON request is required");
        }
        if (body.version() == null) {
            throw ApiProblem.invalidField("version", "is required: send the version you edited (from GET /api/v1/"
                    + "engagements/" + engagementId + "/requests/" + id + ")");
        }
        return requests.update(user, engagementId, id, body.draft(), body.version());
    }

    @PostMapping("/{id}/submit")
    InformationRequest submit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id, @RequestBody(required = false) SubmitPayload body) {
        user.require(Permission.FIELDWORK_RESPOND);
        SubmitPayload b = body == null ? new SubmitPayload(null, null, null) : body;
        return requests.submit(user, engagementId, id, b.evidenceIds(), b.note(), b.version());
    }

    @PostMapping("/{id}/accept")
    InformationRequest accept(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id, @RequestBody(required = false) AcceptPayload body) {
        user.require(Permission.FIELDWORK_WRITE);
        AcceptPayload b = body == null ? new AcceptPayload(null, null) : body;
        return requests.accept(user, engagementId, id, b.note(), b.version());
    }

    @PostMapping("/{id}/flag")
    InformationRequest flag(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id, @RequestBody(required = false) FlagPayload body) {
        user.require(Permission.FIELDWORK_WRITE);
        FlagPayload b = body == null ? new FlagPayload(null, null) : body;
        return requests.flag(user, engagementId, id, b.reason(), b.version());
    }

    @GetMapping("/{id}/comments")
    List<RequestComment> comments(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id) {
        return requests.comments(user, engagementId, id);
    }

    @PostMapping("/{id}/comments")
    ResponseEntity<RequestComment> comment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id, @RequestBody(required = false) CommentPayload body) {
        RequestComment c = requests.comment(user, engagementId, id, body == null ? null : body.body());
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + engagementId + "/requests/" + id + "/comments"))
                .body(c);
    }
}
