package dev.assayer.risk.internal;

import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.risk.Risk;
import dev.assayer.risk.RiskAssessment;
import dev.assayer.risk.RiskCategory;
import dev.assayer.risk.RiskFlag;
import dev.assayer.risk.RiskRating;
import dev.assayer.risk.RiskScore;
import dev.assayer.risk.RiskService;
import dev.assayer.risk.RiskService.HeatMapKind;
import dev.assayer.risk.Treatment;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The risk pages: register with filters and heat maps, create/edit, assessments and their snapshots. */
@Controller
class RiskUiController {

    static final Map<String, String> SOC2_LABELS = soc2Labels();

    private final RiskService risks;
    private final IdentityService identity;
    private final JsonMapper json = JsonMapper.builder().build();

    RiskUiController(RiskService risks, IdentityService identity) {
        this.risks = risks;
        this.identity = identity;
    }

    @GetMapping("/risks")
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String category,
            @RequestParam(required = false) String treatment, @RequestParam(required = false) String rating,
            @RequestParam(required = false) String flag, @RequestParam(required = false) String q, Model model) {
        List<Risk> all = risks.list(user);
        Predicate<Risk> keep = r -> true;
        if (present(category)) {
            keep = keep.and(r -> r.category().name().equalsIgnoreCase(category));
        }
        if (present(treatment)) {
            keep = keep.and(r -> r.treatment().name().equalsIgnoreCase(treatment));
        }
        if (present(rating)) {
            keep = keep.and(r -> r.residual().rating().name().equalsIgnoreCase(rating));
        }
        if (present(flag)) {
            keep = keep.and(r -> r.flags().stream().anyMatch(f -> f.name().equalsIgnoreCase(flag)));
        }
        if (present(q)) {
            String needle = q.strip().toLowerCase(Locale.ROOT);
            keep = keep.and(r -> (r.ref() + " " + r.title() + " " + (r.description() == null ? "" : r.description()))
                    .toLowerCase(Locale.ROOT).contains(needle));
        }
        List<Risk> shown = all.stream().filter(keep).toList();
        model.addAttribute("risks", shown);
        model.addAttribute("total", all.size());
        model.addAttribute("filter", Map.of("category", nz(category), "treatment", nz(treatment), "rating", nz(rating),
                "flag", nz(flag), "q", nz(q)));
        model.addAttribute("inherentSvg", risks.heatMapSvg(shown, HeatMapKind.INHERENT, ""));
        model.addAttribute("residualSvg", risks.heatMapSvg(shown, HeatMapKind.RESIDUAL, ""));
        model.addAttribute("latest", risks.latestAssessment(user.orgId()).orElse(null));
        model.addAttribute("gaps", all.stream().filter(r -> r.flags().contains(RiskFlag.NO_MITIGATING_CONTROL)).count());
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        model.addAttribute("bands", risks.scale().bandsText());
        options(model);
        return "risk/list";
    }

    @GetMapping("/risks/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        return form(user, model, new RiskForm(), null, null);
    }

    @PostMapping("/risks")
    String create(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") RiskForm form, Model model,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            Risk created = risks.create(user, form.toDraft());
            flash.addFlashAttribute("flash", "Risk " + created.ref() + " created.");
            return "redirect:/risks/" + created.id();
        } catch (ApiProblem p) {
            return form(user, model, form, null, p);
        }
    }

    @PostMapping("/risks/adopt-starter")
    String adopt(@AuthenticationPrincipal CurrentUser user, RedirectAttributes flash) {
        int added = risks.adoptStarterLibrary(user);
        flash.addFlashAttribute("flash", added == 0 ? "Every starter risk is already in the register."
                : added + " starter risks added to the register. Review their scores, owners and controls.");
        return "redirect:/risks";
    }

    @GetMapping("/risks/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("r", risks.get(user, id));
        model.addAttribute("people", people(user));
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        options(model);
        return "risk/detail";
    }

    @GetMapping("/risks/{id}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Risk r = risks.get(user, id);
        return form(user, model, RiskForm.of(r), r, null);
    }

    @PostMapping("/risks/{id}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @ModelAttribute("form") RiskForm form, Model model, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Risk current = risks.get(user, id);
        try {
            if (form.getVersion() == null) {
                throw ApiProblem.invalidField("version", "is required; reload the page and try again");
            }
            risks.update(user, id, form.toDraft(), form.getVersion());
            flash.addFlashAttribute("flash", "Risk " + current.ref() + " saved.");
            return "redirect:/risks/" + id;
        } catch (ApiProblem p) {
            return form(user, model, form, current, p);
        }
    }

    // ------------------------------------------------------------------------------ assessments

    @GetMapping("/risks/assessments")
    String assessments(@AuthenticationPrincipal CurrentUser user, Model model) {
        List<RiskAssessment> list = risks.assessments(user);
        model.addAttribute("assessments", list);
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        model.addAttribute("riskCount", risks.list(user).size());
        model.addAttribute("posture", risks.posture(user.orgId(), java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
        return "risk/assessments";
    }

    @PostMapping("/risks/assessments")
    String approve(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String title,
            @RequestParam(required = false) String confirm, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        if (!"yes".equals(confirm)) {
            flash.addFlashAttribute("flashError", "Nothing was approved: tick the confirmation box to approve the "
                    + "assessment.");
            return "redirect:/risks/assessments";
        }
        RiskAssessment a = risks.approveAssessment(user, title);
        flash.addFlashAttribute("flash", "Risk assessment approved as of " + a.asOf() + " (" + a.riskCount()
                + " risks).");
        return "redirect:/risks/assessments/" + a.id();
    }

    @GetMapping("/risks/assessments/{id}")
    String assessment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        RiskAssessment a = risks.assessment(user, id);
        JsonNode doc = json.readTree(a.snapshot());
        JsonNode sc = doc.path("scale");
        RiskScale scale = new RiskScale(sc.path("likelihoodLevels").asInt(5), sc.path("impactLevels").asInt(5),
                sc.path("mediumFrom").asInt(5), sc.path("highFrom").asInt(10), sc.path("criticalFrom").asInt(16));
        HeatMap inherent = new HeatMap(scale);
        HeatMap residual = new HeatMap(scale);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode r : doc.path("risks")) {
            RiskScore in = score(r.path("inherent"));
            RiskScore re = score(r.path("residual"));
            inherent.add(in);
            residual.add(re);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ref", r.path("ref").asString(""));
            row.put("title", r.path("title").asString(""));
            row.put("category", r.path("category").asString(""));
            row.put("owner", r.path("owner").asString(null));
            row.put("inherent", in);
            row.put("residual", re);
            row.put("treatment", r.path("treatment").asString(""));
            List<String> ctl = new ArrayList<>();
            r.path("controls").forEach(c -> ctl.add(c.asString()));
            row.put("controls", ctl);
            List<String> flags = new ArrayList<>();
            r.path("flags").forEach(f -> flags.add(f.asString()));
            row.put("flags", flags);
            rows.add(row);
        }
        model.addAttribute("a", a);
        model.addAttribute("rows", rows);
        model.addAttribute("inherentSvg", HeatMapSvg.render(inherent, "Inherent risk heat map as of " + a.asOf(),
                "heatmap-inherent"));
        model.addAttribute("residualSvg", HeatMapSvg.render(residual, "Residual risk heat map as of " + a.asOf(),
                "heatmap-residual"));
        model.addAttribute("categoryLabels", categoryLabels());
        return "risk/assessment";
    }

    private static RiskScore score(JsonNode n) {
        return new RiskScore(n.path("likelihood").asInt(), n.path("impact").asInt(), n.path("score").asInt(),
                RiskRating.valueOf(n.path("rating").asString("LOW")));
    }

    private String form(CurrentUser user, Model model, RiskForm form, Risk existing, ApiProblem problem) {
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        model.addAttribute("members", identity.members(user).stream().filter(Member::active).toList());
        model.addAttribute("likelihoods", levels(risks.scale().likelihoodLevels()));
        model.addAttribute("impacts", levels(risks.scale().impactLevels()));
        model.addAttribute("bands", risks.scale().bandsText());
        options(model);
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (problem != null) {
            problem.errors().forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
            model.addAttribute("problem", problem);
        }
        model.addAttribute("fieldErrors", fieldErrors);
        return "risk/form";
    }

    private Map<UUID, String> people(CurrentUser user) {
        Map<UUID, String> m = new LinkedHashMap<>();
        identity.members(user).forEach(p -> m.put(p.userId(), p.name()));
        return m;
    }

    private static List<Integer> levels(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(i);
        }
        return out;
    }

    private static void options(Model model) {
        model.addAttribute("categories", RiskCategory.values());
        model.addAttribute("treatments", Treatment.values());
        model.addAttribute("ratings", RiskRating.values());
        model.addAttribute("flags", RiskFlag.values());
        model.addAttribute("soc2Labels", SOC2_LABELS);
        model.addAttribute("categoryLabels", categoryLabels());
    }

    private static Map<String, String> categoryLabels() {
        Map<String, String> m = new LinkedHashMap<>();
        for (RiskCategory c : RiskCategory.values()) {
            m.put(c.name(), c.label());
        }
        return m;
    }

    private static Map<String, String> soc2Labels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("SECURITY", "Security");
        m.put("AVAILABILITY", "Availability");
        m.put("PROCESSING_INTEGRITY", "Processing integrity");
        m.put("CONFIDENTIALITY", "Confidentiality");
        m.put("PRIVACY", "Privacy");
        return m;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
