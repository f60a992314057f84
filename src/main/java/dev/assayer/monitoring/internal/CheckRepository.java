package dev.assayer.monitoring.internal;

import dev.assayer.monitoring.Exclusion;
import dev.assayer.monitoring.ExclusionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the organization's own check files (versioned), per-check switches and exclusions. */
@Repository
public class CheckRepository {

    /** One stored version of a check file. */
    public record FileRow(UUID id, long version, String filename, String yaml, boolean deleted, String savedBy,
            Instant savedAt) {
    }

    private final JdbcClient jdbc;

    public CheckRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------------------ check files

    public void insertFile(UUID orgId, UUID id, long version, String filename, String yaml, boolean deleted, UUID by,
            String byLabel, Instant now) {
        jdbc.sql("""
                INSERT INTO monitoring_check_file (id, org_id, version, filename, yaml, deleted, saved_by, saved_by_label,
                    saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, orgId, version, filename, yaml, deleted, by, byLabel, MonitoringRepository.ts(now)).update();
    }

    /** The newest version of every file of the organization that is not deleted, by filename. */
    public List<FileRow> currentFiles(UUID orgId) {
        return jdbc.sql("""
                SELECT f.* FROM monitoring_check_file f WHERE f.org_id = ? AND f.deleted = FALSE AND f.version = (
                    SELECT MAX(g.version) FROM monitoring_check_file g WHERE g.org_id = f.org_id AND g.id = f.id)
                ORDER BY f.filename""").param(orgId).query(this::file).list();
    }

    /** The newest version of one file (deleted or not). */
    public Optional<FileRow> latestFile(UUID orgId, UUID id) {
        return jdbc.sql("SELECT * FROM monitoring_check_file WHERE org_id = ? AND id = ? ORDER BY version DESC LIMIT 1")
                .params(orgId, id).query(this::file).optional();
    }

    private FileRow file(ResultSet rs, int n) throws SQLException {
        return new FileRow(rs.getObject("id", UUID.class), rs.getLong("version"), rs.getString("filename"),
                rs.getString("yaml"), rs.getBoolean("deleted"), rs.getString("saved_by_label"),
                MonitoringRepository.instant(rs, "saved_at"));
    }

    // --------------------------------------------------------------------------------- switches

    /** Check id → enabled, for the checks whose switch was ever set (the rest are on). */
    public Map<String, Boolean> switches(UUID orgId) {
        Map<String, Boolean> out = new HashMap<>();
        jdbc.sql("SELECT check_id, enabled FROM monitoring_check_setting WHERE org_id = ?").param(orgId)
                .query(rs -> {
                    out.put(rs.getString("check_id"), rs.getBoolean("enabled"));
                });
        return out;
    }

    public void setSwitch(UUID orgId, String checkId, boolean enabled, UUID by, String byLabel, Instant now) {
        int n = jdbc.sql("UPDATE monitoring_check_setting SET enabled = ?, updated_by = ?, updated_by_label = ?, "
                        + "updated_at = ? WHERE org_id = ? AND check_id = ?")
                .params(enabled, by, byLabel, MonitoringRepository.ts(now), orgId, checkId).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO monitoring_check_setting (org_id, check_id, enabled, updated_by, updated_by_label, "
                            + "updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(orgId, checkId, enabled, by, byLabel, MonitoringRepository.ts(now)).update();
        }
    }

    // ------------------------------------------------------------------------------- exclusions

    public void insertExclusion(UUID orgId, UUID id, String checkId, String resourceId, String reason,
            LocalDate expiresOn, UUID by, String byLabel, Instant now) {
        jdbc.sql("""
                INSERT INTO monitoring_exclusion (id, org_id, check_id, resource_id, reason, expires_on, status,
                    requested_by, requested_by_label, requested_at, version)
                VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, 0)""")
                .params(id, orgId, checkId, resourceId, reason, expiresOn, by, byLabel, MonitoringRepository.ts(now))
                .update();
    }

    public boolean decide(UUID orgId, UUID id, long version, ExclusionStatus to, UUID by, String byLabel, String note,
            Instant now) {
        return jdbc.sql("""
                UPDATE monitoring_exclusion SET status = ?, decided_by = ?, decided_by_label = ?, decided_at = ?,
                    decision_note = ?, version = version + 1
                WHERE org_id = ? AND id = ? AND version = ? AND status = 'PENDING'""")
                .params(to.name(), by, byLabel, MonitoringRepository.ts(now), note, orgId, id, version).update() == 1;
    }

    public boolean revoke(UUID orgId, UUID id, long version, UUID by, String byLabel, String reason, Instant now) {
        return jdbc.sql("""
                UPDATE monitoring_exclusion SET status = 'REVOKED', revoked_by = ?, revoked_by_label = ?, revoked_at = ?,
                    revoke_reason = ?, version = version + 1
                WHERE org_id = ? AND id = ? AND version = ? AND status IN ('PENDING', 'APPROVED')""")
                .params(by, byLabel, MonitoringRepository.ts(now), reason, orgId, id, version).update() == 1;
    }

    public Optional<Exclusion> findExclusion(UUID orgId, UUID id, LocalDate today) {
        return jdbc.sql("SELECT * FROM monitoring_exclusion WHERE org_id = ? AND id = ?").params(orgId, id)
                .query((rs, n) -> exclusion(rs, today)).optional();
    }

    public List<Exclusion> exclusions(UUID orgId, LocalDate today) {
        return jdbc.sql("SELECT * FROM monitoring_exclusion WHERE org_id = ? ORDER BY requested_at DESC, id").param(orgId)
                .query((rs, n) -> exclusion(rs, today)).list();
    }

    /** Approved exclusions not expired on {@code day}. */
    public List<Exclusion> inForce(UUID orgId, LocalDate day) {
        return jdbc.sql("SELECT * FROM monitoring_exclusion WHERE org_id = ? AND status = 'APPROVED' AND expires_on >= ?")
                .params(orgId, day).query((rs, n) -> exclusion(rs, day)).list();
    }

    private static Exclusion exclusion(ResultSet rs, LocalDate today) throws SQLException {
        ExclusionStatus status = ExclusionStatus.valueOf(rs.getString("status"));
        LocalDate expires = rs.getObject("expires_on", LocalDate.class);
        if (status == ExclusionStatus.APPROVED && expires.isBefore(today)) {
            status = ExclusionStatus.EXPIRED;
        }
        return new Exclusion(rs.getObject("id", UUID.class), rs.getString("check_id"), rs.getString("resource_id"),
                rs.getString("reason"), expires, status, rs.getString("requested_by_label"),
                rs.getObject("requested_by", UUID.class), MonitoringRepository.instant(rs, "requested_at"),
                rs.getString("decided_by_label"), MonitoringRepository.instant(rs, "decided_at"),
                rs.getString("decision_note"), rs.getString("revoked_by_label"),
                MonitoringRepository.instant(rs, "revoked_at"), rs.getString("revoke_reason"), rs.getLong("version"));
    }
}
