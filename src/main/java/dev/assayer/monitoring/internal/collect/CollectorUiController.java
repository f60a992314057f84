package dev.assayer.monitoring.internal.collect;

import dev.assayer.monitoring.Collector;
import dev.assayer.monitoring.CollectorDraft;
import dev.assayer.monitoring.CollectorField;
import dev.assayer.monitoring.CollectorKind;
import dev.assayer.monitoring.CollectorRun;
import dev.assayer.monitoring.CollectorService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The collector pages: list, new and edit forms (secrets are password fields that are never filled
 * in: empty keeps the stored value), and a collector's page with its configuration, "collect now"
 * (starts a job whose progress the page polls with htmx), and the history of its collections. Times
 * are UTC.
 */
@Controller
class CollectorUiController {

    private final CollectorService collectors;

    CollectorUiController(CollectorService collectors) {
        this.collectors = collectors;
    }

    @GetMapping("/monitoring/collectors")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("collectors", collectors.list(user));
        model.addAttribute("kinds", CollectorKind.values());
        return "monitoring/collectors/list";
    }

    @GetMapping("/monitoring/collectors/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String kind, Model model) {
        user.require(Permission.MONITORING_MANAGE);
        CollectorKind k = CollectorKind.parse("kind", kind == null ? "github" : kind);
        Map<String, String> settings = new LinkedHashMap<>();
        k.settings().forEach(f -> settings.put(f.name(), f.defaultValue() == null ? "" : f.defaultValue()));
        return form(model, k, null, "", settings, "24", true, null);
    }

    @PostMapping("/monitoring/collectors")
    String create(@AuthenticationPrincipal CurrentUser user, @RequestParam MultiValueMap<String, String> params, Model model,
            RedirectAttributes flash) {
        user.require(Permission.MONITORING_MANAGE);
        CollectorKind kind = CollectorKind.parse("kind", params.getFirst("kind"));
        Map<String, String> settings = prefixed(params, "settings.", kind);
        try {
            Collector created = collectors.create(user, new CollectorDraft(kind, params.getFirst("name"), settings,
                    secrets(params, kind, true), interval(params), params.containsKey("enabled")));
            flash.addFlashAttribute("flash", "Collector " + created.name() + " saved. Run it now to check the credentials.");
            return "redirect:/monitoring/collectors/" + created.id();
        } catch (ApiProblem p) {
            return form(model, kind, null, params.getFirst("name"), settings, params.getFirst("intervalHours"),
                    params.containsKey("enabled"), p);
        }
    }

    /** The collector's page; the newest job while it is active (or the one just started) shows its progress. */
    @GetMapping("/monitoring/collectors/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(name = "run", required = false) UUID runId, Model model) {
        Collector c = collectors.get(user, id);
        List<CollectorRun> runs = collectors.runs(user, id);
        CollectorRun job = runs.stream().filter(r -> runId != null ? r.id().equals(runId) : r.active()).findFirst()
                .orElse(null);
        model.addAttribute("c", c);
        model.addAttribute("fields", fieldLabels(c.kind()));
        model.addAttribute("runs", runs);
        model.addAttribute("job", job);
        return "monitoring/collectors/detail";
    }

    /** The job's status card, polled by htmx every 2 s while the job is active (the answer stops the polling). */
    @GetMapping("/monitoring/collectors/{id}/runs/{runId}/progress")
    String progress(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID runId,
            Model model) {
        model.addAttribute("c", collectors.get(user, id));
        model.addAttribute("job", collectors.run(user, id, runId));
        return "monitoring/collectors/detail :: job";
    }

    @GetMapping("/monitoring/collectors/{id}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        user.require(Permission.MONITORING_MANAGE);
        Collector c = collectors.get(user, id);
        return form(model, c.kind(), c, c.name(), c.settings(), String.valueOf(c.intervalHours()), c.enabled(), null);
    }

    @PostMapping("/monitoring/collectors/{id}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes flash) {
        user.require(Permission.MONITORING_MANAGE);
        Collector current = collectors.get(user, id);
        Map<String, String> settings = prefixed(params, "settings.", current.kind());
        try {
            long version;
            try {
                version = Long.parseLong(String.valueOf(params.getFirst("version")));
            } catch (NumberFormatException e) {
                throw ApiProblem.invalidField("version", "is required; reload the page and try again");
            }
            collectors.update(user, id, new CollectorDraft(current.kind(), params.getFirst("name"), settings,
                    secrets(params, current.kind(), false), interval(params), params.containsKey("enabled")), version);
            flash.addFlashAttribute("flash", "Collector saved.");
            return "redirect:/monitoring/collectors/" + id;
        } catch (ApiProblem p) {
            return form(model, current.kind(), current, params.getFirst("name"), settings, params.getFirst("intervalHours"),
                    params.containsKey("enabled"), p);
        }
    }

    /** Starts a job and shows the collector's page with its progress; a collector already collecting says so. */
    @PostMapping("/monitoring/collectors/{id}/runs")
    String run(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes flash) {
        try {
            CollectorRun run = collectors.start(user, id);
            flash.addFlashAttribute("flash", "Collection started. This page shows its progress; you may leave it.");
            return "redirect:/monitoring/collectors/" + id + "?run=" + run.id();
        } catch (ApiProblem p) {
            if (p.status() != 409 && p.status() != 503) {
                throw p;
            }
            flash.addFlashAttribute("flashError", p.getMessage());
            return "redirect:/monitoring/collectors/" + id;
        }
    }

    private String form(Model model, CollectorKind kind, Collector existing, String name, Map<String, String> settings,
            String interval, boolean enabled, ApiProblem problem) {
        model.addAttribute("kind", kind);
        model.addAttribute("existing", existing);
        model.addAttribute("name", name);
        model.addAttribute("settings", settings);
        model.addAttribute("interval", interval);
        model.addAttribute("enabled", enabled);
        Map<String, Object> secretStatus = new LinkedHashMap<>();
        if (existing != null) {
            existing.secrets().forEach(s -> secretStatus.put(s.field(), s));
        }
        model.addAttribute("secretStatus", secretStatus);
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (problem != null) {
            problem.errors().forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        }
        model.addAttribute("problem", problem);
        model.addAttribute("fieldErrors", fieldErrors);
        return "monitoring/collectors/form";
    }

    private static Map<String, String> fieldLabels(CollectorKind kind) {
        Map<String, String> out = new LinkedHashMap<>();
        kind.settings().forEach(f -> out.put(f.name(), f.label()));
        return out;
    }

    private static Map<String, String> prefixed(MultiValueMap<String, String> params, String prefix, CollectorKind kind) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CollectorField f : kind.settings()) {
            String v = params.getFirst(prefix + f.name());
            out.put(f.name(), v == null ? "" : v);
        }
        return out;
    }

    /** Empty password fields keep the stored secret (on create: are missing); "remove.X" clears an optional one. */
    private static Map<String, String> secrets(MultiValueMap<String, String> params, CollectorKind kind, boolean create) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CollectorField f : kind.secrets()) {
            String v = params.getFirst("secrets." + f.name());
            if (v != null && !v.isBlank()) {
                out.put(f.name(), v);
            } else if (!create && !f.required() && params.containsKey("remove." + f.name())) {
                out.put(f.name(), "");
            }
        }
        return out;
    }

    private static Integer interval(MultiValueMap<String, String> params) {
        String v = params.getFirst("intervalHours");
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("intervalHours", "'" + v + "' is not a whole number of hours");
        }
    }
}
