package dev.assayer.fieldwork.internal.findings;

import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.finding.Finding;
import dev.assayer.finding.FindingDraft;
import dev.assayer.finding.FindingService;
import dev.assayer.finding.FindingSource;
import dev.assayer.finding.Severity;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.FormValues;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Raise finding" on a deviation (the test's workpaper and the deviations page): the auditor writes
 * the title, description and severity; the finding's source is the deviation, named by a reference
 * people can read ("Deviation D1 in the test of operating effectiveness of AC-01, items …"), and
 * its control is the deviation's. A deviation raises at most one finding (FindingService says which
 * one exists). Back on the page the deviation links to its finding.
 */
@Controller
class DeviationFindingUiController {

    /** The longest source reference a finding keeps. */
    static final int MAX_REF = 300;

    private final TestOfControlService tests;
    private final FindingService findings;

    DeviationFindingUiController(TestOfControlService tests, FindingService findings) {
        this.tests = tests;
        this.findings = findings;
    }

    @PostMapping("/engagements/{engagementId}/deviations/{deviationId}/finding")
    String raise(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID engagementId,
            @PathVariable UUID deviationId, @RequestParam(required = false) String title,
            @RequestParam(required = false) String description, @RequestParam(required = false) String severity,
            @RequestParam(required = false) String back, RedirectAttributes flash) {
        user.require(Permission.FIELDWORK_WRITE);
        if (user.scope() == null) {
            throw ApiProblem.notFound("Engagement " + engagementId);
        }
        Deviation d = tests.engagementDeviations(user, engagementId).stream().filter(x -> x.id().equals(deviationId))
                .findFirst().orElseThrow(() -> ApiProblem.notFound("Deviation " + deviationId));
        try {
            Severity s = FormValues.choice("severity", severity, Severity.class);
            Finding f = findings.raise(user, engagementId, FindingDraft.of(title, description, s,
                    FindingSource.deviation(d.id(), sourceRef(d)), List.of(d.controlRef()), List.of()));
            flash.addFlashAttribute("flash", "Finding " + f.ref() + " raised from " + d.controlRef() + " " + d.ref() + ".");
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", "No finding was raised: " + p.getMessage());
        }
        if ("list".equals(back)) {
            return "redirect:/engagements/" + engagementId + "/deviations#deviation-" + d.controlRef() + "-" + d.ref();
        }
        return "redirect:/engagements/" + engagementId + "/tests/" + d.testId() + "#deviation-" + d.ref();
    }

    /** "Deviation D1 in the test of operating effectiveness of AC-01, items REV-2 (A, B), REV-5 (B)", shortened to fit. */
    static String sourceRef(Deviation d) {
        String base = "Deviation " + d.ref() + " in the " + d.testKind().label().toLowerCase(java.util.Locale.ROOT)
                + " of " + d.controlRef();
        if (d.items().isEmpty()) {
            return base;
        }
        String full = base + ", item" + (d.items().size() == 1 ? " " : "s ") + String.join(", ", d.items());
        return full.length() <= MAX_REF ? full : full.substring(0, MAX_REF - 1) + "…";
    }
}
