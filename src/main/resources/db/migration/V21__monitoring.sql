-- Continuous monitoring (issue 5): imports of exports from tools and systems (the raw file is an
-- evidence item), the resources they held (the current inventory of each source is its latest
-- completed import), check runs with their per-check counts and every non-pass result, alerts on
-- new failures, the organization's own check files, per-check switches and exclusions.

CREATE TABLE monitoring_import (
    id                 UUID PRIMARY KEY,
    org_id             UUID NOT NULL REFERENCES organization (id),
    source             VARCHAR(200) NOT NULL,
    filename           VARCHAR(255) NOT NULL,
    format             VARCHAR(60),
    sha256             VARCHAR(64),
    size_bytes         BIGINT,
    evidence_id        UUID,
    status             VARCHAR(10) NOT NULL,
    is_current         BOOLEAN NOT NULL,
    rows_read          BIGINT NOT NULL,
    rows_stored        BIGINT NOT NULL,
    resources          BIGINT NOT NULL,
    duplicates         BIGINT NOT NULL,
    by_type_json       VARCHAR(100000),
    observed_at        TIMESTAMP WITH TIME ZONE,
    error              VARCHAR(4000),
    imported_by        UUID NOT NULL,
    imported_by_label  VARCHAR(400) NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT monitoring_import_status_ck CHECK (status IN ('READING', 'STORING', 'DONE', 'FAILED'))
);
CREATE INDEX monitoring_import_org_idx ON monitoring_import (org_id, started_at);
CREATE INDEX monitoring_import_current_idx ON monitoring_import (org_id, is_current, source);

-- One normalized resource of one import. key_hash = SHA-256 of type + newline + id (hex), so that
-- duplicates within an import are found with a short index whatever the length of the id.
CREATE TABLE monitoring_resource (
    org_id           UUID NOT NULL REFERENCES organization (id),
    import_id        UUID NOT NULL REFERENCES monitoring_import (id),
    seq              BIGINT NOT NULL,
    key_hash         VARCHAR(64) NOT NULL,
    resource_type    VARCHAR(200) NOT NULL,
    resource_id      VARCHAR(2000) NOT NULL,
    source           VARCHAR(400) NOT NULL,
    observed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attributes_json  VARCHAR(10000000) NOT NULL,
    PRIMARY KEY (import_id, seq)
);
CREATE INDEX monitoring_resource_key_idx ON monitoring_resource (import_id, key_hash, seq);
CREATE INDEX monitoring_resource_org_idx ON monitoring_resource (org_id, resource_type);

CREATE TABLE monitoring_run (
    id              UUID PRIMARY KEY,
    org_id          UUID NOT NULL REFERENCES organization (id),
    run_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    trigger_kind    VARCHAR(12) NOT NULL,
    replayed        BOOLEAN NOT NULL,
    evidence_id     UUID,
    resources       BIGINT NOT NULL,
    checks_run      INTEGER NOT NULL,
    passed          BIGINT NOT NULL,
    failed          BIGINT NOT NULL,
    errors          BIGINT NOT NULL,
    excluded        BIGINT NOT NULL,
    inputs_json     VARCHAR(100000) NOT NULL,
    unknown_refs    VARCHAR(10000) NOT NULL,
    run_by          UUID,
    run_by_label    VARCHAR(400) NOT NULL,
    CONSTRAINT monitoring_run_trigger_ck CHECK (trigger_kind IN ('MANUAL', 'SCHEDULED', 'REPLAYED'))
);
CREATE INDEX monitoring_run_org_idx ON monitoring_run (org_id, run_at);

-- Per run and check that applied to at least one resource: the counts and the overall outcome.
CREATE TABLE monitoring_run_check (
    org_id          UUID NOT NULL REFERENCES organization (id),
    run_id          UUID NOT NULL REFERENCES monitoring_run (id),
    check_id        VARCHAR(120) NOT NULL,
    title           VARCHAR(400) NOT NULL,
    severity        VARCHAR(10) NOT NULL,
    controls_json   VARCHAR(4000) NOT NULL,
    criteria_json   VARCHAR(4000) NOT NULL,
    passed          BIGINT NOT NULL,
    failed          BIGINT NOT NULL,
    errors          BIGINT NOT NULL,
    excluded        BIGINT NOT NULL,
    outcome         VARCHAR(10) NOT NULL,
    PRIMARY KEY (run_id, check_id)
);
CREATE INDEX monitoring_run_check_idx ON monitoring_run_check (org_id, check_id, run_id);

-- Every non-pass result of a run (FAIL, ERROR, EXCLUDED) with why.
CREATE TABLE monitoring_result (
    org_id          UUID NOT NULL REFERENCES organization (id),
    run_id          UUID NOT NULL REFERENCES monitoring_run (id),
    seq             BIGINT NOT NULL,
    check_id        VARCHAR(120) NOT NULL,
    key_hash        VARCHAR(64) NOT NULL,
    resource_type   VARCHAR(200) NOT NULL,
    resource_id     VARCHAR(2000) NOT NULL,
    outcome         VARCHAR(10) NOT NULL,
    message         VARCHAR(4000),
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX monitoring_result_check_idx ON monitoring_result (run_id, check_id, key_hash);
CREATE INDEX monitoring_result_resource_idx ON monitoring_result (org_id, key_hash);

CREATE TABLE monitoring_alert (
    id                 UUID PRIMARY KEY,
    org_id             UUID NOT NULL REFERENCES organization (id),
    run_id             UUID NOT NULL REFERENCES monitoring_run (id),
    check_id           VARCHAR(120) NOT NULL,
    check_title        VARCHAR(400) NOT NULL,
    severity           VARCHAR(10) NOT NULL,
    resource_type      VARCHAR(200) NOT NULL,
    resource_id        VARCHAR(2000) NOT NULL,
    message            VARCHAR(4000),
    raised_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    status             VARCHAR(12) NOT NULL,
    ack_by             UUID,
    ack_by_label       VARCHAR(400),
    ack_at             TIMESTAMP WITH TIME ZONE,
    ack_note           VARCHAR(4000),
    version            BIGINT NOT NULL,
    CONSTRAINT monitoring_alert_status_ck CHECK (status IN ('OPEN', 'ACKNOWLEDGED'))
);
CREATE INDEX monitoring_alert_org_idx ON monitoring_alert (org_id, status, raised_at);

-- The organization's own check files: every save is a new version; the newest version of a file
-- that is not deleted is in force.
CREATE TABLE monitoring_check_file (
    id             UUID NOT NULL,
    org_id         UUID NOT NULL REFERENCES organization (id),
    version        BIGINT NOT NULL,
    filename       VARCHAR(200) NOT NULL,
    yaml           VARCHAR(1000000) NOT NULL,
    deleted        BOOLEAN NOT NULL,
    saved_by       UUID NOT NULL,
    saved_by_label VARCHAR(400) NOT NULL,
    saved_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE INDEX monitoring_check_file_org_idx ON monitoring_check_file (org_id, filename);

CREATE TABLE monitoring_check_setting (
    org_id          UUID NOT NULL REFERENCES organization (id),
    check_id        VARCHAR(120) NOT NULL,
    enabled         BOOLEAN NOT NULL,
    updated_by      UUID NOT NULL,
    updated_by_label VARCHAR(400) NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, check_id)
);

CREATE TABLE monitoring_exclusion (
    id                  UUID PRIMARY KEY,
    org_id              UUID NOT NULL REFERENCES organization (id),
    check_id            VARCHAR(120) NOT NULL,
    resource_id         VARCHAR(2000) NOT NULL,
    reason              VARCHAR(4000) NOT NULL,
    expires_on          DATE NOT NULL,
    status              VARCHAR(10) NOT NULL,
    requested_by        UUID NOT NULL,
    requested_by_label  VARCHAR(400) NOT NULL,
    requested_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by          UUID,
    decided_by_label    VARCHAR(400),
    decided_at          TIMESTAMP WITH TIME ZONE,
    decision_note       VARCHAR(4000),
    revoked_by          UUID,
    revoked_by_label    VARCHAR(400),
    revoked_at          TIMESTAMP WITH TIME ZONE,
    revoke_reason       VARCHAR(4000),
    version             BIGINT NOT NULL,
    CONSTRAINT monitoring_exclusion_status_ck CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED'))
);
CREATE INDEX monitoring_exclusion_org_idx ON monitoring_exclusion (org_id, status, check_id);
