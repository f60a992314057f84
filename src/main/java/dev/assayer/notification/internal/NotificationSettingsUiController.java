package dev.assayer.notification.internal;

import dev.assayer.notification.Channel;
import dev.assayer.notification.Delivery;
import dev.assayer.notification.DeliveryStatus;
import dev.assayer.notification.NotificationService;
import dev.assayer.notification.NotificationSettings;
import dev.assayer.notification.NotificationSettingsDraft;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /settings/notifications: e-mail on or off with its roles and extra addresses, the webhook URL and
 * its secret (shown once, on the page that generated it, never through a redirect or the session),
 * a test per channel, and the delivery log. Admins and compliance managers only.
 */
@Controller
class NotificationSettingsUiController {

    static final String PAGE = "/settings/notifications";

    private final NotificationService notifications;

    NotificationSettingsUiController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") long offset, Model model) {
        NotificationSettings s = notifications.settings(user);
        model.addAttribute("offset", Math.max(0, offset));
        return page(user, model, s, form(s), null, null);
    }

    @PostMapping(PAGE)
    String save(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long version,
            @RequestParam(required = false) String emailEnabled, @RequestParam(required = false) List<String> emailRoles,
            @RequestParam(required = false) String emailControlOwners, @RequestParam(required = false) String extraAddresses,
            @RequestParam(required = false) String webhookUrl, Model model, RedirectAttributes flash) {
        user.require(Permission.NOTIFICATION_MANAGE);
        Map<String, Object> form = new HashMap<>();
        form.put("emailEnabled", emailEnabled != null);
        form.put("emailRoles", emailRoles == null ? List.of() : emailRoles);
        form.put("emailControlOwners", emailControlOwners != null);
        form.put("extraAddresses", extraAddresses == null ? "" : extraAddresses);
        form.put("webhookUrl", webhookUrl == null ? "" : webhookUrl);
        form.put("version", version);
        try {
            if (version == null) {
                throw ApiProblem.invalidField("version", "is required; reload the page and try again");
            }
            NotificationSettings saved = notifications.update(user, new NotificationSettingsDraft(emailEnabled != null,
                    emailRoles == null ? List.of() : emailRoles, emailControlOwners != null, lines(extraAddresses),
                    webhookUrl), version);
            if (saved.newWebhookSecret() != null) {
                model.addAttribute("flash", "Settings saved. The webhook's signing secret is below: copy it now, it is not shown again.");
                return page(user, model, saved, form(saved), null, saved.newWebhookSecret());
            }
            flash.addFlashAttribute("flash", "Notification settings saved.");
            return "redirect:" + PAGE;
        } catch (ApiProblem p) {
            return page(user, model, notifications.settings(user), form, p, null);
        }
    }

    @PostMapping(PAGE + "/webhook-secret")
    String rotate(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.NOTIFICATION_MANAGE);
        try {
            NotificationSettings s = notifications.rotateWebhookSecret(user);
            model.addAttribute("flash", "New signing secret generated; the previous one no longer signs. Copy it now, it is not shown again.");
            return page(user, model, s, form(s), null, s.newWebhookSecret());
        } catch (ApiProblem p) {
            NotificationSettings s = notifications.settings(user);
            model.addAttribute("flashError", p.getMessage());
            return page(user, model, s, form(s), null, null);
        }
    }

    @PostMapping(PAGE + "/test")
    String test(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String channel,
            RedirectAttributes flash) {
        user.require(Permission.NOTIFICATION_MANAGE);
        try {
            Channel c = channel == null ? null : Arrays.stream(Channel.values()).filter(v -> v.name().equalsIgnoreCase(channel))
                    .findFirst().orElseThrow(() -> ApiProblem.invalidField("channel", "must be EMAIL or WEBHOOK"));
            Delivery d = notifications.sendTest(user, c);
            String what = c == Channel.EMAIL ? "Test e-mail to " + d.recipients() : "Test webhook call to " + d.recipients();
            if (d.status() == DeliveryStatus.DELIVERED) {
                flash.addFlashAttribute("flash", what + ": delivered.");
            } else if (d.status() == DeliveryStatus.PENDING) {
                flash.addFlashAttribute("flashError", what + ": failed (" + d.lastError() + "); it will be retried at "
                        + d.nextAttemptAt() + ".");
            } else if (d.status() == DeliveryStatus.CANCELLED) {
                flash.addFlashAttribute("flashError", what + ": " + d.lastError() + ".");
            } else {
                flash.addFlashAttribute("flashError", what + ": failed (" + d.lastError() + ").");
            }
        } catch (ApiProblem p) {
            flash.addFlashAttribute("flashError", p.getMessage());
        }
        return "redirect:" + PAGE;
    }

    private String page(CurrentUser user, Model model, NotificationSettings s, Map<String, Object> form, ApiProblem problem,
            String newSecret) {
        model.addAttribute("settings", s);
        model.addAttribute("form", form);
        model.addAttribute("roles", Role.forOrganization(false).stream().toList());
        model.addAttribute("mailServer", notifications.mailServer(user));
        long offset = model.getAttribute("offset") instanceof Long o ? o : 0L;
        List<Delivery> page = notifications.deliveries(user, NotificationService.PAGE_SIZE + 1, offset);
        model.addAttribute("offset", offset);
        model.addAttribute("deliveries", page.size() > NotificationService.PAGE_SIZE
                ? page.subList(0, NotificationService.PAGE_SIZE) : page);
        model.addAttribute("olderOffset", page.size() > NotificationService.PAGE_SIZE ? offset + NotificationService.PAGE_SIZE : null);
        model.addAttribute("newerOffset", offset > 0 ? Math.max(0, offset - NotificationService.PAGE_SIZE) : null);
        model.addAttribute("retentionDays", notifications.retention().toDays());
        model.addAttribute("newSecret", newSecret);
        model.addAttribute("problem", problem);
        Map<String, String> fieldErrors = new HashMap<>();
        if (problem != null) {
            problem.errors().forEach(e -> fieldErrors.merge(e.field() == null ? "" : e.field().replaceAll("\\[\\d+]$", ""),
                    e.message(), (a, b) -> a + "; " + b));
        }
        model.addAttribute("fieldErrors", fieldErrors);
        return "notification/settings";
    }

    private static Map<String, Object> form(NotificationSettings s) {
        Map<String, Object> form = new HashMap<>();
        form.put("emailEnabled", s.emailEnabled());
        form.put("emailRoles", s.emailRoles().stream().map(Role::name).toList());
        form.put("emailControlOwners", s.emailControlOwners());
        form.put("extraAddresses", String.join("\n", s.extraAddresses()));
        form.put("webhookUrl", s.webhookUrl() == null ? "" : s.webhookUrl());
        form.put("version", s.version());
        return form;
    }

    private static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\r\\n,;]+")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
