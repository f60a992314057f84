package dev.assayer.monitoring.internal.collect;

import dev.assayer.monitoring.CollectorKind;
import dev.assayer.monitoring.CollectorRun;
import dev.assayer.monitoring.CollectorRunDocument;
import dev.assayer.monitoring.CollectorRunStatus;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for collectors, their sealed secrets and their runs. Every statement names the organization,
 * except {@link #enabled()}, the scheduler's list of (organization, collector) pairs to look at.
 */
@Repository
public class CollectorRepository {

    /** A collector row as stored. */
    public record CollectorRow(UUID id, UUID orgId, CollectorKind kind, String name, Map<String, String> settings,
            int intervalHours, boolean enabled, UUID runAs, long version, Instant createdAt, Instant updatedAt) {
    }

    /** A sealed secret row: the sealed text never leaves the module. */
    public record SecretRow(String field, String sealed, Instant setAt, String setBy) {
        @Override
        public String toString() {
            return "SecretRow[" + field + ", set " + setAt + " by " + setBy + "]";
        }
    }

    /** What the scheduler needs to decide whether a collector is due. */
    public record DueRow(UUID orgId, UUID id, int intervalHours, Instant lastStartedAt, Instant createdAt) {
    }

    private static final TypeReference<LinkedHashMap<String, String>> SETTINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<CollectorRunDocument>> DOCUMENTS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, org_id, kind, name, settings_json, interval_hours, enabled, run_as, "
            + "version, created_at, updated_at";
    private static final String RUN_COLUMNS = "id, collector_id, run_trigger, started_by, started_at, finished_at, status, "
            + "document_count, resource_count, error_message, documents_json";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public CollectorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID orgId, UUID id, CollectorKind kind, String name, Map<String, String> settings,
            int intervalHours, boolean enabled, UUID runAs, Instant now) {
        jdbc.sql("INSERT INTO collector (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
                .params(id, orgId, kind.name(), name, json.writeValueAsString(settings), intervalHours, enabled, runAs,
                        ts(now), ts(now))
                .update();
    }

    public boolean update(UUID orgId, UUID id, long version, String name, Map<String, String> settings,
            int intervalHours, boolean enabled, UUID runAs, Instant now) {
        return jdbc.sql("""
                UPDATE collector SET name = ?, settings_json = ?, interval_hours = ?, enabled = ?, run_as = ?,
                    version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND version = ?""")
                .params(name, json.writeValueAsString(settings), intervalHours, enabled, runAs, ts(now), id, orgId,
                        version)
                .update() == 1;
    }

    public Optional<CollectorRow> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM collector WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(this::map).optional();
    }

    public List<CollectorRow> list(UUID orgId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM collector WHERE org_id = ? ORDER BY name").param(orgId)
                .query(this::map).list();
    }

    public boolean nameTaken(UUID orgId, String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM collector WHERE org_id = ? AND name = ? AND id <> ?")
                .params(orgId, name, except).query(Long.class).single() > 0;
    }

    // ---- secrets ------------------------------------------------------------------------------

    public Map<String, SecretRow> secrets(UUID orgId, UUID collectorId) {
        Map<String, SecretRow> out = new LinkedHashMap<>();
        jdbc.sql("SELECT field, sealed, set_at, set_by FROM collector_secret WHERE org_id = ? AND collector_id = ? "
                        + "ORDER BY field")
                .params(orgId, collectorId)
                .query((rs, n) -> new SecretRow(rs.getString("field"), rs.getString("sealed"), instant(rs, "set_at"),
                        rs.getString("set_by")))
                .list().forEach(r -> out.put(r.field(), r));
        return out;
    }

    public void putSecret(UUID orgId, UUID collectorId, String field, String sealed, Instant now, String by) {
        int changed = jdbc.sql("UPDATE collector_secret SET sealed = ?, set_at = ?, set_by = ? "
                        + "WHERE org_id = ? AND collector_id = ? AND field = ?")
                .params(sealed, ts(now), by, orgId, collectorId, field).update();
        if (changed == 0) {
            jdbc.sql("INSERT INTO collector_secret (collector_id, org_id, field, sealed, set_at, set_by) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(collectorId, orgId, field, sealed, ts(now), by).update();
        }
    }

    public void removeSecret(UUID orgId, UUID collectorId, String field) {
        jdbc.sql("DELETE FROM collector_secret WHERE org_id = ? AND collector_id = ? AND field = ?")
                .params(orgId, collectorId, field).update();
    }

    // ---- leases and runs ------------------------------------------------------------------------

    /** Takes the collector for one collection; false when another one holds an unexpired lease. */
    public boolean claim(UUID orgId, UUID id, Instant now, Instant until) {
        return jdbc.sql("UPDATE collector SET lease_until = ? WHERE org_id = ? AND id = ? "
                        + "AND (lease_until IS NULL OR lease_until < ?)")
                .params(ts(until), orgId, id, ts(now)).update() == 1;
    }

    public void release(UUID orgId, UUID id) {
        jdbc.sql("UPDATE collector SET lease_until = NULL WHERE org_id = ? AND id = ?").params(orgId, id).update();
    }

    public void insertRun(UUID orgId, UUID collectorId, UUID runId, String trigger, String startedBy, Instant at) {
        jdbc.sql("INSERT INTO collector_run (" + RUN_COLUMNS + ", org_id) VALUES (?, ?, ?, ?, ?, NULL, 'RUNNING', 0, 0, "
                        + "NULL, '[]', ?)")
                .params(runId, collectorId, trigger, startedBy, ts(at), orgId).update();
    }

    public void finishRun(UUID orgId, UUID runId, Instant at, CollectorRunStatus status, List<CollectorRunDocument> docs,
            String error) {
        long resources = docs.stream().mapToLong(CollectorRunDocument::resources).sum();
        jdbc.sql("UPDATE collector_run SET finished_at = ?, status = ?, document_count = ?, resource_count = ?, "
                        + "error_message = ?, documents_json = ? WHERE org_id = ? AND id = ?")
                .params(ts(at), status.name(), docs.size(), resources, error == null ? null
                        : error.length() > 4000 ? error.substring(0, 3999) + "…" : error,
                        json.writeValueAsString(docs), orgId, runId)
                .update();
    }

    public Optional<CollectorRun> run(UUID orgId, UUID runId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM collector_run WHERE org_id = ? AND id = ?").params(orgId, runId)
                .query(this::mapRun).optional();
    }

    /** Newest first. */
    public List<CollectorRun> runs(UUID orgId, UUID collectorId, int limit) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM collector_run WHERE org_id = ? AND collector_id = ? "
                        + "ORDER BY started_at DESC, id LIMIT ?")
                .params(orgId, collectorId, limit).query(this::mapRun).list();
    }

    /** Every enabled collector of every organization with its last start: the scheduler decides which are due. */
    public List<DueRow> enabled() {
        return jdbc.sql("""
                SELECT c.org_id, c.id, c.interval_hours, c.created_at,
                    (SELECT MAX(r.started_at) FROM collector_run r WHERE r.org_id = c.org_id AND r.collector_id = c.id)
                        AS last_started
                FROM collector c WHERE c.enabled = TRUE ORDER BY c.org_id, c.name""")
                .query((rs, n) -> new DueRow(rs.getObject("org_id", UUID.class), rs.getObject("id", UUID.class),
                        rs.getInt("interval_hours"), instant(rs, "last_started"), instant(rs, "created_at")))
                .list();
    }

    private CollectorRow map(ResultSet rs, int n) throws SQLException {
        return new CollectorRow(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                CollectorKind.valueOf(rs.getString("kind")), rs.getString("name"),
                json.readValue(rs.getString("settings_json"), SETTINGS), rs.getInt("interval_hours"),
                rs.getBoolean("enabled"), rs.getObject("run_as", UUID.class), rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private CollectorRun mapRun(ResultSet rs, int n) throws SQLException {
        return new CollectorRun(rs.getObject("id", UUID.class), rs.getObject("collector_id", UUID.class),
                rs.getString("run_trigger"), rs.getString("started_by"), instant(rs, "started_at"),
                instant(rs, "finished_at"), CollectorRunStatus.valueOf(rs.getString("status")), rs.getLong("document_count"),
                rs.getLong("resource_count"), rs.getString("error_message"),
                json.readValue(rs.getString("documents_json"), DOCUMENTS));
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
