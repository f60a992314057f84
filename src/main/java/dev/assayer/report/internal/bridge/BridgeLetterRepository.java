package dev.assayer.report.internal.bridge;

import dev.assayer.report.BridgeLetter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** bridge_letter rows: inserted once per version, updated once when signed (only while unsigned). Every statement has org_id. */
@Repository
public class BridgeLetterRepository {

    private static final String COLUMNS = "id, engagement_id, seq_number, period_end, covers_to, sha256, pdf_evidence_id, "
            + "docx_evidence_id, json_evidence_id, changes_count, incidents_count, findings_count, generated_by_id, generated_by, generated_at, "
            + "officer_name, officer_title, signed_by_id, signed_by, signed_at, signed_sha256, signed_pdf_evidence_id, "
            + "signed_docx_evidence_id";

    private final JdbcClient jdbc;

    public BridgeLetterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int nextNumber(UUID orgId, UUID engagementId) {
        Integer max = jdbc.sql("SELECT MAX(seq_number) FROM bridge_letter WHERE org_id = ? AND engagement_id = ?")
                .params(orgId, engagementId).query(Integer.class).optional().orElse(null);
        return max == null ? 1 : max + 1;
    }

    public void insert(UUID orgId, BridgeLetter b, UUID generatedById) {
        jdbc.sql("INSERT INTO bridge_letter (org_id, id, engagement_id, seq_number, period_end, covers_to, sha256, "
                + "pdf_evidence_id, docx_evidence_id, json_evidence_id, changes_count, incidents_count, findings_count, "
                + "generated_by_id, generated_by, generated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orgId, b.id(), b.engagementId(), b.number(), b.periodEnd(), b.coversTo(), b.sha256(),
                        b.evidence().get("pdf"), b.evidence().get("docx"), b.evidence().get("json"), b.changes(), b.incidents(), b.openFindings(),
                        generatedById, b.generatedBy(), ts(b.generatedAt()))
                .update();
    }

    /** Records the signature unless the letter is signed already; false then. */
    public boolean sign(UUID orgId, UUID id, BridgeLetter.Signature s) {
        return jdbc.sql("UPDATE bridge_letter SET officer_name = ?, officer_title = ?, signed_by_id = ?, signed_by = ?, "
                + "signed_at = ?, signed_sha256 = ?, signed_pdf_evidence_id = ?, signed_docx_evidence_id = ? "
                + "WHERE org_id = ? AND id = ? AND signed_at IS NULL")
                .params(s.officerName(), s.officerTitle(), s.signedById(), s.signedBy(), ts(s.signedAt()), s.signedSha256(),
                        s.evidence().get("pdf"), s.evidence().get("docx"), orgId, id)
                .update() == 1;
    }

    public void lock(UUID orgId, UUID id) {
        jdbc.sql("SELECT id FROM bridge_letter WHERE org_id = ? AND id = ? FOR UPDATE").params(orgId, id)
                .query(UUID.class).optional();
    }

    public Optional<BridgeLetter> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bridge_letter WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(BridgeLetterRepository::row).optional();
    }

    /** Newest first. */
    public List<BridgeLetter> list(UUID orgId, UUID engagementId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bridge_letter WHERE org_id = ? AND engagement_id = ? "
                + "ORDER BY seq_number DESC").params(orgId, engagementId).query(BridgeLetterRepository::row).list();
    }

    private static BridgeLetter row(ResultSet rs, int n) throws SQLException {
        Map<String, UUID> evidence = new LinkedHashMap<>();
        evidence.put("pdf", rs.getObject("pdf_evidence_id", UUID.class));
        evidence.put("docx", rs.getObject("docx_evidence_id", UUID.class));
        evidence.put("json", rs.getObject("json_evidence_id", UUID.class));
        BridgeLetter.Signature s = null;
        Instant signedAt = instant(rs, "signed_at");
        if (signedAt != null) {
            Map<String, UUID> signedEvidence = new LinkedHashMap<>();
            signedEvidence.put("pdf", rs.getObject("signed_pdf_evidence_id", UUID.class));
            signedEvidence.put("docx", rs.getObject("signed_docx_evidence_id", UUID.class));
            s = new BridgeLetter.Signature(rs.getString("officer_name"), rs.getString("officer_title"),
                    rs.getObject("signed_by_id", UUID.class), rs.getString("signed_by"), signedAt, rs.getString("sha256"),
                    rs.getString("signed_sha256"), signedEvidence);
        }
        return new BridgeLetter(rs.getObject("id", UUID.class), rs.getObject("engagement_id", UUID.class),
                rs.getInt("seq_number"), rs.getObject("period_end", LocalDate.class),
                rs.getObject("covers_to", LocalDate.class), rs.getString("sha256"), evidence, rs.getInt("changes_count"),
                rs.getInt("incidents_count"), rs.getInt("findings_count"), rs.getString("generated_by"),
                instant(rs, "generated_at"), s);
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
