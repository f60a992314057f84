package dev.assayer.risk.internal;

import dev.assayer.risk.Risk;
import dev.assayer.risk.RiskAssessment;
import dev.assayer.risk.RiskCategory;
import dev.assayer.risk.RiskDraft;
import dev.assayer.risk.RiskScore;
import dev.assayer.risk.RiskService;
import dev.assayer.risk.RiskService.HeatMapKind;
import dev.assayer.risk.Treatment;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1/risks (the register, starter adoption and heat maps) and /api/v1/risk-assessments
 * (approved snapshots). Bodies use the field names of {@link Risk}; read-only fields sent back
 * in a PUT (id, ref, scores, flags, timestamps) are ignored.
 */
@RestController
class RiskApiController {

    /** The JSON body of POST and PUT: a {@link RiskDraft} plus the version for PUT. */
    record RiskRequest(String title, String description, RiskCategory category, String threat, String vulnerability,
            String affectedAssets, List<String> soc2Categories, UUID ownerId, LocalDate reviewDate,
            Integer inherentLikelihood, Integer inherentImpact, Integer residualLikelihood, Integer residualImpact,
            Treatment treatment, UUID acceptanceApproverId, String acceptanceReason, LocalDate acceptanceExpires,
            String treatmentNotes, List<String> controls, List<String> controlRefs, RiskScore inherent,
            RiskScore residual, Long version) {

        /** Flat levels win; otherwise the nested {@code inherent}/{@code residual} of a GET response are used. */
        RiskDraft draft() {
            return new RiskDraft(title, description, category, threat, vulnerability, affectedAssets, soc2Categories,
                    ownerId, reviewDate,
                    inherentLikelihood != null || inherent == null ? inherentLikelihood : inherent.likelihood(),
                    inherentImpact != null || inherent == null ? inherentImpact : inherent.impact(),
                    residualLikelihood != null || residual == null ? residualLikelihood : residual.likelihood(),
                    residualImpact != null || residual == null ? residualImpact : residual.impact(),
                    treatment, acceptanceApproverId, acceptanceReason, acceptanceExpires, treatmentNotes,
                    controls != null ? controls : controlRefs);
        }
    }

    record AssessmentRequest(String title) {
    }

    private final RiskService risks;

    RiskApiController(RiskService risks) {
        this.risks = risks;
    }

    @GetMapping("/api/v1/risks")
    List<Risk> list(@AuthenticationPrincipal CurrentUser user) {
        return risks.list(user);
    }

    @PostMapping("/api/v1/risks")
    ResponseEntity<Risk> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) RiskRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Risk created = risks.create(user, required(body).draft());
        return ResponseEntity.created(URI.create("/api/v1/risks/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/risks/{id}")
    Risk get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return risks.get(user, id);
    }

    @PutMapping("/api/v1/risks/{id}")
    Risk update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) RiskRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        RiskRequest request = required(body);
        if (request.version() == null) {
            throw ApiProblem.invalidField("version",
                    "is required: send the version you edited (from GET /api/v1/risks/" + id + ")");
        }
        return risks.update(user, id, request.draft(), request.version());
    }

    @PostMapping("/api/v1/risks/adopt-starter")
    Map<String, Object> adoptStarter(@AuthenticationPrincipal CurrentUser user) {
        int added = risks.adoptStarterLibrary(user);
        return Map.of("adopted", added, "total", risks.list(user).size());
    }

    @GetMapping(value = "/api/v1/risks/heatmap.svg", produces = "image/svg+xml")
    ResponseEntity<String> heatMap(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "inherent") String kind) {
        HeatMapKind k = switch (kind.strip().toLowerCase(Locale.ROOT)) {
            case "inherent" -> HeatMapKind.INHERENT;
            case "residual" -> HeatMapKind.RESIDUAL;
            default -> throw ApiProblem.invalidField("kind", "'" + kind + "' is not one of inherent, residual");
        };
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                .header("Content-Disposition", "inline; filename=\"risk-heatmap-" + k.name().toLowerCase(Locale.ROOT)
                        + ".svg\"")
                .body(risks.heatMapSvg(user, k));
    }

    @GetMapping("/api/v1/risk-assessments")
    List<RiskAssessment> assessments(@AuthenticationPrincipal CurrentUser user) {
        return risks.assessments(user);
    }

    @PostMapping("/api/v1/risk-assessments")
    ResponseEntity<RiskAssessment> approve(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) AssessmentRequest body) {
        RiskAssessment a = risks.approveAssessment(user, body == null ? null : body.title());
        return ResponseEntity.created(URI.create("/api/v1/risk-assessments/" + a.id())).body(a);
    }

    @GetMapping("/api/v1/risk-assessments/{id}")
    RiskAssessment assessment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return risks.assessment(user, id);
    }

    private static RiskRequest required(RiskRequest body) {
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON risk is required");
        }
        return body;
    }
}
