package dev.assayer.fieldwork.internal.testing;

import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.Conclusion;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.DeviationDraft;
import dev.assayer.fieldwork.DeviationNature;
import dev.assayer.fieldwork.FirmFrequencyTable;
import dev.assayer.fieldwork.FirmSettingsService;
import dev.assayer.fieldwork.ItemResult;
import dev.assayer.fieldwork.ManualItem;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.ResultDraft;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestItem;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestMethod;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.TestPlan;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.fieldwork.TestSizingMethod;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.FormValues;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tests pages: the engagement's controls with their test status (/engagements/{id}/tests), a
 * test's workpaper (plan, results grid, evaluation, deviations, conclusion, sign-offs, review notes,
 * history), the deviations page both sides use (the client responds there) and the firm's
 * frequency table. Forms work without JavaScript; repeated rows are read from the raw parameters so
 * that commas in texts are never split.
 */
@Controller
class TestUiController {

    /** Blank rows offered after the existing procedures, attributes and listed items. */
    static final int BLANK_ROWS = 2;

    private final TestOfControlService tests;
    private final FirmSettingsService firms;
    private final EvidenceService evidence;
    private final SampleSource samples;

    private final dev.assayer.engagement.EngagementAccessService access;

    TestUiController(TestOfControlService tests, FirmSettingsService firms, EvidenceService evidence,
            SampleSource samples, dev.assayer.engagement.EngagementAccessService access) {
        this.access = access;
        this.tests = tests;
        this.firms = firms;
        this.evidence = evidence;
        this.samples = samples;
    }

    // ------------------------------------------------------------------------------------ list

    @GetMapping("/engagements/{engagementId}/tests")
    String list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, Model model) {
        model.addAttribute("controls", tests.overview(user, engagementId));
        model.addAttribute("engagementId", engagementId);
        model.addAttribute("canWrite", user.can(Permission.FIELDWORK_WRITE));
        // the firm's other engagements of this client: where earlier test plans can be copied from
        model.addAttribute("priorEngagements", access.grantsOfFirm(user).stream()
                .filter(g -> g.orgId().equals(user.orgId()) && !g.engagementId().equals(engagementId))
                .collect(java.util.stream.Collectors.toMap(dev.assayer.engagement.EngagementGrant::engagementId,
                        dev.assayer.engagement.EngagementGrant::engagementName, (a, b) -> a,
                        java.util.LinkedHashMap::new)));
        return "fieldwork/tests/list";
    }

    @PostMapping("/engagements/{engagementId}/tests/copy-plans")
    String copyPlans(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) String prior, RedirectAttributes flash) {
        try {
            int n = tests.copyPlansFrom(user, engagementId, uuid("prior", prior)).size();
            flash.addFlashAttribute("flash", n == 0 ? "Every control of the prior engagement is already planned here."
                    : n + (n == 1 ? " test plan" : " test plans") + " copied from the prior engagement (no samples, "
                            + "results or conclusions). Select new samples from this period's populations.");
        } catch (dev.assayer.shared.ApiProblem p) {
            if (p.status() == 403 || p.status() == 404) {
                throw p;
            }
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:/engagements/" + engagementId + "/tests";
    }

    @PostMapping("/engagements/{engagementId}/tests/plan-all")
    String planAll(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, RedirectAttributes flash) {
        int n = tests.planAll(user, engagementId).size();
        flash.addFlashAttribute("flash", n == 0 ? "Every control already has its tests planned."
                : n + (n == 1 ? " test planned." : " tests planned.") + " Write their procedures and attributes.");
        return "redirect:/engagements/" + engagementId + "/tests";
    }

    @PostMapping("/engagements/{engagementId}/tests")
    String create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @RequestParam(required = false) String controlId, @RequestParam(required = false) String kind,
            RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        try {
            TestOfControl t = tests.create(user, engagementId, uuid("controlId", controlId),
                    FormValues.choice("kind", kind, TestKind.class), null);
            flash.addFlashAttribute("flash", t.kind().label() + " of " + t.controlRef() + " planned.");
            return "redirect:/engagements/" + engagementId + "/tests/" + t.id();
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", p.getMessage());
            return "redirect:/engagements/" + engagementId + "/tests";
        }
    }

    // ------------------------------------------------------------------------------------ the workpaper

    @GetMapping("/engagements/{engagementId}/tests/{testId}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID testId,
            Model model) {
        TestOfControl t = tests.get(user, engagementId, testId);
        return page(user, model, t, null, PlanForm.of(t), t.conclusion() == null ? "" : t.conclusion().name(),
                t.resultWording());
    }

    @PostMapping("/engagements/{engagementId}/tests/{testId}/plan")
    String savePlan(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID testId,
            @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        PlanForm plan = PlanForm.read(form);
        try {
            tests.update(user, engagementId, testId, plan.toPlan(), version(form));
            flash.addFlashAttribute("flash", "Plan saved.");
            return redirect(engagementId, testId, "plan");
        } catch (ApiProblem p) {
            TestOfControl t = tests.get(user, engagementId, testId);
            return page(user, model, t, p, plan.padded(), t.conclusion() == null ? "" : t.conclusion().name(),
                    t.resultWording());
        }
    }

    /** The results grid: every cell with an outcome is recorded unless unchanged; blank cells are left alone. */
    @PostMapping("/engagements/{engagementId}/tests/{testId}/results")
    String saveGrid(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, @PathVariable UUID testId,
            @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        TestOfControl t = tests.get(user, engagementId, testId);
        int saved = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < t.items().size(); i++) {
            TestItem item = t.items().get(i);
            if (!item.ref().equals(form.getFirst("item." + i))) {
                continue; // the page was older than the items: leave the row alone rather than guess
            }
            for (TestAttribute a : t.attributes()) {
                String cell = i + "." + a.code();
                String outcomeText = form.getFirst("outcome." + cell);
                if (outcomeText == null || outcomeText.isBlank()) {
                    continue;
                }
                String note = blankToNull(form.getFirst("note." + cell));
                ItemResult existing = t.result(item.ref(), a.code());
                try {
                    ResultOutcome outcome = FormValues.choice("outcome", outcomeText, ResultOutcome.class);
                    if (existing != null && existing.outcome() == outcome && Objects.equals(existing.note(), note)) {
                        continue;
                    }
                    Long version = existing == null ? null : longValue("version", form.getFirst("version." + cell));
                    tests.recordResult(user, engagementId, testId, new ResultDraft(item.row(), item.key(), a.code(),
                            outcome, note, existing == null ? List.of() : existing.evidenceIds(), null,
                            existing == null ? null : version == null ? -1L : version));
                    saved++;
                } catch (ApiProblem p) {
                    failures.add(item.key() + " / " + a.code() + ": " + p.getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            flash.addFlashAttribute("flashError", (saved == 0 ? "No result was saved. " : saved + " saved; ")
                    + "not saved: " + String.join("; ", failures));
        } else {
            flash.addFlashAttribute("flash", saved == 0 ? "No result changed." : saved + (saved == 1 ? " result saved." : " results saved."));
        }
        return redirect(engagementId, testId, "results");
    }

    /** One result in detail: note, linked evidence and the deviation a failure belongs to. */
    @PostMapping("/engagements/{engagementId}/tests/{testId}/result")
    String saveResult(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        try {
            TestOfControl t = tests.get(user, engagementId, testId);
            String ref = form.getFirst("item");
            TestItem item = t.items().stream().filter(i -> i.ref().equals(ref)).findFirst()
                    .orElseThrow(() -> ApiProblem.invalidField("item", "choose an item of this test"));
            String attribute = form.getFirst("attribute");
            ItemResult existing = t.result(item.ref(), attribute == null ? "" : attribute);
            List<UUID> evidenceIds = new ArrayList<>();
            for (String e : form.getOrDefault("evidenceIds", List.of())) {
                UUID id = uuid("evidenceIds", e);
                if (id != null) {
                    evidenceIds.add(id);
                }
            }
            String deviation = form.getFirst("deviationId");
            tests.recordResult(user, engagementId, testId, new ResultDraft(item.row(), item.key(), attribute,
                    FormValues.choice("outcome", form.getFirst("outcome"), ResultOutcome.class),
                    form.getFirst("note"), evidenceIds, deviation == null || deviation.isBlank() ? null
                            : uuid("deviationId", deviation), existing == null ? null : existing.version()));
            flash.addFlashAttribute("flash", "Result for " + item.key() + " / " + attribute + " saved.");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", "Nothing was saved: " + p.getMessage());
        }
        return redirect(engagementId, testId, "results");
    }

    @PostMapping("/engagements/{engagementId}/tests/{testId}/deviations/{deviationId}")
    String saveDeviation(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @PathVariable UUID deviationId, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        return act(flash, engagementId, testId, "deviations", () -> {
            Deviation d = tests.updateDeviation(user, engagementId, testId, deviationId,
                    new DeviationDraft(form.getFirst("description"), form.getFirst("cause"),
                            FormValues.choice("nature", form.getFirst("nature"), DeviationNature.class),
                            form.getFirst("compensatingControls")), version(form));
            return "Deviation " + d.ref() + " saved.";
        });
    }

    @PostMapping("/engagements/{engagementId}/tests/{testId}/extension")
    String extension(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestParam(required = false) String additionalItems,
            @RequestParam(required = false) String reason, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        return act(flash, engagementId, testId, "deviations", () -> {
            Long n = longValue("additionalItems", additionalItems);
            if (n == null) {
                throw ApiProblem.invalidField("additionalItems", "is required: how many items to add");
            }
            TestOfControl t = tests.requestExtension(user, engagementId, testId, (int) Math.min(n, Integer.MAX_VALUE), reason);
            return t.extensionRequests().getLast().performed() ? "Sample extended by " + n + "."
                    : "Extension of " + n + " recorded as requested.";
        });
    }

    @PostMapping("/engagements/{engagementId}/tests/{testId}/conclusion")
    String conclude(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestParam MultiValueMap<String, String> form, Model model,
            RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        String conclusion = form.getFirst("conclusion");
        String wording = form.getFirst("resultWording");
        try {
            tests.conclude(user, engagementId, testId, FormValues.choice("conclusion", conclusion, Conclusion.class),
                    wording, version(form));
            flash.addFlashAttribute("flash", "Conclusion recorded.");
            return redirect(engagementId, testId, "conclusion");
        } catch (ApiProblem p) {
            TestOfControl t = tests.get(user, engagementId, testId);
            return page(user, model, t, p, PlanForm.of(t), conclusion, wording);
        }
    }

    @PostMapping("/engagements/{engagementId}/tests/{testId}/sign-off/preparer")
    String signPreparer(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        return act(flash, engagementId, testId, "sign-off", () -> {
            tests.signOffAsPreparer(user, engagementId, testId, version(form));
            return "Signed off as preparer.";
        });
    }

    @PostMapping("/engagements/{engagementId}/tests/{testId}/sign-off/reviewer")
    String signReviewer(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_REVIEW);
        return act(flash, engagementId, testId, "sign-off", () -> {
            tests.signOffAsReviewer(user, engagementId, testId, version(form));
            return "Signed off as reviewer: the workpaper is locked.";
        });
    }

    @PostMapping("/engagements/{engagementId}/tests/{testId}/reopen")
    String reopen(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_REVIEW);
        return act(flash, engagementId, testId, "sign-off", () -> {
            tests.reopen(user, engagementId, testId, form.getFirst("reason"), version(form));
            return "Test reopened; the sign-offs were cleared.";
        });
    }

    @PostMapping("/engagements/{engagementId}/tests/{testId}/review-notes")
    String addNote(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @RequestParam(required = false) String text, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_REVIEW);
        return act(flash, engagementId, testId, "review-notes", () ->
                "Review note " + tests.addReviewNote(user, engagementId, testId, text).ref() + " added.");
    }

    @PostMapping("/engagements/{engagementId}/tests/{testId}/review-notes/{noteId}/respond")
    String respondToNote(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @PathVariable UUID noteId, @RequestParam(required = false) String response,
            RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        return act(flash, engagementId, testId, "review-notes", () ->
                "Response to " + tests.respondToReviewNote(user, engagementId, testId, noteId, response).ref() + " saved.");
    }

    @PostMapping("/engagements/{engagementId}/tests/{testId}/review-notes/{noteId}/clear")
    String clearNote(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID testId, @PathVariable UUID noteId, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_REVIEW);
        return act(flash, engagementId, testId, "review-notes", () ->
                "Review note " + tests.clearReviewNote(user, engagementId, testId, noteId).ref() + " cleared.");
    }

    // ------------------------------------------------------------------------------------ deviations page

    @GetMapping("/engagements/{engagementId}/deviations")
    String deviations(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId, Model model) {
        model.addAttribute("deviations", tests.engagementDeviations(user, engagementId));
        model.addAttribute("engagementId", engagementId);
        model.addAttribute("canRespond", user.can(Permission.FIELDWORK_RESPOND));
        model.addAttribute("auditor", user.scope() != null && user.can(Permission.FIELDWORK_READ));
        return "fieldwork/tests/deviations";
    }

    @PostMapping("/engagements/{engagementId}/deviations/{deviationId}/response")
    String respond(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID deviationId, @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_RESPOND);
        try {
            Deviation d = tests.respond(user, engagementId, deviationId, form.getFirst("response"), version(form));
            flash.addFlashAttribute("flash", "Response to " + d.controlRef() + " " + d.ref() + " saved.");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", "Nothing was saved: " + p.getMessage());
        }
        return "redirect:/engagements/" + engagementId + "/deviations";
    }

    // ------------------------------------------------------------------------------------ firm frequency table

    @GetMapping("/firm/frequency-table")
    String frequencyTable(@AuthenticationPrincipal CurrentUser user, Model model) {
        FirmFrequencyTable t = firms.frequencyTable(user);
        return frequencyPage(user, model, t, null, null);
    }

    @PostMapping("/firm/frequency-table")
    String saveFrequencyTable(@AuthenticationPrincipal CurrentUser user, @RequestParam MultiValueMap<String, String> form,
            Model model, RedirectAttributes flash) {
        user.require(Permission.FIRM_MANAGE);
        Map<ControlFrequency, Integer> sizes = new EnumMap<>(ControlFrequency.class);
        Map<String, String> entered = new LinkedHashMap<>();
        try {
            List<ApiProblem.FieldError> errors = new ArrayList<>();
            for (ControlFrequency f : FirmTableRepository.FREQUENCIES) {
                String v = form.getFirst("size." + f.name());
                entered.put(f.name(), v);
                try {
                    Long n = longValue("sizes." + f.name(), v);
                    if (n != null) {
                        sizes.put(f, (int) Math.max(Integer.MIN_VALUE, Math.min(n, Integer.MAX_VALUE)));
                    }
                } catch (ApiProblem p) {
                    errors.addAll(p.errors());
                }
            }
            if (!errors.isEmpty()) {
                throw ApiProblem.badRequest("Some sizes are not whole numbers", errors);
            }
            String confidence = form.getFirst("defaultConfidence");
            firms.updateFrequencyTable(user, sizes, confidence == null || confidence.isBlank() ? null
                    : decimal("defaultConfidence", confidence), version(form));
            flash.addFlashAttribute("flash", "Frequency table saved. Tests sized from now on use it.");
            return "redirect:/firm/frequency-table";
        } catch (ApiProblem p) {
            return frequencyPage(user, model, firms.frequencyTable(user), p, entered);
        }
    }

    private String frequencyPage(CurrentUser user, Model model, FirmFrequencyTable t, ApiProblem problem,
            Map<String, String> entered) {
        List<ControlFrequency> rows = List.of(FirmTableRepository.FREQUENCIES);
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (ControlFrequency f : rows) {
            labels.put(f.name(), capitalize(TestRules.label(f)));
            values.put(f.name(), entered != null && entered.get(f.name()) != null ? entered.get(f.name())
                    : String.valueOf(t.sizes().get(f)));
        }
        model.addAttribute("table", t);
        model.addAttribute("frequencies", rows.stream().map(Enum::name).toList());
        model.addAttribute("labels", labels);
        model.addAttribute("values", values);
        model.addAttribute("canManage", user.can(Permission.FIRM_MANAGE));
        errors(model, problem);
        return "fieldwork/tests/frequency-table";
    }

    // ------------------------------------------------------------------------------------ helpers

    private String page(CurrentUser user, Model model, TestOfControl t, ApiProblem problem, PlanForm plan,
            String conclusion, String wording) {
        model.addAttribute("t", t);
        model.addAttribute("engagementId", t.engagementId());
        model.addAttribute("plan", plan);
        model.addAttribute("conclusionValue", conclusion == null ? "" : conclusion);
        model.addAttribute("wordingValue", wording);
        model.addAttribute("methods", TestMethod.values());
        model.addAttribute("sizingMethods", TestSizingMethod.values());
        model.addAttribute("frequencies", ControlFrequency.values());
        Map<String, String> frequencyLabels = new LinkedHashMap<>();
        for (ControlFrequency f : ControlFrequency.values()) {
            frequencyLabels.put(f.name(), capitalize(TestRules.label(f)));
        }
        model.addAttribute("frequencyLabels", frequencyLabels);
        model.addAttribute("outcomes", ResultOutcome.values());
        model.addAttribute("natures", DeviationNature.values());
        model.addAttribute("conclusions", Conclusion.values());
        Map<String, ItemResult> cells = new LinkedHashMap<>();
        for (ItemResult r : t.results()) {
            cells.put(r.itemRef() + "|" + r.attribute(), r);
        }
        model.addAttribute("cells", cells);
        model.addAttribute("canWrite", user.can(Permission.FIELDWORK_WRITE));
        model.addAttribute("canReview", user.can(Permission.FIELDWORK_REVIEW));
        model.addAttribute("isPreparer", t.preparer() != null && t.preparer().userId().equals(user.userId()));
        List<EvidenceItem> visible = user.can(Permission.FIELDWORK_WRITE) && !t.locked()
                ? evidence.list(user, null) : List.of();
        model.addAttribute("evidenceChoices", visible);
        model.addAttribute("sampleChoices", user.can(Permission.FIELDWORK_WRITE) && !t.locked()
                ? samples.samples(user, t.engagementId()) : List.of());
        errors(model, problem);
        return "fieldwork/tests/detail";
    }

    /** Runs an action and redirects back to the section, with its message or its error as the flash. */
    private static String act(RedirectAttributes flash, UUID engagementId, UUID testId, String anchor,
            java.util.function.Supplier<String> action) {
        try {
            flash.addFlashAttribute("flash", action.get());
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", "Nothing was saved: " + p.getMessage());
        }
        return redirect(engagementId, testId, anchor);
    }

    private static String redirect(UUID engagementId, UUID testId, String anchor) {
        return "redirect:/engagements/" + engagementId + "/tests/" + testId + "#" + anchor;
    }

    private static void errors(Model model, ApiProblem problem) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (problem != null) {
            problem.errors().forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        }
        model.addAttribute("problem", problem);
        model.addAttribute("fieldErrors", fieldErrors);
    }

    private static long version(MultiValueMap<String, String> form) {
        Long v = longValue("version", form.getFirst("version"));
        if (v == null) {
            throw ApiProblem.invalidField("version", "is required; reload the page and try again");
        }
        return v;
    }

    static Long longValue(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(field, "'" + value + "' is not a whole number");
        }
    }

    static BigDecimal decimal(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(field, "'" + value + "' is not a number");
        }
    }

    /** A percentage typed in a form ("5", "0.25") as a fraction (0.05, 0.0025). */
    static BigDecimal percent(String field, String value) {
        BigDecimal d = decimal(field, value);
        return d == null ? null : d.movePointLeft(2);
    }

    static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "'" + value + "' is not an id");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The plan form: rows of procedures, attributes and listed items (with blank rows to add), and the sizing. */
    public record PlanForm(List<String[]> procedures, List<String[]> attributes, List<String[]> items,
            String populationDescription, String sampleId, String sizingMethod, String frequency, String populationSize,
            String confidence, String tolerableRate, String expectedRate, String sampleSize, String reason) {

        static PlanForm of(TestOfControl t) {
            List<String[]> procedures = new ArrayList<>();
            t.procedures().forEach(p -> procedures.add(new String[] {p.method() == null ? "" : p.method().name(), p.text()}));
            List<String[]> attributes = new ArrayList<>();
            t.attributes().forEach(a -> attributes.add(new String[] {a.code(), a.description()}));
            List<String[]> items = new ArrayList<>();
            t.manualItems().forEach(m -> items.add(new String[] {m.key(), m.description() == null ? "" : m.description()}));
            TestSizing z = t.sizing();
            return new PlanForm(procedures, attributes, items, t.populationDescription(),
                    t.sampleId() == null ? "" : t.sampleId().toString(), z.method() == null ? "" : z.method().name(),
                    z.frequency() == null ? "" : z.frequency().name(),
                    z.populationSize() == null ? "" : z.populationSize().toString(),
                    z.confidence() == null ? "" : z.confidence().toPlainString(),
                    z.tolerableRate() == null ? "" : z.tolerableRate().movePointRight(2).stripTrailingZeros().toPlainString(),
                    z.expectedRate() == null ? "" : z.expectedRate().movePointRight(2).stripTrailingZeros().toPlainString(),
                    z.method() == TestSizingMethod.JUDGMENTAL && z.sampleSize() != null ? z.sampleSize().toString() : "",
                    z.reason()).padded();
        }

        /** Existing rows plus {@link #BLANK_ROWS} blank ones in each list. */
        PlanForm padded() {
            return new PlanForm(pad(procedures, 2), pad(attributes, 2), pad(items, 2), populationDescription, sampleId,
                    sizingMethod, frequency, populationSize, confidence, tolerableRate, expectedRate, sampleSize, reason);
        }

        private static List<String[]> pad(List<String[]> rows, int width) {
            List<String[]> out = new ArrayList<>();
            for (String[] r : rows) {
                if (java.util.Arrays.stream(r).anyMatch(x -> x != null && !x.isBlank())) {
                    out.add(r);
                }
            }
            for (int i = 0; i < BLANK_ROWS; i++) {
                String[] blank = new String[width];
                java.util.Arrays.fill(blank, "");
                out.add(blank);
            }
            return out;
        }

        static PlanForm read(MultiValueMap<String, String> form) {
            return new PlanForm(rows(form, "procedureMethod", "procedureText"),
                    rows(form, "attributeCode", "attributeDescription"), rows(form, "itemKey", "itemDescription"),
                    form.getFirst("populationDescription"), form.getFirst("sampleId"), form.getFirst("sizingMethod"),
                    form.getFirst("frequency"), form.getFirst("populationSize"), form.getFirst("confidence"),
                    form.getFirst("tolerableRate"), form.getFirst("expectedRate"), form.getFirst("sampleSize"),
                    form.getFirst("reason"));
        }

        private static List<String[]> rows(MultiValueMap<String, String> form, String a, String b) {
            List<String> first = form.getOrDefault(a, List.of());
            List<String> second = form.getOrDefault(b, List.of());
            List<String[]> out = new ArrayList<>();
            for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
                out.add(new String[] {i < first.size() ? first.get(i) : "", i < second.size() ? second.get(i) : ""});
            }
            return out;
        }

        /** The plan as the service takes it: rows whose text is blank are dropped (a procedure row needs text). */
        TestPlan toPlan() {
            List<Procedure> ps = new ArrayList<>();
            for (int i = 0; i < procedures.size(); i++) {
                String[] r = procedures.get(i);
                if (isBlank(r[1]) && isBlank(r[0])) {
                    continue;
                }
                ps.add(new Procedure(FormValues.choice("procedures[" + ps.size() + "].method", r[0], TestMethod.class),
                        r[1]));
            }
            List<TestAttribute> as = new ArrayList<>();
            for (String[] r : attributes) {
                if (isBlank(r[1]) && isBlank(r[0])) {
                    continue;
                }
                as.add(new TestAttribute(r[0], r[1]));
            }
            List<ManualItem> ms = new ArrayList<>();
            for (String[] r : items) {
                if (isBlank(r[0]) && isBlank(r[1])) {
                    continue;
                }
                ms.add(new ManualItem(r[0], r[1]));
            }
            TestSizingMethod method = FormValues.choice("sizing.method", sizingMethod, TestSizingMethod.class);
            Long population = longValue("sizing.populationSize", populationSize);
            Long size = longValue("sizing.sampleSize", sampleSize);
            TestSizing sizing = new TestSizing(method, FormValues.choice("sizing.frequency", frequency, ControlFrequency.class),
                    population, decimal("sizing.confidence", confidence), percent("sizing.tolerableRate", tolerableRate),
                    percent("sizing.expectedRate", expectedRate),
                    size == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(size, Integer.MAX_VALUE)), null, null,
                    reason);
            return new TestPlan(ps, as, populationDescription, uuid("sampleId", sampleId), ms, sizing);
        }

        private static boolean isBlank(String s) {
            return s == null || s.isBlank();
        }
    }
}
