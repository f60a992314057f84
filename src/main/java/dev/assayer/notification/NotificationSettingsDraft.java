package dev.assayer.notification;

import java.util.List;

/**
 * The settings as edited (a PUT replaces them all): {@code emailRoles} are role names of the
 * organization ("ADMIN", "compliance manager", …), {@code webhookUrl} blank or null removes the
 * webhook and its secret.
 */
public record NotificationSettingsDraft(Boolean emailEnabled, List<String> emailRoles, Boolean emailControlOwners,
        List<String> extraAddresses, String webhookUrl) {
}
