package dev.assayer.report.internal.bridge;

import dev.assayer.report.BridgeLetter;
import dev.assayer.report.BridgeLetterService;
import dev.assayer.report.ReportFile;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1 bridge letters: draft a frozen version ({@code POST /engagements/{id}/bridge-letters},
 * body {@code {"coversTo": "2027-03-31"}}), list, read one, stream its PDF or DOCX (the signed letter
 * once signed), and sign it ({@code POST /bridge-letters/{id}/signature}).
 */
@RestController
class BridgeLetterApiController {

    record DraftRequest(String coversTo) {
    }

    record SignRequest(String officerName, String officerTitle, String confirmation) {
    }

    private final BridgeLetterService letters;

    BridgeLetterApiController(BridgeLetterService letters) {
        this.letters = letters;
    }

    @PostMapping("/api/v1/engagements/{id}/bridge-letters")
    ResponseEntity<BridgeLetter> draft(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) DraftRequest body) {
        user.require(Permission.REPORT_GENERATE).require(Permission.EVIDENCE_UPLOAD);
        BridgeLetter b = letters.draft(user, id, date(body == null ? null : body.coversTo()));
        return ResponseEntity.created(URI.create("/api/v1/bridge-letters/" + b.id())).body(b);
    }

    @GetMapping("/api/v1/engagements/{id}/bridge-letters")
    List<BridgeLetter> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return letters.list(user, id);
    }

    @GetMapping("/api/v1/bridge-letters/{id}")
    BridgeLetter get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return letters.get(user, id);
    }

    @GetMapping("/api/v1/bridge-letters/{id}/content")
    ResponseEntity<Resource> content(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false, defaultValue = "pdf") String format) throws IOException {
        return download(letters.content(user, id, format));
    }

    @PostMapping("/api/v1/bridge-letters/{id}/signature")
    ResponseEntity<BridgeLetter> sign(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) SignRequest body) {
        user.require(Permission.ASSERTION_SIGN);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON body with officerName, officerTitle and confirmation is required");
        }
        BridgeLetter b = letters.sign(user, id, body.officerName(), body.officerTitle(), body.confirmation());
        return ResponseEntity.created(URI.create("/api/v1/bridge-letters/" + id)).body(b);
    }

    static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException ex) {
            throw ApiProblem.invalidField("coversTo", "'" + text.strip() + "' is not a date (expected YYYY-MM-DD)");
        }
    }

    static ResponseEntity<Resource> download(ReportFile f) throws IOException {
        return dev.assayer.report.internal.ReportDownload.of(f);
    }
}
