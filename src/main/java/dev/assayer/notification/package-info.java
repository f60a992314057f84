/**
 * Notifications (issue 5 §4): per-organization settings for e-mail (members by role, the owners of
 * the controls that failing checks support, extra addresses) and a webhook signed with
 * HMAC-SHA256, and a transactional outbox that delivers them with retries. Monitoring hands over
 * new failures with its {@link dev.assayer.monitoring.NewFailuresRaised} event, inside the run's
 * transaction. Public face: {@link dev.assayer.notification.NotificationService} and the records of
 * this package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package dev.assayer.notification;
