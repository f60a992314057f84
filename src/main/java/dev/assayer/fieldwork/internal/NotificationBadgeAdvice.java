package dev.assayer.fieldwork.internal;

import dev.assayer.fieldwork.RequestListService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts {@code unreadNotifications} (the signed-in user's unread in-app notifications, one COUNT) on
 * every page, for the badge beside the account menu. 0 without a query for anonymous pages, API
 * calls and users who take no part in fieldwork (neither FIELDWORK_READ nor FIELDWORK_RESPOND).
 */
@ControllerAdvice(annotations = Controller.class)
class NotificationBadgeAdvice {

    private final RequestListService requests;

    NotificationBadgeAdvice(RequestListService requests) {
        this.requests = requests;
    }

    @ModelAttribute("unreadNotifications")
    long unreadNotifications(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        if (user == null || request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return 0L;
        }
        if (!user.can(Permission.FIELDWORK_READ) && !user.can(Permission.FIELDWORK_RESPOND)) {
            return 0L;
        }
        return requests.unreadNotifications(user);
    }
}
