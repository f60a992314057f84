package dev.assayer.notification;

import dev.assayer.shared.tenancy.Role;
import java.time.Instant;
import java.util.List;

/**
 * An organization's notification settings. E-mail goes to the active members holding one of
 * {@code emailRoles}, to the owners of the controls the failing checks support when
 * {@code emailControlOwners}, and to {@code extraAddresses}; only when {@code mailConfigured} (the
 * server has a mail host). The webhook's signing secret is never readable: {@code newWebhookSecret}
 * is present only in the one response that created it. {@code version} 0 means the defaults, never
 * saved.
 */
public record NotificationSettings(boolean emailEnabled, List<Role> emailRoles, boolean emailControlOwners,
        List<String> extraAddresses, String webhookUrl, boolean webhookSecretSet, Instant webhookSecretSetAt,
        String newWebhookSecret, boolean mailConfigured, long version, Instant updatedAt, String updatedBy) {

    public NotificationSettings {
        emailRoles = emailRoles == null ? List.of() : List.copyOf(emailRoles);
        extraAddresses = extraAddresses == null ? List.of() : List.copyOf(extraAddresses);
    }

    /** The same settings with the secret just generated, for the one response that shows it. */
    public NotificationSettings withNewSecret(String secret) {
        return new NotificationSettings(emailEnabled, emailRoles, emailControlOwners, extraAddresses, webhookUrl,
                webhookSecretSet, webhookSecretSetAt, secret, mailConfigured, version, updatedAt, updatedBy);
    }
}
