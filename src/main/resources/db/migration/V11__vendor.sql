-- Vendors (CC9.2) and the reviews of their assurance reports. Subservice organizations (DC7) are
-- vendors with subservice = TRUE, a method and their CSOCs, linked to engagements by id.
-- Lists are validated JSON documents written with the row.
CREATE TABLE vendor (
    id                 UUID PRIMARY KEY,
    org_id             UUID NOT NULL REFERENCES organization (id),
    ref                VARCHAR(40) NOT NULL,
    name               VARCHAR(200) NOT NULL,
    service_provided   VARCHAR(4000),
    data_json          VARCHAR(100000) NOT NULL,
    tier               VARCHAR(10) NOT NULL,
    owner_id           UUID,
    contract_start     DATE,
    contract_end       DATE,
    subservice         BOOLEAN NOT NULL,
    subservice_method  VARCHAR(20),
    csocs_json         VARCHAR(1000000) NOT NULL,
    engagements_json   VARCHAR(100000) NOT NULL,
    status             VARCHAR(20) NOT NULL,
    version            BIGINT NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT vendor_ref_uq UNIQUE (org_id, ref),
    CONSTRAINT vendor_tier_chk CHECK (tier IN ('TIER_1', 'TIER_2', 'TIER_3')),
    CONSTRAINT vendor_status_chk CHECK (status IN ('PROSPECTIVE', 'ACTIVE', 'TERMINATED')),
    CONSTRAINT vendor_method_chk CHECK (subservice_method IS NULL OR subservice_method IN ('CARVE_OUT', 'INCLUSIVE')),
    CONSTRAINT vendor_subservice_chk CHECK (subservice = FALSE OR subservice_method IS NOT NULL)
);
CREATE INDEX vendor_org_idx ON vendor (org_id, name);

-- Append-only: a newer report is a new review.
CREATE TABLE vendor_review (
    id                   UUID PRIMARY KEY,
    org_id               UUID NOT NULL REFERENCES organization (id),
    vendor_id            UUID NOT NULL REFERENCES vendor (id),
    report_kind          VARCHAR(10) NOT NULL,
    report_type          VARCHAR(10),
    period_start         DATE,
    period_end           DATE,
    as_of_date           DATE,
    service_auditor      VARCHAR(200),
    opinion              VARCHAR(20),
    exceptions_json      VARCHAR(1000000) NOT NULL,
    exceptions_effect    VARCHAR(4000),
    cuecs_json           VARCHAR(1000000) NOT NULL,
    bridge_received_on   DATE,
    bridge_covers_until  DATE,
    reviewed_on          DATE NOT NULL,
    evidence_id          UUID,
    notes                VARCHAR(4000),
    reviewed_by          UUID NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT vendor_review_kind_chk CHECK (report_kind IN ('SOC1', 'SOC2', 'SOC3', 'ISO27001', 'OTHER')),
    CONSTRAINT vendor_review_type_chk CHECK (report_type IS NULL OR report_type IN ('TYPE1', 'TYPE2')),
    CONSTRAINT vendor_review_opinion_chk CHECK (opinion IS NULL OR opinion IN ('UNMODIFIED', 'QUALIFIED', 'ADVERSE', 'DISCLAIMER'))
);
CREATE INDEX vendor_review_vendor_idx ON vendor_review (org_id, vendor_id, reviewed_on);
