-- Bridge letters (issue 6): management's letter covering the gap between an engagement's period end
-- (or as-of date) and a chosen date. Each draft is a frozen version: its PDF and DOCX are evidence
-- items and sha256 is the PDF's; it is never changed. A named officer signs one version once: the
-- signature refers to that version's SHA-256, and the signed renderings (the same letter with the
-- signature block) are stored as evidence too.
CREATE TABLE bridge_letter (
    id                       UUID PRIMARY KEY,
    org_id                   UUID NOT NULL REFERENCES organization (id),
    engagement_id            UUID NOT NULL REFERENCES engagement (id),
    seq_number               INTEGER NOT NULL,
    period_end               DATE NOT NULL,
    covers_to                DATE NOT NULL,
    sha256                   VARCHAR(64) NOT NULL,
    pdf_evidence_id          UUID NOT NULL,
    docx_evidence_id         UUID NOT NULL,
    json_evidence_id         UUID NOT NULL,
    changes_count            INTEGER NOT NULL,
    incidents_count          INTEGER NOT NULL,
    findings_count           INTEGER NOT NULL,
    generated_by_id          UUID NOT NULL,
    generated_by             VARCHAR(600) NOT NULL,
    generated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    officer_name             VARCHAR(200),
    officer_title            VARCHAR(200),
    signed_by_id             UUID,
    signed_by                VARCHAR(600),
    signed_at                TIMESTAMP WITH TIME ZONE,
    signed_sha256            VARCHAR(64),
    signed_pdf_evidence_id   UUID,
    signed_docx_evidence_id  UUID,
    CONSTRAINT bridge_letter_number_uq UNIQUE (org_id, engagement_id, seq_number)
);
CREATE INDEX bridge_letter_engagement_idx ON bridge_letter (org_id, engagement_id, seq_number);
