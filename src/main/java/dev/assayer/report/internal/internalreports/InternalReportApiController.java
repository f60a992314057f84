package dev.assayer.report.internal.internalreports;

import dev.assayer.evidence.EvidenceItem;
import dev.assayer.report.InternalReport;
import dev.assayer.report.InternalReportService;
import dev.assayer.shared.tenancy.CurrentUser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1 internal reports: {@code GET /reports/internal/{kind}?format=…&engagement=…} returns the
 * bytes (kind: readiness, controls-matrix, applicability, executive-summary; the download is logged
 * with its SHA-256, also sent as X-Content-SHA256); {@code POST …/evidence} files it as evidence.
 */
@RestController
class InternalReportApiController {

    private final InternalReportService reports;

    InternalReportApiController(InternalReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/reports/internal/{kind}")
    ResponseEntity<byte[]> get(@AuthenticationPrincipal CurrentUser user, @PathVariable String kind,
            @RequestParam(required = false) String format, @RequestParam(required = false) UUID engagement) {
        return download(reports.generate(user, kind, format, engagement));
    }

    @PostMapping("/api/v1/reports/internal/{kind}/evidence")
    ResponseEntity<EvidenceItem> file(@AuthenticationPrincipal CurrentUser user, @PathVariable String kind,
            @RequestParam(required = false) String format, @RequestParam(required = false) UUID engagement) {
        EvidenceItem item = reports.fileAsEvidence(user, kind, format, engagement);
        return ResponseEntity.created(URI.create("/api/v1/evidence/" + item.id())).body(item);
    }

    static ResponseEntity<byte[]> download(InternalReport r) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(r.contentType()));
        headers.setContentLength(r.content().length);
        headers.setContentDisposition(ContentDisposition.attachment().filename(r.filename(), StandardCharsets.UTF_8)
                .build());
        headers.set("X-Content-SHA256", r.sha256());
        headers.setCacheControl("private, no-store");
        return ResponseEntity.ok().headers(headers).body(r.content());
    }
}
