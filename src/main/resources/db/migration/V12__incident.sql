-- Incidents (CC7.3-CC7.5) and their timelines. Significant incidents feed the system
-- description (DC4). Lists are validated JSON documents written with the row; timeline entries
-- are appended as rows of their own.
CREATE TABLE incident (
    id                UUID PRIMARY KEY,
    org_id            UUID NOT NULL REFERENCES organization (id),
    ref               VARCHAR(40) NOT NULL,
    title             VARCHAR(200) NOT NULL,
    detected_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    reported_by       VARCHAR(200),
    severity          VARCHAR(10) NOT NULL,
    significant       BOOLEAN NOT NULL,
    systems_json      VARCHAR(100000) NOT NULL,
    data_json         VARCHAR(100000) NOT NULL,
    response_summary  VARCHAR(4000),
    root_cause        VARCHAR(4000),
    lessons_learned   VARCHAR(4000),
    notify_required   BOOLEAN NOT NULL,
    notified_at       TIMESTAMP WITH TIME ZONE,
    notified_how      VARCHAR(200),
    status            VARCHAR(10) NOT NULL,
    controls_json     VARCHAR(100000) NOT NULL,
    findings_json     VARCHAR(100000) NOT NULL,
    version           BIGINT NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT incident_ref_uq UNIQUE (org_id, ref),
    CONSTRAINT incident_severity_chk CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    CONSTRAINT incident_status_chk CHECK (status IN ('OPEN', 'CONTAINED', 'RESOLVED', 'CLOSED')),
    CONSTRAINT incident_root_cause_chk CHECK (status IN ('OPEN', 'CONTAINED') OR root_cause IS NOT NULL)
);
CREATE INDEX incident_org_idx ON incident (org_id, detected_at);

CREATE TABLE incident_timeline (
    id           UUID PRIMARY KEY,
    org_id       UUID NOT NULL REFERENCES organization (id),
    incident_id  UUID NOT NULL REFERENCES incident (id),
    happened_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    entry_text   VARCHAR(4000) NOT NULL,
    recorded_by  UUID NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX incident_timeline_idx ON incident_timeline (org_id, incident_id, happened_at);
