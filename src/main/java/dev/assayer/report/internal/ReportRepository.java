package dev.assayer.report.internal;

import dev.assayer.report.AssertionSignature;
import dev.assayer.report.AuditorSection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Report versions (insert and read only: never updated), assertion sign-offs and Section I. Every statement has org_id. */
@Repository
public class ReportRepository {

    /** A version as stored. {@code evidence}: "pdf", "docx", "html", "json" → evidence item id. */
    public record VersionRow(UUID id, UUID engagementId, int number, String kind, String sha256,
            Map<String, UUID> evidence, UUID generatedById, String generatedBy, Instant generatedAt) {
    }

    private static final String VERSION_COLUMNS = "id, engagement_id, seq_number, kind, sha256, pdf_evidence_id, "
            + "docx_evidence_id, html_evidence_id, json_evidence_id, generated_by_id, generated_by, generated_at";
    private static final String SIGNATURE_COLUMNS = "id, version_id, version_number, sha256, officer_name, officer_title, "
            + "signed_by_id, signed_by, signed_at";

    private final JdbcClient jdbc;

    public ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int nextNumber(UUID orgId, UUID engagementId) {
        Integer max = jdbc.sql("SELECT MAX(seq_number) FROM report_version WHERE org_id = ? AND engagement_id = ?")
                .params(orgId, engagementId).query(Integer.class).optional().orElse(null);
        return max == null ? 1 : max + 1;
    }

    public void insertVersion(UUID orgId, VersionRow v) {
        jdbc.sql("INSERT INTO report_version (org_id, " + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orgId, v.id(), v.engagementId(), v.number(), v.kind(), v.sha256(), v.evidence().get("pdf"),
                        v.evidence().get("docx"), v.evidence().get("html"), v.evidence().get("json"), v.generatedById(),
                        v.generatedBy(), ts(v.generatedAt()))
                .update();
    }

    public Optional<VersionRow> version(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM report_version WHERE org_id = ? AND id = ?")
                .params(orgId, id).query(ReportRepository::versionRow).optional();
    }

    /** The engagement's versions, newest first. */
    public List<VersionRow> versions(UUID orgId, UUID engagementId) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM report_version WHERE org_id = ? AND engagement_id = ? "
                + "ORDER BY seq_number DESC").params(orgId, engagementId).query(ReportRepository::versionRow).list();
    }

    public void insertSignature(UUID orgId, UUID engagementId, AssertionSignature s) {
        jdbc.sql("INSERT INTO report_signature (org_id, engagement_id, " + SIGNATURE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orgId, engagementId, s.id(), s.versionId(), s.versionNumber(), s.sha256(), s.officerName(),
                        s.officerTitle(), s.signedById(), s.signedBy(), ts(s.signedAt()))
                .update();
    }

    /** The sign-offs of an engagement by version id. */
    public Map<UUID, AssertionSignature> signatures(UUID orgId, UUID engagementId) {
        Map<UUID, AssertionSignature> out = new LinkedHashMap<>();
        jdbc.sql("SELECT " + SIGNATURE_COLUMNS + " FROM report_signature WHERE org_id = ? AND engagement_id = ? "
                + "ORDER BY signed_at").params(orgId, engagementId).query(ReportRepository::signature).list()
                .forEach(s -> out.put(s.versionId(), s));
        return out;
    }

    public Optional<AssertionSignature> signature(UUID orgId, UUID versionId) {
        return jdbc.sql("SELECT " + SIGNATURE_COLUMNS + " FROM report_signature WHERE org_id = ? AND version_id = ?")
                .params(orgId, versionId).query(ReportRepository::signature).optional();
    }

    /** Locks the version row so that two sign-offs of the same version serialize. */
    public void lockVersion(UUID orgId, UUID versionId) {
        jdbc.sql("SELECT id FROM report_version WHERE org_id = ? AND id = ? FOR UPDATE").params(orgId, versionId)
                .query(UUID.class).optional();
    }

    // ------------------------------------------------------------------------------- Section I

    public Optional<AuditorSection> auditorSection(UUID orgId, UUID engagementId) {
        return jdbc.sql("SELECT engagement_id, firm_id, firm_name, body_text, text_recorded_by, text_recorded_at, "
                + "pdf_filename, pdf_sha256, pdf_size, pdf_recorded_by, pdf_recorded_at, version "
                + "FROM report_auditor_section WHERE org_id = ? AND engagement_id = ?")
                .params(orgId, engagementId)
                .query((rs, n) -> new AuditorSection(rs.getObject("engagement_id", UUID.class),
                        rs.getObject("firm_id", UUID.class), rs.getString("firm_name"), rs.getString("body_text"),
                        rs.getString("text_recorded_by"), instant(rs, "text_recorded_at"), rs.getString("pdf_filename"),
                        rs.getString("pdf_sha256"), rs.getObject("pdf_size") == null ? null : rs.getLong("pdf_size"),
                        rs.getString("pdf_recorded_by"), instant(rs, "pdf_recorded_at"), rs.getLong("version")))
                .optional();
    }

    public void insertAuditorSection(UUID orgId, AuditorSection a, UUID changedById) {
        jdbc.sql("INSERT INTO report_auditor_section (org_id, engagement_id, firm_id, firm_name, body_text, "
                + "text_recorded_by, text_recorded_at, pdf_filename, pdf_sha256, pdf_size, pdf_recorded_by, "
                + "pdf_recorded_at, changed_by_id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orgId, a.engagementId(), a.firmId(), a.firmName(), a.text(), a.textRecordedBy(),
                        ts(a.textRecordedAt()), a.pdfFilename(), a.pdfSha256(), a.pdfSize(), a.pdfRecordedBy(),
                        ts(a.pdfRecordedAt()), changedById, a.version())
                .update();
    }

    /** Replaces Section I if {@code version} is still current; false otherwise. */
    public boolean updateAuditorSection(UUID orgId, AuditorSection a, UUID changedById, long version) {
        return jdbc.sql("UPDATE report_auditor_section SET firm_id = ?, firm_name = ?, body_text = ?, text_recorded_by = ?, "
                + "text_recorded_at = ?, pdf_filename = ?, pdf_sha256 = ?, pdf_size = ?, pdf_recorded_by = ?, "
                + "pdf_recorded_at = ?, changed_by_id = ?, version = ? WHERE org_id = ? AND engagement_id = ? AND version = ?")
                .params(a.firmId(), a.firmName(), a.text(), a.textRecordedBy(), ts(a.textRecordedAt()), a.pdfFilename(),
                        a.pdfSha256(), a.pdfSize(), a.pdfRecordedBy(), ts(a.pdfRecordedAt()), changedById, version + 1,
                        orgId, a.engagementId(), version)
                .update() == 1;
    }

    // ------------------------------------------------------------------------------- mapping

    private static VersionRow versionRow(ResultSet rs, int n) throws SQLException {
        Map<String, UUID> evidence = new LinkedHashMap<>();
        evidence.put("pdf", rs.getObject("pdf_evidence_id", UUID.class));
        evidence.put("docx", rs.getObject("docx_evidence_id", UUID.class));
        evidence.put("html", rs.getObject("html_evidence_id", UUID.class));
        evidence.put("json", rs.getObject("json_evidence_id", UUID.class));
        return new VersionRow(rs.getObject("id", UUID.class), rs.getObject("engagement_id", UUID.class),
                rs.getInt("seq_number"), rs.getString("kind"), rs.getString("sha256"), evidence,
                rs.getObject("generated_by_id", UUID.class), rs.getString("generated_by"), instant(rs, "generated_at"));
    }

    private static AssertionSignature signature(ResultSet rs, int n) throws SQLException {
        return new AssertionSignature(rs.getObject("id", UUID.class), rs.getObject("version_id", UUID.class),
                rs.getInt("version_number"), rs.getString("sha256"), rs.getString("officer_name"),
                rs.getString("officer_title"), rs.getObject("signed_by_id", UUID.class), rs.getString("signed_by"),
                instant(rs, "signed_at"));
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
