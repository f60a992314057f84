-- Reports (issue 6): frozen report versions, management's assertion sign-off on one version, and
-- Section I (the service auditor's report) as supplied by the CPA firm. A version row is written
-- once and never updated: its four renderings are evidence items (PDF, DOCX, HTML, canonical
-- JSON) and sha256 is the PDF's. A sign-off refers to exactly one version (and its SHA-256).
CREATE TABLE report_version (
    id                 UUID PRIMARY KEY,
    org_id             UUID NOT NULL REFERENCES organization (id),
    engagement_id      UUID NOT NULL REFERENCES engagement (id),
    seq_number         INTEGER NOT NULL,
    kind               VARCHAR(20) NOT NULL,
    sha256             VARCHAR(64) NOT NULL,
    pdf_evidence_id    UUID NOT NULL,
    docx_evidence_id   UUID NOT NULL,
    html_evidence_id   UUID NOT NULL,
    json_evidence_id   UUID NOT NULL,
    generated_by_id    UUID NOT NULL,
    generated_by       VARCHAR(600) NOT NULL,
    generated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT report_version_number_uq UNIQUE (org_id, engagement_id, seq_number),
    CONSTRAINT report_version_kind_chk CHECK (kind IN ('soc2-type1', 'soc2-type2', 'soc1-type1', 'soc1-type2', 'soc3'))
);
CREATE INDEX report_version_engagement_idx ON report_version (org_id, engagement_id, seq_number);

CREATE TABLE report_signature (
    id                 UUID PRIMARY KEY,
    org_id             UUID NOT NULL REFERENCES organization (id),
    engagement_id      UUID NOT NULL REFERENCES engagement (id),
    version_id         UUID NOT NULL REFERENCES report_version (id),
    version_number     INTEGER NOT NULL,
    sha256             VARCHAR(64) NOT NULL,
    officer_name       VARCHAR(200) NOT NULL,
    officer_title      VARCHAR(200) NOT NULL,
    signed_by_id       UUID NOT NULL,
    signed_by          VARCHAR(600) NOT NULL,
    signed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT report_signature_version_uq UNIQUE (version_id)
);

-- Section I of an engagement's report: typed text and/or a PDF (stored under the data directory by
-- its SHA-256), written only by the audit firm's users inside the engagement; who recorded the text
-- and who uploaded the PDF are kept apart, as each is attributed to its own author.
CREATE TABLE report_auditor_section (
    org_id             UUID NOT NULL REFERENCES organization (id),
    engagement_id      UUID NOT NULL REFERENCES engagement (id),
    firm_id            UUID NOT NULL,
    firm_name          VARCHAR(200) NOT NULL,
    body_text          VARCHAR(200000),
    text_recorded_by   VARCHAR(600),
    text_recorded_at   TIMESTAMP WITH TIME ZONE,
    pdf_filename       VARCHAR(255),
    pdf_sha256         VARCHAR(64),
    pdf_size           BIGINT,
    pdf_recorded_by    VARCHAR(600),
    pdf_recorded_at    TIMESTAMP WITH TIME ZONE,
    changed_by_id      UUID NOT NULL,
    version            BIGINT NOT NULL,
    CONSTRAINT report_auditor_section_pk PRIMARY KEY (org_id, engagement_id)
);
