package dev.assayer.fieldwork.internal.findings;

import dev.assayer.finding.Finding;
import dev.assayer.finding.FindingService;
import dev.assayer.finding.SourceType;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Puts {@code deviationFindings} (deviation id → the finding raised from it, as far as the reader
 * may see it) on the two pages that list deviations — a test's workpaper and the engagement's
 * deviations page — so they can link "Finding F-003" or offer "Raise finding". One findings query
 * per page view; every other page gets an empty map without a query.
 */
@ControllerAdvice(annotations = Controller.class)
class DeviationFindingAdvice {

    static final Set<String> PAGES = Set.of("/engagements/{engagementId}/tests/{testId}",
            "/engagements/{engagementId}/deviations");

    private final FindingService findings;

    DeviationFindingAdvice(FindingService findings) {
        this.findings = findings;
    }

    @ModelAttribute("deviationFindings")
    Map<UUID, Finding> deviationFindings(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (user == null || !"GET".equals(request.getMethod()) || !(pattern instanceof String p) || !PAGES.contains(p)) {
            return Map.of();
        }
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(vars instanceof Map<?, ?> m) || !(m.get("engagementId") instanceof String id)) {
            return Map.of();
        }
        Map<UUID, Finding> out = new LinkedHashMap<>();
        try {
            for (Finding f : findings.listForEngagement(user, UUID.fromString(id), null)) {
                if (f.source() != null && f.source().type() == SourceType.DEVIATION && f.source().id() != null) {
                    out.putIfAbsent(f.source().id(), f);
                }
            }
        } catch (ApiProblem | IllegalArgumentException e) {
            // the page itself answers with the right status (403, 404); it shows no links then
            return Map.of();
        }
        return out;
    }
}
