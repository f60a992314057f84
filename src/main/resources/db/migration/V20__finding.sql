-- Findings and corrective actions (issue 4 §8). A finding raised by an audit firm inside an
-- engagement carries the firm's id; a finding the organization raises itself (e.g. from a
-- readiness gap) has none. The source is stored as a type, an optional id and a reference text,
-- so this table depends on no fieldwork table. Nothing here is ever deleted: actions are marked
-- done, status changes and re-tests are appended.
CREATE TABLE finding (
    id                  UUID PRIMARY KEY,
    org_id              UUID NOT NULL REFERENCES organization (id),
    ref                 VARCHAR(20) NOT NULL,
    engagement_id       UUID REFERENCES engagement (id),
    firm_id             UUID REFERENCES organization (id),
    firm_name           VARCHAR(200),
    title               VARCHAR(200) NOT NULL,
    description         VARCHAR(4000) NOT NULL,
    severity            VARCHAR(10) NOT NULL,
    source_type         VARCHAR(20) NOT NULL,
    source_id           UUID,
    source_ref          VARCHAR(300),
    controls_json       VARCHAR(100000) NOT NULL,
    criteria_json       VARCHAR(100000) NOT NULL,
    root_cause          VARCHAR(4000),
    owner_id            UUID,
    due_date            DATE,
    action_plan         VARCHAR(4000),
    status              VARCHAR(20) NOT NULL,
    accepted_by         UUID,
    acceptance_reason   VARCHAR(4000),
    accepted_at         TIMESTAMP WITH TIME ZONE,
    raised_by           UUID NOT NULL,
    raised_by_label     VARCHAR(400) NOT NULL,
    version             BIGINT NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT finding_ref_uq UNIQUE (org_id, ref),
    CONSTRAINT finding_severity_chk CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    CONSTRAINT finding_status_chk CHECK (status IN ('OPEN', 'IN_REMEDIATION', 'READY_FOR_RETEST', 'CLOSED',
        'RISK_ACCEPTED')),
    CONSTRAINT finding_source_chk CHECK (source_type IN ('DEVIATION', 'TEST_OF_DESIGN', 'READINESS_GAP', 'OTHER')),
    CONSTRAINT finding_firm_engagement_chk CHECK (firm_id IS NULL OR engagement_id IS NOT NULL),
    CONSTRAINT finding_acceptance_chk CHECK (status <> 'RISK_ACCEPTED'
        OR (accepted_by IS NOT NULL AND acceptance_reason IS NOT NULL AND accepted_at IS NOT NULL))
);
CREATE INDEX finding_org_status_idx ON finding (org_id, status, due_date);
CREATE INDEX finding_engagement_idx ON finding (org_id, engagement_id);
CREATE INDEX finding_source_idx ON finding (org_id, source_type, source_id);

CREATE TABLE finding_action (
    id               UUID PRIMARY KEY,
    org_id           UUID NOT NULL REFERENCES organization (id),
    finding_id       UUID NOT NULL REFERENCES finding (id),
    seq_no         INT NOT NULL,
    description      VARCHAR(2000) NOT NULL,
    owner_id         UUID,
    due_date         DATE,
    done_on          DATE,
    done_by          UUID,
    done_by_label    VARCHAR(400),
    done_note        VARCHAR(2000),
    created_by_label VARCHAR(400) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT finding_action_seq_uq UNIQUE (finding_id, seq_no),
    CONSTRAINT finding_action_done_chk CHECK (done_on IS NULL OR done_by IS NOT NULL)
);
CREATE INDEX finding_action_idx ON finding_action (org_id, finding_id);

CREATE TABLE finding_status_change (
    id                UUID PRIMARY KEY,
    org_id            UUID NOT NULL REFERENCES organization (id),
    finding_id        UUID NOT NULL REFERENCES finding (id),
    seq_no          INT NOT NULL,
    from_status       VARCHAR(20),
    to_status         VARCHAR(20) NOT NULL,
    note              VARCHAR(4000),
    changed_by        UUID NOT NULL,
    changed_by_label  VARCHAR(400) NOT NULL,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT finding_status_change_seq_uq UNIQUE (finding_id, seq_no)
);
CREATE INDEX finding_status_change_idx ON finding_status_change (org_id, finding_id);

CREATE TABLE finding_retest (
    id                 UUID PRIMARY KEY,
    org_id             UUID NOT NULL REFERENCES organization (id),
    finding_id         UUID NOT NULL REFERENCES finding (id),
    firm_id            UUID REFERENCES organization (id),
    test_id            UUID,
    test_ref           VARCHAR(300),
    result             VARCHAR(4) NOT NULL,
    note               VARCHAR(4000),
    recorded_by        UUID NOT NULL,
    recorded_by_label  VARCHAR(400) NOT NULL,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT finding_retest_result_chk CHECK (result IN ('PASS', 'FAIL'))
);
CREATE INDEX finding_retest_idx ON finding_retest (org_id, finding_id);
