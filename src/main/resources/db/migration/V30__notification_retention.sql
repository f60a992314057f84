-- Notifications hardened: a delivery that went stale before it was sent is CANCELLED with the reason
-- (e-mail switched off, webhook removed or pointed elsewhere), and finished deliveries are deleted
-- after assayer.notifications.retention (default 90 days).
-- webhook_url_hash: hex SHA-256 of the webhook URL in force when the row was queued (the URL itself
-- can hold a secret in its path); a webhook is sent only while the settings still hold that URL.
ALTER TABLE notification_outbox ADD COLUMN webhook_url_hash VARCHAR(64);
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_status_chk;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_status_chk
    CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED'));
CREATE INDEX notification_outbox_created_idx ON notification_outbox (created_at);
