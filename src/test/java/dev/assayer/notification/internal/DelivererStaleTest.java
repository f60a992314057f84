package dev.assayer.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.notification.Channel;
import dev.assayer.notification.Delivery;
import dev.assayer.notification.DeliveryStatus;
import dev.assayer.notification.internal.NotificationOutboxRepository.OutboxRow;
import dev.assayer.notification.internal.NotificationOutboxRepository.SettingsRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DelivererStaleTest {

    static final String URL = "https://hooks.example.com/in/SECRET";

    static OutboxRow row(Channel channel, String kind, String urlHash) {
        return new OutboxRow(new Delivery(UUID.randomUUID(), channel, kind, null, 1, "r", null, DeliveryStatus.PENDING, 0,
                Instant.now(), "t", null, Instant.now(), null, null), UUID.randomUUID(), "{}", null, urlHash);
    }

    static SettingsRow settings(boolean email, String url) {
        return new SettingsRow(email, List.of("ADMIN"), true, List.of(), url, url == null ? null : "v1:sealed", Instant.now(),
                1, Instant.now(), "t");
    }

    @Test
    void anEmailAboutFailuresIsStaleOnceEmailIsOffATestEmailIsNot() {
        assertThat(Deliverer.staleReason(row(Channel.EMAIL, Outbox.NEW_FAILURES, null), settings(true, null))).isNull();
        assertThat(Deliverer.staleReason(row(Channel.EMAIL, Outbox.NEW_FAILURES, null), settings(false, null)))
                .contains("e-mail was switched off");
        assertThat(Deliverer.staleReason(row(Channel.EMAIL, Outbox.TEST, null), settings(false, null))).isNull();
    }

    @Test
    void aWebhookCallIsStaleOnceTheWebhookIsRemovedOrPointsElsewhere() {
        String hash = NotificationRules.urlHash(URL);
        assertThat(hash).hasSize(64).doesNotContain("SECRET");
        assertThat(Deliverer.staleReason(row(Channel.WEBHOOK, Outbox.NEW_FAILURES, hash), settings(true, URL))).isNull();
        assertThat(Deliverer.staleReason(row(Channel.WEBHOOK, Outbox.TEST, hash), settings(true, URL + "2")))
                .contains("webhook URL was changed").doesNotContain("SECRET");
        assertThat(Deliverer.staleReason(row(Channel.WEBHOOK, Outbox.NEW_FAILURES, hash), settings(true, null)))
                .contains("webhook was removed");
        // e-mail switched off does not stop a webhook call
        assertThat(Deliverer.staleReason(row(Channel.WEBHOOK, Outbox.NEW_FAILURES, hash), settings(false, URL))).isNull();
        // a row queued before the URL was recorded goes to the current URL
        assertThat(Deliverer.staleReason(row(Channel.WEBHOOK, Outbox.NEW_FAILURES, null), settings(true, URL))).isNull();
    }
}
