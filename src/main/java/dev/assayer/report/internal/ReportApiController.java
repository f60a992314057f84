package dev.assayer.report.internal;

import dev.assayer.report.AssertionSignature;
import dev.assayer.report.AuditorSection;
import dev.assayer.report.DescriptionCheck;
import dev.assayer.report.ReportComparison;
import dev.assayer.report.ReportFile;
import dev.assayer.report.ReportService;
import dev.assayer.report.ReportVersion;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * /api/v1 reports: generate a frozen version ({@code POST /engagements/{id}/reports}, body
 * {@code {"kind": "soc2-type2"}}), list and read versions, stream a version's frozen bytes
 * ({@code ?format=pdf|docx|html|json}; the SHA-256 of the download is the recorded one), compare two
 * versions, sign management's assertion of one version, the service auditor's Section I (JSON text,
 * or multipart with a PDF) and the description check.
 */
@RestController
class ReportApiController {

    record GenerateRequest(String kind) {
    }

    record SignRequest(String officerName, String officerTitle, String confirmation) {
    }

    record SectionRequest(String text, Long version) {
    }

    /** Section I as supplied ({@code section} null when nothing is supplied yet). */
    record SectionView(UUID engagementId, AuditorSection section) {
    }

    private final ReportService reports;

    ReportApiController(ReportService reports) {
        this.reports = reports;
    }

    @PostMapping("/api/v1/engagements/{id}/reports")
    ResponseEntity<ReportVersion> generate(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) GenerateRequest body) {
        user.require(Permission.REPORT_GENERATE);
        ReportVersion v = reports.generate(user, id, body == null ? null : body.kind());
        return ResponseEntity.created(URI.create("/api/v1/reports/" + v.id())).body(v);
    }

    @GetMapping("/api/v1/engagements/{id}/reports")
    List<ReportVersion> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return reports.versions(user, id);
    }

    @GetMapping("/api/v1/reports/{id}")
    ReportVersion get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return reports.version(user, id);
    }

    @GetMapping("/api/v1/reports/{id}/content")
    ResponseEntity<Resource> content(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false, defaultValue = "pdf") String format) throws IOException {
        return download(reports.content(user, id, format));
    }

    @GetMapping("/api/v1/reports/{id}/compare")
    ReportComparison compare(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(name = "with", required = false) UUID with) {
        return reports.compare(user, id, with);
    }

    @PostMapping("/api/v1/reports/{id}/assertion-signature")
    ResponseEntity<AssertionSignature> sign(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) SignRequest body) {
        user.require(Permission.ASSERTION_SIGN);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON body with officerName, officerTitle and confirmation is required");
        }
        AssertionSignature s = reports.signAssertion(user, id, body.officerName(), body.officerTitle(), body.confirmation());
        return ResponseEntity.created(URI.create("/api/v1/reports/" + id)).body(s);
    }

    @GetMapping("/api/v1/engagements/{id}/reports/auditor-section")
    SectionView auditorSection(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return new SectionView(id, reports.auditorSection(user, id).orElse(null));
    }

    @PutMapping(path = "/api/v1/engagements/{id}/reports/auditor-section", consumes = MediaType.APPLICATION_JSON_VALUE)
    AuditorSection saveText(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) SectionRequest body) {
        user.require(Permission.AUDITOR_REPORT_WRITE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON body with the text of Section I is required");
        }
        return reports.saveAuditorText(user, id, body.text(), body.version());
    }

    @PutMapping(path = "/api/v1/engagements/{id}/reports/auditor-section", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    AuditorSection upload(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "version", required = false) Long version) throws IOException {
        user.require(Permission.AUDITOR_REPORT_WRITE);
        if (file == null || file.isEmpty()) {
            throw ApiProblem.invalidField("file", "is required: the service auditor's report as a PDF");
        }
        try (InputStream in = file.getInputStream()) {
            return reports.uploadAuditorPdf(user, id, file.getOriginalFilename(), in, version);
        }
    }

    @GetMapping("/api/v1/engagements/{id}/reports/auditor-section/pdf")
    ResponseEntity<Resource> auditorPdf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id)
            throws IOException {
        return download(reports.auditorPdf(user, id));
    }

    @GetMapping("/api/v1/engagements/{id}/description-check")
    DescriptionCheck descriptionCheck(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return reports.descriptionCheck(user, id);
    }

    static ResponseEntity<Resource> download(ReportFile f) throws IOException {
        return ReportDownload.of(f);
    }
}
