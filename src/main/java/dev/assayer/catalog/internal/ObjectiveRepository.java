package dev.assayer.catalog.internal;

import dev.assayer.catalog.ControlObjective;
import dev.assayer.catalog.ObjectiveDraft;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code control_objective}. Every statement is scoped by {@code org_id}. */
@Repository
public class ObjectiveRepository {

    private final JdbcClient jdbc;

    ObjectiveRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ControlObjective> list(UUID orgId) {
        return jdbc.sql("SELECT * FROM control_objective WHERE org_id = ?").param(orgId)
                .query(ObjectiveRepository::map).list();
    }

    public Optional<ControlObjective> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT * FROM control_objective WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(ObjectiveRepository::map).optional();
    }

    public Optional<ControlObjective> findByRef(UUID orgId, String ref) {
        return jdbc.sql("SELECT * FROM control_objective WHERE org_id = ? AND ref = ?").params(orgId, ref)
                .query(ObjectiveRepository::map).optional();
    }

    public List<String> refs(UUID orgId) {
        return jdbc.sql("SELECT ref FROM control_objective WHERE org_id = ?").param(orgId).query(String.class).list();
    }

    public ControlObjective insert(UUID orgId, ObjectiveDraft d, boolean fromStarter) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO control_objective (id, org_id, ref, category, series, title, description, from_starter,
                    version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                .params(id, orgId, d.ref(), d.category(), d.series(), d.title(), d.description(), fromStarter, now, now)
                .update();
        return new ControlObjective(id, d.ref(), d.category(), d.series(), d.title(), d.description(), fromStarter, 0);
    }

    /** @return the number of rows changed: 0 when the version is stale */
    public int update(UUID orgId, UUID id, ObjectiveDraft d, long version) {
        return jdbc.sql("""
                UPDATE control_objective SET ref = ?, category = ?, series = ?, title = ?, description = ?,
                    version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND version = ?""")
                .params(d.ref(), d.category(), d.series(), d.title(), d.description(),
                        OffsetDateTime.now(ZoneOffset.UTC), id, orgId, version)
                .update();
    }

    private static ControlObjective map(ResultSet rs, int n) throws SQLException {
        return new ControlObjective(rs.getObject("id", UUID.class), rs.getString("ref"), rs.getString("category"),
                rs.getString("series"), rs.getString("title"), rs.getString("description"),
                rs.getBoolean("from_starter"), rs.getLong("version"));
    }
}
