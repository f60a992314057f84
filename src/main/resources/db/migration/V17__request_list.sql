-- The request list (issue 4 §2): the auditor's "provided by client" (PBC) requests for one
-- engagement, answered by the client with evidence and comments. Every row carries the client
-- (org_id), the engagement and the auditing firm. Nothing here is ever deleted: the history and
-- the comment thread are append-only, and a request only moves forward through its statuses.
CREATE TABLE info_request (
    id                UUID PRIMARY KEY,
    org_id            UUID NOT NULL REFERENCES organization (id),
    engagement_id     UUID NOT NULL REFERENCES engagement (id),
    firm_id           UUID NOT NULL REFERENCES organization (id),
    ref               VARCHAR(40) NOT NULL,
    ref_key           VARCHAR(40) NOT NULL,
    title             VARCHAR(200) NOT NULL,
    description       VARCHAR(4000),
    criteria_json     VARCHAR(20000) NOT NULL,
    controls_json     VARCHAR(20000) NOT NULL,
    owner_id          UUID,
    due_date          DATE NOT NULL,
    status            VARCHAR(12) NOT NULL,
    rolled_from_id    UUID,
    rolled_from_label VARCHAR(400),
    created_by        UUID NOT NULL,
    created_by_label  VARCHAR(400) NOT NULL,
    version           BIGINT NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT info_request_ref_uq UNIQUE (org_id, engagement_id, firm_id, ref_key),
    CONSTRAINT info_request_status_chk CHECK (status IN ('OPEN', 'SUBMITTED', 'FLAGGED', 'RESUBMITTED', 'ACCEPTED'))
);
CREATE INDEX info_request_engagement_idx ON info_request (org_id, engagement_id, firm_id);

-- Each step of a request: created/imported/rolled forward, edited, submitted, flagged (with the
-- reason), resubmitted, accepted. evidence_json lists the evidence ids a submission linked.
CREATE TABLE info_request_event (
    id             UUID PRIMARY KEY,
    org_id         UUID NOT NULL REFERENCES organization (id),
    engagement_id  UUID NOT NULL REFERENCES engagement (id),
    firm_id        UUID NOT NULL REFERENCES organization (id),
    request_id     UUID NOT NULL REFERENCES info_request (id),
    action         VARCHAR(20) NOT NULL,
    from_status    VARCHAR(12),
    to_status      VARCHAR(12) NOT NULL,
    side           VARCHAR(10) NOT NULL,
    actor_id       UUID NOT NULL,
    actor_label    VARCHAR(400) NOT NULL,
    note           VARCHAR(4000),
    evidence_json  VARCHAR(20000) NOT NULL,
    happened_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT info_request_event_side_chk CHECK (side IN ('CLIENT', 'AUDITOR'))
);
CREATE INDEX info_request_event_request_idx ON info_request_event (org_id, request_id, happened_at);

CREATE TABLE info_request_comment (
    id             UUID PRIMARY KEY,
    org_id         UUID NOT NULL REFERENCES organization (id),
    engagement_id  UUID NOT NULL REFERENCES engagement (id),
    firm_id        UUID NOT NULL REFERENCES organization (id),
    request_id     UUID NOT NULL REFERENCES info_request (id),
    side           VARCHAR(10) NOT NULL,
    author_id      UUID NOT NULL,
    author_label   VARCHAR(400) NOT NULL,
    body           VARCHAR(4000) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT info_request_comment_side_chk CHECK (side IN ('CLIENT', 'AUDITOR'))
);
CREATE INDEX info_request_comment_request_idx ON info_request_comment (org_id, request_id, created_at);

-- In-app notifications of fieldwork. audience CLIENT: for recipient_id, or (recipient_id null) for
-- every member of the client who may answer requests. audience FIRM: for the firm's users working
-- inside the engagement. Who has read one is kept per user.
CREATE TABLE fieldwork_notification (
    id             UUID PRIMARY KEY,
    org_id         UUID NOT NULL REFERENCES organization (id),
    engagement_id  UUID NOT NULL REFERENCES engagement (id),
    firm_id        UUID NOT NULL REFERENCES organization (id),
    audience       VARCHAR(10) NOT NULL,
    recipient_id   UUID,
    kind           VARCHAR(30) NOT NULL,
    request_id     UUID,
    subject_ref    VARCHAR(40),
    message        VARCHAR(1000) NOT NULL,
    link           VARCHAR(400),
    actor_id       UUID,
    actor_label    VARCHAR(400) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fieldwork_notification_audience_chk CHECK (audience IN ('CLIENT', 'FIRM')),
    CONSTRAINT fieldwork_notification_firm_chk CHECK (audience = 'CLIENT' OR recipient_id IS NULL)
);
CREATE INDEX fieldwork_notification_client_idx ON fieldwork_notification (org_id, audience, recipient_id, created_at);
CREATE INDEX fieldwork_notification_firm_idx ON fieldwork_notification (org_id, engagement_id, firm_id, created_at);

CREATE TABLE fieldwork_notification_read (
    notification_id  UUID NOT NULL REFERENCES fieldwork_notification (id),
    user_id          UUID NOT NULL,
    org_id           UUID NOT NULL REFERENCES organization (id),
    read_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fieldwork_notification_read_pk PRIMARY KEY (notification_id, user_id)
);
