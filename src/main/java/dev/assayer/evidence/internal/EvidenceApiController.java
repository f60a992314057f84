package dev.assayer.evidence.internal;

import dev.assayer.evidence.EvidenceContent;
import dev.assayer.evidence.EvidenceFilter;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.evidence.EvidenceStatus;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * /api/v1/evidence: upload (multipart: {@code file} + {@code metadata} JSON), links (JSON with
 * {@code url}), list and read, download the exact bytes, edit metadata, review, withdraw.
 */
@RestController
@RequestMapping("/api/v1/evidence")
class EvidenceApiController {

    /** Body of POST …/review. */
    record ReviewRequest(String note) {
    }

    /** Body of POST …/withdraw. */
    record WithdrawRequest(String reason) {
    }

    private final EvidenceService evidence;
    private final JsonMapper json;

    EvidenceApiController(EvidenceService evidence, JsonMapper json) {
        this.evidence = evidence;
        this.json = json;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<EvidenceItem> upload(@AuthenticationPrincipal CurrentUser user,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestPart(name = "metadata", required = false) String metadata) throws IOException {
        user.require(Permission.EVIDENCE_UPLOAD);
        if (metadata == null) {
            throw ApiProblem.invalidField("metadata", "the multipart part 'metadata' (JSON) is required");
        }
        MetadataJson.Parsed parsed = MetadataJson.parse(json, metadata, "metadata");
        if (parsed.url() != null) {
            throw ApiProblem.invalidField("url", "a link is recorded with a JSON body, not with a file upload");
        }
        if (file == null) {
            throw ApiProblem.invalidField("file", "the multipart part 'file' is required");
        }
        EvidenceItem item;
        try (InputStream in = file.getInputStream()) {
            item = evidence.upload(user, parsed.metadata(), file.getOriginalFilename(), file.getContentType(), in);
        }
        return created(item);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EvidenceItem> link(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) String body) {
        user.require(Permission.EVIDENCE_UPLOAD);
        MetadataJson.Parsed parsed = MetadataJson.parse(json, body, "body");
        if (parsed.url() == null) {
            throw ApiProblem.invalidField("url",
                    "is required for a link; to upload a file, send multipart/form-data with parts 'file' and 'metadata'");
        }
        return created(evidence.recordLink(user, parsed.metadata(), parsed.url()));
    }

    @PostMapping(path = "/links", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EvidenceItem> linkAlias(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) String body) {
        return link(user, body);
    }

    private static ResponseEntity<EvidenceItem> created(EvidenceItem item) {
        return ResponseEntity.created(URI.create("/api/v1/evidence/" + item.id())).body(item);
    }

    @GetMapping
    List<EvidenceItem> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String control, @RequestParam(required = false) String status,
            @RequestParam(required = false) String q, @RequestParam(required = false) String renewalDueBefore,
            @RequestParam(required = false) Integer limit) {
        user.require(Permission.EVIDENCE_READ);
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        LocalDate due = MetadataRules.date("renewalDueBefore", renewalDueBefore, errors);
        EvidenceStatus st = null;
        if (status != null && !status.isBlank()) {
            try {
                st = EvidenceStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new ApiProblem.FieldError("status", "'" + status + "' is not ACTIVE or WITHDRAWN"));
            }
        }
        MetadataRules.throwIfAny(errors);
        UUID controlId = null;
        if (control != null && !control.isBlank()) {
            try {
                controlId = evidence.resolveControls(user.orgId(), List.of(control)).getFirst();
            } catch (ApiProblem p) {
                throw ApiProblem.invalidField("control", "unknown control '" + control + "'");
            }
        }
        return evidence.list(user, new EvidenceFilter(controlId, st, q, due, limit));
    }

    @GetMapping("/renewals")
    List<EvidenceItem> renewals(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String before) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        LocalDate b = MetadataRules.date("before", before, errors);
        MetadataRules.throwIfAny(errors);
        return evidence.renewalsDue(user, b);
    }

    @GetMapping("/{id}")
    EvidenceItem get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return evidence.get(user, id);
    }

    @GetMapping("/{id}/content")
    ResponseEntity<org.springframework.core.io.Resource> content(@AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id) throws IOException {
        return Downloads.response(evidence.content(user, id));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    EvidenceItem update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) String body) {
        user.require(Permission.EVIDENCE_UPLOAD);
        MetadataJson.Parsed parsed = MetadataJson.parse(json, body, "body");
        if (parsed.version() == null) {
            throw ApiProblem.invalidField("version", "is required (the version you edited, from GET)");
        }
        if (parsed.url() != null) {
            throw ApiProblem.invalidField("url", "cannot be changed; withdraw the item and record a new link");
        }
        return evidence.update(user, id, parsed.metadata(), parsed.version());
    }

    @PostMapping("/{id}/review")
    EvidenceItem review(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) ReviewRequest body) {
        return evidence.review(user, id, body == null ? null : body.note());
    }

    @PostMapping("/{id}/withdraw")
    EvidenceItem withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) WithdrawRequest body) {
        return evidence.withdraw(user, id, body == null ? null : body.reason());
    }

}
