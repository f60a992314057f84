-- Tests of controls (issue 4 §3, §5, §7): an audit firm's test plans per control of a client
-- engagement, results per sample item and attribute, deviations (with the client's management
-- response), the auditor's conclusion, preparer/reviewer sign-off, review notes and a per-test
-- history. Every row carries the client (org_id), the engagement and the auditing firm (firm_id).
-- Plus each firm's sample-size frequency table.

CREATE TABLE firm_frequency_table (
    firm_id              UUID PRIMARY KEY REFERENCES organization (id),
    annual               INTEGER NOT NULL,
    quarterly            INTEGER NOT NULL,
    monthly              INTEGER NOT NULL,
    semi_monthly         INTEGER NOT NULL,
    weekly               INTEGER NOT NULL,
    daily                INTEGER NOT NULL,
    several_times_a_day  INTEGER NOT NULL,
    automated            INTEGER NOT NULL,
    default_confidence   NUMERIC(7, 6) NOT NULL,
    version              BIGINT NOT NULL,
    updated_by           VARCHAR(400) NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE control_test (
    id                      UUID PRIMARY KEY,
    org_id                  UUID NOT NULL REFERENCES organization (id),
    engagement_id           UUID NOT NULL REFERENCES engagement (id),
    firm_id                 UUID NOT NULL REFERENCES organization (id),
    control_id              UUID NOT NULL REFERENCES control (id),
    kind                    VARCHAR(30) NOT NULL,
    procedures_json         VARCHAR(100000) NOT NULL,
    attributes_json         VARCHAR(100000) NOT NULL,
    population_description  VARCHAR(4000),
    sample_id               UUID,
    manual_items_json       VARCHAR(100000) NOT NULL,
    sizing_method           VARCHAR(20),
    frequency               VARCHAR(30),
    population_size         BIGINT,
    confidence              NUMERIC(7, 6) NOT NULL,
    tolerable_rate          NUMERIC(7, 6),
    expected_rate           NUMERIC(7, 6),
    sample_size             INTEGER,
    allowed_deviations      INTEGER,
    sizing_note             VARCHAR(1000),
    sizing_reason           VARCHAR(4000),
    extensions_json         VARCHAR(100000) NOT NULL,
    conclusion              VARCHAR(30),
    result_wording          VARCHAR(4000),
    concluded_by            VARCHAR(400),
    concluded_at            TIMESTAMP WITH TIME ZONE,
    preparer_id             UUID,
    preparer_label          VARCHAR(400),
    prepared_at             TIMESTAMP WITH TIME ZONE,
    reviewer_id             UUID,
    reviewer_label          VARCHAR(400),
    reviewed_at             TIMESTAMP WITH TIME ZONE,
    created_by              VARCHAR(400) NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT NOT NULL,
    CONSTRAINT control_test_uq UNIQUE (org_id, engagement_id, firm_id, control_id, kind),
    CONSTRAINT control_test_kind_chk CHECK (kind IN ('DESIGN', 'OPERATING_EFFECTIVENESS')),
    CONSTRAINT control_test_sizing_chk CHECK (sizing_method IS NULL
        OR sizing_method IN ('FREQUENCY', 'STATISTICAL', 'JUDGMENTAL')),
    CONSTRAINT control_test_conclusion_chk CHECK (conclusion IS NULL
        OR conclusion IN ('OPERATING_EFFECTIVELY', 'EFFECTIVE_WITH_EXCEPTIONS', 'NOT_EFFECTIVE')),
    CONSTRAINT control_test_reviewer_chk CHECK (reviewer_id IS NULL OR (preparer_id IS NOT NULL AND reviewer_id <> preparer_id))
);
CREATE INDEX control_test_engagement_idx ON control_test (org_id, engagement_id, firm_id);

CREATE TABLE control_test_deviation (
    id                     UUID PRIMARY KEY,
    org_id                 UUID NOT NULL REFERENCES organization (id),
    engagement_id          UUID NOT NULL REFERENCES engagement (id),
    firm_id                UUID NOT NULL REFERENCES organization (id),
    test_id                UUID NOT NULL REFERENCES control_test (id),
    seq                    INTEGER NOT NULL,
    description            VARCHAR(4000),
    cause                  VARCHAR(4000),
    nature                 VARCHAR(20),
    compensating_controls  VARCHAR(4000),
    management_response    VARCHAR(4000),
    responded_by           VARCHAR(400),
    responded_at           TIMESTAMP WITH TIME ZONE,
    status                 VARCHAR(20) NOT NULL,
    created_by             VARCHAR(400) NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    version                BIGINT NOT NULL,
    CONSTRAINT control_test_deviation_uq UNIQUE (test_id, seq),
    CONSTRAINT control_test_deviation_nature_chk CHECK (nature IS NULL OR nature IN ('ISOLATED', 'SYSTEMIC')),
    CONSTRAINT control_test_deviation_status_chk CHECK (status IN ('OPEN', 'WITHDRAWN'))
);
CREATE INDEX control_test_deviation_engagement_idx ON control_test_deviation (org_id, engagement_id);

CREATE TABLE control_test_result (
    id             UUID PRIMARY KEY,
    org_id         UUID NOT NULL REFERENCES organization (id),
    engagement_id  UUID NOT NULL REFERENCES engagement (id),
    firm_id        UUID NOT NULL REFERENCES organization (id),
    test_id        UUID NOT NULL REFERENCES control_test (id),
    item_ref       VARCHAR(420) NOT NULL,
    item_row       BIGINT,
    item_key       VARCHAR(400) NOT NULL,
    attribute      VARCHAR(10) NOT NULL,
    outcome        VARCHAR(20) NOT NULL,
    note           VARCHAR(4000),
    evidence_json  VARCHAR(20000) NOT NULL,
    deviation_id   UUID REFERENCES control_test_deviation (id),
    recorded_by    VARCHAR(400) NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT NOT NULL,
    CONSTRAINT control_test_result_uq UNIQUE (test_id, item_ref, attribute),
    CONSTRAINT control_test_result_outcome_chk CHECK (outcome IN ('PASS', 'FAIL', 'NOT_APPLICABLE')),
    CONSTRAINT control_test_result_deviation_chk CHECK ((outcome = 'FAIL') = (deviation_id IS NOT NULL))
);
CREATE INDEX control_test_result_test_idx ON control_test_result (org_id, test_id);

CREATE TABLE control_test_review_note (
    id             UUID PRIMARY KEY,
    org_id         UUID NOT NULL REFERENCES organization (id),
    engagement_id  UUID NOT NULL REFERENCES engagement (id),
    firm_id        UUID NOT NULL REFERENCES organization (id),
    test_id        UUID NOT NULL REFERENCES control_test (id),
    seq            INTEGER NOT NULL,
    note_text      VARCHAR(4000) NOT NULL,
    author_id      UUID NOT NULL,
    author_label   VARCHAR(400) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    response       VARCHAR(4000),
    responded_by   VARCHAR(400),
    responded_at   TIMESTAMP WITH TIME ZONE,
    cleared_by     VARCHAR(400),
    cleared_at     TIMESTAMP WITH TIME ZONE,
    version        BIGINT NOT NULL,
    CONSTRAINT control_test_review_note_uq UNIQUE (test_id, seq)
);

CREATE TABLE control_test_history (
    id             UUID PRIMARY KEY,
    org_id         UUID NOT NULL REFERENCES organization (id),
    engagement_id  UUID NOT NULL REFERENCES engagement (id),
    firm_id        UUID NOT NULL REFERENCES organization (id),
    test_id        UUID NOT NULL REFERENCES control_test (id),
    seq            BIGINT NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_label    VARCHAR(400) NOT NULL,
    action         VARCHAR(60) NOT NULL,
    detail         VARCHAR(4000),
    CONSTRAINT control_test_history_uq UNIQUE (test_id, seq)
);
