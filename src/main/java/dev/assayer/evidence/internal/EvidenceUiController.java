package dev.assayer.evidence.internal;

import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.ControlRef;
import dev.assayer.evidence.EvidenceFilter;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.evidence.EvidenceStatus;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The evidence pages: list, upload form, detail (download, review, withdraw) and the per-control fragment. */
@Controller
class EvidenceUiController {

    /** Formatting helpers for templates ({@code fmt.ts(instant)}, {@code fmt.size(bytes)}). */
    public static final class Fmt {
        private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC);

        public String ts(Instant i) {
            return i == null ? "" : TS.format(i);
        }

        public String size(Long bytes) {
            if (bytes == null) {
                return "";
            }
            if (bytes < 1024) {
                return bytes + " B";
            }
            if (bytes < 1024 * 1024) {
                return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
            }
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
    }

    private static final Fmt FMT = new Fmt();

    private final EvidenceService evidence;

    EvidenceUiController(EvidenceService evidence) {
        this.evidence = evidence;
    }

    private void common(Model model) {
        model.addAttribute("fmt", FMT);
        model.addAttribute("today", LocalDate.now(ZoneOffset.UTC));
    }

    @GetMapping("/evidence")
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID control,
            @RequestParam(required = false) String status, @RequestParam(required = false) String q, Model model) {
        EvidenceStatus st = null;
        if (status != null && !status.isBlank()) {
            try {
                st = EvidenceStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("status", "'" + status + "' is not ACTIVE or WITHDRAWN");
            }
        }
        model.addAttribute("items", evidence.list(user, new EvidenceFilter(control, st, q, null, 500)));
        model.addAttribute("controlChoices", evidence.controlChoices(user.orgId()));
        model.addAttribute("control", control);
        model.addAttribute("status", st == null ? "" : st.name());
        model.addAttribute("q", q == null ? "" : q);
        common(model);
        return "evidence/list";
    }

    @GetMapping("/evidence/new")
    String form(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID control, Model model) {
        user.require(Permission.EVIDENCE_UPLOAD);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : List.of("url", "title", "description", "effectiveDate", "periodStart", "periodEnd",
                "renewalDate", "collectedBy", "collectionMethod", "sourceSystem")) {
            values.put(key, null);
        }
        values.put("controls", control == null ? List.of() : List.of(control.toString()));
        values.put("kind", "file");
        formModel(user, model, values, null);
        return "evidence/new";
    }

    private void formModel(CurrentUser user, Model model, Map<String, Object> values, ApiProblem problem) {
        model.addAttribute("v", values);
        model.addAttribute("controlChoices", evidence.controlChoices(user.orgId()));
        model.addAttribute("methods", CollectionMethod.values());
        model.addAttribute("maxUpload", FMT.size(evidence.maxUploadBytes()));
        model.addAttribute("problem", problem);
        common(model);
    }

    @PostMapping("/evidence")
    String upload(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "file") String kind,
            @RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String url,
            @RequestParam(required = false) String title, @RequestParam(required = false) String description,
            @RequestParam(required = false) List<String> controls, @RequestParam(required = false) String effectiveDate,
            @RequestParam(required = false) String periodStart, @RequestParam(required = false) String periodEnd,
            @RequestParam(required = false) String renewalDate, @RequestParam(required = false) String collectedBy,
            @RequestParam(required = false) String collectionMethod,
            @RequestParam(required = false) String sourceSystem, Model model, RedirectAttributes flash,
            HttpServletResponse response) throws IOException {
        user.require(Permission.EVIDENCE_UPLOAD);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("kind", kind);
        values.put("url", url);
        values.put("title", title);
        values.put("description", description);
        values.put("controls", controls == null ? List.of() : controls);
        values.put("effectiveDate", effectiveDate);
        values.put("periodStart", periodStart);
        values.put("periodEnd", periodEnd);
        values.put("renewalDate", renewalDate);
        values.put("collectedBy", collectedBy);
        values.put("collectionMethod", collectionMethod);
        values.put("sourceSystem", sourceSystem);
        try {
            List<ApiProblem.FieldError> errors = new ArrayList<>();
            CollectionMethod method = null;
            try {
                method = CollectionMethod.parse("collectionMethod", collectionMethod);
            } catch (ApiProblem p) {
                errors.addAll(p.errors());
            }
            EvidenceMetadata md = new EvidenceMetadata(title, description, controls,
                    MetadataRules.date("effectiveDate", effectiveDate, errors),
                    MetadataRules.date("periodStart", periodStart, errors), MetadataRules.date("periodEnd", periodEnd, errors),
                    MetadataRules.date("renewalDate", renewalDate, errors), collectedBy, method, sourceSystem);
            MetadataRules.throwIfAny(errors);
            EvidenceItem item;
            if ("link".equals(kind)) {
                item = evidence.recordLink(user, md, url);
            } else {
                if (file == null || file.isEmpty() && (file.getOriginalFilename() == null
                        || file.getOriginalFilename().isBlank())) {
                    throw ApiProblem.invalidField("file", "choose a file to upload (or record a link instead)");
                }
                try (InputStream in = file.getInputStream()) {
                    item = evidence.upload(user, md, file.getOriginalFilename(), file.getContentType(), in);
                }
            }
            flash.addFlashAttribute("flash", item.hasContent()
                    ? "Evidence stored. SHA-256 " + item.sha256() + "."
                    : "Link recorded.");
            return "redirect:/evidence/" + item.id();
        } catch (ApiProblem p) {
            if (p.status() == 403) {
                throw p;
            }
            response.setStatus(p.status());
            formModel(user, model, values, p);
            return "evidence/new";
        }
    }

    @GetMapping("/evidence/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        EvidenceItem item = evidence.get(user, id);
        model.addAttribute("item", item);
        model.addAttribute("selfUpload", user.userId().equals(item.uploadedBy()));
        common(model);
        return "evidence/detail";
    }

    @GetMapping("/evidence/{id}/download")
    ResponseEntity<Resource> download(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id)
            throws IOException {
        return Downloads.response(evidence.content(user, id));
    }

    @PostMapping("/evidence/{id}/review")
    String review(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String note, RedirectAttributes flash) {
        try {
            evidence.review(user, id, note);
            flash.addFlashAttribute("flash", "Review signed off.");
        } catch (ApiProblem p) {
            if (p.status() == 404) {
                throw p;
            }
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/evidence/" + id;
    }

    @PostMapping("/evidence/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String reason, RedirectAttributes flash) {
        try {
            evidence.withdraw(user, id, reason);
            flash.addFlashAttribute("flash", "Evidence withdrawn. It stays on record with your reason.");
        } catch (ApiProblem p) {
            if (p.status() == 404) {
                throw p;
            }
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/evidence/" + id;
    }

    /** HTML fragment (no layout) for a control's page: its evidence and an upload link. */
    @GetMapping("/evidence/fragments/control/{controlId}")
    String controlFragment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID controlId, Model model) {
        user.require(Permission.EVIDENCE_READ);
        boolean known = evidence.controlChoices(user.orgId()).stream().map(ControlRef::id).anyMatch(controlId::equals);
        if (!known) {
            throw ApiProblem.notFound("Control " + controlId);
        }
        model.addAttribute("items", evidence.forControl(user, controlId));
        model.addAttribute("controlId", controlId);
        common(model);
        return "evidence/control-fragment :: evidence";
    }
}
