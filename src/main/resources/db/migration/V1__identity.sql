CREATE TABLE organization (
    id          UUID PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE app_user (
    id               UUID PRIMARY KEY,
    email            VARCHAR(320) NOT NULL UNIQUE,
    name             VARCHAR(200) NOT NULL,
    password_hash    VARCHAR(200),
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_until     TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE membership (
    org_id      UUID NOT NULL REFERENCES organization (id),
    user_id     UUID NOT NULL REFERENCES app_user (id),
    role        VARCHAR(40) NOT NULL,
    version     BIGINT NOT NULL DEFAULT 0,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

CREATE TABLE api_token (
    id            UUID PRIMARY KEY,
    org_id        UUID NOT NULL REFERENCES organization (id),
    user_id       UUID NOT NULL REFERENCES app_user (id),
    name          VARCHAR(200) NOT NULL,
    token_hash    VARCHAR(64) NOT NULL UNIQUE,
    prefix        VARCHAR(16) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_token_user_idx ON api_token (org_id, user_id);

-- One-time links: first-start setup and invitations. Only the SHA-256 of the secret is stored.
CREATE TABLE one_time_link (
    token_hash  VARCHAR(64) PRIMARY KEY,
    purpose     VARCHAR(20) NOT NULL,
    user_id     UUID REFERENCES app_user (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
