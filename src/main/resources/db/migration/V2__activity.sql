-- Append-only, hash-chained activity log: one chain per organization.
CREATE TABLE activity_head (
    org_id      UUID PRIMARY KEY,
    last_seq    BIGINT NOT NULL,
    last_hash   VARCHAR(64) NOT NULL
);

CREATE TABLE activity_entry (
    org_id       UUID NOT NULL,
    seq          BIGINT NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id     UUID,
    actor_label  VARCHAR(400) NOT NULL,
    entity_type  VARCHAR(60) NOT NULL,
    entity_id    VARCHAR(100) NOT NULL,
    action       VARCHAR(60) NOT NULL,
    before_json  VARCHAR(1000000),
    after_json   VARCHAR(1000000),
    prev_hash    VARCHAR(64) NOT NULL,
    hash         VARCHAR(64) NOT NULL,
    PRIMARY KEY (org_id, seq)
);
CREATE INDEX activity_entity_idx ON activity_entry (org_id, entity_type, entity_id);
