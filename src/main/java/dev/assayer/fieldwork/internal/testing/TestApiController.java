package dev.assayer.fieldwork.internal.testing;

import dev.assayer.control.ControlService;
import dev.assayer.fieldwork.Conclusion;
import dev.assayer.fieldwork.ControlTestStatus;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.DeviationDraft;
import dev.assayer.fieldwork.DeviationNature;
import dev.assayer.fieldwork.FirmFrequencyTable;
import dev.assayer.fieldwork.FirmSettingsService;
import dev.assayer.fieldwork.ItemResult;
import dev.assayer.fieldwork.ManualItem;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.ResultDraft;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.ReviewNote;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.TestPlan;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.fieldwork.TestSummary;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.math.BigDecimal;
import java.net.URI;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * Tests of controls on the API: /api/v1/engagements/{engagementId}/tests (the audit firm's side,
 * inside the engagement), /api/v1/engagements/{engagementId}/deviations (both sides; the client
 * posts its management response) and /api/v1/firm/frequency-table (the firm's sample sizes).
 * Updates carry the {@code version} edited; a stale one is a 409.
 */
@RestController
class TestApiController {

    /** A test to plan (POST) or a plan to replace (PUT, with {@code version}); {@code controlId} takes an id or a ref. */
    record TestRequest(String controlId, TestKind kind, List<Procedure> procedures, List<TestAttribute> attributes,
            String populationDescription, UUID sampleId, List<ManualItem> manualItems, TestSizing sizing, Long version) {

        TestPlan plan() {
            return new TestPlan(procedures, attributes, populationDescription, sampleId, manualItems, sizing);
        }
    }

    record ResultRequest(Long row, String key, String attribute, ResultOutcome outcome, String note,
            List<UUID> evidenceIds, UUID deviationId, Long version) {
    }

    record DeviationRequest(String description, String cause, DeviationNature nature, String compensatingControls,
            Long version) {
    }

    record ResponseRequest(String response, Long version) {
    }

    record ExtensionRequest(Integer additionalItems, String reason) {
    }

    record ConclusionRequest(Conclusion conclusion, String resultWording, Long version) {
    }

    record VersionRequest(Long version) {
    }

    record ReopenRequest(String reason, Long version) {
    }

    record NoteRequest(String text) {
    }

    record NoteResponseRequest(String response) {
    }

    record FrequencyTableRequest(Map<ControlFrequency, Integer> sizes, BigDecimal defaultConfidence, Long version) {
    }

    private static final String TESTS = "/api/v1/engagements/{engagementId}/tests";
    private static final String TEST = TESTS + "/{testId}";

    private final TestOfControlService tests;
    private final FirmSettingsService firms;
    private final ControlService controls;

    TestApiController(TestOfControlService tests, FirmSettingsService firms, ControlService controls) {
        this.tests = tests;
        this.firms = firms;
        this.controls = controls;
    }

    @GetMapping(TESTS)
    List<TestSummary> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId) {
        return tests.list(user, engagementId);
    }

    /** Every control in scope with its tests and status (not planned, planned, in progress, concluded, reviewed). */
    @GetMapping(TESTS + "/by-control")
    List<ControlTestStatus> byControl(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId) {
        return tests.overview(user, engagementId);
    }

    @PostMapping(TESTS)
    ResponseEntity<TestOfControl> create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestBody(required = false) TestRequest body) {
        user.require(Permission.FIELDWORK_WRITE);
        TestRequest r = required(body, "test");
        UUID controlId = r.controlId() == null || r.controlId().isBlank() ? null
                : controls.resolve(user.orgId(), r.controlId())
                        .orElseThrow(() -> ApiProblem.invalidField("controlId", "'" + r.controlId()
                                + "' is not a control of this organization"));
        boolean planGiven = r.procedures() != null || r.attributes() != null || r.populationDescription() != null
                || r.sampleId() != null || r.manualItems() != null || r.sizing() != null;
        TestOfControl created = tests.create(user, engagementId, controlId, r.kind(), planGiven ? r.plan() : null);
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + engagementId + "/tests/" + created.id()))
                .body(created);
    }

    record CopyPlansRequest(UUID priorEngagementId) {
    }

    /** Roll-forward: copies the firm's test plans of a prior engagement into this one (no samples, no results). */
    @PostMapping(TESTS + "/copy-plans")
    List<TestSummary> copyPlans(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestBody(required = false) CopyPlansRequest body) {
        return tests.copyPlansFrom(user, engagementId, body == null ? null : body.priorEngagementId());
    }

    /** Plans the missing tests of every control in scope; answers the tests created. */
    @PostMapping(TESTS + "/plan-all")
    List<TestSummary> planAll(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId) {
        return tests.planAll(user, engagementId);
    }

    @GetMapping(TEST)
    TestOfControl get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId) {
        return tests.get(user, engagementId, testId);
    }

    @PutMapping(TEST)
    TestOfControl update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestBody(required = false) TestRequest body) {
        user.require(Permission.FIELDWORK_WRITE);
        TestRequest r = required(body, "test plan");
        return tests.update(user, engagementId, testId, r.plan(), version(r.version(), engagementId, testId));
    }

    /** Records one result (item × attribute); replacing one needs the result's {@code version}. */
    @PutMapping(TEST + "/results")
    ItemResult result(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestBody(required = false) ResultRequest body) {
        user.require(Permission.FIELDWORK_WRITE);
        ResultRequest r = required(body, "result");
        return tests.recordResult(user, engagementId, testId, new ResultDraft(r.row(), r.key(), r.attribute(),
                r.outcome(), r.note(), r.evidenceIds(), r.deviationId(), r.version()));
    }

    @GetMapping(TEST + "/deviations")
    List<Deviation> testDeviations(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId) {
        return tests.deviations(user, engagementId, testId);
    }

    /** The auditor's fields of a deviation (never the management response). */
    @PutMapping(TEST + "/deviations/{deviationId}")
    Deviation updateDeviation(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @PathVariable UUID deviationId, @RequestBody(required = false) DeviationRequest body) {
        user.require(Permission.FIELDWORK_WRITE);
        DeviationRequest r = required(body, "deviation");
        if (r.version() == null) {
            throw ApiProblem.invalidField("version", "is required: send the deviation's version you edited");
        }
        return tests.updateDeviation(user, engagementId, testId, deviationId,
                new DeviationDraft(r.description(), r.cause(), r.nature(), r.compensatingControls()), r.version());
    }

    @PostMapping(TEST + "/extension")
    TestOfControl extension(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestBody(required = false) ExtensionRequest body) {
        user.require(Permission.FIELDWORK_WRITE);
        ExtensionRequest r = required(body, "extension request");
        if (r.additionalItems() == null) {
            throw ApiProblem.invalidField("additionalItems", "is required: how many items to add");
        }
        return tests.requestExtension(user, engagementId, testId, r.additionalItems(), r.reason());
    }

    @PostMapping(TEST + "/conclusion")
    TestOfControl conclude(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestBody(required = false) ConclusionRequest body) {
        user.require(Permission.FIELDWORK_WRITE);
        ConclusionRequest r = required(body, "conclusion");
        return tests.conclude(user, engagementId, testId, r.conclusion(), r.resultWording(),
                version(r.version(), engagementId, testId));
    }

    @PostMapping(TEST + "/sign-off/preparer")
    TestOfControl signOffPreparer(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestBody(required = false) VersionRequest body) {
        user.require(Permission.FIELDWORK_WRITE);
        return tests.signOffAsPreparer(user, engagementId, testId,
                version(required(body, "sign-off").version(), engagementId, testId));
    }

    @PostMapping(TEST + "/sign-off/reviewer")
    TestOfControl signOffReviewer(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestBody(required = false) VersionRequest body) {
        user.require(Permission.FIELDWORK_REVIEW);
        return tests.signOffAsReviewer(user, engagementId, testId,
                version(required(body, "sign-off").version(), engagementId, testId));
    }

    @PostMapping(TEST + "/review-notes")
    ResponseEntity<ReviewNote> addNote(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestBody(required = false) NoteRequest body) {
        user.require(Permission.FIELDWORK_REVIEW);
        ReviewNote note = tests.addReviewNote(user, engagementId, testId, required(body, "review note").text());
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + engagementId + "/tests/" + testId)).body(note);
    }

    @PostMapping(TEST + "/review-notes/{noteId}/respond")
    ReviewNote respondToNote(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @PathVariable UUID noteId, @RequestBody(required = false) NoteResponseRequest body) {
        user.require(Permission.FIELDWORK_WRITE);
        return tests.respondToReviewNote(user, engagementId, testId, noteId, required(body, "response").response());
    }

    @PostMapping(TEST + "/review-notes/{noteId}/clear")
    ReviewNote clearNote(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @PathVariable UUID noteId) {
        user.require(Permission.FIELDWORK_REVIEW);
        return tests.clearReviewNote(user, engagementId, testId, noteId);
    }

    @PostMapping(TEST + "/reopen")
    TestOfControl reopen(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestBody(required = false) ReopenRequest body) {
        user.require(Permission.FIELDWORK_REVIEW);
        ReopenRequest r = required(body, "reopen request");
        return tests.reopen(user, engagementId, testId, r.reason(), version(r.version(), engagementId, testId));
    }

    /** The engagement's deviations: the firm's (auditor) or the open ones to respond to (client). */
    @GetMapping("/api/v1/engagements/{engagementId}/deviations")
    List<Deviation> deviations(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId) {
        return tests.engagementDeviations(user, engagementId);
    }

    /** The client's management response to a deviation (FIELDWORK_RESPOND only). */
    @PostMapping("/api/v1/engagements/{engagementId}/deviations/{deviationId}/response")
    Deviation respond(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID deviationId, @RequestBody(required = false) ResponseRequest body) {
        user.require(Permission.FIELDWORK_RESPOND);
        ResponseRequest r = required(body, "response");
        if (r.version() == null) {
            throw ApiProblem.invalidField("version", "is required: send the deviation's version you read");
        }
        return tests.respond(user, engagementId, deviationId, r.response(), r.version());
    }

    @GetMapping("/api/v1/firm/frequency-table")
    FirmFrequencyTable frequencyTable(@AuthenticationPrincipal CurrentUser user) {
        return firms.frequencyTable(user);
    }

    @PutMapping("/api/v1/firm/frequency-table")
    FirmFrequencyTable updateFrequencyTable(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) FrequencyTableRequest body) {
        user.require(Permission.FIRM_MANAGE);
        FrequencyTableRequest r = required(body, "frequency table");
        if (r.version() == null) {
            throw ApiProblem.invalidField("version", "is required: send the version you edited (0 for the defaults)");
        }
        return firms.updateFrequencyTable(user, r.sizes(), r.defaultConfidence(), r.version());
    }

    private static <T> T required(T body, String what) {
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON " + what + " is required");
        }
        return body;
    }

    private static long version(Long version, UUID engagementId, UUID testId) {
        if (version == null) {
            throw ApiProblem.invalidField("version", "is required: send the test's version you edited (from GET "
                    + "/api/v1/engagements/" + engagementId + "/tests/" + testId + ")");
        }
        return version;
    }
}
