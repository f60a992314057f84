package dev.assayer.engagement.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Audit firm access grants. Client-side queries name the client organization; firm-side ones the firm. */
@Repository
public class GrantRepository {

    /** A grant row; names of organizations are resolved by the service. */
    public record GrantRow(UUID id, UUID orgId, UUID engagementId, UUID firmId, LocalDate accessUntil, String grantedBy,
            Instant grantedAt, String revokedBy, Instant revokedAt, String note) {
    }

    private final JdbcClient jdbc;

    public GrantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(GrantRow g) {
        jdbc.sql("""
                INSERT INTO engagement_grant (id, org_id, engagement_id, firm_id, access_until, granted_by, granted_at, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(g.id(), g.orgId(), g.engagementId(), g.firmId(), g.accessUntil(), g.grantedBy(),
                        OffsetDateTime.ofInstant(g.grantedAt(), ZoneOffset.UTC), g.note())
                .update();
    }

    public int revoke(UUID orgId, UUID id, String by, Instant at) {
        return jdbc.sql("UPDATE engagement_grant SET revoked_by = ?, revoked_at = ? WHERE id = ? AND org_id = ? AND revoked_at IS NULL")
                .params(by, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), id, orgId).update();
    }

    public List<GrantRow> forEngagement(UUID orgId, UUID engagementId) {
        return jdbc.sql("SELECT * FROM engagement_grant WHERE org_id = ? AND engagement_id = ? ORDER BY granted_at DESC")
                .params(orgId, engagementId).query(GrantRepository::row).list();
    }

    public List<GrantRow> forFirm(UUID firmId) {
        return jdbc.sql("SELECT * FROM engagement_grant WHERE firm_id = ? ORDER BY granted_at DESC")
                .param(firmId).query(GrantRepository::row).list();
    }

    public Optional<GrantRow> find(UUID id) {
        return jdbc.sql("SELECT * FROM engagement_grant WHERE id = ?").param(id).query(GrantRepository::row).optional();
    }

    private static GrantRow row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime granted = rs.getObject("granted_at", OffsetDateTime.class);
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new GrantRow(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getObject("engagement_id", UUID.class), rs.getObject("firm_id", UUID.class),
                rs.getObject("access_until", LocalDate.class), rs.getString("granted_by"), granted.toInstant(),
                rs.getString("revoked_by"), revoked == null ? null : revoked.toInstant(), rs.getString("note"));
    }
}
