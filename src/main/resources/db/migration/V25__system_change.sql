-- Changes to the system during an engagement's period (DC9, issue 6). A recorded change is never
-- edited: a correction supersedes it (superseded_by points at the new row) and a withdrawal keeps
-- the row with who, when and why. Only recorded changes that are neither superseded nor withdrawn
-- go into the report.
CREATE TABLE system_change (
    id               UUID PRIMARY KEY,
    org_id           UUID NOT NULL REFERENCES organization (id),
    engagement_id    UUID NOT NULL REFERENCES engagement (id),
    changed_on       DATE NOT NULL,
    area             VARCHAR(40) NOT NULL,
    description      VARCHAR(2000) NOT NULL,
    significant      BOOLEAN NOT NULL,
    source           VARCHAR(40) NOT NULL,
    source_ref       VARCHAR(200),
    detection_key    VARCHAR(200),
    supersedes       UUID,
    superseded_by    UUID,
    recorded_by_id   UUID NOT NULL,
    recorded_by      VARCHAR(600) NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    withdrawn_by     VARCHAR(600),
    withdrawn_at     TIMESTAMP WITH TIME ZONE,
    withdrawn_reason VARCHAR(1000),
    version          BIGINT NOT NULL,
    CONSTRAINT system_change_area_chk CHECK (area IN ('infrastructure', 'software', 'people', 'procedures', 'data',
        'controls', 'subservice organizations'))
);
CREATE INDEX system_change_engagement_idx ON system_change (org_id, engagement_id, changed_on);

-- A detected fact (from the activity log) someone decided on: recorded as a change or dismissed
-- as "not a system change". Undecided detections have no row.
CREATE TABLE system_change_decision (
    org_id           UUID NOT NULL REFERENCES organization (id),
    engagement_id    UUID NOT NULL REFERENCES engagement (id),
    detection_key    VARCHAR(200) NOT NULL,
    decision         VARCHAR(20) NOT NULL,
    change_id        UUID,
    decided_by_id    UUID NOT NULL,
    decided_by       VARCHAR(600) NOT NULL,
    decided_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, engagement_id, detection_key),
    CONSTRAINT system_change_decision_chk CHECK (decision IN ('RECORDED', 'DISMISSED'))
);
