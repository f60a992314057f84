package dev.assayer.accessreview.internal;

import dev.assayer.accessreview.AccessReview;
import dev.assayer.accessreview.AccessReviewDraft;
import dev.assayer.accessreview.AccessReviewService;
import dev.assayer.accessreview.AccountFilter;
import dev.assayer.accessreview.Decision;
import dev.assayer.accessreview.DecisionDraft;
import dev.assayer.accessreview.ImportSummary;
import dev.assayer.accessreview.RemediationTask;
import dev.assayer.accessreview.ReviewAccount;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.net.URI;
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
 * /api/v1/access-reviews: campaigns (create 201, list, read, edit with the {@code version} read),
 * the account list (read, filtered to the caller's with {@code mine=true}; import a CSV as a
 * multipart {@code file} or as a text/csv body), decisions, reviewer reassignment, remediation
 * tasks and sign-off. {@code controlIds} accepts control ids or refs; a GET can be sent back as a PUT.
 */
@RestController
@RequestMapping("/api/v1/access-reviews")
class AccessReviewApiController {

    record CampaignRequest(String system, LocalDate asOfDate, LocalDate dueDate, String description,
            List<String> controlIds, Long version) {

        AccessReviewDraft draft() {
            return new AccessReviewDraft(system, asOfDate, dueDate, description, controlIds);
        }
    }

    record DecisionRequest(Decision decision, String justification, String newEntitlement,
            String selfReviewJustification, Long version) {
    }

    record ReviewerRequest(UUID reviewerId, String reviewerEmail, String note, Long version) {
    }

    record TaskDoneRequest(LocalDate doneOn, String ticket, Long version) {
    }

    private final AccessReviewService reviews;

    AccessReviewApiController(AccessReviewService reviews) {
        this.reviews = reviews;
    }

    @GetMapping
    List<AccessReview> list(@AuthenticationPrincipal CurrentUser user) {
        return reviews.list(user);
    }

    @PostMapping
    ResponseEntity<AccessReview> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) CampaignRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        AccessReview created = reviews.create(user, required(body).draft());
        return ResponseEntity.created(URI.create("/api/v1/access-reviews/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    AccessReview get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return reviews.get(user, id);
    }

    @PutMapping("/{id}")
    AccessReview update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) CampaignRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        CampaignRequest request = required(body);
        if (request.version() == null) {
            throw ApiProblem.invalidField("version",
                    "is required: send the version you edited (from GET /api/v1/access-reviews/" + id + ")");
        }
        return reviews.update(user, id, request.draft(), request.version());
    }

    @GetMapping("/{id}/accounts")
    List<ReviewAccount> accounts(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean mine, @RequestParam(defaultValue = "false") boolean undecided) {
        return reviews.accounts(user, id, new AccountFilter(mine, undecided));
    }

    @PostMapping(path = "/{id}/accounts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportSummary importMultipart(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        user.require(Permission.ENGAGEMENT_WRITE);
        if (file == null || file.isEmpty()) {
            throw ApiProblem.invalidField("file", "is required: the account list as CSV");
        }
        return reviews.importAccounts(user, id, file.getOriginalFilename(), file.getBytes());
    }

    @PostMapping(path = "/{id}/accounts", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ImportSummary importBody(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String filename, @RequestBody(required = false) byte[] body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        return reviews.importAccounts(user, id, filename, body);
    }

    @PostMapping("/{id}/accounts/{accountId}/decision")
    ReviewAccount decide(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID accountId, @RequestBody(required = false) DecisionRequest body) {
        if (body == null) {
            throw ApiProblem.invalidField("decision", "is required: send {\"decision\": \"KEEP\" | \"REVOKE\" | \"CHANGE\", "
                    + "\"justification\": …}");
        }
        return reviews.decide(user, id, accountId, new DecisionDraft(body.decision(), body.justification(),
                body.newEntitlement(), body.selfReviewJustification(), body.version()));
    }

    @PutMapping("/{id}/accounts/{accountId}/reviewer")
    ReviewAccount reassign(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID accountId, @RequestBody(required = false) ReviewerRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        if (body == null) {
            throw ApiProblem.invalidField("reviewerId", "is required: send {\"reviewerId\": …, \"version\": …}");
        }
        if (body.version() == null) {
            throw ApiProblem.invalidField("version", "is required: send the account's version (from GET /api/v1/"
                    + "access-reviews/" + id + "/accounts)");
        }
        return reviews.reassign(user, id, accountId, body.reviewerId(), body.reviewerEmail(), body.note(),
                body.version());
    }

    @PostMapping("/{id}/tasks/{taskId}/done")
    RemediationTask taskDone(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID taskId, @RequestBody(required = false) TaskDoneRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        TaskDoneRequest b = body == null ? new TaskDoneRequest(null, null, null) : body;
        return reviews.completeTask(user, id, taskId, b.doneOn(), b.ticket(), b.version());
    }

    @PostMapping("/{id}/sign-off")
    AccessReview signOff(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        user.require(Permission.ENGAGEMENT_WRITE);
        return reviews.signOff(user, id);
    }

    private static CampaignRequest required(CampaignRequest body) {
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON access review campaign is required");
        }
        return body;
    }
}
