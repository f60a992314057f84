package dev.assayer.fieldwork.internal.requests;

import dev.assayer.evidence.EvidenceFilter;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.evidence.EvidenceStatus;
import dev.assayer.fieldwork.InformationRequest;
import dev.assayer.fieldwork.RequestDetail;
import dev.assayer.fieldwork.RequestDraft;
import dev.assayer.fieldwork.RequestFilter;
import dev.assayer.fieldwork.RequestImportResult;
import dev.assayer.fieldwork.RequestList;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.fieldwork.RequestStatus;
import dev.assayer.fieldwork.RollForward;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.FormValues;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The request list pages: /engagements/{id}/requests (the auditor's list with counts, create,
 * import and roll-forward forms; the client's list with due and overdue requests and "mine" /
 * "overdue" filters) and /engagements/{id}/requests/{requestId} (status, history, evidence,
 * comments, and the actions of the reader's side).
 */
@Controller
class RequestUiController {

    private final RequestListService requests;
    private final EvidenceService evidence;

    RequestUiController(RequestListService requests, EvidenceService evidence) {
        this.requests = requests;
        this.evidence = evidence;
    }

    // ------------------------------------------------------------------------------ list

    @GetMapping("/engagements/{engagementId}/requests")
    String list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) String status, @RequestParam(required = false) String show, Model model) {
        RequestForm form = new RequestForm();
        return list(user, engagementId, status, show, model, form, null, null, null);
    }

    @PostMapping("/engagements/{engagementId}/requests")
    String create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @ModelAttribute("form") RequestForm form, Model model, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        try {
            InformationRequest created = requests.create(user, engagementId, form.draft());
            flash.addFlashAttribute("flash", "Request " + created.ref() + " created.");
            return "redirect:/engagements/" + engagementId + "/requests/" + created.id();
        } catch (ApiProblem p) {
            return list(user, engagementId, null, null, model, form, p, null, null);
        }
    }

    @PostMapping("/engagements/{engagementId}/requests/import")
    String importCsv(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String csv, Model model,
            RedirectAttributes flash) throws IOException {
        user.require(Permission.FIELDWORK_WRITE);
        String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : csv;
        try {
            RequestImportResult result = requests.importCsv(user, engagementId, text);
            flash.addFlashAttribute("flash", result.created() + " request" + (result.created() == 1 ? "" : "s")
                    + " imported.");
            return "redirect:/engagements/" + engagementId + "/requests";
        } catch (ApiProblem p) {
            return list(user, engagementId, null, null, model, new RequestForm(), null, p, csv);
        }
    }

    @PostMapping("/engagements/{engagementId}/requests/roll-forward")
    String rollForward(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) String targetEngagementId, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        try {
            UUID target = uuid("targetEngagementId", targetEngagementId);
            RollForward result = requests.rollForward(user, engagementId, target);
            flash.addFlashAttribute("flash", result.created().size() + " request" + (result.created().size() == 1 ? "" : "s")
                    + " rolled forward (due dates moved by " + result.shiftDays() + " days).");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", "Nothing was rolled forward: " + p.getMessage());
        }
        return "redirect:/engagements/" + engagementId + "/requests";
    }

    private String list(CurrentUser user, UUID engagementId, String status, String show, Model model, RequestForm form,
            ApiProblem formProblem, ApiProblem importProblem, String csv) {
        RequestStatus st = FormValues.choice("status", status, RequestStatus.class);
        boolean mine = "mine".equals(show);
        boolean overdue = "overdue".equals(show);
        RequestList list = requests.list(user, engagementId, new RequestFilter(st, mine, overdue));
        boolean auditor = user.scope() != null;
        boolean canWrite = auditor && user.can(Permission.FIELDWORK_WRITE);
        model.addAttribute("list", list);
        model.addAttribute("engagementId", engagementId);
        model.addAttribute("auditor", auditor);
        model.addAttribute("canWrite", canWrite);
        model.addAttribute("statuses", RequestStatus.values());
        model.addAttribute("status", st == null ? "" : st.name());
        model.addAttribute("show", mine ? "mine" : overdue ? "overdue" : "");
        model.addAttribute("columns", String.join(",", RequestCsv.COLUMNS));
        model.addAttribute("form", form);
        model.addAttribute("csv", csv);
        if (canWrite) {
            model.addAttribute("owners", requests.possibleOwners(user, engagementId));
            model.addAttribute("targets", requests.rollForwardTargets(user, engagementId));
        }
        errors(model, formProblem);
        model.addAttribute("importProblem", importProblem);
        return "fieldwork/requests/list";
    }

    // ------------------------------------------------------------------------------ one request

    @GetMapping("/engagements/{engagementId}/requests/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            Model model) {
        return detail(user, engagementId, id, model, null, null);
    }

    @GetMapping("/engagements/{engagementId}/requests/{id}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            Model model) {
        user.require(Permission.FIELDWORK_WRITE);
        RequestDetail d = requests.get(user, engagementId, id);
        return edit(user, engagementId, d.request(), RequestForm.of(d.request()), model, null);
    }

    @PostMapping("/engagements/{engagementId}/requests/{id}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            @ModelAttribute("form") RequestForm form, Model model, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        RequestDetail d = requests.get(user, engagementId, id);
        try {
            if (form.getVersion() == null) {
                throw ApiProblem.invalidField("version", "is required; reload the page and try again");
            }
            requests.update(user, engagementId, id, form.draft(), form.getVersion());
            flash.addFlashAttribute("flash", "Request saved.");
            return "redirect:/engagements/" + engagementId + "/requests/" + id;
        } catch (ApiProblem p) {
            return edit(user, engagementId, d.request(), form, model, p);
        }
    }

    @PostMapping("/engagements/{engagementId}/requests/{id}/submit")
    String submit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            @RequestParam(required = false) List<String> evidenceIds, @RequestParam(required = false) String note,
            @RequestParam(required = false) Long version, Model model, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_RESPOND);
        try {
            List<UUID> ids = evidenceIds == null ? List.of()
                    : evidenceIds.stream().filter(s -> !s.isBlank()).map(s -> uuid("evidenceIds", s)).toList();
            InformationRequest r = requests.submit(user, engagementId, id, ids, note, version);
            flash.addFlashAttribute("flash", "Request " + r.ref() + " " + r.status().label().toLowerCase() + ".");
            return "redirect:/engagements/" + engagementId + "/requests/" + id;
        } catch (ApiProblem p) {
            model.addAttribute("note", note);
            return detail(user, engagementId, id, model, p, "submit");
        }
    }

    @PostMapping("/engagements/{engagementId}/requests/{id}/accept")
    String accept(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            @RequestParam(required = false) String note, @RequestParam(required = false) Long version, Model model,
            RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        try {
            InformationRequest r = requests.accept(user, engagementId, id, note, version);
            flash.addFlashAttribute("flash", "Request " + r.ref() + " accepted.");
            return "redirect:/engagements/" + engagementId + "/requests/" + id;
        } catch (ApiProblem p) {
            return detail(user, engagementId, id, model, p, "review");
        }
    }

    @PostMapping("/engagements/{engagementId}/requests/{id}/flag")
    String flag(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            @RequestParam(required = false) String reason, @RequestParam(required = false) Long version, Model model,
            RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        try {
            InformationRequest r = requests.flag(user, engagementId, id, reason, version);
            flash.addFlashAttribute("flash", "Request " + r.ref() + " flagged; the client was told why.");
            return "redirect:/engagements/" + engagementId + "/requests/" + id;
        } catch (ApiProblem p) {
            model.addAttribute("reason", reason);
            return detail(user, engagementId, id, model, p, "review");
        }
    }

    @PostMapping("/engagements/{engagementId}/requests/{id}/comments")
    String comment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID id,
            @RequestParam(required = false) String body, Model model, RedirectAttributes flash) {
        try {
            requests.comment(user, engagementId, id, body);
            flash.addFlashAttribute("flash", "Comment added.");
            return "redirect:/engagements/" + engagementId + "/requests/" + id + "#comments";
        } catch (ApiProblem p) {
            if (p.status() != 400) {
                throw p;
            }
            model.addAttribute("commentBody", body);
            return detail(user, engagementId, id, model, p, "comment");
        }
    }

    private String detail(CurrentUser user, UUID engagementId, UUID id, Model model, ApiProblem problem, String where) {
        RequestDetail d = requests.get(user, engagementId, id);
        boolean auditor = user.scope() != null;
        InformationRequest r = d.request();
        boolean canWrite = auditor && user.can(Permission.FIELDWORK_WRITE);
        boolean canRespond = !auditor && user.can(Permission.FIELDWORK_RESPOND);
        model.addAttribute("d", d);
        model.addAttribute("r", r);
        model.addAttribute("engagementId", engagementId);
        model.addAttribute("auditor", auditor);
        model.addAttribute("canWrite", canWrite);
        model.addAttribute("canRespond", canRespond);
        model.addAttribute("canEdit", canWrite && r.status().awaitingClient());
        model.addAttribute("canReview", canWrite && r.status().awaitingAuditor());
        model.addAttribute("canSubmit", canRespond && r.status().awaitingClient());
        if (canRespond && r.status().awaitingClient()) {
            List<EvidenceItem> choices = evidence.list(user, new EvidenceFilter(null, EvidenceStatus.ACTIVE, null, null,
                    1000));
            model.addAttribute("evidenceChoices", choices);
        }
        errors(model, problem);
        model.addAttribute("problemAt", where);
        return "fieldwork/requests/detail";
    }

    private String edit(CurrentUser user, UUID engagementId, InformationRequest r, RequestForm form, Model model,
            ApiProblem problem) {
        model.addAttribute("r", r);
        model.addAttribute("engagementId", engagementId);
        model.addAttribute("form", form);
        model.addAttribute("owners", requests.possibleOwners(user, engagementId));
        errors(model, problem);
        return "fieldwork/requests/edit";
    }

    private static void errors(Model model, ApiProblem problem) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (problem != null) {
            problem.errors().forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        }
        model.addAttribute("problem", problem);
        model.addAttribute("fieldErrors", fieldErrors);
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalidField(field, "is required");
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "'" + value + "' is not an id");
        }
    }

    /** "CC6.1, CC6.2" or one per line → [CC6.1, CC6.2]. */
    static List<String> items(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\r\\n,;]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The create and edit form; criteria and controls are separated by commas, semicolons or lines. */
    public static class RequestForm {
        private String ref;
        private String title;
        private String description;
        private String criteria;
        private String controls;
        private String ownerId;
        private String dueDate;
        private Long version;

        static RequestForm of(InformationRequest r) {
            RequestForm f = new RequestForm();
            f.ref = r.ref();
            f.title = r.title();
            f.description = r.description();
            f.criteria = String.join(", ", r.criteria());
            f.controls = String.join(", ", r.controlRefs());
            f.ownerId = r.ownerId() == null ? "" : r.ownerId().toString();
            f.dueDate = r.dueDate() == null ? null : r.dueDate().toString();
            f.version = r.version();
            return f;
        }

        RequestDraft draft() {
            UUID owner = ownerId == null || ownerId.isBlank() ? null : uuid("ownerId", ownerId);
            return new RequestDraft(ref, title, description, items(criteria), items(controls), owner, null,
                    FormValues.date("dueDate", dueDate));
        }

        public String getRef() { return ref; }
        public void setRef(String ref) { this.ref = ref; }
        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public String getCriteria() { return criteria; }
        public void setCriteria(String criteria) { this.criteria = criteria; }
        public String getControls() { return controls; }
        public void setControls(String controls) { this.controls = controls; }
        public String getOwnerId() { return ownerId; }
        public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
        public String getDueDate() { return dueDate; }
        public void setDueDate(String dueDate) { this.dueDate = dueDate; }
        public Long getVersion() { return version; }
        public void setVersion(Long version) { this.version = version; }
    }
}
