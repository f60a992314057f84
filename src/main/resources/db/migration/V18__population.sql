-- Populations with their completeness-and-accuracy record, and the samples selected from them
-- (issue 4 §4, §6). The auditing firm owns these rows: every row carries the client (org_id), the
-- engagement and the firm. Population files are stored once under the data directory by their
-- SHA-256; the database never holds a row per population row.
CREATE TABLE population (
    id              UUID PRIMARY KEY,
    org_id          UUID NOT NULL REFERENCES organization (id),
    engagement_id   UUID NOT NULL REFERENCES engagement (id),
    firm_id         UUID NOT NULL REFERENCES organization (id),
    latest_version  INT NOT NULL,
    created_by      VARCHAR(400) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX population_scope_idx ON population (org_id, engagement_id, firm_id);

-- One extraction of a population. Editable (optimistic locking on version) until a sample is
-- drawn from it; from then on immutable (sampled = TRUE), and a re-extraction is a new number.
CREATE TABLE population_version (
    id                  UUID PRIMARY KEY,
    population_id       UUID NOT NULL REFERENCES population (id),
    org_id              UUID NOT NULL REFERENCES organization (id),
    engagement_id       UUID NOT NULL REFERENCES engagement (id),
    firm_id             UUID NOT NULL REFERENCES organization (id),
    version_number      INT NOT NULL,
    name                VARCHAR(200) NOT NULL,
    controls_json       VARCHAR(20000) NOT NULL,
    source_system       VARCHAR(200) NOT NULL,
    query_text          VARCHAR(10000) NOT NULL,
    query_parameters    VARCHAR(4000),
    extracted_by        VARCHAR(400) NOT NULL,
    extracted_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    period_from         DATE,
    period_to           DATE,
    key_column          VARCHAR(200),
    date_column         VARCHAR(200),
    file_format         VARCHAR(10) NOT NULL,
    filename            VARCHAR(400) NOT NULL,
    size_bytes          BIGINT NOT NULL,
    row_count           BIGINT NOT NULL,
    sha256              VARCHAR(64) NOT NULL,
    first_date          DATE,
    last_date           DATE,
    out_of_period       BIGINT NOT NULL,
    unparseable_dates   BIGINT NOT NULL,
    flags_json          VARCHAR(200000) NOT NULL,
    uploaded_by_id      UUID NOT NULL,
    uploaded_by         VARCHAR(400) NOT NULL,
    uploaded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    sampled             BOOLEAN NOT NULL,
    version             BIGINT NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT population_version_uq UNIQUE (population_id, version_number),
    CONSTRAINT population_version_format_chk CHECK (file_format IN ('CSV', 'JSONL'))
);
CREATE INDEX population_version_scope_idx ON population_version (org_id, engagement_id, firm_id);

-- A sample: the selection document (exactly what `assayer sample select --json` prints) is the
-- record; sample_size is the current size (after extensions), original_size the size first selected.
CREATE TABLE sample (
    id                     UUID PRIMARY KEY,
    org_id                 UUID NOT NULL REFERENCES organization (id),
    engagement_id          UUID NOT NULL REFERENCES engagement (id),
    firm_id                UUID NOT NULL REFERENCES organization (id),
    population_id          UUID NOT NULL REFERENCES population (id),
    population_version_id  UUID NOT NULL REFERENCES population_version (id),
    population_number      INT NOT NULL,
    population_sha256      VARCHAR(64) NOT NULL,
    method                 VARCHAR(20) NOT NULL,
    seed                   VARCHAR(200) NOT NULL,
    sample_size            INT NOT NULL,
    original_size          INT NOT NULL,
    spread_by              VARCHAR(200),
    justification          VARCHAR(4000),
    selection_json         VARCHAR(10000000) NOT NULL,
    selected_by_id         UUID NOT NULL,
    selected_by            VARCHAR(400) NOT NULL,
    selected_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    version                BIGINT NOT NULL,
    CONSTRAINT sample_method_chk CHECK (method IN ('random', 'systematic'))
);
CREATE INDEX sample_scope_idx ON sample (org_id, engagement_id, firm_id);
CREATE INDEX sample_version_idx ON sample (population_version_id);

-- Extensions after a deviation: the same draw stream continued from from_size to to_size.
CREATE TABLE sample_extension (
    id             UUID PRIMARY KEY,
    sample_id      UUID NOT NULL REFERENCES sample (id),
    org_id         UUID NOT NULL REFERENCES organization (id),
    engagement_id  UUID NOT NULL REFERENCES engagement (id),
    firm_id        UUID NOT NULL REFERENCES organization (id),
    from_size      INT NOT NULL,
    to_size        INT NOT NULL,
    reason         VARCHAR(4000) NOT NULL,
    extended_by_id UUID NOT NULL,
    extended_by    VARCHAR(400) NOT NULL,
    extended_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sample_extension_sample_idx ON sample_extension (sample_id);
