package dev.assayer.fieldwork;

import java.util.List;

/** The caller's unread notifications and the recent read ones (newest first), and how many are unread. */
public record NotificationList(long unread, List<Notification> notifications) {
}
