package dev.assayer.fieldwork.internal.populations;

import dev.assayer.fieldwork.PopulationFile;
import dev.assayer.fieldwork.PopulationMetadata;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.PopulationVersion;
import dev.assayer.fieldwork.SampleDetail;
import dev.assayer.fieldwork.SampleRequest;
import dev.assayer.fieldwork.SampleVerification;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
 * /api/v1/engagements/{engagementId}/populations and …/samples: the auditor imports populations
 * (multipart: {@code file} plus the completeness-and-accuracy fields), re-imports versions, edits an
 * unsampled version's record, downloads the file exactly as supplied, selects, extends and verifies
 * samples, and downloads the selection document for {@code assayer sample verify}.
 */
@RestController
@RequestMapping("/api/v1/engagements/{engagementId}")
class PopulationApiController {

    /** PUT body of a version's record; {@code version} is the lock version from GET. */
    record VersionUpdate(String name, List<String> controls, String sourceSystem, String query,
            String queryParameters, String extractedBy, Instant extractedAt, LocalDate periodFrom, LocalDate periodTo,
            String keyColumn, String dateColumn, String format, Long version) {

        PopulationMetadata metadata() {
            return new PopulationMetadata(name, controls, sourceSystem, query, queryParameters, extractedBy,
                    extractedAt, periodFrom, periodTo, keyColumn, dateColumn, format);
        }
    }

    /** POST body of …/samples: the options of {@code assayer sample select}. */
    record SelectRequest(String method, Integer size, String seed, List<Long> chosenRows, String justification,
            Boolean spreadByQuarter) {

        SampleRequest request() {
            return new SampleRequest(method, size, seed, chosenRows, justification, Boolean.TRUE.equals(spreadByQuarter));
        }
    }

    /** POST body of …/extend. */
    record ExtendRequest(Integer additional, String reason) {
    }

    private final PopulationService populations;

    PopulationApiController(PopulationService populations) {
        this.populations = populations;
    }

    @GetMapping("/populations")
    List<PopulationRecord> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId) {
        return populations.list(user, engagementId);
    }

    /** Roll-forward checklist: the prior engagement's populations to re-extract for this period (C&A records, new period filter). */
    @GetMapping("/populations/to-re-extract")
    List<dev.assayer.fieldwork.PopulationMetadata> toReExtract(@AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID engagementId, @RequestParam(required = false) UUID prior) {
        return populations.toReExtract(user, engagementId, prior);
    }

    @PostMapping(path = "/populations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<PopulationRecord> create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String name, @RequestParam(required = false) List<String> controls,
            @RequestParam(required = false) String sourceSystem, @RequestParam(required = false) String query,
            @RequestParam(required = false) String queryParameters, @RequestParam(required = false) String extractedBy,
            @RequestParam(required = false) String extractedAt, @RequestParam(required = false) String periodFrom,
            @RequestParam(required = false) String periodTo, @RequestParam(required = false) String keyColumn,
            @RequestParam(required = false) String dateColumn, @RequestParam(required = false) String format)
            throws IOException {
        user.require(Permission.FIELDWORK_WRITE);
        user.requireEngagement(engagementId);
        PopulationMetadata m = metadata(name, controls, sourceSystem, query, queryParameters, extractedBy, extractedAt,
                periodFrom, periodTo, keyColumn, dateColumn, format);
        PopulationRecord created;
        try (InputStream in = file == null ? null : file.getInputStream()) {
            created = populations.importPopulation(user, engagementId, m, file == null ? null : file.getOriginalFilename(),
                    in);
        }
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + engagementId + "/populations/" + created.id()))
                .body(created);
    }

    @GetMapping("/populations/{id}")
    PopulationRecord get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id) {
        return populations.get(user, engagementId, id);
    }

    @PostMapping(path = "/populations/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<PopulationVersion> newVersion(@AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID engagementId, @PathVariable UUID id,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String name, @RequestParam(required = false) List<String> controls,
            @RequestParam(required = false) String sourceSystem, @RequestParam(required = false) String query,
            @RequestParam(required = false) String queryParameters, @RequestParam(required = false) String extractedBy,
            @RequestParam(required = false) String extractedAt, @RequestParam(required = false) String periodFrom,
            @RequestParam(required = false) String periodTo, @RequestParam(required = false) String keyColumn,
            @RequestParam(required = false) String dateColumn, @RequestParam(required = false) String format)
            throws IOException {
        user.require(Permission.FIELDWORK_WRITE);
        user.requireEngagement(engagementId);
        PopulationMetadata m = metadata(name, controls, sourceSystem, query, queryParameters, extractedBy, extractedAt,
                periodFrom, periodTo, keyColumn, dateColumn, format);
        PopulationVersion created;
        try (InputStream in = file == null ? null : file.getInputStream()) {
            created = populations.importVersion(user, engagementId, id, m,
                    file == null ? null : file.getOriginalFilename(), in);
        }
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + engagementId + "/populations/" + id
                + "/versions/" + created.number())).body(created);
    }

    @GetMapping("/populations/{id}/versions/{number}")
    PopulationVersion version(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id, @PathVariable int number) {
        return populations.version(user, engagementId, id, number);
    }

    @PutMapping(path = "/populations/{id}/versions/{number}", consumes = MediaType.APPLICATION_JSON_VALUE)
    PopulationVersion update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id, @PathVariable int number, @RequestBody(required = false) VersionUpdate body) {
        user.require(Permission.FIELDWORK_WRITE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON record is required");
        }
        if (body.version() == null) {
            throw ApiProblem.invalidField("version", "is required: send the version you edited (from GET)");
        }
        return populations.updateVersion(user, engagementId, id, number, body.metadata(), body.version());
    }

    @GetMapping("/populations/{id}/versions/{number}/file")
    ResponseEntity<Resource> file(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id, @PathVariable int number) throws IOException {
        return download(populations.file(user, engagementId, id, number));
    }

    @PostMapping(path = "/populations/{id}/versions/{number}/samples", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SampleDetail> select(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id, @PathVariable int number, @RequestBody(required = false) SelectRequest body) {
        user.require(Permission.FIELDWORK_WRITE);
        SampleDetail created = populations.select(user, engagementId, id, number, body == null ? null : body.request());
        return ResponseEntity.created(URI.create("/api/v1/engagements/" + engagementId + "/samples/"
                + created.sample().id())).body(created);
    }

    @GetMapping("/samples/{sampleId}")
    SampleDetail sample(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID sampleId) {
        return populations.sampleDetail(user, engagementId, sampleId);
    }

    @PostMapping(path = "/samples/{sampleId}/extend", consumes = MediaType.APPLICATION_JSON_VALUE)
    SampleDetail extend(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID sampleId, @RequestBody(required = false) ExtendRequest body) {
        user.require(Permission.FIELDWORK_WRITE);
        if (body == null || body.additional() == null) {
            throw ApiProblem.invalidField("additional", "is required: how many items to add");
        }
        return populations.extend(user, engagementId, sampleId, body.additional(), body.reason());
    }

    @GetMapping(path = "/samples/{sampleId}/selection.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> selection(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID sampleId) {
        return selectionResponse(populations.selectionJson(user, engagementId, sampleId), sampleId);
    }

    @PostMapping("/samples/{sampleId}/verify")
    SampleVerification verify(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID sampleId) {
        return populations.verify(user, engagementId, sampleId);
    }

    // shared with the UI controller

    static PopulationMetadata metadata(String name, List<String> controls, String sourceSystem, String query,
            String queryParameters, String extractedBy, String extractedAt, String periodFrom, String periodTo,
            String keyColumn, String dateColumn, String format) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        Instant at = PopulationRules.instant("extractedAt", extractedAt, errors);
        LocalDate from = PopulationRules.date("periodFrom", periodFrom, errors);
        LocalDate to = PopulationRules.date("periodTo", periodTo, errors);
        if (!errors.isEmpty()) {
            throw PopulationRules.problem(errors);
        }
        List<String> refs = new ArrayList<>();
        if (controls != null) {
            controls.forEach(c -> Arrays.stream(c.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                    .forEach(refs::add));
        }
        return new PopulationMetadata(name, refs, sourceSystem, query, queryParameters, extractedBy, at, from, to,
                keyColumn, dateColumn, format);
    }

    static ResponseEntity<Resource> download(PopulationFile f) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(f.contentType()));
        headers.setContentLength(f.size());
        headers.setContentDisposition(ContentDisposition.attachment().filename(f.filename(), StandardCharsets.UTF_8)
                .build());
        headers.setETag("\"" + f.sha256() + "\"");
        headers.set("X-Content-SHA256", f.sha256());
        headers.setCacheControl("private, no-store");
        InputStream in = f.open();
        return ResponseEntity.ok().headers(headers).body(new InputStreamResource(in) {
            @Override
            public long contentLength() {
                return f.size();
            }
        });
    }

    static ResponseEntity<String> selectionResponse(String json, UUID sampleId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename("selection-" + sampleId.toString().substring(0, 8) + ".json").build());
        headers.setCacheControl("private, no-store");
        return ResponseEntity.ok().headers(headers).body(json);
    }
}
