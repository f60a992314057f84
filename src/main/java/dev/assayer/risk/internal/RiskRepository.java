package dev.assayer.risk.internal;

import dev.assayer.risk.Risk;
import dev.assayer.risk.RiskAssessment;
import dev.assayer.risk.RiskCategory;
import dev.assayer.risk.RiskDraft;
import dev.assayer.risk.Treatment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the risk register, its control links and the risk assessments. Every statement names
 * the organization. Risks come back with their control ids; the caller adds control refs and flags.
 */
@Repository
public class RiskRepository {

    private static final String COLUMNS = "id, org_id, ref, title, description, category, threat, vulnerability, "
            + "affected_assets, soc2_categories, owner_id, review_date, inherent_likelihood, inherent_impact, "
            + "residual_likelihood, residual_impact, treatment, acceptance_approver_id, acceptance_reason, "
            + "acceptance_expires, treatment_notes, starter_key, version, created_at, updated_at";
    private static final String ASSESSMENT_COLUMNS = "id, title, as_of, approved_by, approved_by_id, approved_at, "
            + "risk_count, snapshot_json, snapshot_sha256";

    /** A risk row before control refs and flags are added. */
    public record Row(UUID id, String ref, String title, String description, RiskCategory category, String threat,
            String vulnerability, String affectedAssets, List<String> soc2Categories, UUID ownerId,
            LocalDate reviewDate, int inherentLikelihood, int inherentImpact, int residualLikelihood,
            int residualImpact, Treatment treatment, UUID acceptanceApproverId, String acceptanceReason,
            LocalDate acceptanceExpires, String treatmentNotes, String starterKey, long version, Instant createdAt,
            Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    public RiskRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID orgId, UUID id, String ref, RiskDraft d, String starterKey, Instant now) {
        jdbc.sql("INSERT INTO risk (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, 0, ?, ?)")
                .params(id, orgId, ref, d.title(), d.description(), d.category().name(), d.threat(), d.vulnerability(),
                        d.affectedAssets(), String.join(",", d.soc2Categories()), d.ownerId(), d.reviewDate(),
                        d.inherentLikelihood(), d.inherentImpact(), d.residualLikelihood(), d.residualImpact(),
                        d.treatment().name(), d.acceptanceApproverId(), d.acceptanceReason(), d.acceptanceExpires(),
                        d.treatmentNotes(), starterKey, ts(now), ts(now))
                .update();
    }

    /** Replaces the risk if it is still at {@code version}; false when it was not. */
    public boolean update(UUID orgId, UUID id, long version, RiskDraft d, Instant now) {
        return jdbc.sql("""
                UPDATE risk SET title = ?, description = ?, category = ?, threat = ?, vulnerability = ?,
                    affected_assets = ?, soc2_categories = ?, owner_id = ?, review_date = ?, inherent_likelihood = ?,
                    inherent_impact = ?, residual_likelihood = ?, residual_impact = ?, treatment = ?,
                    acceptance_approver_id = ?, acceptance_reason = ?, acceptance_expires = ?, treatment_notes = ?,
                    version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND version = ?""")
                .params(d.title(), d.description(), d.category().name(), d.threat(), d.vulnerability(),
                        d.affectedAssets(), String.join(",", d.soc2Categories()), d.ownerId(), d.reviewDate(),
                        d.inherentLikelihood(), d.inherentImpact(), d.residualLikelihood(), d.residualImpact(),
                        d.treatment().name(), d.acceptanceApproverId(), d.acceptanceReason(), d.acceptanceExpires(),
                        d.treatmentNotes(), ts(now), id, orgId, version)
                .update() == 1;
    }

    public void replaceControls(UUID orgId, UUID riskId, List<UUID> controlIds) {
        jdbc.sql("DELETE FROM risk_control WHERE org_id = ? AND risk_id = ?").params(orgId, riskId).update();
        for (int i = 0; i < controlIds.size(); i++) {
            jdbc.sql("INSERT INTO risk_control (org_id, risk_id, control_id, position) VALUES (?, ?, ?, ?)")
                    .params(orgId, riskId, controlIds.get(i), i).update();
        }
    }

    public Optional<Row> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM risk WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(this::map).optional();
    }

    public Optional<Row> findByRef(UUID orgId, String ref) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM risk WHERE org_id = ? AND ref = ?").params(orgId, ref)
                .query(this::map).optional();
    }

    /** Ordered by ref. */
    public List<Row> list(UUID orgId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM risk WHERE org_id = ? ORDER BY ref").param(orgId)
                .query(this::map).list();
    }

    public List<String> refs(UUID orgId) {
        return jdbc.sql("SELECT ref FROM risk WHERE org_id = ?").param(orgId).query(String.class).list();
    }

    public Set<String> starterKeys(UUID orgId) {
        return jdbc.sql("SELECT starter_key FROM risk WHERE org_id = ? AND starter_key IS NOT NULL").param(orgId)
                .query(String.class).set();
    }

    /** risk id → linked control ids in link order; {@code riskId} null for all risks of the organization. */
    public Map<UUID, List<UUID>> controls(UUID orgId, UUID riskId) {
        String sql = "SELECT risk_id, control_id FROM risk_control WHERE org_id = ?"
                + (riskId == null ? "" : " AND risk_id = ?") + " ORDER BY risk_id, position";
        var spec = jdbc.sql(sql).param(orgId);
        if (riskId != null) {
            spec = spec.param(riskId);
        }
        Map<UUID, List<UUID>> out = new HashMap<>();
        spec.query((rs, n) -> Map.entry(rs.getObject("risk_id", UUID.class), rs.getObject("control_id", UUID.class)))
                .list().forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    // ------------------------------------------------------------------------------ assessments

    public void insertAssessment(UUID orgId, RiskAssessment a) {
        jdbc.sql("INSERT INTO risk_assessment (org_id, " + ASSESSMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orgId, a.id(), a.title(), a.asOf(), a.approvedBy(), a.approvedById(), ts(a.approvedAt()),
                        a.riskCount(), a.snapshot(), a.sha256())
                .update();
    }

    /** Newest first. */
    public List<RiskAssessment> assessments(UUID orgId) {
        return jdbc.sql("SELECT " + ASSESSMENT_COLUMNS + " FROM risk_assessment WHERE org_id = ? "
                        + "ORDER BY as_of DESC, approved_at DESC").param(orgId)
                .query(RiskRepository::mapAssessment).list();
    }

    public Optional<RiskAssessment> assessment(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + ASSESSMENT_COLUMNS + " FROM risk_assessment WHERE org_id = ? AND id = ?")
                .params(orgId, id).query(RiskRepository::mapAssessment).optional();
    }

    public Optional<RiskAssessment> latestAssessment(UUID orgId) {
        return jdbc.sql("SELECT " + ASSESSMENT_COLUMNS + " FROM risk_assessment WHERE org_id = ? "
                        + "ORDER BY as_of DESC, approved_at DESC LIMIT 1").param(orgId)
                .query(RiskRepository::mapAssessment).optional();
    }

    private static RiskAssessment mapAssessment(ResultSet rs, int n) throws SQLException {
        return new RiskAssessment(rs.getObject("id", UUID.class), rs.getString("title"),
                rs.getObject("as_of", LocalDate.class), rs.getString("approved_by"),
                rs.getObject("approved_by_id", UUID.class), instant(rs, "approved_at"), rs.getInt("risk_count"),
                rs.getString("snapshot_json"), rs.getString("snapshot_sha256"));
    }

    private Row map(ResultSet rs, int n) throws SQLException {
        String cats = rs.getString("soc2_categories");
        List<String> categories = cats == null || cats.isBlank() ? List.of() : Arrays.stream(cats.split(","))
                .collect(Collectors.toUnmodifiableList());
        return new Row(rs.getObject("id", UUID.class), rs.getString("ref"), rs.getString("title"),
                rs.getString("description"), RiskCategory.valueOf(rs.getString("category")), rs.getString("threat"),
                rs.getString("vulnerability"), rs.getString("affected_assets"), categories,
                rs.getObject("owner_id", UUID.class), rs.getObject("review_date", LocalDate.class),
                rs.getInt("inherent_likelihood"), rs.getInt("inherent_impact"), rs.getInt("residual_likelihood"),
                rs.getInt("residual_impact"), Treatment.valueOf(rs.getString("treatment")),
                rs.getObject("acceptance_approver_id", UUID.class), rs.getString("acceptance_reason"),
                rs.getObject("acceptance_expires", LocalDate.class), rs.getString("treatment_notes"),
                rs.getString("starter_key"), rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, OffsetDateTime.class).toInstant();
    }
}
