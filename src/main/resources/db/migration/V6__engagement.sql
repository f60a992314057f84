-- Engagements: one row per report (SOC 1 / SOC 2, Type I / Type II).
-- The system description (DC1-DC3) and the lists of the description (subservice organizations
-- with CSOCs, CUECs, criteria not relevant) are validated JSON documents written with the row, so an
-- engagement is saved atomically in one statement. categories: comma-separated SOC 2 category codes.
CREATE TABLE engagement (
    id                UUID PRIMARY KEY,
    org_id            UUID NOT NULL REFERENCES organization (id),
    name              VARCHAR(200) NOT NULL,
    framework         VARCHAR(10) NOT NULL,
    report_type       VARCHAR(10) NOT NULL,
    as_of_date        DATE,
    period_start      DATE,
    period_end        DATE,
    categories        VARCHAR(200) NOT NULL,
    status            VARCHAR(20) NOT NULL,
    service_auditor   VARCHAR(200),
    system_json       VARCHAR(1000000) NOT NULL,
    subservices_json  VARCHAR(1000000) NOT NULL,
    cuecs_json        VARCHAR(1000000) NOT NULL,
    excluded_json     VARCHAR(1000000) NOT NULL,
    version           BIGINT NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT engagement_framework_chk CHECK (framework IN ('SOC1', 'SOC2')),
    CONSTRAINT engagement_type_chk CHECK (report_type IN ('TYPE1', 'TYPE2')),
    CONSTRAINT engagement_status_chk CHECK (status IN ('PLANNING', 'READINESS', 'FIELDWORK', 'REPORTING', 'CLOSED')),
    CONSTRAINT engagement_type1_chk CHECK (report_type <> 'TYPE1' OR as_of_date IS NOT NULL),
    CONSTRAINT engagement_type2_chk CHECK (report_type <> 'TYPE2'
        OR (period_start IS NOT NULL AND period_end IS NOT NULL AND period_end >= period_start))
);
CREATE INDEX engagement_org_idx ON engagement (org_id, created_at);
