-- Notifications (issue 5 §4): per-organization settings for e-mail and a signed webhook, and an
-- outbox of deliveries written in the same transaction as the monitoring alerts they announce.
-- The webhook signing secret is sealed with the master key (AES-GCM, context
-- "notification-webhook:<org_id>"), never stored in clear text. An organization without a row
-- uses the defaults (e-mail on to admins and compliance managers and the controls' owners, no
-- webhook).
CREATE TABLE notification_settings (
    org_id                UUID PRIMARY KEY REFERENCES organization (id),
    email_enabled         BOOLEAN NOT NULL,
    email_roles           VARCHAR(400) NOT NULL,
    email_control_owners  BOOLEAN NOT NULL,
    extra_addresses       VARCHAR(8000) NOT NULL,
    webhook_url           VARCHAR(2000),
    webhook_secret        VARCHAR(400),
    webhook_secret_set_at TIMESTAMP WITH TIME ZONE,
    version               BIGINT NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by            VARCHAR(400) NOT NULL
);

-- One row per message to send: an e-mail (recipients: the addresses) or a webhook call
-- (recipients: the URL's origin; the URL and secret in force when it is sent are used).
-- PENDING until DELIVERED, or FAILED after the last attempt; lease_until marks a delivery in
-- progress so two deliverers never send the same row at once. last_error never holds a secret.
CREATE TABLE notification_outbox (
    id               UUID PRIMARY KEY,
    org_id           UUID NOT NULL REFERENCES organization (id),
    channel          VARCHAR(10) NOT NULL,
    kind             VARCHAR(20) NOT NULL,
    run_id           UUID,
    failure_count    BIGINT NOT NULL,
    recipients       VARCHAR(8000) NOT NULL,
    subject          VARCHAR(400),
    body             VARCHAR(1000000) NOT NULL,
    html             VARCHAR(1000000),
    status           VARCHAR(10) NOT NULL,
    attempts         BIGINT NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000),
    lease_until      TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by       VARCHAR(400) NOT NULL,
    CONSTRAINT notification_outbox_channel_chk CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    CONSTRAINT notification_outbox_kind_chk CHECK (kind IN ('NEW_FAILURES', 'TEST')),
    CONSTRAINT notification_outbox_status_chk CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (status, next_attempt_at);
CREATE INDEX notification_outbox_org_idx ON notification_outbox (org_id, created_at);
