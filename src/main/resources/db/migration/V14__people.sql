-- People and training (issue 3 §3): the personnel roster, the completions of onboarding and
-- offboarding checklist items, security awareness training records, background check records
-- (date, result and provider only: nothing about findings is stored) and the record of every
-- population extracted for fieldwork. E-mail is the stable key of a person within an organization.
CREATE TABLE person (
    id               UUID PRIMARY KEY,
    org_id           UUID NOT NULL REFERENCES organization (id),
    email            VARCHAR(320) NOT NULL,
    name             VARCHAR(200) NOT NULL,
    job_title        VARCHAR(200),
    department       VARCHAR(200),
    manager_email    VARCHAR(320),
    start_date       DATE NOT NULL,
    end_date         DATE,
    employment_type  VARCHAR(20) NOT NULL,
    version          BIGINT NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT person_email_uq UNIQUE (org_id, email),
    CONSTRAINT person_type_chk CHECK (employment_type IN ('EMPLOYEE', 'CONTRACTOR', 'INTERN', 'TEMPORARY')),
    CONSTRAINT person_dates_chk CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX person_start_idx ON person (org_id, start_date);
CREATE INDEX person_end_idx ON person (org_id, end_date);

-- One row per checklist item a person recorded as done; items without a row are open (or derived
-- from training and background check records when read).
CREATE TABLE person_checklist_item (
    org_id             UUID NOT NULL REFERENCES organization (id),
    person_id          UUID NOT NULL REFERENCES person (id),
    item               VARCHAR(40) NOT NULL,
    completed_on       DATE NOT NULL,
    reference          VARCHAR(200),
    recorded_by        UUID,
    recorded_by_label  VARCHAR(600) NOT NULL,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT person_checklist_pk PRIMARY KEY (org_id, person_id, item),
    CONSTRAINT person_checklist_item_chk CHECK (item IN ('POLICY_ACKNOWLEDGEMENT', 'SECURITY_TRAINING',
        'BACKGROUND_CHECK', 'ACCESS_PROVISIONED', 'ACCESS_REVOKED', 'EQUIPMENT_RETURNED'))
);

CREATE TABLE training_record (
    id                 UUID PRIMARY KEY,
    org_id             UUID NOT NULL REFERENCES organization (id),
    person_id          UUID NOT NULL REFERENCES person (id),
    course             VARCHAR(200) NOT NULL,
    completed_on       DATE NOT NULL,
    recorded_by        UUID,
    recorded_by_label  VARCHAR(600) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT training_record_uq UNIQUE (org_id, person_id, course, completed_on)
);
CREATE INDEX training_record_completed_idx ON training_record (org_id, completed_on);

CREATE TABLE background_check (
    id                 UUID PRIMARY KEY,
    org_id             UUID NOT NULL REFERENCES organization (id),
    person_id          UUID NOT NULL REFERENCES person (id),
    completed_on       DATE NOT NULL,
    result             VARCHAR(20) NOT NULL,
    provider           VARCHAR(200),
    recorded_by        UUID,
    recorded_by_label  VARCHAR(600) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT background_check_result_chk CHECK (result IN ('CLEAR', 'CONSIDER', 'NOT_COMPLETED'))
);
CREATE INDEX background_check_person_idx ON background_check (org_id, person_id);

-- The completeness-and-accuracy record of each population handed to fieldwork: what was
-- extracted (kind, period, filter), when, by whom, how many rows, and the SHA-256 of the CSV bytes.
CREATE TABLE people_extraction (
    id                  UUID PRIMARY KEY,
    org_id              UUID NOT NULL REFERENCES organization (id),
    kind                VARCHAR(30) NOT NULL,
    period_from         DATE NOT NULL,
    period_to           DATE NOT NULL,
    filter_text         VARCHAR(1000) NOT NULL,
    source_text         VARCHAR(200) NOT NULL,
    row_count           INTEGER NOT NULL,
    sha256              VARCHAR(64) NOT NULL,
    extracted_by        UUID,
    extracted_by_label  VARCHAR(600) NOT NULL,
    extracted_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT people_extraction_kind_chk CHECK (kind IN ('NEW_HIRES', 'TERMINATIONS', 'TRAINING_COMPLETIONS'))
);
CREATE INDEX people_extraction_org_idx ON people_extraction (org_id, extracted_at);
