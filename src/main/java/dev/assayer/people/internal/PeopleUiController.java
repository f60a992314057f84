package dev.assayer.people.internal;

import dev.assayer.people.BackgroundCheckDraft;
import dev.assayer.people.BackgroundCheckResult;
import dev.assayer.people.Checklist;
import dev.assayer.people.ChecklistItem;
import dev.assayer.people.EmploymentType;
import dev.assayer.people.ImportSummary;
import dev.assayer.people.PeopleFilter;
import dev.assayer.people.PeoplePopulation;
import dev.assayer.people.PeopleService;
import dev.assayer.people.Person;
import dev.assayer.people.PersonDraft;
import dev.assayer.people.PersonStatus;
import dev.assayer.people.PopulationKind;
import dev.assayer.people.RosterEntry;
import dev.assayer.people.internal.PersonRules.Names;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.FormValues;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The people pages: the roster with filters and the roster and training imports, the person
 * form, the person's detail (checklists, training, background checks) and the populations page.
 */
@Controller
class PeopleUiController {

    private final PeopleService people;

    PeopleUiController(PeopleService people) {
        this.people = people;
    }

    @GetMapping("/people")
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String status,
            @RequestParam(required = false) String department, @RequestParam(required = false) String q, Model model) {
        return listPage(user, status, department, q, model);
    }

    @PostMapping("/people/import")
    String importRoster(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes flash)
            throws IOException {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            ImportSummary r = people.importRoster(user, read(file));
            flash.addFlashAttribute("flash", "Imported the roster from " + file.getOriginalFilename() + ": " + counts(r));
            return "redirect:/people";
        } catch (ApiProblem p) {
            model.addAttribute("importProblem", p);
            model.addAttribute("importWhat", "roster");
            model.addAttribute("importFile", file == null ? null : file.getOriginalFilename());
            return listPage(user, null, null, null, model);
        }
    }

    @PostMapping("/people/training/import")
    String importTraining(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes flash)
            throws IOException {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            ImportSummary r = people.importTraining(user, read(file));
            flash.addFlashAttribute("flash", "Imported training from " + file.getOriginalFilename() + ": " + counts(r));
            return "redirect:/people";
        } catch (ApiProblem p) {
            model.addAttribute("importProblem", p);
            model.addAttribute("importWhat", "training");
            model.addAttribute("importFile", file == null ? null : file.getOriginalFilename());
            return listPage(user, null, null, null, model);
        }
    }

    @GetMapping("/people/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        PersonForm form = new PersonForm();
        form.setEmploymentType(EmploymentType.EMPLOYEE.name());
        return form(user, model, form, null, null);
    }

    @PostMapping("/people")
    String create(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") PersonForm form, Model model,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            RosterEntry created = people.create(user, form.toDraft());
            flash.addFlashAttribute("flash", created.name() + " added to the roster.");
            return "redirect:/people/" + created.id();
        } catch (ApiProblem p) {
            return form(user, model, form, null, p);
        }
    }

    @GetMapping("/people/{id}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        RosterEntry e = people.get(user, id);
        return form(user, model, PersonForm.of(e), e, null);
    }

    @PostMapping("/people/{id}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @ModelAttribute("form") PersonForm form, Model model, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        RosterEntry existing = people.get(user, id);
        try {
            if (form.getVersion() == null) {
                throw ApiProblem.invalidField("version", "is required; reload the page and try again");
            }
            people.update(user, id, form.toDraft(), form.getVersion());
            flash.addFlashAttribute("flash", "Saved.");
            return "redirect:/people/" + id;
        } catch (ApiProblem p) {
            return form(user, model, form, existing, p);
        }
    }

    @GetMapping("/people/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        RosterEntry e = people.get(user, id);
        Checklist c = people.checklist(user, id);
        model.addAttribute("p", e);
        model.addAttribute("checklist", c);
        model.addAttribute("training", people.training(user, id));
        model.addAttribute("checks", people.backgroundChecks(user, id));
        model.addAttribute("results", BackgroundCheckResult.values());
        model.addAttribute("manager", e.managerEmail() == null ? null
                : people.findByEmail(user.orgId(), e.managerEmail()).orElse(null));
        model.addAttribute("onboardingDays", people.onboardingDays());
        model.addAttribute("graceDays", people.revocationGraceDays());
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        return "people/detail";
    }

    @PostMapping("/people/{id}/checklist/{item}")
    String recordItem(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable String item,
            @RequestParam(required = false) String completedOn, @RequestParam(required = false) String reference,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        ChecklistItem i = PeopleApiController.item(item);
        try {
            people.recordItem(user, id, i, FormValues.date("completedOn", completedOn), reference);
            flash.addFlashAttribute("flash", i.label() + " recorded.");
        } catch (ApiProblem p) {
            if (p.status() == 404) {
                throw p;
            }
            flash.addFlashAttribute("flashError", i.label() + " was not recorded: " + p.getMessage());
        }
        return "redirect:/people/" + id + "#checklists";
    }

    @PostMapping("/people/{id}/checklist/{item}/clear")
    String clearItem(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable String item,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        ChecklistItem i = PeopleApiController.item(item);
        people.clearItem(user, id, i);
        flash.addFlashAttribute("flash", "The recorded completion of " + i.label() + " was cleared.");
        return "redirect:/people/" + id + "#checklists";
    }

    @PostMapping("/people/{id}/training")
    String addTraining(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String course, @RequestParam(required = false) String completedOn,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            people.addTraining(user, id, course, FormValues.date("completedOn", completedOn));
            flash.addFlashAttribute("flash", "Training recorded.");
        } catch (ApiProblem p) {
            if (p.status() == 404) {
                throw p;
            }
            flash.addFlashAttribute("flashError", "The training was not recorded: " + p.getMessage());
        }
        return "redirect:/people/" + id + "#training";
    }

    @PostMapping("/people/{id}/training/{trainingId}/delete")
    String deleteTraining(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID trainingId, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        people.deleteTraining(user, id, trainingId);
        flash.addFlashAttribute("flash", "Training record deleted.");
        return "redirect:/people/" + id + "#training";
    }

    @PostMapping("/people/{id}/background-checks")
    String addCheck(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String completedOn, @RequestParam(required = false) String result,
            @RequestParam(required = false) String provider, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            people.addBackgroundCheck(user, id, new BackgroundCheckDraft(FormValues.date("completedOn", completedOn),
                    FormValues.choice("result", result, BackgroundCheckResult.class), provider));
            flash.addFlashAttribute("flash", "Background check recorded.");
        } catch (ApiProblem p) {
            if (p.status() == 404) {
                throw p;
            }
            flash.addFlashAttribute("flashError", "The background check was not recorded: " + p.getMessage());
        }
        return "redirect:/people/" + id + "#background-checks";
    }

    @PostMapping("/people/{id}/background-checks/{checkId}/delete")
    String deleteCheck(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID checkId,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        people.deleteBackgroundCheck(user, id, checkId);
        flash.addFlashAttribute("flash", "Background check deleted.");
        return "redirect:/people/" + id + "#background-checks";
    }

    @GetMapping("/people/populations")
    String populations(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        user.require(Permission.CONTROL_READ);
        model.addAttribute("kinds", PopulationKind.values());
        model.addAttribute("kind", kind);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        if (kind != null && !kind.isBlank()) {
            try {
                PeoplePopulation p = people.population(user, PeopleApiController.kind(kind),
                        FormValues.date("from", from), FormValues.date("to", to));
                model.addAttribute("population", p);
            } catch (ApiProblem p) {
                model.addAttribute("problem", p);
            }
        }
        model.addAttribute("extractions", people.extractions(user, 20));
        return "people/populations";
    }

    @GetMapping("/people/populations/{kind}.csv")
    ResponseEntity<byte[]> populationCsv(@AuthenticationPrincipal CurrentUser user, @PathVariable String kind,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        user.require(Permission.CONTROL_READ);
        return PeopleApiController.csv(people.population(user, PeopleApiController.kind(kind),
                FormValues.date("from", from), FormValues.date("to", to)));
    }

    private String listPage(CurrentUser user, String status, String department, String q, Model model) {
        PersonStatus s = null;
        try {
            s = FormValues.choice("status", status, PersonStatus.class);
        } catch (ApiProblem ignored) {
            // an unknown status in the address shows everyone
        }
        model.addAttribute("people", people.list(user, new PeopleFilter(s, department, q)));
        model.addAttribute("status", s == null ? "" : s.name());
        model.addAttribute("department", department == null ? "" : department);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("statuses", PersonStatus.values());
        model.addAttribute("departments", people.departments(user));
        model.addAttribute("overdueTraining", people.overdueTraining(user));
        model.addAttribute("lateRevocations", people.lateRevocations(user));
        model.addAttribute("rosterColumns", RosterImport.COLUMNS);
        model.addAttribute("trainingColumns", TrainingImport.COLUMNS);
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        return "people/list";
    }

    private String form(CurrentUser user, Model model, PersonForm form, RosterEntry existing, ApiProblem problem) {
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        model.addAttribute("types", EmploymentType.values());
        model.addAttribute("roster", people.roster(user.orgId()).stream().map(Person::email).toList());
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (problem != null) {
            problem.errors().forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        }
        model.addAttribute("problem", problem);
        model.addAttribute("fieldErrors", fieldErrors);
        return "people/form";
    }

    private static String read(MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw ApiProblem.invalidField("file", "choose a CSV file to import");
        }
        return new String(file.getBytes(), StandardCharsets.UTF_8);
    }

    private static String counts(ImportSummary r) {
        return r.created() + " created, " + r.updated() + " updated, " + r.unchanged() + " unchanged"
                + (r.ignoredColumns().isEmpty() ? "." : "; ignored columns: " + String.join(", ", r.ignoredColumns()) + ".");
    }

    /** The person form: every value as typed, so a rejected form shows it again. */
    public static class PersonForm {
        private String name;
        private String email;
        private String jobTitle;
        private String department;
        private String managerEmail;
        private String startDate;
        private String endDate;
        private String employmentType;
        private Long version;

        static PersonForm of(RosterEntry e) {
            PersonForm f = new PersonForm();
            f.name = e.name();
            f.email = e.email();
            f.jobTitle = e.jobTitle();
            f.department = e.department();
            f.managerEmail = e.managerEmail();
            f.startDate = e.startDate().toString();
            f.endDate = e.endDate() == null ? null : e.endDate().toString();
            f.employmentType = e.employmentType().name();
            f.version = e.version();
            return f;
        }

        /** The draft; bad dates or type are reported together with the other field problems. */
        PersonDraft toDraft() {
            Problems problems = new Problems();
            PersonDraft d = new PersonDraft(name, email, jobTitle, department, managerEmail,
                    PersonRules.date(startDate, "startDate", null, problems),
                    PersonRules.date(endDate, "endDate", null, problems),
                    PersonRules.type(employmentType, "employmentType", null, problems));
            if (!problems.isEmpty()) {
                PersonRules.check(d, Names.API, null, problems);
                problems.throwIfAny();
            }
            return d;
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        public String getJobTitle() { return jobTitle; }
        public void setJobTitle(String jobTitle) { this.jobTitle = jobTitle; }
        public String getDepartment() { return department; }
        public void setDepartment(String department) { this.department = department; }
        public String getManagerEmail() { return managerEmail; }
        public void setManagerEmail(String managerEmail) { this.managerEmail = managerEmail; }
        public String getStartDate() { return startDate; }
        public void setStartDate(String startDate) { this.startDate = startDate; }
        public String getEndDate() { return endDate; }
        public void setEndDate(String endDate) { this.endDate = endDate; }
        public String getEmploymentType() { return employmentType; }
        public void setEmploymentType(String employmentType) { this.employmentType = employmentType; }
        public Long getVersion() { return version; }
        public void setVersion(Long version) { this.version = version; }
    }
}
