-- Evidence vault: metadata of files (bytes in the content-addressed store, by SHA-256) and links.
-- Rows are never deleted: evidence is withdrawn, with a reason.
CREATE TABLE evidence_item (
    id                  UUID PRIMARY KEY,
    org_id              UUID NOT NULL REFERENCES organization (id),
    kind                VARCHAR(10) NOT NULL,
    title               VARCHAR(300) NOT NULL,
    description         VARCHAR(10000),
    url                 VARCHAR(2000),
    filename            VARCHAR(255),
    content_type        VARCHAR(200),
    size_bytes          BIGINT,
    sha256              VARCHAR(64),
    effective_date      DATE,
    period_start        DATE,
    period_end          DATE,
    renewal_date        DATE,
    collected_by        VARCHAR(400) NOT NULL,
    collection_method   VARCHAR(30) NOT NULL,
    source_system       VARCHAR(200),
    uploaded_by         UUID NOT NULL,
    uploaded_by_label   VARCHAR(400) NOT NULL,
    uploaded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    reviewed_by         UUID,
    reviewed_by_label   VARCHAR(400),
    reviewed_at         TIMESTAMP WITH TIME ZONE,
    review_note         VARCHAR(4000),
    status              VARCHAR(20) NOT NULL,
    withdrawn_by        UUID,
    withdrawn_by_label  VARCHAR(400),
    withdrawn_at        TIMESTAMP WITH TIME ZONE,
    withdrawn_reason    VARCHAR(4000),
    version             BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT evidence_kind_ck CHECK (kind IN ('FILE', 'LINK')),
    CONSTRAINT evidence_status_ck CHECK (status IN ('ACTIVE', 'WITHDRAWN')),
    CONSTRAINT evidence_content_ck CHECK ((kind = 'FILE' AND sha256 IS NOT NULL AND size_bytes IS NOT NULL)
        OR (kind = 'LINK' AND url IS NOT NULL AND sha256 IS NULL)),
    CONSTRAINT evidence_dated_ck CHECK (effective_date IS NOT NULL OR period_start IS NOT NULL),
    CONSTRAINT evidence_period_ck CHECK ((period_start IS NULL AND period_end IS NULL)
        OR (period_start IS NOT NULL AND period_end IS NOT NULL AND period_end >= period_start)),
    CONSTRAINT evidence_withdrawn_ck CHECK (status = 'ACTIVE' OR withdrawn_reason IS NOT NULL)
);
CREATE INDEX evidence_item_org_idx ON evidence_item (org_id, uploaded_at);
CREATE INDEX evidence_item_renewal_idx ON evidence_item (org_id, renewal_date);
CREATE INDEX evidence_item_sha_idx ON evidence_item (sha256);

-- The controls an item supports (zero or more). control_id refers to the control module's table;
-- the service resolves it within the organization before writing. The item's status and dates are
-- copied here (kept in step by every write of the item, in the same transaction) so that the
-- per-control tally is one pass over this table without a join. sort_key is
-- "<effective date or period end>|<uploaded at, yyyyMMddHHmmssSSSSSS>|<item id>": its maximum
-- names the newest item.
CREATE TABLE evidence_control (
    org_id          UUID NOT NULL,
    evidence_id     UUID NOT NULL REFERENCES evidence_item (id),
    control_id      UUID NOT NULL,
    status          VARCHAR(20) NOT NULL,
    effective_date  DATE,
    period_start    DATE,
    period_end      DATE,
    renewal_date    DATE,
    sort_key        VARCHAR(80) NOT NULL,
    PRIMARY KEY (evidence_id, control_id)
);
CREATE INDEX evidence_control_control_idx ON evidence_control (org_id, control_id, evidence_id);
