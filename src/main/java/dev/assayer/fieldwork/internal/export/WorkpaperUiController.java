package dev.assayer.fieldwork.internal.export;

import dev.assayer.fieldwork.ControlTestStatus;
import dev.assayer.fieldwork.WorkpaperExportService;
import dev.assayer.fieldwork.WorkpaperFormat;
import dev.assayer.shared.tenancy.CurrentUser;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workpapers export page (/engagements/{engagementId}/workpapers): download the whole
 * engagement or one control as XLSX or JSON. The downloads are plain GET links and forms, so they
 * work without JavaScript.
 */
@Controller
class WorkpaperUiController {

    private final WorkpaperExportService exports;

    WorkpaperUiController(WorkpaperExportService exports) {
        this.exports = exports;
    }

    @GetMapping("/engagements/{engagementId}/workpapers")
    String page(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, Model model) {
        List<ControlTestStatus> controls = exports.controls(user, engagementId);
        model.addAttribute("engagementId", engagementId);
        model.addAttribute("engagementName", user.scope().engagementName());
        model.addAttribute("controls", controls);
        model.addAttribute("testCount", controls.stream().mapToInt(c -> c.tests().size()).sum());
        return "fieldwork/workpapers/export";
    }

    @GetMapping("/engagements/{engagementId}/workpapers.json")
    ResponseEntity<byte[]> json(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) String control) {
        return WorkpaperDownload.of(exports.export(user, engagementId, control, WorkpaperFormat.JSON));
    }

    @GetMapping("/engagements/{engagementId}/workpapers.xlsx")
    ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) String control) {
        return WorkpaperDownload.of(exports.export(user, engagementId, control, WorkpaperFormat.XLSX));
    }
}
