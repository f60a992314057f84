package dev.assayer.notification.internal;

import dev.assayer.notification.NotificationService;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code assayer.notifications.tick} (default one minute) sends the notifications that are
 * due and deletes the finished ones older than {@code assayer.notifications.retention}. Warns once at start-up when the removed server-wide {@code assayer.monitoring.webhook-url}
 * is still set (see docs/decisions.md).
 */
@Component
class NotificationScheduler {

    private static final Logger log = LoggerFactory.getLogger(NotificationScheduler.class);

    private final NotificationService notifications;
    private final Clock clock;

    NotificationScheduler(NotificationService notifications, Optional<Clock> clock,
            @Value("${assayer.monitoring.webhook-url:}") String legacyWebhook) {
        this.notifications = notifications;
        this.clock = clock.orElse(Clock.systemUTC());
        if (legacyWebhook != null && !legacyWebhook.isBlank()) {
            log.warn("assayer.monitoring.webhook-url is no longer used: each organization sets its own signed webhook"
                    + " under Settings → Notifications (docs/notifications.md)");
        }
    }

    @Scheduled(fixedDelayString = "${assayer.notifications.tick:PT1M}",
            initialDelayString = "${assayer.notifications.tick:PT1M}")
    void tick() {
        notifications.deliverDue(clock.instant());
        notifications.purgeExpired(clock.instant());
    }
}
