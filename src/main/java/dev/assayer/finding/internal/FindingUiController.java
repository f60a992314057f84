package dev.assayer.finding.internal;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.finding.ActionDraft;
import dev.assayer.finding.Finding;
import dev.assayer.finding.FindingDraft;
import dev.assayer.finding.FindingFilter;
import dev.assayer.finding.FindingRights;
import dev.assayer.finding.FindingService;
import dev.assayer.finding.FindingSource;
import dev.assayer.finding.FindingStatus;
import dev.assayer.finding.FindingUpdate;
import dev.assayer.finding.RetestDraft;
import dev.assayer.finding.RetestResult;
import dev.assayer.finding.Severity;
import dev.assayer.finding.SourceType;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.FormValues;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The finding pages: the list with filters (status, severity, overdue, engagement), the form to
 * raise one (prefilled from query parameters, so a deviation or readiness gap can link to it), and
 * the detail page with one form per side: the assessment (whoever raised it), the response and
 * corrective actions (the organization), the status, and the re-test (whoever raised it).
 */
@Controller
class FindingUiController {

    private final FindingService findings;
    private final EngagementService engagements;
    private final IdentityService identity;

    FindingUiController(FindingService findings, EngagementService engagements, IdentityService identity) {
        this.findings = findings;
        this.engagements = engagements;
        this.identity = identity;
    }

    // ------------------------------------------------------------------------------------- list

    @GetMapping("/findings")
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String status,
            @RequestParam(required = false) String severity, @RequestParam(required = false) String overdue,
            @RequestParam(required = false) String engagement, Model model) {
        FindingStatus st = FormValues.choice("status", status, FindingStatus.class);
        Severity sev = FormValues.choice("severity", severity, Severity.class);
        Boolean late = overdue == null || overdue.isBlank() ? null : Boolean.valueOf(overdue.strip());
        UUID eng = uuid("engagement", engagement);
        model.addAttribute("findings", findings.list(user, new FindingFilter(st, sev, late, eng)));
        model.addAttribute("status", st == null ? "" : st.name());
        model.addAttribute("severity", sev == null ? "" : sev.name());
        model.addAttribute("overdue", late == null ? "" : late.toString());
        model.addAttribute("engagement", eng == null ? "" : eng.toString());
        model.addAttribute("engagements", engagementNames(user));
        model.addAttribute("statuses", FindingStatus.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("canRaise", canRaise(user));
        return "finding/list";
    }

    // -------------------------------------------------------------------------------------- raise

    @GetMapping("/findings/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String sourceType,
            @RequestParam(required = false) String sourceId, @RequestParam(required = false) String sourceRef,
            @RequestParam(required = false) String title, @RequestParam(required = false) String controls,
            @RequestParam(required = false) String criteria, @RequestParam(required = false) String engagementId,
            Model model) {
        requireRaise(user);
        RaiseForm form = new RaiseForm();
        form.setSeverity("MEDIUM");
        form.setSourceType(sourceType == null || sourceType.isBlank() ? "OTHER"
                : sourceType.strip().toUpperCase(java.util.Locale.ROOT));
        form.setSourceId(sourceId);
        form.setSourceRef(sourceRef);
        form.setTitle(title);
        form.setControls(controls);
        form.setCriteria(criteria);
        form.setEngagementId(user.inEngagement() ? user.scope().engagementId().toString() : engagementId);
        return raiseForm(user, model, form, null);
    }

    @PostMapping("/findings")
    String raise(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") RaiseForm form, Model model,
            RedirectAttributes flash) {
        requireRaise(user);
        try {
            UUID eng = user.inEngagement() ? user.scope().engagementId() : uuid("engagementId", form.getEngagementId());
            FindingDraft draft = new FindingDraft(form.getTitle(), form.getDescription(),
                    FormValues.choice("severity", form.getSeverity(), Severity.class),
                    new FindingSource(FormValues.choice("source.type", form.getSourceType(), SourceType.class),
                            uuid("source.id", form.getSourceId()), form.getSourceRef()),
                    lines(form.getControls()), lines(form.getCriteria()),
                    user.inEngagement() ? null : uuid("ownerId", form.getOwnerId()),
                    user.inEngagement() ? null : FormValues.date("dueDate", form.getDueDate()));
            Finding created = findings.raise(user, eng, draft);
            flash.addFlashAttribute("flash", "Finding " + created.ref() + " raised.");
            return "redirect:/findings/" + created.id();
        } catch (ApiProblem p) {
            if (p.status() != 400) {
                throw p;
            }
            return raiseForm(user, model, form, p);
        }
    }

    private String raiseForm(CurrentUser user, Model model, RaiseForm form, ApiProblem problem) {
        model.addAttribute("form", form);
        model.addAttribute("severities", Severity.values());
        model.addAttribute("sourceTypes", Arrays.stream(SourceType.values())
                .filter(t -> user.inEngagement() || !t.auditorOnly()).toList());
        model.addAttribute("byFirm", user.inEngagement());
        model.addAttribute("engagements", engagementNames(user));
        model.addAttribute("members", user.inEngagement() ? List.of() : activeMembers(user));
        errors(model, problem, "raise");
        return "finding/new";
    }

    // ------------------------------------------------------------------------------------- detail

    @GetMapping("/findings/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        return detail(user, model, findings.get(user, id), null, null, null);
    }

    @PostMapping("/findings/{id}/assessment")
    String saveAssessment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @ModelAttribute AssessmentForm form, Model model, RedirectAttributes flash) {
        Finding f = findings.get(user, id);
        try {
            FindingUpdate u = new FindingUpdate(form.getTitle(), form.getDescription(),
                    FormValues.choice("severity", form.getSeverity(), Severity.class),
                    new FindingSource(FormValues.choice("source.type", form.getSourceType(), SourceType.class),
                            uuid("source.id", form.getSourceId()), form.getSourceRef()),
                    lines(form.getControls()), lines(form.getCriteria()), f.rootCause(), f.ownerId(), f.dueDate(),
                    f.correctiveActionPlan());
            findings.update(user, id, u, version(form.getVersion()));
            flash.addFlashAttribute("flash", "Assessment saved.");
            return "redirect:/findings/" + id;
        } catch (ApiProblem p) {
            return onError(user, model, f, p, "assessment", form);
        }
    }

    @PostMapping("/findings/{id}/response")
    String saveResponse(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @ModelAttribute ResponseForm form, Model model, RedirectAttributes flash) {
        Finding f = findings.get(user, id);
        try {
            FindingUpdate u = new FindingUpdate(f.title(), f.description(), f.severity(), f.source(),
                    f.controlIds().stream().map(UUID::toString).toList(), f.criteria(), form.getRootCause(),
                    uuid("ownerId", form.getOwnerId()), FormValues.date("dueDate", form.getDueDate()),
                    form.getCorrectiveActionPlan());
            findings.update(user, id, u, version(form.getVersion()));
            flash.addFlashAttribute("flash", "Response saved.");
            return "redirect:/findings/" + id;
        } catch (ApiProblem p) {
            return onError(user, model, f, p, "response", form);
        }
    }

    @PostMapping("/findings/{id}/actions")
    String addAction(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String description, @RequestParam(required = false) String ownerId,
            @RequestParam(required = false) String dueDate, Model model, RedirectAttributes flash) {
        Finding f = findings.get(user, id);
        try {
            findings.addAction(user, id, new ActionDraft(description, uuid("ownerId", ownerId),
                    FormValues.date("dueDate", dueDate)));
            flash.addFlashAttribute("flash", "Action added.");
            return "redirect:/findings/" + id + "#actions";
        } catch (ApiProblem p) {
            model.addAttribute("actionValues", Map.of("description", blank(description), "ownerId", blank(ownerId),
                    "dueDate", blank(dueDate)));
            return onError(user, model, f, p, "action", null);
        }
    }

    @PostMapping("/findings/{id}/actions/{actionId}/done")
    String markDone(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID actionId,
            @RequestParam(required = false) String doneOn, @RequestParam(required = false) String note, Model model,
            RedirectAttributes flash) {
        Finding f = findings.get(user, id);
        try {
            findings.markActionDone(user, id, actionId, FormValues.date("doneOn", doneOn), note);
            flash.addFlashAttribute("flash", "Action marked done.");
            return "redirect:/findings/" + id + "#actions";
        } catch (ApiProblem p) {
            return onError(user, model, f, p, "done", null);
        }
    }

    @PostMapping("/findings/{id}/status")
    String changeStatus(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String to, @RequestParam(required = false) String note,
            @RequestParam(required = false) String approverId, @RequestParam(required = false) Long version,
            Model model, RedirectAttributes flash) {
        Finding f = findings.get(user, id);
        try {
            Finding after = findings.changeStatus(user, id, FormValues.choice("to", to, FindingStatus.class), note,
                    uuid("approverId", approverId), version);
            flash.addFlashAttribute("flash", "Status: " + after.status().label() + ".");
            return "redirect:/findings/" + id;
        } catch (ApiProblem p) {
            model.addAttribute("statusValues", Map.of("to", blank(to), "note", blank(note), "approverId", blank(approverId)));
            return onError(user, model, f, p, "status", null);
        }
    }

    @PostMapping("/findings/{id}/retest")
    String retest(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String testId, @RequestParam(required = false) String testRef,
            @RequestParam(required = false) String result, @RequestParam(required = false) String note, Model model,
            RedirectAttributes flash) {
        Finding f = findings.get(user, id);
        try {
            Finding after = findings.recordRetest(user, id, new RetestDraft(uuid("testId", testId), testRef,
                    FormValues.choice("result", result, RetestResult.class), note));
            flash.addFlashAttribute("flash", "Re-test recorded; the finding is " + after.status().label().toLowerCase(
                    java.util.Locale.ROOT) + ".");
            return "redirect:/findings/" + id;
        } catch (ApiProblem p) {
            model.addAttribute("retestValues", Map.of("testId", blank(testId), "testRef", blank(testRef),
                    "result", blank(result), "note", blank(note)));
            return onError(user, model, f, p, "retest", null);
        }
    }

    private String onError(CurrentUser user, Model model, Finding f, ApiProblem p, String where, Object form) {
        if (p.status() == 403 || p.status() == 404) {
            throw p;
        }
        return detail(user, model, f, p, where, form);
    }

    private String detail(CurrentUser user, Model model, Finding f, ApiProblem problem, String where, Object form) {
        FindingRights rights = findings.rights(user, f);
        model.addAttribute("f", f);
        model.addAttribute("rights", rights);
        model.addAttribute("assessment", form instanceof AssessmentForm a ? a : AssessmentForm.of(f));
        model.addAttribute("response", form instanceof ResponseForm r ? r : ResponseForm.of(f));
        if (!model.containsAttribute("actionValues")) {
            model.addAttribute("actionValues", Map.of("description", "", "ownerId", "", "dueDate", ""));
        }
        if (!model.containsAttribute("statusValues")) {
            model.addAttribute("statusValues", Map.of("to", "", "note", "", "approverId", ""));
        }
        if (!model.containsAttribute("retestValues")) {
            model.addAttribute("retestValues", Map.of("testId", "", "testRef", "", "result", "", "note", ""));
        }
        List<Member> members = rights.respond() || rights.acceptRisk() || rights.editAssessment() && !user.inEngagement()
                ? activeMembers(user) : List.of();
        model.addAttribute("members", members);
        model.addAttribute("approvers", members.stream().filter(m -> m.role().can(Permission.ENGAGEMENT_WRITE)).toList());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("sourceTypes", Arrays.stream(SourceType.values())
                .filter(t -> f.auditorFinding() || !t.auditorOnly()).toList());
        model.addAttribute("engagementName", f.engagementId() == null ? null
                : engagements.find(user.orgId(), f.engagementId()).map(Engagement::name).orElse(null));
        errors(model, problem, where);
        return "finding/detail";
    }

    // ------------------------------------------------------------------------------------ helpers

    private static boolean canRaise(CurrentUser user) {
        return user.inEngagement() ? user.can(Permission.FIELDWORK_WRITE) : user.can(Permission.ENGAGEMENT_WRITE);
    }

    private static void requireRaise(CurrentUser user) {
        user.require(user.inEngagement() ? Permission.FIELDWORK_WRITE : Permission.ENGAGEMENT_WRITE);
    }

    private Map<String, String> engagementNames(CurrentUser user) {
        Map<String, String> names = new LinkedHashMap<>();
        if (user.can(Permission.ENGAGEMENT_READ)) {
            engagements.list(user).forEach(e -> names.put(e.id().toString(), e.name()));
        }
        return names;
    }

    private List<Member> activeMembers(CurrentUser user) {
        return identity.members(user).stream().filter(Member::active).toList();
    }

    private static void errors(Model model, ApiProblem problem, String where) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (problem != null) {
            problem.errors().forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        }
        model.addAttribute("problem", problem);
        model.addAttribute("problemFor", where);
        model.addAttribute("fieldErrors", fieldErrors);
    }

    private static long version(Long v) {
        if (v == null) {
            throw ApiProblem.invalidField("version", "is required; reload the page and try again");
        }
        return v;
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    static UUID uuid(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "'" + text + "' is not an id");
        }
    }

    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    // -------------------------------------------------------------------------------------- forms

    /** The raise form; controls and criteria are one per line (or comma-separated). */
    public static class RaiseForm {
        private String title;
        private String description;
        private String severity;
        private String sourceType;
        private String sourceId;
        private String sourceRef;
        private String controls;
        private String criteria;
        private String engagementId;
        private String ownerId;
        private String dueDate;

        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public String getSeverity() { return severity; }
        public void setSeverity(String severity) { this.severity = severity; }
        public String getSourceType() { return sourceType; }
        public void setSourceType(String sourceType) { this.sourceType = sourceType; }
        public String getSourceId() { return sourceId; }
        public void setSourceId(String sourceId) { this.sourceId = sourceId; }
        public String getSourceRef() { return sourceRef; }
        public void setSourceRef(String sourceRef) { this.sourceRef = sourceRef; }
        public String getControls() { return controls; }
        public void setControls(String controls) { this.controls = controls; }
        public String getCriteria() { return criteria; }
        public void setCriteria(String criteria) { this.criteria = criteria; }
        public String getEngagementId() { return engagementId; }
        public void setEngagementId(String engagementId) { this.engagementId = engagementId; }
        public String getOwnerId() { return ownerId; }
        public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
        public String getDueDate() { return dueDate; }
        public void setDueDate(String dueDate) { this.dueDate = dueDate; }
    }

    /** The assessment part of a finding, as edited on the detail page. */
    public static class AssessmentForm {
        private String title;
        private String description;
        private String severity;
        private String sourceType;
        private String sourceId;
        private String sourceRef;
        private String controls;
        private String criteria;
        private Long version;

        static AssessmentForm of(Finding f) {
            AssessmentForm a = new AssessmentForm();
            a.title = f.title();
            a.description = f.description();
            a.severity = f.severity().name();
            a.sourceType = f.source().type().name();
            a.sourceId = f.source().id() == null ? null : f.source().id().toString();
            a.sourceRef = f.source().ref();
            a.controls = String.join("\n", f.controlRefs());
            a.criteria = String.join("\n", f.criteria());
            a.version = f.version();
            return a;
        }

        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public String getSeverity() { return severity; }
        public void setSeverity(String severity) { this.severity = severity; }
        public String getSourceType() { return sourceType; }
        public void setSourceType(String sourceType) { this.sourceType = sourceType; }
        public String getSourceId() { return sourceId; }
        public void setSourceId(String sourceId) { this.sourceId = sourceId; }
        public String getSourceRef() { return sourceRef; }
        public void setSourceRef(String sourceRef) { this.sourceRef = sourceRef; }
        public String getControls() { return controls; }
        public void setControls(String controls) { this.controls = controls; }
        public String getCriteria() { return criteria; }
        public void setCriteria(String criteria) { this.criteria = criteria; }
        public Long getVersion() { return version; }
        public void setVersion(Long version) { this.version = version; }
    }

    /** The organization's response, as edited on the detail page. */
    public static class ResponseForm {
        private String rootCause;
        private String ownerId;
        private String dueDate;
        private String correctiveActionPlan;
        private Long version;

        static ResponseForm of(Finding f) {
            ResponseForm r = new ResponseForm();
            r.rootCause = f.rootCause();
            r.ownerId = f.ownerId() == null ? null : f.ownerId().toString();
            r.dueDate = f.dueDate() == null ? null : f.dueDate().toString();
            r.correctiveActionPlan = f.correctiveActionPlan();
            r.version = f.version();
            return r;
        }

        public String getRootCause() { return rootCause; }
        public void setRootCause(String rootCause) { this.rootCause = rootCause; }
        public String getOwnerId() { return ownerId; }
        public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
        public String getDueDate() { return dueDate; }
        public void setDueDate(String dueDate) { this.dueDate = dueDate; }
        public String getCorrectiveActionPlan() { return correctiveActionPlan; }
        public void setCorrectiveActionPlan(String correctiveActionPlan) { this.correctiveActionPlan = correctiveActionPlan; }
        public Long getVersion() { return version; }
        public void setVersion(Long version) { this.version = version; }
    }
}
