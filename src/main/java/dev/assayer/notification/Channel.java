package dev.assayer.notification;

/** How a notification travels. */
public enum Channel {
    EMAIL,
    WEBHOOK
}
