-- Policies: Markdown documents with numbered versions (DRAFT -> IN_REVIEW -> APPROVED -> PUBLISHED,
-- a published version is SUPERSEDED by the next one), the controls a policy supports, and each
-- member's acknowledgement of a published version. org_id on every table; every query names it.
CREATE TABLE policy (
    id          UUID PRIMARY KEY,
    org_id      UUID NOT NULL REFERENCES organization (id),
    policy_key  VARCHAR(64) NOT NULL,
    title       VARCHAR(200) NOT NULL,
    owner_id    UUID NOT NULL REFERENCES app_user (id),
    template    VARCHAR(64),
    version     BIGINT NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT policy_key_uq UNIQUE (org_id, policy_key)
);

CREATE TABLE policy_control (
    org_id      UUID NOT NULL REFERENCES organization (id),
    policy_id   UUID NOT NULL REFERENCES policy (id),
    control_id  UUID NOT NULL REFERENCES control (id),
    PRIMARY KEY (policy_id, control_id)
);

CREATE TABLE policy_version (
    id                 UUID PRIMARY KEY,
    org_id             UUID NOT NULL REFERENCES organization (id),
    policy_id          UUID NOT NULL REFERENCES policy (id),
    version_no         INTEGER NOT NULL,
    markdown           VARCHAR(1000000) NOT NULL,
    sha256             VARCHAR(64) NOT NULL,
    status             VARCHAR(20) NOT NULL,
    author_id          UUID NOT NULL REFERENCES app_user (id),
    author_label       VARCHAR(500) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_by_label VARCHAR(500),
    submitted_at       TIMESTAMP WITH TIME ZONE,
    approved_by        UUID REFERENCES app_user (id),
    approved_by_label  VARCHAR(500),
    approved_at        TIMESTAMP WITH TIME ZONE,
    approval_date      DATE,
    approval_note      VARCHAR(2000),
    published_at       TIMESTAMP WITH TIME ZONE,
    superseded_at      TIMESTAMP WITH TIME ZONE,
    evidence_id        UUID,
    CONSTRAINT policy_version_number_uq UNIQUE (policy_id, version_no),
    CONSTRAINT policy_version_status_chk
        CHECK (status IN ('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'SUPERSEDED')),
    CONSTRAINT policy_version_approval_chk
        CHECK (status IN ('DRAFT', 'IN_REVIEW') OR (approved_by IS NOT NULL AND approval_date IS NOT NULL))
);
CREATE INDEX policy_version_org_idx ON policy_version (org_id, policy_id);

CREATE TABLE policy_ack (
    org_id           UUID NOT NULL REFERENCES organization (id),
    version_id       UUID NOT NULL REFERENCES policy_version (id),
    user_id          UUID NOT NULL REFERENCES app_user (id),
    acknowledged_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (version_id, user_id)
);
CREATE INDEX policy_ack_org_idx ON policy_ack (org_id, user_id);
