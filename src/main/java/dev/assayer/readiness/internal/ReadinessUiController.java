package dev.assayer.readiness.internal;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.readiness.ReadinessReport;
import dev.assayer.readiness.ReadinessService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The dashboard ({@code /}) and the full readiness page of an engagement. */
@Controller
class ReadinessUiController {

    /** How many gaps of each kind the dashboard lists before "and n more". */
    static final int GAPS_PER_KIND = 5;
    /** The dashboard's renewal horizon. */
    static final int RENEWAL_DAYS = 30;

    private final ReadinessService readiness;
    private final EngagementService engagements;
    private final EvidenceService evidence;

    private final dev.assayer.finding.FindingService findings;

    ReadinessUiController(ReadinessService readiness, EngagementService engagements, EvidenceService evidence,
            dev.assayer.finding.FindingService findings) {
        this.findings = findings;
        this.readiness = readiness;
        this.engagements = engagements;
        this.evidence = evidence;
    }

    @GetMapping("/")
    String dashboard(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID engagement,
            Model model) {
        if (user.role().firmRole() && user.scope() == null) {
            return "redirect:/firm"; // an audit firm's own organization has no program of its own
        }
        List<Engagement> all = user.can(Permission.ENGAGEMENT_READ) ? engagements.list(user) : List.of();
        UUID wanted = engagement != null ? engagement : user.scope() != null ? user.scope().engagementId() : null;
        Optional<Engagement> selected = wanted != null ? Optional.of(engagements.get(user, wanted))
                : engagements.current(user.orgId());
        model.addAttribute("engagements", all);
        model.addAttribute("canCreateEngagement", user.can(Permission.ENGAGEMENT_WRITE));
        LocalDate today = readiness.today();
        model.addAttribute("today", today);
        model.addAttribute("renewalDays", RENEWAL_DAYS);
        if (user.can(Permission.EVIDENCE_READ)) {
            model.addAttribute("renewals", evidence.renewalsDue(user, today.plusDays(RENEWAL_DAYS)));
        }
        if (user.can(Permission.CONTROL_READ)) {
            model.addAttribute("overdueFindings", findings.overdue(user, today));
        }
        if (selected.isEmpty() || !user.can(Permission.READINESS_READ)) {
            return "readiness/dashboard";
        }
        ReadinessReport report = readiness.forEngagement(user, selected.get().id());
        model.addAttribute("selected", selected.get());
        model.addAttribute("report", report);
        model.addAttribute("gapGroups", ReadinessView.gapsByKind(report, GAPS_PER_KIND));
        model.addAttribute("programGroups", ReadinessView.programByKind(report, GAPS_PER_KIND));
        model.addAttribute("view", new Helpers());
        return "readiness/dashboard";
    }

    @GetMapping("/engagements/{id}/readiness")
    String page(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        ReadinessReport report = readiness.forEngagement(user, id);
        model.addAttribute("selected", engagements.get(user, id));
        model.addAttribute("report", report);
        model.addAttribute("byCategory", ReadinessView.requirementsByCategory(report));
        model.addAttribute("programGroups", ReadinessView.programByKind(report, Integer.MAX_VALUE));
        model.addAttribute("view", new Helpers());
        return "readiness/engagement";
    }

    /** Small presentation helpers the templates call as {@code ${view.…}}. */
    static final class Helpers {

        public String meterClass(int percent) {
            return ReadinessView.meterClass(percent);
        }

        public String stateClass(String state) {
            return switch (state) {
                case "READY" -> "badge ok";
                case "PARTIAL" -> "badge warn";
                default -> "badge bad";
            };
        }

        public String statusClass(String status) {
            return switch (status) {
                case "IMPLEMENTED" -> "badge ok";
                case "IN_PROGRESS" -> "badge warn";
                case "NOT_STARTED" -> "badge bad";
                default -> "badge";
            };
        }

        public String statusLabel(String status) {
            String s = status.toLowerCase().replace('_', ' ');
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }

        /** Where a requirement's controls are listed: the control list filtered by criterion or objective. */
        public String requirementLink(ReadinessReport report, String requirementId) {
            String param = "SOC1".equals(report.engagement().framework()) ? "objective" : "criterion";
            return "/controls?" + param + "=" + java.net.URLEncoder.encode(requirementId,
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
