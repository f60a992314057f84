package dev.assayer.fieldwork.internal.populations;

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
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The auditor's population pages inside an engagement: the list with the import form, a
 * population's versions with the completeness-and-accuracy record, flagged rows, samples and the
 * selection form, the edit form of an unsampled version, and a sample's page (items, extension,
 * verification, downloads).
 */
@Controller
class PopulationUiController {

    /** The completeness-and-accuracy fields as typed in a form. */
    public static class MetadataForm {
        private String name;
        private String controls;
        private String sourceSystem;
        private String query;
        private String queryParameters;
        private String extractedBy;
        private String extractedAt;
        private String periodFrom;
        private String periodTo;
        private String keyColumn;
        private String dateColumn;
        private String format;
        private Long version;

        static MetadataForm of(PopulationVersion v) {
            MetadataForm f = new MetadataForm();
            f.name = v.name();
            f.controls = String.join(", ", v.controlRefs());
            f.sourceSystem = v.sourceSystem();
            f.query = v.query();
            f.queryParameters = v.queryParameters();
            f.extractedBy = v.extractedBy();
            f.extractedAt = v.extractedAt() == null ? null
                    : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(v.extractedAt().atOffset(ZoneOffset.UTC));
            f.periodFrom = v.periodFrom() == null ? null : v.periodFrom().toString();
            f.periodTo = v.periodTo() == null ? null : v.periodTo().toString();
            f.keyColumn = v.keyColumn();
            f.dateColumn = v.dateColumn();
            f.format = v.format();
            f.version = v.version();
            return f;
        }

        PopulationMetadata metadata() {
            return PopulationApiController.metadata(name, controls == null ? null : List.of(controls), sourceSystem,
                    query, queryParameters, extractedBy, extractedAt, periodFrom, periodTo, keyColumn, dateColumn,
                    format);
        }

        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public String getControls() { return controls; }
        public void setControls(String v) { controls = v; }
        public String getSourceSystem() { return sourceSystem; }
        public void setSourceSystem(String v) { sourceSystem = v; }
        public String getQuery() { return query; }
        public void setQuery(String v) { query = v; }
        public String getQueryParameters() { return queryParameters; }
        public void setQueryParameters(String v) { queryParameters = v; }
        public String getExtractedBy() { return extractedBy; }
        public void setExtractedBy(String v) { extractedBy = v; }
        public String getExtractedAt() { return extractedAt; }
        public void setExtractedAt(String v) { extractedAt = v; }
        public String getPeriodFrom() { return periodFrom; }
        public void setPeriodFrom(String v) { periodFrom = v; }
        public String getPeriodTo() { return periodTo; }
        public void setPeriodTo(String v) { periodTo = v; }
        public String getKeyColumn() { return keyColumn; }
        public void setKeyColumn(String v) { keyColumn = v; }
        public String getDateColumn() { return dateColumn; }
        public void setDateColumn(String v) { dateColumn = v; }
        public String getFormat() { return format; }
        public void setFormat(String v) { format = v; }
        public Long getVersion() { return version; }
        public void setVersion(Long v) { version = v; }
    }

    /** The selection form. */
    public static class SelectForm {
        private String method = "random";
        private String size;
        private String seed;
        private String chosenRows;
        private String justification;
        private boolean spreadByQuarter;

        SampleRequest request() {
            List<ApiProblem.FieldError> errors = new ArrayList<>();
            Integer n = null;
            if (size != null && !size.isBlank()) {
                try {
                    n = Integer.valueOf(size.strip());
                } catch (NumberFormatException e) {
                    errors.add(new ApiProblem.FieldError("size", "'" + size + "' is not a whole number"));
                }
            }
            List<Long> rows = new ArrayList<>();
            if (chosenRows != null) {
                for (String part : chosenRows.split("[,\\s]+")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    try {
                        rows.add(Long.valueOf(part.strip()));
                    } catch (NumberFormatException e) {
                        errors.add(new ApiProblem.FieldError("chosenRows", "'" + part + "' is not a row number"));
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw PopulationRules.problem(errors);
            }
            return new SampleRequest(method, n, seed, rows, justification, spreadByQuarter);
        }

        public String getMethod() { return method; }
        public void setMethod(String v) { method = v; }
        public String getSize() { return size; }
        public void setSize(String v) { size = v; }
        public String getSeed() { return seed; }
        public void setSeed(String v) { seed = v; }
        public String getChosenRows() { return chosenRows; }
        public void setChosenRows(String v) { chosenRows = v; }
        public String getJustification() { return justification; }
        public void setJustification(String v) { justification = v; }
        public boolean isSpreadByQuarter() { return spreadByQuarter; }
        public void setSpreadByQuarter(boolean v) { spreadByQuarter = v; }
    }

    private final PopulationService populations;

    private final dev.assayer.engagement.EngagementAccessService access;

    PopulationUiController(PopulationService populations, dev.assayer.engagement.EngagementAccessService access) {
        this.populations = populations;
        this.access = access;
    }

    /** Roll-forward checklist: the prior engagement's populations to re-extract for this period. */
    @GetMapping("/engagements/{engagementId}/populations/to-re-extract")
    String toReExtract(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) UUID prior, Model model) {
        user.requireEngagement(engagementId);
        var priors = access.grantsOfFirm(user).stream()
                .filter(g -> g.orgId().equals(user.orgId()) && !g.engagementId().equals(engagementId))
                .collect(java.util.stream.Collectors.toMap(dev.assayer.engagement.EngagementGrant::engagementId,
                        dev.assayer.engagement.EngagementGrant::engagementName, (a, b) -> a,
                        java.util.LinkedHashMap::new));
        UUID chosen = prior != null ? prior : priors.keySet().stream().findFirst().orElse(null);
        model.addAttribute("engagementId", engagementId);
        model.addAttribute("priors", priors);
        model.addAttribute("prior", chosen);
        model.addAttribute("items", chosen == null ? List.of() : populations.toReExtract(user, engagementId, chosen));
        return "fieldwork/populations/re-extract";
    }

    // ------------------------------------------------------------ list and import

    @GetMapping("/engagements/{engagementId}/populations")
    String list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, Model model) {
        return list(user, engagementId, model, new MetadataForm(), null);
    }

    @PostMapping("/engagements/{engagementId}/populations")
    String create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(name = "file", required = false) MultipartFile file, @ModelAttribute("form") MetadataForm form,
            Model model, RedirectAttributes flash) throws IOException {
        user.require(Permission.FIELDWORK_WRITE);
        user.requireEngagement(engagementId);
        try (InputStream in = present(file) ? file.getInputStream() : null) {
            PopulationRecord created = populations.importPopulation(user, engagementId, form.metadata(),
                    present(file) ? file.getOriginalFilename() : null, in);
            flash.addFlashAttribute("flash", "Population imported: " + created.latest().rows() + " rows, SHA-256 "
                    + created.latest().sha256() + ".");
            return "redirect:/engagements/" + engagementId + "/populations/" + created.id();
        } catch (ApiProblem p) {
            if (p.status() != 400) {
                throw p;
            }
            return list(user, engagementId, model, form, p);
        }
    }

    private String list(CurrentUser user, UUID engagementId, Model model, MetadataForm form, ApiProblem problem) {
        model.addAttribute("populations", populations.list(user, engagementId));
        model.addAttribute("engagementId", engagementId);
        model.addAttribute("scope", user.scope());
        model.addAttribute("canWrite", user.can(Permission.FIELDWORK_WRITE));
        model.addAttribute("form", form);
        model.addAttribute("formProblem", problem);
        model.addAttribute("formErrors", fieldErrors(problem));
        return "fieldwork/populations/list";
    }

    // ------------------------------------------------------------ a population

    @GetMapping("/engagements/{engagementId}/populations/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            @RequestParam(name = "v", required = false) Integer v, Model model) {
        return detail(user, engagementId, id, v, model, null, null, null, null);
    }

    @PostMapping("/engagements/{engagementId}/populations/{id}/versions")
    String newVersion(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            @RequestParam(name = "file", required = false) MultipartFile file, @ModelAttribute("form") MetadataForm form,
            Model model, RedirectAttributes flash) throws IOException {
        user.require(Permission.FIELDWORK_WRITE);
        user.requireEngagement(engagementId);
        try (InputStream in = present(file) ? file.getInputStream() : null) {
            PopulationVersion v = populations.importVersion(user, engagementId, id, form.metadata(),
                    present(file) ? file.getOriginalFilename() : null, in);
            flash.addFlashAttribute("flash", "Version " + v.number() + " imported: " + v.rows() + " rows.");
            return "redirect:/engagements/" + engagementId + "/populations/" + id + "?v=" + v.number();
        } catch (ApiProblem p) {
            if (p.status() != 400) {
                throw p;
            }
            return detail(user, engagementId, id, null, model, form, p, null, null);
        }
    }

    @PostMapping("/engagements/{engagementId}/populations/{id}/versions/{number}/samples")
    String select(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            @PathVariable int number, @ModelAttribute("selectForm") SelectForm form, Model model,
            RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        try {
            SampleDetail s = populations.select(user, engagementId, id, number, form.request());
            flash.addFlashAttribute("flash", "Sample selected: " + s.sample().items().size() + " items.");
            return "redirect:/engagements/" + engagementId + "/samples/" + s.sample().id();
        } catch (ApiProblem p) {
            if (p.status() != 400) {
                throw p;
            }
            return detail(user, engagementId, id, number, model, null, null, form, p);
        }
    }

    private String detail(CurrentUser user, UUID engagementId, UUID id, Integer v, Model model, MetadataForm versionForm,
            ApiProblem versionProblem, SelectForm selectForm, ApiProblem selectProblem) {
        PopulationRecord p = populations.get(user, engagementId, id);
        PopulationVersion shown = p.versions().stream().filter(x -> v == null || x.number() == v).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Population " + id + " version " + v));
        MetadataForm next = versionForm;
        if (next == null) {
            next = MetadataForm.of(p.latest());
            next.setExtractedAt(null);
            next.setVersion(null);
        }
        model.addAttribute("p", p);
        model.addAttribute("v", shown);
        model.addAttribute("engagementId", engagementId);
        model.addAttribute("scope", user.scope());
        model.addAttribute("canWrite", user.can(Permission.FIELDWORK_WRITE));
        model.addAttribute("form", next);
        model.addAttribute("selectForm", selectForm == null ? new SelectForm() : selectForm);
        model.addAttribute("formProblem", versionProblem);
        model.addAttribute("formErrors", fieldErrors(versionProblem));
        model.addAttribute("selectProblem", selectProblem);
        model.addAttribute("selectErrors", fieldErrors(selectProblem));
        return "fieldwork/populations/detail";
    }

    // ------------------------------------------------------------ a version's record

    @GetMapping("/engagements/{engagementId}/populations/{id}/versions/{number}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            @PathVariable int number, Model model) {
        user.require(Permission.FIELDWORK_WRITE);
        PopulationVersion v = populations.version(user, engagementId, id, number);
        return edit(model, engagementId, v, MetadataForm.of(v), null);
    }

    @PostMapping("/engagements/{engagementId}/populations/{id}/versions/{number}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            @PathVariable int number, @ModelAttribute("form") MetadataForm form, Model model,
            RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        PopulationVersion current = populations.version(user, engagementId, id, number);
        try {
            if (form.getVersion() == null) {
                throw ApiProblem.invalidField("version", "is required; reload the page and try again");
            }
            populations.updateVersion(user, engagementId, id, number, form.metadata(), form.getVersion());
            flash.addFlashAttribute("flash", "Version " + number + " saved.");
            return "redirect:/engagements/" + engagementId + "/populations/" + id + "?v=" + number;
        } catch (ApiProblem p) {
            if (p.status() != 400 && p.status() != 409) {
                throw p;
            }
            return edit(model, engagementId, current, form, p);
        }
    }

    private String edit(Model model, UUID engagementId, PopulationVersion v, MetadataForm form, ApiProblem problem) {
        model.addAttribute("engagementId", engagementId);
        model.addAttribute("v", v);
        model.addAttribute("form", form);
        model.addAttribute("formProblem", problem);
        model.addAttribute("formErrors", fieldErrors(problem));
        return "fieldwork/populations/edit";
    }

    @GetMapping("/engagements/{engagementId}/populations/{id}/versions/{number}/file")
    ResponseEntity<Resource> file(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID id, @PathVariable int number) throws IOException {
        return PopulationApiController.download(populations.file(user, engagementId, id, number));
    }

    // ------------------------------------------------------------ a sample

    @GetMapping("/engagements/{engagementId}/samples/{sampleId}")
    String sample(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID sampleId, Model model) {
        return sample(user, engagementId, sampleId, model, null, null, null, null);
    }

    @PostMapping("/engagements/{engagementId}/samples/{sampleId}/extend")
    String extend(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID sampleId, @RequestParam(required = false) String additional,
            @RequestParam(required = false) String reason, Model model, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        try {
            int n;
            try {
                n = Integer.parseInt(additional == null ? "" : additional.strip());
            } catch (NumberFormatException e) {
                throw ApiProblem.invalidField("additional", "'" + (additional == null ? "" : additional)
                        + "' is not a whole number");
            }
            SampleDetail d = populations.extend(user, engagementId, sampleId, n, reason);
            flash.addFlashAttribute("flash", "Sample extended to " + d.sample().size() + " items; earlier items are "
                    + "unchanged.");
            return "redirect:/engagements/" + engagementId + "/samples/" + sampleId;
        } catch (ApiProblem p) {
            if (p.status() != 400 && p.status() != 409) {
                throw p;
            }
            return sample(user, engagementId, sampleId, model, p, additional, reason, null);
        }
    }

    @PostMapping("/engagements/{engagementId}/samples/{sampleId}/verify")
    String verify(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID sampleId, Model model) {
        SampleVerification result = populations.verify(user, engagementId, sampleId);
        return sample(user, engagementId, sampleId, model, null, null, null, result);
    }

    @GetMapping("/engagements/{engagementId}/samples/{sampleId}/selection.json")
    ResponseEntity<String> selection(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID sampleId) {
        return PopulationApiController.selectionResponse(populations.selectionJson(user, engagementId, sampleId),
                sampleId);
    }

    private String sample(CurrentUser user, UUID engagementId, UUID sampleId, Model model, ApiProblem problem,
            String additional, String reason, SampleVerification verification) {
        SampleDetail d = populations.sampleDetail(user, engagementId, sampleId);
        model.addAttribute("d", d);
        model.addAttribute("s", d.sample());
        model.addAttribute("engagementId", engagementId);
        model.addAttribute("canWrite", user.can(Permission.FIELDWORK_WRITE));
        model.addAttribute("additional", additional);
        model.addAttribute("reason", reason);
        model.addAttribute("verification", verification);
        errors(model, problem);
        return "fieldwork/populations/sample";
    }

    // ------------------------------------------------------------ helpers

    private static boolean present(MultipartFile file) {
        return file != null && !file.isEmpty();
    }

    private static void errors(Model model, ApiProblem problem) {
        model.addAttribute("problem", problem);
        model.addAttribute("fieldErrors", fieldErrors(problem));
    }

    private static Map<String, String> fieldErrors(ApiProblem problem) {
        Map<String, String> out = new LinkedHashMap<>();
        if (problem != null) {
            problem.errors().forEach(e -> out.putIfAbsent(e.field() == null ? "" : e.field(), e.message()));
        }
        return out;
    }
}
