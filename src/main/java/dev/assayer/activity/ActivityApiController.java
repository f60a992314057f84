package dev.assayer.activity;

import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/activity (newest first) and GET /api/v1/activity/verify. */
@RestController
@RequestMapping("/api/v1/activity")
class ActivityApiController {

    private final ActivityLog log;

    ActivityApiController(ActivityLog log) {
        this.log = log;
    }

    @GetMapping
    List<ActivityEntry> recent(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
            @RequestParam(defaultValue = "100") int limit) {
        user.require(Permission.ACTIVITY_READ);
        return log.recent(user.orgId(), entityType, entityId, limit);
    }

    @GetMapping("/verify")
    ChainVerification verify(@AuthenticationPrincipal CurrentUser user) {
        user.require(Permission.ACTIVITY_READ);
        return log.verify(user.orgId());
    }
}
