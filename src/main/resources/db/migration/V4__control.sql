-- The organization's control library and its mappings to SOC 2 criteria and SOC 1 objectives.
CREATE TABLE control (
    id           UUID PRIMARY KEY,
    org_id       UUID NOT NULL REFERENCES organization (id),
    ref          VARCHAR(40) NOT NULL,
    -- upper-cased ref: refs are unique per organization regardless of case
    ref_key      VARCHAR(40) NOT NULL,
    title        VARCHAR(200) NOT NULL,
    description  VARCHAR(4000),
    owner_id     UUID REFERENCES app_user (id),
    nature       VARCHAR(30) NOT NULL,
    kind         VARCHAR(20) NOT NULL,
    frequency    VARCHAR(20) NOT NULL,
    key_control  BOOLEAN NOT NULL DEFAULT FALSE,
    status       VARCHAR(20) NOT NULL,
    version      BIGINT NOT NULL DEFAULT 0,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT control_ref_uq UNIQUE (org_id, ref_key)
);
CREATE INDEX control_org_owner_idx ON control (org_id, owner_id);

-- SOC 2 Trust Services Criteria a control addresses (criterion ids from the catalog, e.g. CC6.1).
CREATE TABLE control_criterion (
    org_id        UUID NOT NULL,
    control_id    UUID NOT NULL REFERENCES control (id) ON DELETE CASCADE,
    criterion_id  VARCHAR(20) NOT NULL,
    sort_order    INTEGER NOT NULL,
    PRIMARY KEY (control_id, criterion_id)
);
CREATE INDEX control_criterion_org_idx ON control_criterion (org_id, criterion_id);

-- SOC 1 control objectives of the organization a control supports (objective refs).
CREATE TABLE control_objective_map (
    org_id         UUID NOT NULL,
    control_id     UUID NOT NULL REFERENCES control (id) ON DELETE CASCADE,
    objective_ref  VARCHAR(40) NOT NULL,
    sort_order     INTEGER NOT NULL,
    PRIMARY KEY (control_id, objective_ref)
);
CREATE INDEX control_objective_org_idx ON control_objective_map (org_id, objective_ref);
