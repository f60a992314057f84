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
 * SQL for collectors, their sealed secrets and their collection jobs. Every statement names the
 * organization, except {@link #enabled()}, the scheduler's list of (organization, collector) pairs to
 * look at, and {@link #allActive()}, the start-up recovery's list of interrupted jobs.
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

    /** A job still QUEUED or RUNNING, of any organization (for the start-up recovery). */
    public record ActiveJob(UUID orgId, UUID collectorId, UUID id) {
    }

    private static final TypeReference<LinkedHashMap<String, String>> SETTINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<CollectorRunDocument>> DOCUMENTS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, org_id, kind, name, settings_json, interval_hours, enabled, run_as, "
            + "version, created_at, updated_at";
    private static final String RUN_COLUMNS = "id, collector_id, run_trigger, started_by, queued_at, started_at, "
            + "finished_at, status, pages_fetched, items_fetched, phase, document_count, resource_count, error_message, "
            + "documents_json";

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

    // ---- leases and jobs ------------------------------------------------------------------------

    /**
     * Takes the collector for job {@code runId}; false when another job holds an unexpired lease. A lease
     * that expired (its job stopped renewing it) is taken over.
     */
    public boolean claim(UUID orgId, UUID id, UUID runId, Instant now, Instant until) {
        return jdbc.sql("UPDATE collector SET lease_until = ?, lease_run = ? WHERE org_id = ? AND id = ? "
                        + "AND (lease_until IS NULL OR lease_until < ?)")
                .params(ts(until), runId, orgId, id, ts(now)).update() == 1;
    }

    /** Extends the lease while job {@code runId} still holds it; false when it lost it. */
    public boolean renew(UUID orgId, UUID id, UUID runId, Instant until) {
        return jdbc.sql("UPDATE collector SET lease_until = ? WHERE org_id = ? AND id = ? AND lease_run = ?")
                .params(ts(until), orgId, id, runId).update() == 1;
    }

    /** Releases the lease if job {@code runId} holds it. */
    public void release(UUID orgId, UUID id, UUID runId) {
        jdbc.sql("UPDATE collector SET lease_until = NULL, lease_run = NULL WHERE org_id = ? AND id = ? AND lease_run = ?")
                .params(orgId, id, runId).update();
    }

    /** The collector's jobs still QUEUED or RUNNING, newest first. */
    public List<CollectorRun> activeRuns(UUID orgId, UUID collectorId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM collector_run WHERE org_id = ? AND collector_id = ? "
                        + "AND status IN ('QUEUED', 'RUNNING') ORDER BY queued_at DESC, id")
                .params(orgId, collectorId).query(this::mapRun).list();
    }

    public void insertRun(UUID orgId, UUID collectorId, UUID runId, String trigger, String startedBy, Instant at) {
        jdbc.sql("INSERT INTO collector_run (id, collector_id, run_trigger, started_by, queued_at, started_at, finished_at, "
                        + "status, pages_fetched, items_fetched, phase, document_count, resource_count, error_message, "
                        + "documents_json, heartbeat_at, org_id) VALUES (?, ?, ?, ?, ?, NULL, NULL, 'QUEUED', 0, 0, "
                        + "'Waiting for a worker', 0, 0, NULL, '[]', ?, ?)")
                .params(runId, collectorId, trigger, startedBy, ts(at), ts(at), orgId).update();
    }

    /** QUEUED → RUNNING; false when the job is no longer queued (failed meanwhile). */
    public boolean markRunning(UUID orgId, UUID runId, Instant at) {
        return jdbc.sql("UPDATE collector_run SET status = 'RUNNING', started_at = ?, heartbeat_at = ?, phase = ? "
                        + "WHERE org_id = ? AND id = ? AND status = 'QUEUED'")
                .params(ts(at), ts(at), "Starting", orgId, runId).update() == 1;
    }

    /** Progress of a running job; false when it is no longer RUNNING. */
    public boolean progress(UUID orgId, UUID runId, long pages, long items, String phase, Instant at) {
        return jdbc.sql("UPDATE collector_run SET pages_fetched = ?, items_fetched = ?, phase = ?, heartbeat_at = ? "
                        + "WHERE org_id = ? AND id = ? AND status = 'RUNNING'")
                .params(pages, items, clip(phase, 400), ts(at), orgId, runId).update() == 1;
    }

    /** Ends an active job; false when it had already ended (another path failed it first). */
    public boolean finishRun(UUID orgId, UUID runId, Instant at, CollectorRunStatus status,
            List<CollectorRunDocument> docs, String error, long pages, long items) {
        long resources = docs.stream().mapToLong(CollectorRunDocument::resources).sum();
        return jdbc.sql("UPDATE collector_run SET finished_at = ?, status = ?, document_count = ?, resource_count = ?, "
                        + "error_message = ?, documents_json = ?, pages_fetched = ?, items_fetched = ?, phase = NULL, "
                        + "heartbeat_at = ? WHERE org_id = ? AND id = ? AND status IN ('QUEUED', 'RUNNING')")
                .params(ts(at), status.name(), docs.size(), resources, clip(error, 4000), json.writeValueAsString(docs),
                        pages, items, ts(at), orgId, runId)
                .update() == 1;
    }

    /** Every job of every organization still QUEUED or RUNNING (only the start-up recovery asks). */
    public List<ActiveJob> allActive() {
        return jdbc.sql("SELECT org_id, collector_id, id FROM collector_run WHERE status IN ('QUEUED', 'RUNNING') "
                        + "ORDER BY queued_at")
                .query((rs, n) -> new ActiveJob(rs.getObject("org_id", UUID.class),
                        rs.getObject("collector_id", UUID.class), rs.getObject("id", UUID.class)))
                .list();
    }

    public Optional<CollectorRun> run(UUID orgId, UUID runId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM collector_run WHERE org_id = ? AND id = ?").params(orgId, runId)
                .query(this::mapRun).optional();
    }

    /** Newest first. */
    public List<CollectorRun> runs(UUID orgId, UUID collectorId, int limit) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM collector_run WHERE org_id = ? AND collector_id = ? "
                        + "ORDER BY queued_at DESC, id LIMIT ?")
                .params(orgId, collectorId, limit).query(this::mapRun).list();
    }

    /** Every enabled collector of every organization with its last start: the scheduler decides which are due. */
    public List<DueRow> enabled() {
        return jdbc.sql("""
                SELECT c.org_id, c.id, c.interval_hours, c.created_at,
                    (SELECT MAX(r.queued_at) FROM collector_run r WHERE r.org_id = c.org_id AND r.collector_id = c.id)
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
                rs.getString("run_trigger"), rs.getString("started_by"), instant(rs, "queued_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), CollectorRunStatus.valueOf(rs.getString("status")), rs.getLong("pages_fetched"),
                rs.getLong("items_fetched"), rs.getString("phase"), rs.getLong("document_count"),
                rs.getLong("resource_count"), rs.getString("error_message"),
                json.readValue(rs.getString("documents_json"), DOCUMENTS));
    }

    private static String clip(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
