package dev.assayer.fieldwork.internal.export;

import dev.assayer.fieldwork.WorkpaperExportService;
import dev.assayer.fieldwork.WorkpaperFormat;
import dev.assayer.shared.tenancy.CurrentUser;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1/engagements/{engagementId}/workpapers.json and .xlsx: the audit firm's workpapers of the
 * engagement (docs/workpapers.md), whole or for one control ({@code ?control=} ref or id). The
 * answer is an attachment named "workpapers-&lt;engagement&gt;-&lt;date&gt;.&lt;ext&gt;" with the SHA-256 of its
 * bytes in {@code X-Content-SHA256}, as recorded in the activity log. Auditors only (client roles: 403).
 */
@RestController
class WorkpaperApiController {

    private static final String BASE = "/api/v1/engagements/{engagementId}/workpapers";

    private final WorkpaperExportService exports;

    WorkpaperApiController(WorkpaperExportService exports) {
        this.exports = exports;
    }

    @GetMapping(BASE + ".json")
    ResponseEntity<byte[]> json(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) String control) {
        return WorkpaperDownload.of(exports.export(user, engagementId, control, WorkpaperFormat.JSON));
    }

    @GetMapping(BASE + ".xlsx")
    ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) String control) {
        return WorkpaperDownload.of(exports.export(user, engagementId, control, WorkpaperFormat.XLSX));
    }
}
