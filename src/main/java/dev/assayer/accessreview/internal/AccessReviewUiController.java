package dev.assayer.accessreview.internal;

import dev.assayer.accessreview.AccessReview;
import dev.assayer.accessreview.AccessReviewDraft;
import dev.assayer.accessreview.AccessReviewService;
import dev.assayer.accessreview.AccountFilter;
import dev.assayer.accessreview.Decision;
import dev.assayer.accessreview.DecisionDraft;
import dev.assayer.accessreview.ImportSummary;
import dev.assayer.accessreview.ReviewAccount;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.FormValues;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The access review pages: the campaign list (with the signed-in member's pending reviews), the
 * campaign form, the campaign page (progress, import, accounts with reassignment, remediation
 * tasks, sign-off) and the review page where a reviewer decides the accounts assigned to them.
 */
@Controller
class AccessReviewUiController {

    private final AccessReviewService reviews;

    AccessReviewUiController(AccessReviewService reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/access-reviews")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("reviews", reviews.list(user));
        model.addAttribute("pending", reviews.pending(user));
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        return "accessreview/list";
    }

    @GetMapping("/access-reviews/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        return form(model, new CampaignForm(), null, null);
    }

    @PostMapping("/access-reviews")
    String create(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") CampaignForm form, Model model,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            AccessReview created = reviews.create(user, form.toDraft());
            flash.addFlashAttribute("flash", "Access review of " + created.system() + " created. Import its account list.");
            return "redirect:/access-reviews/" + created.id();
        } catch (ApiProblem p) {
            return form(model, form, null, p);
        }
    }

    @GetMapping("/access-reviews/{id}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        AccessReview r = reviews.get(user, id);
        return form(model, CampaignForm.of(r), r, null);
    }

    @PostMapping("/access-reviews/{id}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @ModelAttribute("form") CampaignForm form, Model model, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        AccessReview current = reviews.get(user, id);
        try {
            if (form.getVersion() == null) {
                throw ApiProblem.invalidField("version", "is required; reload the page and try again");
            }
            reviews.update(user, id, form.toDraft(), form.getVersion());
            flash.addFlashAttribute("flash", "Campaign saved.");
            return "redirect:/access-reviews/" + id;
        } catch (ApiProblem p) {
            return form(model, form, current, p);
        }
    }

    @GetMapping("/access-reviews/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        return detail(user, id, model, null, null);
    }

    @PostMapping("/access-reviews/{id}/accounts")
    String importAccounts(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "csv", required = false) String csv, Model model, RedirectAttributes flash)
            throws IOException {
        user.require(Permission.ENGAGEMENT_WRITE);
        reviews.get(user, id);
        String name = null;
        try {
            byte[] content;
            if (file != null && !file.isEmpty()) {
                name = file.getOriginalFilename();
                content = file.getBytes();
            } else if (csv != null && !csv.isBlank()) {
                name = "pasted.csv";
                content = csv.getBytes(StandardCharsets.UTF_8);
            } else {
                throw ApiProblem.invalidField("file", "choose the CSV file exported from the system (or paste its text)");
            }
            ImportSummary s = reviews.importAccounts(user, id, name, content);
            flash.addFlashAttribute("flash", "Imported " + s.accounts() + " account" + (s.accounts() == 1 ? "" : "s")
                    + (s.replaced() > 0 ? " (replacing " + s.replaced() + ")" : "") + "; " + s.flagged() + " flagged, "
                    + s.assignedToOwner() + " assigned to the campaign owner.");
            return "redirect:/access-reviews/" + id;
        } catch (ApiProblem p) {
            model.addAttribute("importFile", name);
            model.addAttribute("pastedCsv", csv);
            return detail(user, id, model, p, null);
        }
    }

    @PostMapping("/access-reviews/{id}/accounts/{accountId}/reviewer")
    String reassign(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID accountId,
            @RequestParam(required = false) String reviewerId, @RequestParam(required = false) String note,
            @RequestParam(required = false) Long version, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        reviews.get(user, id);
        try {
            if (version == null) {
                throw ApiProblem.invalidField("version", "is required; reload the page and try again");
            }
            ReviewAccount a = reviews.reassign(user, id, accountId, uuid("reviewerId", reviewerId), null, note, version);
            flash.addFlashAttribute("flash", "Account '" + a.account() + "' is now reviewed by " + a.reviewer() + ".");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", "Reviewer not changed: " + p.getMessage());
        }
        return "redirect:/access-reviews/" + id + "#accounts";
    }

    @PostMapping("/access-reviews/{id}/tasks/{taskId}/done")
    String taskDone(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID taskId,
            @RequestParam(required = false) String doneOn, @RequestParam(required = false) String ticket,
            @RequestParam(required = false) Long version, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        reviews.get(user, id);
        try {
            reviews.completeTask(user, id, taskId, FormValues.date("doneOn", doneOn), ticket, version);
            flash.addFlashAttribute("flash", "Task marked done.");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", "Task not changed: " + p.getMessage());
        }
        return "redirect:/access-reviews/" + id + "#tasks";
    }

    @PostMapping("/access-reviews/{id}/sign-off")
    String signOff(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        reviews.get(user, id);
        try {
            reviews.signOff(user, id);
            flash.addFlashAttribute("flash", "Access review signed off; the report is filed as evidence.");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", "Not signed off: " + p.getMessage());
        }
        return "redirect:/access-reviews/" + id;
    }

    /** The reviewer's page: accounts assigned to the signed-in member (or, for writers, every account). */
    @GetMapping("/access-reviews/{id}/review")
    String review(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String scope, Model model) {
        return review(user, id, scope, model, null, null, null);
    }

    @PostMapping("/access-reviews/{id}/accounts/{accountId}/decision")
    String decide(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID accountId,
            @ModelAttribute DecisionForm form, @RequestParam(required = false) String scope, Model model,
            RedirectAttributes flash) {
        reviews.get(user, id);
        try {
            Decision decision = FormValues.choice("decision", form.getDecision(), Decision.class);
            ReviewAccount a = reviews.decide(user, id, accountId, new DecisionDraft(decision, form.getJustification(),
                    form.getNewEntitlement(), form.getSelfReviewJustification(), form.getVersion()));
            flash.addFlashAttribute("flash", "Account '" + a.account() + "': " + a.decision().label().toLowerCase()
                    + " recorded.");
            return "redirect:/access-reviews/" + id + "/review" + ("all".equals(scope) ? "?scope=all" : "");
        } catch (ApiProblem p) {
            return review(user, id, scope, model, p, accountId, form);
        }
    }

    private String review(CurrentUser user, UUID id, String scope, Model model, ApiProblem problem, UUID problemAccount,
            DecisionForm form) {
        AccessReview r = reviews.get(user, id);
        boolean all = "all".equals(scope) && user.can(Permission.ENGAGEMENT_WRITE);
        List<ReviewAccount> accounts = reviews.accounts(user, id, new AccountFilter(!all, false));
        Set<UUID> decidable = new HashSet<>();
        Set<UUID> own = new HashSet<>();
        for (ReviewAccount a : accounts) {
            if (r.open() && reviews.mayDecide(user, a) && (a.task() == null || a.task().open())) {
                decidable.add(a.id());
            }
            if (AccessReviewRules.selfReview(a, user.email())) {
                own.add(a.id());
            }
        }
        model.addAttribute("r", r);
        model.addAttribute("accounts", accounts);
        model.addAttribute("undecided", accounts.stream().filter(a -> !a.decided()).count());
        model.addAttribute("decidable", decidable);
        model.addAttribute("own", own);
        model.addAttribute("all", all);
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        model.addAttribute("problemAccount", problemAccount);
        model.addAttribute("decisionForm", form == null ? new DecisionForm() : form);
        errors(model, problem);
        return "accessreview/review";
    }

    private String detail(CurrentUser user, UUID id, Model model, ApiProblem importProblem, ApiProblem problem) {
        AccessReview r = reviews.get(user, id);
        boolean canWrite = user.can(Permission.ENGAGEMENT_WRITE);
        model.addAttribute("r", r);
        model.addAttribute("accounts", reviews.accounts(user, id, AccountFilter.all()));
        model.addAttribute("canWrite", canWrite);
        model.addAttribute("canImport", canWrite && r.open() && r.progress().decided() == 0);
        model.addAttribute("reviewers", canWrite && r.open() ? reviews.reviewerChoices(user) : List.of());
        model.addAttribute("mine", reviews.accounts(user, id, new AccountFilter(true, true)).size());
        model.addAttribute("importProblem", importProblem);
        model.addAttribute("csvColumns", String.join(",", AccountCsv.COLUMNS));
        errors(model, problem);
        return "accessreview/detail";
    }

    private String form(Model model, CampaignForm form, AccessReview existing, ApiProblem problem) {
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        errors(model, problem);
        return "accessreview/form";
    }

    private static void errors(Model model, ApiProblem problem) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (problem != null) {
            problem.errors().forEach(e -> {
                if (e.field() != null) {
                    fieldErrors.putIfAbsent(e.field(), e.message());
                }
            });
        }
        model.addAttribute("problem", problem);
        model.addAttribute("fieldErrors", fieldErrors);
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "'" + value + "' is not a member id");
        }
    }

    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The decision form of one account: the pressed button carries {@code decision}. */
    public static class DecisionForm {
        private String decision;
        private String justification;
        private String newEntitlement;
        private String selfReviewJustification;
        private Long version;

        public String getDecision() { return decision; }
        public void setDecision(String decision) { this.decision = decision; }
        public String getJustification() { return justification; }
        public void setJustification(String justification) { this.justification = justification; }
        public String getNewEntitlement() { return newEntitlement; }
        public void setNewEntitlement(String newEntitlement) { this.newEntitlement = newEntitlement; }
        public String getSelfReviewJustification() { return selfReviewJustification; }
        public void setSelfReviewJustification(String s) { this.selfReviewJustification = s; }
        public Long getVersion() { return version; }
        public void setVersion(Long version) { this.version = version; }
    }

    /** The campaign form: controls are one ref per line (or comma-separated). */
    public static class CampaignForm {
        private String system;
        private String asOfDate;
        private String dueDate;
        private String description;
        private String controls;
        private Long version;

        static CampaignForm of(AccessReview r) {
            CampaignForm f = new CampaignForm();
            f.system = r.system();
            f.asOfDate = r.asOfDate().toString();
            f.dueDate = r.dueDate().toString();
            f.description = r.description();
            f.controls = String.join("\n", r.controlRefs());
            f.version = r.version();
            return f;
        }

        AccessReviewDraft toDraft() {
            return new AccessReviewDraft(system, FormValues.date("asOfDate", asOfDate), FormValues.date("dueDate", dueDate),
                    description, lines(controls));
        }

        public String getSystem() { return system; }
        public void setSystem(String system) { this.system = system; }
        public String getAsOfDate() { return asOfDate; }
        public void setAsOfDate(String asOfDate) { this.asOfDate = asOfDate; }
        public String getDueDate() { return dueDate; }
        public void setDueDate(String dueDate) { this.dueDate = dueDate; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public String getControls() { return controls; }
        public void setControls(String controls) { this.controls = controls; }
        public Long getVersion() { return version; }
        public void setVersion(Long version) { this.version = version; }
    }
}
