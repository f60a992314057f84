-- Risk assessment (CC3): the risk register, the mitigating controls of each risk and the approved,
-- immutable snapshots of the register (periodic risk assessments).
-- soc2_categories: comma-separated Trust Services category codes. starter_key: the starter library
-- entry a risk was adopted from (adoption is idempotent per organization).
CREATE TABLE risk (
    id                      UUID PRIMARY KEY,
    org_id                  UUID NOT NULL REFERENCES organization (id),
    ref                     VARCHAR(20) NOT NULL,
    title                   VARCHAR(200) NOT NULL,
    description             VARCHAR(2000),
    category                VARCHAR(30) NOT NULL,
    threat                  VARCHAR(2000),
    vulnerability           VARCHAR(2000),
    affected_assets         VARCHAR(2000),
    soc2_categories         VARCHAR(200) NOT NULL,
    owner_id                UUID,
    review_date             DATE,
    inherent_likelihood     INTEGER NOT NULL,
    inherent_impact         INTEGER NOT NULL,
    residual_likelihood     INTEGER NOT NULL,
    residual_impact         INTEGER NOT NULL,
    treatment               VARCHAR(20) NOT NULL,
    acceptance_approver_id  UUID,
    acceptance_reason       VARCHAR(2000),
    acceptance_expires      DATE,
    treatment_notes         VARCHAR(2000),
    starter_key             VARCHAR(40),
    version                 BIGINT NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT risk_ref_uq UNIQUE (org_id, ref),
    CONSTRAINT risk_starter_uq UNIQUE (org_id, starter_key),
    CONSTRAINT risk_treatment_chk CHECK (treatment IN ('MITIGATE', 'ACCEPT', 'TRANSFER', 'AVOID')),
    CONSTRAINT risk_levels_chk CHECK (inherent_likelihood > 0 AND inherent_impact > 0
        AND residual_likelihood > 0 AND residual_impact > 0),
    CONSTRAINT risk_accept_chk CHECK (treatment <> 'ACCEPT' OR (acceptance_approver_id IS NOT NULL
        AND acceptance_reason IS NOT NULL AND acceptance_expires IS NOT NULL))
);
CREATE INDEX risk_org_idx ON risk (org_id, ref);

CREATE TABLE risk_control (
    org_id      UUID NOT NULL REFERENCES organization (id),
    risk_id     UUID NOT NULL REFERENCES risk (id) ON DELETE CASCADE,
    control_id  UUID NOT NULL REFERENCES control (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (risk_id, control_id)
);
CREATE INDEX risk_control_org_idx ON risk_control (org_id, risk_id);

-- Written once on approval and never updated: snapshot_json is the register as approved and
-- snapshot_sha256 the SHA-256 (hex) of its UTF-8 bytes.
CREATE TABLE risk_assessment (
    id               UUID PRIMARY KEY,
    org_id           UUID NOT NULL REFERENCES organization (id),
    title            VARCHAR(200) NOT NULL,
    as_of            DATE NOT NULL,
    approved_by      VARCHAR(400) NOT NULL,
    approved_by_id   UUID NOT NULL,
    approved_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    risk_count       INTEGER NOT NULL,
    snapshot_json    VARCHAR(1000000) NOT NULL,
    snapshot_sha256  VARCHAR(64) NOT NULL
);
CREATE INDEX risk_assessment_org_idx ON risk_assessment (org_id, as_of);
