-- Live read-only collectors (GitHub, AWS, Okta) per organization. Settings are a JSON document of
-- the kind's non-secret fields; secrets live in their own rows, sealed with the master key
-- (AES-GCM, context "collector:<id>:<field>"), never in clear text. run_as: the member whose
-- rights scheduled collections use (the last one to save the collector). lease_until: a
-- collection in progress (no second one starts until it ends or the lease expires).
CREATE TABLE collector (
    id              UUID PRIMARY KEY,
    org_id          UUID NOT NULL REFERENCES organization (id),
    kind            VARCHAR(10) NOT NULL,
    name            VARCHAR(63) NOT NULL,
    settings_json   VARCHAR(20000) NOT NULL,
    interval_hours  BIGINT NOT NULL,
    enabled         BOOLEAN NOT NULL,
    run_as          UUID NOT NULL,
    lease_until     TIMESTAMP WITH TIME ZONE,
    version         BIGINT NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT collector_name_uq UNIQUE (org_id, name),
    CONSTRAINT collector_kind_chk CHECK (kind IN ('GITHUB', 'AWS', 'OKTA')),
    CONSTRAINT collector_interval_chk CHECK (interval_hours BETWEEN 1 AND 720)
);

CREATE TABLE collector_secret (
    collector_id    UUID NOT NULL REFERENCES collector (id),
    org_id          UUID NOT NULL REFERENCES organization (id),
    field           VARCHAR(40) NOT NULL,
    sealed          VARCHAR(8000) NOT NULL,
    set_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    set_by          VARCHAR(400) NOT NULL,
    PRIMARY KEY (collector_id, field)
);

CREATE TABLE collector_run (
    id              UUID PRIMARY KEY,
    org_id          UUID NOT NULL REFERENCES organization (id),
    collector_id    UUID NOT NULL REFERENCES collector (id),
    run_trigger     VARCHAR(10) NOT NULL,
    started_by      VARCHAR(400) NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    status          VARCHAR(10) NOT NULL,
    document_count  BIGINT NOT NULL,
    resource_count  BIGINT NOT NULL,
    error_message   VARCHAR(4000),
    documents_json  VARCHAR(20000) NOT NULL,
    CONSTRAINT collector_run_status_chk CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    CONSTRAINT collector_run_trigger_chk CHECK (run_trigger IN ('MANUAL', 'SCHEDULE'))
);
CREATE INDEX collector_run_idx ON collector_run (org_id, collector_id, started_at);
