package dev.assayer.incident.internal;

import dev.assayer.incident.CustomerNotification;
import dev.assayer.incident.Incident;
import dev.assayer.incident.IncidentDraft;
import dev.assayer.incident.IncidentFilter;
import dev.assayer.incident.IncidentService;
import dev.assayer.incident.IncidentStatus;
import dev.assayer.incident.Severity;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

/** The incident pages: register with filters, new incident form, detail with timeline and add-entry form. Times are UTC. */
@Controller
class IncidentUiController {

    private final IncidentService incidents;

    IncidentUiController(IncidentService incidents) {
        this.incidents = incidents;
    }

    @GetMapping("/incidents")
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String status,
            @RequestParam(required = false) String severity, @RequestParam(required = false) String significant,
            Model model) {
        IncidentStatus st = enumValue("status", IncidentStatus.class, status);
        Severity sev = enumValue("severity", Severity.class, severity);
        Boolean sig = significant == null || significant.isBlank() ? null : Boolean.valueOf(significant);
        model.addAttribute("incidents", incidents.list(user, new IncidentFilter(st, sev, sig)));
        model.addAttribute("status", st == null ? "" : st.name());
        model.addAttribute("severity", sev == null ? "" : sev.name());
        model.addAttribute("significant", sig == null ? "" : sig.toString());
        model.addAttribute("statuses", IncidentStatus.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        return "incident/list";
    }

    @GetMapping("/incidents/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        IncidentForm form = new IncidentForm();
        form.setSeverity("MEDIUM");
        return form(model, form, null);
    }

    @PostMapping("/incidents")
    String create(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") IncidentForm form, Model model,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            Incident created = incidents.create(user, form.toDraft());
            flash.addFlashAttribute("flash", "Incident " + created.ref() + " recorded.");
            return "redirect:/incidents/" + created.id();
        } catch (ApiProblem p) {
            return form(model, form, p);
        }
    }

    @GetMapping("/incidents/{id}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Incident incident = incidents.get(user, id);
        model.addAttribute("existing", incident);
        return form(model, IncidentForm.of(incident), null);
    }

    @PostMapping("/incidents/{id}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @ModelAttribute("form") IncidentForm form, Model model, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Incident current = incidents.get(user, id);
        model.addAttribute("existing", current);
        try {
            if (form.getVersion() == null) {
                throw ApiProblem.invalidField("version", "is required; reload the page and try again");
            }
            incidents.update(user, id, form.toDraft(), form.getVersion());
            flash.addFlashAttribute("flash", "Incident saved.");
            return "redirect:/incidents/" + id;
        } catch (ApiProblem p) {
            return form(model, form, p);
        }
    }

    @GetMapping("/incidents/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        return detail(user, model, incidents.get(user, id), null, null, null);
    }

    @PostMapping("/incidents/{id}/timeline")
    String addEntry(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) String at,
            @RequestParam(required = false) String text, Model model, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Incident incident = incidents.get(user, id);
        try {
            incidents.addTimelineEntry(user, id, instant("at", at), text);
            flash.addFlashAttribute("flash", "Timeline entry added.");
            return "redirect:/incidents/" + id;
        } catch (ApiProblem p) {
            return detail(user, model, incident, p, at, text);
        }
    }

    private String detail(CurrentUser user, Model model, Incident incident, ApiProblem problem, String at, String text) {
        model.addAttribute("i", incident);
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        model.addAttribute("entryAt", at);
        model.addAttribute("entryText", text);
        errors(model, problem);
        return "incident/detail";
    }

    private String form(Model model, IncidentForm form, ApiProblem problem) {
        model.addAttribute("form", form);
        model.addAttribute("statuses", IncidentStatus.values());
        model.addAttribute("severities", Severity.values());
        errors(model, problem);
        return "incident/form";
    }

    private static void errors(Model model, ApiProblem problem) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (problem != null) {
            problem.errors().forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        }
        model.addAttribute("problem", problem);
        model.addAttribute("fieldErrors", fieldErrors);
    }

    /** "2026-03-01T09:30" (a datetime-local field, read as UTC) or a full ISO-8601 instant with offset. */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw ApiProblem.invalidField(field, "'" + value + "' is not a date and time (YYYY-MM-DDTHH:MM, UTC)");
            }
        }
    }

    static <E extends Enum<E>> E enumValue(String field, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "'" + value + "' is not a valid value");
        }
    }

    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The new-incident form: lists are one item per line (controls and findings may also be comma-separated). */
    public static class IncidentForm {
        private String ref;
        private String title;
        private String detectedAt;
        private String reportedBy;
        private String severity;
        private boolean significant;
        private String affectedSystems;
        private String affectedData;
        private String responseSummary;
        private String rootCause;
        private String lessonsLearned;
        private boolean notificationRequired;
        private String notifiedAt;
        private String notifiedHow;
        private String status;
        private String controls;
        private String findingRefs;
        private Long version;

        static IncidentForm of(Incident i) {
            IncidentForm f = new IncidentForm();
            f.ref = i.ref();
            f.title = i.title();
            f.detectedAt = LocalDateTime.ofInstant(i.detectedAt(), ZoneOffset.UTC).toString();
            f.reportedBy = i.reportedBy();
            f.severity = i.severity().name();
            f.significant = i.significant();
            f.affectedSystems = String.join("\n", i.affectedSystems());
            f.affectedData = String.join("\n", i.affectedData());
            f.responseSummary = i.responseSummary();
            f.rootCause = i.rootCause();
            f.lessonsLearned = i.lessonsLearned();
            f.notificationRequired = i.customerNotification().required();
            f.notifiedAt = i.customerNotification().notifiedAt() == null ? null
                    : LocalDateTime.ofInstant(i.customerNotification().notifiedAt(), ZoneOffset.UTC).toString();
            f.notifiedHow = i.customerNotification().how();
            f.status = i.status().name();
            f.controls = String.join("\n", i.controlRefs());
            f.findingRefs = String.join("\n", i.findingRefs());
            f.version = i.version();
            return f;
        }

        IncidentDraft toDraft() {
            return new IncidentDraft(ref, title, instant("detectedAt", detectedAt), reportedBy,
                    enumValue("severity", Severity.class, severity), significant, lines(affectedSystems),
                    lines(affectedData), responseSummary, rootCause, lessonsLearned,
                    new CustomerNotification(notificationRequired, instant("customerNotification.notifiedAt", notifiedAt),
                            notifiedHow),
                    enumValue("status", IncidentStatus.class, status), lines(controls), lines(findingRefs));
        }

        public String getRef() { return ref; }
        public void setRef(String ref) { this.ref = ref; }
        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title; }
        public String getDetectedAt() { return detectedAt; }
        public void setDetectedAt(String detectedAt) { this.detectedAt = detectedAt; }
        public String getReportedBy() { return reportedBy; }
        public void setReportedBy(String reportedBy) { this.reportedBy = reportedBy; }
        public String getSeverity() { return severity; }
        public void setSeverity(String severity) { this.severity = severity; }
        public boolean isSignificant() { return significant; }
        public void setSignificant(boolean significant) { this.significant = significant; }
        public String getAffectedSystems() { return affectedSystems; }
        public void setAffectedSystems(String affectedSystems) { this.affectedSystems = affectedSystems; }
        public String getAffectedData() { return affectedData; }
        public void setAffectedData(String affectedData) { this.affectedData = affectedData; }
        public String getResponseSummary() { return responseSummary; }
        public void setResponseSummary(String responseSummary) { this.responseSummary = responseSummary; }
        public String getRootCause() { return rootCause; }
        public void setRootCause(String rootCause) { this.rootCause = rootCause; }
        public String getLessonsLearned() { return lessonsLearned; }
        public void setLessonsLearned(String lessonsLearned) { this.lessonsLearned = lessonsLearned; }
        public boolean isNotificationRequired() { return notificationRequired; }
        public void setNotificationRequired(boolean notificationRequired) { this.notificationRequired = notificationRequired; }
        public String getNotifiedAt() { return notifiedAt; }
        public void setNotifiedAt(String notifiedAt) { this.notifiedAt = notifiedAt; }
        public String getNotifiedHow() { return notifiedHow; }
        public void setNotifiedHow(String notifiedHow) { this.notifiedHow = notifiedHow; }
        public String getStatus() { return status; }
        public void setStatus(String status) { this.status = status; }
        public String getControls() { return controls; }
        public void setControls(String controls) { this.controls = controls; }
        public Long getVersion() { return version; }
        public void setVersion(Long version) { this.version = version; }
        public String getFindingRefs() { return findingRefs; }
        public void setFindingRefs(String findingRefs) { this.findingRefs = findingRefs; }
    }
}
