package dev.assayer.fieldwork.internal.requests;

import dev.assayer.fieldwork.Notification;
import dev.assayer.fieldwork.NotificationList;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.shared.tenancy.CurrentUser;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1/notifications: the signed-in user's fieldwork notifications (unread ones, and the read
 * ones of the last 30 days) with the unread count; mark one or all read. A client member sees
 * their organization's notifications addressed to them (or to everyone who answers requests); a
 * firm's user inside an engagement sees the firm's notifications of that engagement.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationApiController {

    private final RequestListService requests;

    NotificationApiController(RequestListService requests) {
        this.requests = requests;
    }

    @GetMapping
    NotificationList list(@AuthenticationPrincipal CurrentUser user) {
        return requests.notifications(user);
    }

    @PostMapping("/{id}/read")
    Notification read(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return requests.markRead(user, id);
    }

    @PostMapping("/read-all")
    Map<String, Integer> readAll(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("marked", requests.markAllRead(user));
    }
}
