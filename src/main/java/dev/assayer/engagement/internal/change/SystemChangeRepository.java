package dev.assayer.engagement.internal.change;

import dev.assayer.engagement.RecordedSystemChange;
import dev.assayer.engagement.SystemChangeDraft;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for recorded system changes and the decisions on detected ones; every statement names the organization. */
@Repository
public class SystemChangeRepository {

    /** A decision on a detected fact. */
    public record Decision(String key, String decision, UUID changeId, String decidedBy, Instant decidedAt) {
    }

    private static final String COLUMNS = "id, engagement_id, changed_on, area, description, significant, source, "
            + "source_ref, supersedes, superseded_by, recorded_by_id, recorded_by, recorded_at, withdrawn_by, "
            + "withdrawn_at, withdrawn_reason, version";

    private final JdbcClient jdbc;

    public SystemChangeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID orgId, UUID engagementId, UUID id, SystemChangeDraft d, String detectionKey,
            UUID supersedes, UUID byId, String by, Instant now) {
        jdbc.sql("INSERT INTO system_change (org_id, id, engagement_id, changed_on, area, description, significant, "
                        + "source, source_ref, detection_key, supersedes, recorded_by_id, recorded_by, recorded_at, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(orgId, id, engagementId, d.changedOn(), d.area(), d.description(), d.significant(), d.source(),
                        d.sourceRef(), detectionKey, supersedes, byId, by, ts(now))
                .update();
    }

    /** All changes of the engagement, history included, oldest first (by day, then when recorded). */
    public List<RecordedSystemChange> list(UUID orgId, UUID engagementId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM system_change WHERE org_id = ? AND engagement_id = ? "
                        + "ORDER BY changed_on, recorded_at, id")
                .params(orgId, engagementId).query(SystemChangeRepository::map).list();
    }

    public Optional<RecordedSystemChange> find(UUID orgId, UUID engagementId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM system_change WHERE org_id = ? AND engagement_id = ? AND id = ?")
                .params(orgId, engagementId, id).query(SystemChangeRepository::map).optional();
    }

    public boolean supersede(UUID orgId, UUID id, long version, UUID by) {
        return jdbc.sql("UPDATE system_change SET superseded_by = ?, version = version + 1 WHERE org_id = ? AND id = ? "
                        + "AND version = ? AND superseded_by IS NULL AND withdrawn_at IS NULL")
                .params(by, orgId, id, version).update() == 1;
    }

    public boolean withdraw(UUID orgId, UUID id, long version, String by, String reason, Instant now) {
        return jdbc.sql("UPDATE system_change SET withdrawn_by = ?, withdrawn_at = ?, withdrawn_reason = ?, "
                        + "version = version + 1 WHERE org_id = ? AND id = ? AND version = ? AND superseded_by IS NULL "
                        + "AND withdrawn_at IS NULL")
                .params(by, ts(now), reason, orgId, id, version).update() == 1;
    }

    public List<Decision> decisions(UUID orgId, UUID engagementId) {
        return jdbc.sql("SELECT detection_key, decision, change_id, decided_by, decided_at FROM system_change_decision "
                        + "WHERE org_id = ? AND engagement_id = ?")
                .params(orgId, engagementId)
                .query((rs, n) -> new Decision(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** False when the detected fact was already decided. */
    public boolean decide(UUID orgId, UUID engagementId, String key, String decision, UUID changeId, UUID byId,
            String by, Instant now) {
        Integer n = jdbc.sql("SELECT COUNT(*) FROM system_change_decision WHERE org_id = ? AND engagement_id = ? "
                + "AND detection_key = ?").params(orgId, engagementId, key).query(Integer.class).single();
        if (n > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO system_change_decision (org_id, engagement_id, detection_key, decision, change_id, "
                        + "decided_by_id, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orgId, engagementId, key, decision, changeId, byId, by, ts(now)).update();
        return true;
    }

    private static RecordedSystemChange map(ResultSet rs, int n) throws SQLException {
        OffsetDateTime withdrawnAt = rs.getObject("withdrawn_at", OffsetDateTime.class);
        return new RecordedSystemChange(rs.getObject("id", UUID.class), rs.getObject("engagement_id", UUID.class),
                rs.getObject("changed_on", java.time.LocalDate.class), rs.getString("area"), rs.getString("description"),
                rs.getBoolean("significant"), rs.getString("source"), rs.getString("source_ref"),
                rs.getObject("supersedes", UUID.class), rs.getObject("superseded_by", UUID.class),
                rs.getObject("recorded_by_id", UUID.class), rs.getString("recorded_by"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("withdrawn_by"),
                withdrawnAt == null ? null : withdrawnAt.toInstant(), rs.getString("withdrawn_reason"),
                rs.getLong("version"));
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
