-- Signing keys of evidence packages (issue 6): one Ed25519 key pair per organization, generated
-- on first use. The private key is sealed (AES-256-GCM under the master key, context
-- "signing-key:<org>:<key>"); the public key and its SHA-256 fingerprint are published. Rotation
-- retires the active key (kept, still listed, so packages it signed still verify) and adds a new one.
-- active_org_id equals org_id while the key is active and is NULL once retired: the unique index
-- keeps one active key per organization on both H2 and PostgreSQL.
CREATE TABLE signing_key (
    id                  UUID PRIMARY KEY,
    org_id              UUID NOT NULL REFERENCES organization (id),
    active_org_id       UUID,
    algorithm           VARCHAR(20) NOT NULL,
    public_key_pem      VARCHAR(1000) NOT NULL,
    fingerprint         VARCHAR(64) NOT NULL,
    private_key_sealed  VARCHAR(1000) NOT NULL,
    status              VARCHAR(20) NOT NULL,
    created_by          VARCHAR(400) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_by          VARCHAR(400),
    retired_at          TIMESTAMP WITH TIME ZONE,
    version             BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX signing_key_one_active ON signing_key (active_org_id);
CREATE INDEX signing_key_org ON signing_key (org_id, created_at);
