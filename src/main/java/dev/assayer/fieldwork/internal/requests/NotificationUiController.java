package dev.assayer.fieldwork.internal.requests;

import dev.assayer.fieldwork.Notification;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.shared.tenancy.CurrentUser;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** /notifications: the signed-in user's fieldwork notifications, with "mark as read" one by one or all at once. */
@Controller
class NotificationUiController {

    private final RequestListService requests;

    NotificationUiController(RequestListService requests) {
        this.requests = requests;
    }

    @GetMapping("/notifications")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("list", requests.notifications(user));
        return "fieldwork/requests/notifications";
    }

    /** Marks the notification read; with {@code open}, continues to the page it points to. */
    @PostMapping("/notifications/{id}/read")
    String read(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String open) {
        Notification n = requests.markRead(user, id);
        if (open != null && n.link() != null && n.link().startsWith("/") && !n.link().startsWith("//")) {
            return "redirect:" + n.link();
        }
        return "redirect:/notifications";
    }

    @PostMapping("/notifications/read-all")
    String readAll(@AuthenticationPrincipal CurrentUser user, RedirectAttributes flash) {
        int n = requests.markAllRead(user);
        flash.addFlashAttribute("flash", n + " notification" + (n == 1 ? "" : "s") + " marked as read.");
        return "redirect:/notifications";
    }
}
