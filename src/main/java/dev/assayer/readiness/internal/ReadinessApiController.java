package dev.assayer.readiness.internal;

import dev.assayer.readiness.ReadinessReport;
import dev.assayer.readiness.ReadinessService;
import dev.assayer.shared.tenancy.CurrentUser;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/engagements/{id}/readiness: the engagement's {@link ReadinessReport} as of today. */
@RestController
class ReadinessApiController {

    private final ReadinessService readiness;

    ReadinessApiController(ReadinessService readiness) {
        this.readiness = readiness;
    }

    @GetMapping("/api/v1/engagements/{id}/readiness")
    ReadinessReport readiness(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return readiness.forEngagement(user, id);
    }
}
