-- Frameworks are data files (catalog/frameworks/*.yaml) loaded at startup; these tables hold the
-- loaded revision. Rows are upserted in place (never dropped and re-created) so that other
-- modules may reference criterion (framework_key, id).
CREATE TABLE framework (
    framework_key  VARCHAR(40) PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    edition        VARCHAR(200),
    kind           VARCHAR(20) NOT NULL,
    revision       INTEGER NOT NULL,
    source         VARCHAR(300) NOT NULL,
    content_hash   VARCHAR(64) NOT NULL,
    loaded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE framework_category (
    framework_key  VARCHAR(40) NOT NULL REFERENCES framework (framework_key),
    code           VARCHAR(40) NOT NULL,
    name           VARCHAR(200) NOT NULL,
    required       BOOLEAN NOT NULL,
    description    VARCHAR(2000),
    ordinal        INTEGER NOT NULL,
    PRIMARY KEY (framework_key, code)
);

CREATE TABLE criterion (
    framework_key   VARCHAR(40) NOT NULL REFERENCES framework (framework_key),
    id              VARCHAR(40) NOT NULL,
    category        VARCHAR(40) NOT NULL,
    series          VARCHAR(40) NOT NULL,
    series_title    VARCHAR(200) NOT NULL,
    title           VARCHAR(300) NOT NULL,
    description     VARCHAR(4000) NOT NULL,
    guidance        VARCHAR(4000),
    coso_principle  INTEGER,
    ordinal         INTEGER NOT NULL,
    PRIMARY KEY (framework_key, id)
);

-- SOC 1 control objectives: defined by each organization (tenant data).
CREATE TABLE control_objective (
    id            UUID PRIMARY KEY,
    org_id        UUID NOT NULL REFERENCES organization (id),
    ref           VARCHAR(40) NOT NULL,
    category      VARCHAR(40) NOT NULL,
    series        VARCHAR(40),
    title         VARCHAR(300) NOT NULL,
    description   VARCHAR(4000),
    from_starter  BOOLEAN NOT NULL,
    version       BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT control_objective_ref_uq UNIQUE (org_id, ref)
);
