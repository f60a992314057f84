-- Audit firms are tenants of their own (issue 4 §1). A client admin grants a firm access to one
-- engagement, time-bounded and revocable; an auditor's API token may be issued inside such a grant.
ALTER TABLE organization ADD COLUMN kind VARCHAR(20) DEFAULT 'SERVICE_ORGANIZATION' NOT NULL;
ALTER TABLE organization ADD CONSTRAINT organization_kind_chk CHECK (kind IN ('SERVICE_ORGANIZATION', 'AUDIT_FIRM'));

CREATE TABLE engagement_grant (
    id             UUID PRIMARY KEY,
    org_id         UUID NOT NULL REFERENCES organization (id),
    engagement_id  UUID NOT NULL REFERENCES engagement (id),
    firm_id        UUID NOT NULL REFERENCES organization (id),
    access_until   DATE NOT NULL,
    granted_by     VARCHAR(400) NOT NULL,
    granted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_by     VARCHAR(400),
    revoked_at     TIMESTAMP WITH TIME ZONE,
    note           VARCHAR(1000)
);
CREATE INDEX engagement_grant_engagement_idx ON engagement_grant (org_id, engagement_id);
CREATE INDEX engagement_grant_firm_idx ON engagement_grant (firm_id);

ALTER TABLE api_token ADD COLUMN grant_id UUID REFERENCES engagement_grant (id);
