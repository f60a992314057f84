-- Access reviews (CC6.2, CC6.3; issue 3 §4): a campaign per system, the account list imported
-- from the system (with the SHA-256 of the imported file), one reviewer and one decision per
-- account, remediation tasks for revoked or changed access, and the sign-off that files the
-- completed review as evidence. Every row names its organization.
CREATE TABLE access_review (
    id                   UUID PRIMARY KEY,
    org_id               UUID NOT NULL REFERENCES organization (id),
    system_name          VARCHAR(200) NOT NULL,
    as_of_date           DATE NOT NULL,
    due_date             DATE NOT NULL,
    description          VARCHAR(4000),
    controls_json        VARCHAR(100000) NOT NULL,
    owner_id             UUID NOT NULL,
    owner_label          VARCHAR(400) NOT NULL,
    status               VARCHAR(12) NOT NULL,
    source_filename      VARCHAR(255),
    source_sha256        VARCHAR(64),
    source_rows          INTEGER,
    imported_at          TIMESTAMP WITH TIME ZONE,
    imported_by_label    VARCHAR(400),
    signed_off_by        UUID,
    signed_off_by_label  VARCHAR(400),
    signed_off_at        TIMESTAMP WITH TIME ZONE,
    evidence_id          UUID,
    version              BIGINT NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT access_review_status_chk CHECK (status IN ('OPEN', 'SIGNED_OFF')),
    CONSTRAINT access_review_dates_chk CHECK (due_date >= as_of_date),
    CONSTRAINT access_review_signoff_chk CHECK (status = 'OPEN' OR (signed_off_at IS NOT NULL AND signed_off_by IS NOT NULL))
);
CREATE INDEX access_review_org_idx ON access_review (org_id, as_of_date);

CREATE TABLE access_review_account (
    id                         UUID PRIMARY KEY,
    org_id                     UUID NOT NULL REFERENCES organization (id),
    review_id                  UUID NOT NULL REFERENCES access_review (id),
    line_no                    INTEGER NOT NULL,
    account_name               VARCHAR(200) NOT NULL,
    account_key                VARCHAR(200) NOT NULL,
    email                      VARCHAR(320),
    display_name               VARCHAR(200),
    entitlement                VARCHAR(500),
    last_login                 DATE,
    account_status             VARCHAR(60),
    roster_status              VARCHAR(20) NOT NULL,
    roster_note                VARCHAR(400),
    reviewer_id                UUID NOT NULL,
    reviewer_label             VARCHAR(400) NOT NULL,
    reviewer_email             VARCHAR(320) NOT NULL,
    assignment_note            VARCHAR(400),
    assigned_manually          BOOLEAN NOT NULL,
    decision                   VARCHAR(10),
    justification              VARCHAR(4000),
    new_entitlement            VARCHAR(500),
    self_review_justification  VARCHAR(4000),
    decided_by                 UUID,
    decided_by_label           VARCHAR(400),
    decided_at                 TIMESTAMP WITH TIME ZONE,
    version                    BIGINT NOT NULL,
    CONSTRAINT access_review_account_uq UNIQUE (org_id, review_id, account_key),
    CONSTRAINT access_review_account_roster_chk CHECK (roster_status IN ('ON_ROSTER', 'LEFT', 'NOT_ON_ROSTER', 'NO_OWNER_EMAIL')),
    CONSTRAINT access_review_account_decision_chk CHECK (decision IS NULL OR decision IN ('KEEP', 'REVOKE', 'CHANGE')),
    CONSTRAINT access_review_account_decided_chk CHECK (decision IS NULL OR (decided_by IS NOT NULL AND decided_at IS NOT NULL)),
    CONSTRAINT access_review_account_change_chk CHECK (decision IS NULL OR decision <> 'CHANGE' OR new_entitlement IS NOT NULL)
);
CREATE INDEX access_review_account_idx ON access_review_account (org_id, review_id, line_no);
CREATE INDEX access_review_account_reviewer_idx ON access_review_account (org_id, reviewer_id);

CREATE TABLE access_review_task (
    id                UUID PRIMARY KEY,
    org_id            UUID NOT NULL REFERENCES organization (id),
    review_id         UUID NOT NULL REFERENCES access_review (id),
    account_id        UUID NOT NULL REFERENCES access_review_account (id),
    kind              VARCHAR(10) NOT NULL,
    description       VARCHAR(1000) NOT NULL,
    status            VARCHAR(10) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by_label  VARCHAR(400) NOT NULL,
    done_on           DATE,
    done_by           UUID,
    done_by_label     VARCHAR(400),
    done_at           TIMESTAMP WITH TIME ZONE,
    ticket            VARCHAR(200),
    cancelled_at      TIMESTAMP WITH TIME ZONE,
    cancelled_reason  VARCHAR(400),
    version           BIGINT NOT NULL,
    CONSTRAINT access_review_task_kind_chk CHECK (kind IN ('REVOKE', 'CHANGE')),
    CONSTRAINT access_review_task_status_chk CHECK (status IN ('OPEN', 'DONE', 'CANCELLED')),
    CONSTRAINT access_review_task_done_chk CHECK (status <> 'DONE' OR (done_on IS NOT NULL AND done_by IS NOT NULL))
);
CREATE INDEX access_review_task_idx ON access_review_task (org_id, review_id);
