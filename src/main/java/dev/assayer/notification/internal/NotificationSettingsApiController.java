package dev.assayer.notification.internal;

import dev.assayer.notification.Channel;
import dev.assayer.notification.Delivery;
import dev.assayer.notification.NotificationService;
import dev.assayer.notification.NotificationSettings;
import dev.assayer.notification.NotificationSettingsDraft;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1/notification-settings (read, replace with the edited {@code version}, rotate the webhook
 * secret, send a test) and /api/v1/notification-deliveries (the delivery log). Admins and
 * compliance managers only. A GET of the settings can be sent back as the PUT.
 */
@RestController
class NotificationSettingsApiController {

    record SettingsRequest(Boolean emailEnabled, List<String> emailRoles, Boolean emailControlOwners,
            List<String> extraAddresses, String webhookUrl, Long version) {
    }

    record TestRequest(Channel channel) {
    }

    private final NotificationService notifications;

    NotificationSettingsApiController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/v1/notification-settings")
    @Operation(summary = "The organization's notification settings (e-mail recipients, webhook; never the secret)")
    NotificationSettings settings(@AuthenticationPrincipal CurrentUser user) {
        return notifications.settings(user);
    }

    @PutMapping("/api/v1/notification-settings")
    @Operation(summary = "Replace the notification settings; setting the first webhook URL returns its signing secret once")
    NotificationSettings update(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) SettingsRequest body) {
        user.require(Permission.NOTIFICATION_MANAGE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "the notification settings are required as JSON");
        }
        if (body.version() == null) {
            throw ApiProblem.invalidField("version",
                    "is required: send the version you edited (from GET /api/v1/notification-settings)");
        }
        return notifications.update(user, new NotificationSettingsDraft(body.emailEnabled(), body.emailRoles(),
                body.emailControlOwners(), body.extraAddresses(), body.webhookUrl()), body.version());
    }

    @PostMapping("/api/v1/notification-settings/webhook-secret")
    @Operation(summary = "Generate a new webhook signing secret, returned once in newWebhookSecret")
    NotificationSettings rotate(@AuthenticationPrincipal CurrentUser user) {
        return notifications.rotateWebhookSecret(user);
    }

    @PostMapping("/api/v1/notification-settings/test")
    @Operation(summary = "Send a test through the outbox on one channel (EMAIL or WEBHOOK) and return its delivery")
    Delivery test(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) TestRequest body) {
        user.require(Permission.NOTIFICATION_MANAGE);
        return notifications.sendTest(user, body == null ? null : body.channel());
    }

    @GetMapping("/api/v1/notification-deliveries")
    @Operation(summary = "Notification deliveries, newest first, a page at a time (limit 1-200, default 50; offset):"
            + " when, channel, recipients, status, attempts, last error")
    List<Delivery> deliveries(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "" + NotificationService.PAGE_SIZE) int limit,
            @RequestParam(defaultValue = "0") long offset) {
        return notifications.deliveries(user, limit, offset);
    }

    @GetMapping("/api/v1/notification-deliveries/{id}")
    @Operation(summary = "One notification delivery")
    Delivery delivery(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return notifications.delivery(user, id);
    }
}
