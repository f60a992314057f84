package dev.assayer.monitoring.internal;

import dev.assayer.monitoring.CheckHistoryEntry;
import dev.assayer.monitoring.CheckRunStatus;
import dev.assayer.monitoring.ImportRecord;
import dev.assayer.monitoring.InventoryEntry;
import dev.assayer.monitoring.MonitoringAlert;
import dev.assayer.monitoring.MonitoringRun;
import dev.assayer.monitoring.RunCheck;
import dev.assayer.monitoring.RunInput;
import dev.assayer.monitoring.RunResult;
import dev.assayer.monitoring.RunTrigger;
import dev.assayer.monitoring.checks.Outcome;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.shared.Hashing;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for imports, resources, runs, results and alerts. Every statement names the organization.
 * Resources are written in batches and read back as a stream, never all at once.
 */
@Repository
public class MonitoringRepository {

    static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };
    static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };
    static final TypeReference<List<RunInput>> INPUTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    /** Integers read back as Long (the resource contract: never Integer). */
    final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

    public MonitoringRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public JsonMapper json() {
        return json;
    }

    /** SHA-256 (hex) of type + newline + id: the short key that finds a resource in any table. */
    public static String key(String type, String id) {
        return Hashing.hex(Hashing.sha256().digest((type + "\n" + id).getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------------------------ imports

    public void insertImport(UUID orgId, UUID id, String source, String filename, UUID by, String byLabel, Instant now) {
        jdbc.sql("""
                INSERT INTO monitoring_import (id, org_id, source, filename, status, is_current, rows_read, rows_stored,
                    resources, duplicates, imported_by, imported_by_label, started_at)
                VALUES (?, ?, ?, ?, 'READING', FALSE, 0, 0, 0, 0, ?, ?, ?)""")
                .params(id, orgId, source, filename, by, byLabel, ts(now)).update();
    }

    public void importProgress(UUID orgId, UUID id, String status, long rowsRead, long rowsStored, String format) {
        jdbc.sql("UPDATE monitoring_import SET status = ?, rows_read = ?, rows_stored = ?, format = COALESCE(?, format) "
                        + "WHERE org_id = ? AND id = ?")
                .params(status, rowsRead, rowsStored, format, orgId, id).update();
    }

    public void importFailed(UUID orgId, UUID id, String error, Instant now) {
        jdbc.sql("UPDATE monitoring_import SET status = 'FAILED', error = ?, finished_at = ? WHERE org_id = ? AND id = ?")
                .params(truncate(error, 4000), ts(now), orgId, id).update();
    }

    public void importDone(UUID orgId, UUID id, String format, String sha256, long size, UUID evidenceId, long rows,
            long resources, long duplicates, Map<String, Long> byType, Instant observedAt, Instant now) {
        jdbc.sql("""
                UPDATE monitoring_import SET status = 'DONE', is_current = TRUE, format = ?, sha256 = ?, size_bytes = ?,
                    evidence_id = ?, rows_read = ?, rows_stored = ?, resources = ?, duplicates = ?, by_type_json = ?,
                    observed_at = ?, finished_at = ?
                WHERE org_id = ? AND id = ?""")
                .params(format, sha256, size, evidenceId, rows, rows, resources, duplicates,
                        json.writeValueAsString(byType), ts(observedAt), ts(now), orgId, id)
                .update();
    }

    /** Retires the current import of {@code source} (its resources are deleted: the new one replaces them). */
    public void retireSource(UUID orgId, String source, UUID except) {
        List<UUID> old = jdbc.sql("SELECT id FROM monitoring_import WHERE org_id = ? AND source = ? AND is_current = TRUE "
                + "AND id <> ?").params(orgId, source, except).query(UUID.class).list();
        for (UUID id : old) {
            jdbc.sql("DELETE FROM monitoring_resource WHERE org_id = ? AND import_id = ?").params(orgId, id).update();
            jdbc.sql("UPDATE monitoring_import SET is_current = FALSE WHERE org_id = ? AND id = ?").params(orgId, id)
                    .update();
        }
    }

    public Optional<ImportRecord> findImport(UUID orgId, UUID id) {
        return jdbc.sql("SELECT * FROM monitoring_import WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(this::importRecord).optional();
    }

    public List<ImportRecord> imports(UUID orgId, int limit) {
        return jdbc.sql("SELECT * FROM monitoring_import WHERE org_id = ? ORDER BY started_at DESC, id LIMIT ?")
                .params(orgId, limit).query(this::importRecord).list();
    }

    public List<ImportRecord> currentImports(UUID orgId) {
        return jdbc.sql("SELECT * FROM monitoring_import WHERE org_id = ? AND is_current = TRUE ORDER BY source")
                .param(orgId).query(this::importRecord).list();
    }

    private ImportRecord importRecord(ResultSet rs, int n) throws SQLException {
        String byType = rs.getString("by_type_json");
        long size = rs.getLong("size_bytes");
        Long sizeOrNull = rs.wasNull() ? null : size;
        return new ImportRecord(rs.getObject("id", UUID.class), rs.getString("source"), rs.getString("filename"),
                rs.getString("format"), rs.getString("status"), rs.getLong("rows_read"), rs.getLong("rows_stored"),
                rs.getLong("resources"), rs.getLong("duplicates"), byType == null ? Map.of() : json.readValue(byType, COUNTS),
                rs.getString("sha256"), sizeOrNull, rs.getObject("evidence_id", UUID.class),
                rs.getString("error"), rs.getBoolean("is_current"), rs.getString("imported_by_label"),
                instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    // ---------------------------------------------------------------------------------- resources

    /** Writes one batch of an import's resources; {@code firstSeq} numbers them in file order. */
    public void insertResources(UUID orgId, UUID importId, long firstSeq, List<Resource> batch) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        long seq = firstSeq;
        for (Resource r : batch) {
            rows.add(new Object[] {orgId, importId, seq++, key(r.type(), r.id()), r.type(), r.id(),
                    truncate(r.source() == null ? "" : r.source(), 400), ts(r.observedAt()),
                    json.writeValueAsString(r.attributes() == null ? Map.of() : r.attributes())});
        }
        template.batchUpdate("""
                INSERT INTO monitoring_resource (org_id, import_id, seq, key_hash, resource_type, resource_id, source,
                    observed_at, attributes_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    /** Removes every row of the import that a later row with the same (type, id) repeats; returns how many. */
    public long removeDuplicates(UUID orgId, UUID importId) {
        return jdbc.sql("""
                DELETE FROM monitoring_resource r WHERE r.org_id = ? AND r.import_id = ? AND EXISTS (
                    SELECT 1 FROM monitoring_resource later WHERE later.import_id = r.import_id
                    AND later.key_hash = r.key_hash AND later.seq > r.seq)""")
                .params(orgId, importId).update();
    }

    public Map<String, Long> countByType(UUID orgId, UUID importId) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.sql("SELECT resource_type, COUNT(*) AS n FROM monitoring_resource WHERE org_id = ? AND import_id = ? "
                        + "GROUP BY resource_type ORDER BY resource_type")
                .params(orgId, importId).query(rs -> {
                    out.put(rs.getString("resource_type"), rs.getLong("n"));
                });
        return out;
    }

    /** The current inventory by type (resources of every source's current import). */
    public List<InventoryEntry> inventory(UUID orgId) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, java.util.TreeSet<String>> sources = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT r.resource_type, i.source, COUNT(*) AS n FROM monitoring_resource r
                JOIN monitoring_import i ON i.id = r.import_id AND i.org_id = r.org_id
                WHERE r.org_id = ? AND i.is_current = TRUE GROUP BY r.resource_type, i.source
                ORDER BY r.resource_type, i.source""").param(orgId).query(rs -> {
                    String type = rs.getString("resource_type");
                    counts.computeIfAbsent(type, t -> new long[1])[0] += rs.getLong("n");
                    sources.computeIfAbsent(type, t -> new java.util.TreeSet<>()).add(rs.getString("source"));
                });
        return counts.entrySet().stream()
                .map(e -> new InventoryEntry(e.getKey(), e.getValue()[0], String.join(", ", sources.get(e.getKey()))))
                .toList();
    }

    public long inventorySize(UUID orgId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM monitoring_resource r JOIN monitoring_import i ON i.id = r.import_id
                WHERE r.org_id = ? AND i.org_id = ? AND i.is_current = TRUE""").params(orgId, orgId)
                .query(Long.class).single();
    }

    /** Hands every resource of the current inventory to {@code sink}, streaming. */
    public void streamInventory(UUID orgId, Consumer<Resource> sink) {
        try (Stream<Resource> s = jdbc.sql("""
                SELECT r.resource_type, r.resource_id, r.source, r.observed_at, r.attributes_json
                FROM monitoring_resource r JOIN monitoring_import i ON i.id = r.import_id
                WHERE r.org_id = ? AND i.org_id = ? AND i.is_current = TRUE ORDER BY r.import_id, r.seq""")
                .params(orgId, orgId).withFetchSize(500)
                .query((rs, n) -> new Resource(rs.getString("resource_type"), rs.getString("resource_id"),
                        json.readValue(rs.getString("attributes_json"), ATTRIBUTES), rs.getString("source"),
                        instant(rs, "observed_at")))
                .stream()) {
            s.forEach(sink);
        }
    }

    /** Hands every resource of one type in the current inventory to {@code sink}, streaming. */
    public void streamInventory(UUID orgId, String type, Consumer<Resource> sink) {
        try (Stream<Resource> s = jdbc.sql("""
                SELECT r.resource_type, r.resource_id, r.source, r.observed_at, r.attributes_json
                FROM monitoring_resource r JOIN monitoring_import i ON i.id = r.import_id
                WHERE r.org_id = ? AND i.org_id = ? AND i.is_current = TRUE AND r.resource_type = ?
                ORDER BY r.import_id, r.seq""")
                .params(orgId, orgId, type).withFetchSize(500)
                .query((rs, n) -> new Resource(rs.getString("resource_type"), rs.getString("resource_id"),
                        json.readValue(rs.getString("attributes_json"), ATTRIBUTES), rs.getString("source"),
                        instant(rs, "observed_at")))
                .stream()) {
            s.forEach(sink);
        }
    }

    /** Organizations with a current inventory, and when each last ran (null = never). */
    public Map<UUID, Instant> orgsWithResources() {
        Map<UUID, Instant> out = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT i.org_id, (SELECT MAX(r.run_at) FROM monitoring_run r WHERE r.org_id = i.org_id
                    AND r.replayed = FALSE) AS last_run
                FROM monitoring_import i WHERE i.is_current = TRUE AND i.resources > 0 GROUP BY i.org_id""")
                .query(rs -> {
                    out.put(rs.getObject("org_id", UUID.class), instant(rs, "last_run"));
                });
        return out;
    }

    // --------------------------------------------------------------------------------------- runs

    public void insertRun(UUID orgId, MonitoringRun run, UUID runBy, Instant finishedAt) {
        jdbc.sql("""
                INSERT INTO monitoring_run (id, org_id, run_at, finished_at, trigger_kind, replayed, evidence_id, resources,
                    checks_run, passed, failed, errors, excluded, inputs_json, unknown_refs, run_by, run_by_label,
                    all_checks_recorded)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)""")
                .params(run.id(), orgId, ts(run.at()), ts(finishedAt), run.trigger().name(), run.replayed(),
                        run.evidenceId(), run.resources(), run.checks(), run.passed(), run.failed(), run.errors(),
                        run.excluded(), json.writeValueAsString(run.inputs()),
                        json.writeValueAsString(run.unknownControlRefs()), runBy, run.runBy())
                .update();
    }

    public void finishRun(UUID orgId, UUID runId, UUID evidenceId, long resources, int checks, long passed,
            long failed, long errors, long excluded, List<String> unknownRefs) {
        jdbc.sql("""
                UPDATE monitoring_run SET evidence_id = ?, resources = ?, checks_run = ?, passed = ?, failed = ?, errors = ?,
                    excluded = ?, unknown_refs = ? WHERE org_id = ? AND id = ?""")
                .params(evidenceId, resources, checks, passed, failed, errors, excluded,
                        json.writeValueAsString(unknownRefs), orgId, runId)
                .update();
    }

    /** One row per check of a run (every enabled check, NOT_APPLICABLE ones included). */
    public void insertRunChecks(UUID orgId, List<RunCheck> checks) {
        List<Object[]> rows = new ArrayList<>();
        for (RunCheck c : checks) {
            rows.add(new Object[] {orgId, c.runId(), c.checkId(), truncate(c.title(), 400), c.severity(),
                    json.writeValueAsString(c.controls()), json.writeValueAsString(c.criteria()),
                    truncate(c.resourceType(), 200), c.matched(), c.applicable(), c.passed(), c.failed(), c.errors(),
                    c.excluded(), c.status().name()});
        }
        template.batchUpdate("""
                INSERT INTO monitoring_run_check (org_id, run_id, check_id, title, severity, controls_json, criteria_json,
                    resource_type, matched, applicable, passed, failed, errors, excluded, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    public void insertResults(UUID orgId, UUID runId, long firstSeq, List<RunResult> results) {
        List<Object[]> rows = new ArrayList<>(results.size());
        long seq = firstSeq;
        for (RunResult r : results) {
            rows.add(new Object[] {orgId, runId, seq++, r.checkId(), key(r.resourceType(), r.resourceId()),
                    r.resourceType(), r.resourceId(), r.outcome().name(), truncate(r.message(), 4000)});
        }
        template.batchUpdate("""
                INSERT INTO monitoring_result (org_id, run_id, seq, check_id, key_hash, resource_type, resource_id, outcome,
                    message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    private static final String RUN_COLUMNS = "id, run_at, trigger_kind, replayed, evidence_id, resources, checks_run, "
            + "passed, failed, errors, excluded, inputs_json, unknown_refs, run_by_label";

    public Optional<MonitoringRun> findRun(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM monitoring_run WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(this::run).optional();
    }

    /** Runs in [from, to) (either may be null), newest first. */
    public List<MonitoringRun> runs(UUID orgId, Instant from, Instant to, int limit) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM monitoring_run WHERE org_id = ? AND run_at >= ? AND run_at < ? "
                        + "ORDER BY run_at DESC, id LIMIT ?")
                .params(orgId, ts(from == null ? Instant.EPOCH : from),
                        ts(to == null ? Instant.parse("9999-01-01T00:00:00Z") : to), limit)
                .query(this::run).list();
    }

    public Optional<MonitoringRun> latestRun(UUID orgId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM monitoring_run WHERE org_id = ? ORDER BY run_at DESC, id LIMIT 1")
                .param(orgId).query(this::run).optional();
    }

    /** The run just before {@code at} (the one a new failure is judged against). */
    public Optional<UUID> previousRun(UUID orgId, Instant at, UUID except) {
        return jdbc.sql("SELECT id FROM monitoring_run WHERE org_id = ? AND run_at <= ? AND id <> ? "
                        + "ORDER BY run_at DESC, id LIMIT 1")
                .params(orgId, ts(at), except).query(UUID.class).optional();
    }

    private MonitoringRun run(ResultSet rs, int n) throws SQLException {
        return new MonitoringRun(rs.getObject("id", UUID.class), instant(rs, "run_at"),
                RunTrigger.valueOf(rs.getString("trigger_kind")), rs.getBoolean("replayed"),
                rs.getObject("evidence_id", UUID.class), rs.getLong("resources"), rs.getInt("checks_run"),
                rs.getLong("passed"), rs.getLong("failed"), rs.getLong("errors"), rs.getLong("excluded"),
                json.readValue(rs.getString("inputs_json"), INPUTS), json.readValue(rs.getString("unknown_refs"), STRINGS),
                rs.getString("run_by_label"));
    }

    private static final String CHECK_COLUMNS = "c.run_id, r.run_at, c.check_id, c.title, c.severity, c.controls_json, "
            + "c.criteria_json, c.resource_type, c.matched, c.applicable, c.passed, c.failed, c.errors, c.excluded, c.status";

    /** A run's checks: failing first, then erring, then the rest, the not applicable ones last. */
    public List<RunCheck> runChecks(UUID orgId, UUID runId) {
        return jdbc.sql("SELECT " + CHECK_COLUMNS + " FROM monitoring_run_check c JOIN monitoring_run r ON r.id = c.run_id "
                        + "WHERE c.org_id = ? AND r.org_id = ? AND c.run_id = ? ORDER BY c.failed DESC, c.errors DESC, "
                        + "CASE WHEN c.status = 'NOT_APPLICABLE' THEN 1 ELSE 0 END, c.check_id")
                .params(orgId, orgId, runId).query(this::runCheck).list();
    }

    /** Every check row of every run in [from, to), oldest run first. */
    public List<RunCheck> runChecksBetween(UUID orgId, Instant from, Instant to) {
        return jdbc.sql("SELECT " + CHECK_COLUMNS + " FROM monitoring_run_check c JOIN monitoring_run r ON r.id = c.run_id "
                        + "WHERE c.org_id = ? AND r.org_id = ? AND r.run_at >= ? AND r.run_at < ? "
                        + "ORDER BY r.run_at, r.id, c.check_id")
                .params(orgId, orgId, ts(from), ts(to)).query(this::runCheck).list();
    }

    /**
     * Every run in [from, to), newest first, with the check's row in it; a run without one is
     * NOT_RUN (the check was off or not defined) or, for runs from before every enabled check was
     * recorded, NOT_RECORDED.
     */
    public List<CheckHistoryEntry> checkHistory(UUID orgId, String checkId, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                SELECT r.id AS run_id, r.run_at, r.all_checks_recorded, c.check_id, c.resource_type, c.matched, c.applicable,
                    c.passed, c.failed, c.errors, c.excluded, c.status
                FROM monitoring_run r LEFT JOIN monitoring_run_check c
                    ON c.run_id = r.id AND c.org_id = r.org_id AND c.check_id = ?
                WHERE r.org_id = ? AND r.run_at >= ? AND r.run_at < ?
                ORDER BY r.run_at DESC, r.id LIMIT ?""")
                .params(checkId, orgId, ts(from), ts(to), limit).query((rs, n) -> {
                    UUID run = rs.getObject("run_id", UUID.class);
                    Instant at = instant(rs, "run_at");
                    if (rs.getString("check_id") == null) {
                        return new CheckHistoryEntry(run, at, rs.getBoolean("all_checks_recorded")
                                ? CheckRunStatus.NOT_RUN : CheckRunStatus.NOT_RECORDED, null, null, 0, 0, 0, 0, 0);
                    }
                    return new CheckHistoryEntry(run, at, CheckRunStatus.valueOf(rs.getString("status")),
                            rs.getString("resource_type"), nullableLong(rs, "matched"), rs.getLong("applicable"),
                            rs.getLong("passed"), rs.getLong("failed"), rs.getLong("errors"), rs.getLong("excluded"));
                }).list();
    }

    /** Whether any run of the organization has a row for the check. */
    public boolean checkEverRan(UUID orgId, String checkId) {
        return jdbc.sql("SELECT COUNT(*) FROM monitoring_run_check WHERE org_id = ? AND check_id = ?")
                .params(orgId, checkId).query(Long.class).single() > 0;
    }

    private RunCheck runCheck(ResultSet rs, int n) throws SQLException {
        return new RunCheck(rs.getObject("run_id", UUID.class), instant(rs, "run_at"), rs.getString("check_id"),
                rs.getString("title"), rs.getString("severity"), json.readValue(rs.getString("controls_json"), STRINGS),
                json.readValue(rs.getString("criteria_json"), STRINGS), rs.getString("resource_type"),
                nullableLong(rs, "matched"), rs.getLong("applicable"), rs.getLong("passed"), rs.getLong("failed"),
                rs.getLong("errors"), rs.getLong("excluded"), CheckRunStatus.valueOf(rs.getString("status")));
    }

    private static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    /** Non-pass results of a run, optionally of one check and/or one outcome, in check then resource order. */
    public List<RunResult> results(UUID orgId, UUID runId, String checkId, Outcome outcome, int limit) {
        StringBuilder sql = new StringBuilder("SELECT x.run_id, r.run_at, x.check_id, x.resource_type, x.resource_id, "
                + "x.outcome, x.message FROM monitoring_result x JOIN monitoring_run r ON r.id = x.run_id "
                + "WHERE x.org_id = ? AND r.org_id = ? AND x.run_id = ?");
        List<Object> params = new ArrayList<>(List.of(orgId, orgId, runId));
        if (checkId != null) {
            sql.append(" AND x.check_id = ?");
            params.add(checkId);
        }
        if (outcome != null) {
            sql.append(" AND x.outcome = ?");
            params.add(outcome.name());
        }
        sql.append(" ORDER BY x.check_id, x.resource_type, x.resource_id LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::result).list();
    }

    /** Streams every non-pass result of a run (for its evidence document). */
    public void streamResults(UUID orgId, UUID runId, Consumer<RunResult> sink) {
        try (Stream<RunResult> s = jdbc.sql("SELECT x.run_id, r.run_at, x.check_id, x.resource_type, x.resource_id, "
                        + "x.outcome, x.message FROM monitoring_result x JOIN monitoring_run r ON r.id = x.run_id "
                        + "WHERE x.org_id = ? AND r.org_id = ? AND x.run_id = ? ORDER BY x.seq")
                .params(orgId, orgId, runId).withFetchSize(500).query(this::result).stream()) {
            s.forEach(sink);
        }
    }

    /** FAIL results of a run for the given check ids: check id → failing resource ids. */
    public Map<String, List<String>> failingResources(UUID orgId, UUID runId) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        jdbc.sql("SELECT check_id, resource_id FROM monitoring_result WHERE org_id = ? AND run_id = ? AND outcome = 'FAIL' "
                        + "ORDER BY check_id, resource_id")
                .params(orgId, runId).query(rs -> {
                    out.computeIfAbsent(rs.getString("check_id"), k -> new ArrayList<>()).add(rs.getString("resource_id"));
                });
        return out;
    }

    /** FAIL results of {@code runId} whose (check, resource) did not fail in {@code previousRunId} (null: none). */
    public List<RunResult> newFailures(UUID orgId, UUID runId, UUID previousRunId) {
        return jdbc.sql("""
                SELECT x.run_id, r.run_at, x.check_id, x.resource_type, x.resource_id, x.outcome, x.message
                FROM monitoring_result x JOIN monitoring_run r ON r.id = x.run_id
                WHERE x.org_id = ? AND r.org_id = ? AND x.run_id = ? AND x.outcome = 'FAIL' AND NOT EXISTS (
                    SELECT 1 FROM monitoring_result p WHERE p.org_id = x.org_id AND p.run_id = ? AND p.check_id = x.check_id
                    AND p.key_hash = x.key_hash AND p.outcome = 'FAIL')
                ORDER BY x.seq""")
                .params(orgId, orgId, runId, previousRunId == null ? new UUID(0, 0) : previousRunId)
                .query(this::result).list();
    }

    /** A resource's non-pass results across runs, newest first. */
    public List<RunResult> resourceHistory(UUID orgId, String type, String id, int limit) {
        String sql = "SELECT x.run_id, r.run_at, x.check_id, x.resource_type, x.resource_id, x.outcome, x.message "
                + "FROM monitoring_result x JOIN monitoring_run r ON r.id = x.run_id WHERE x.org_id = ? AND r.org_id = ? "
                + (type == null ? "AND x.resource_id = ?" : "AND x.key_hash = ?")
                + " ORDER BY r.run_at DESC, x.check_id LIMIT ?";
        return jdbc.sql(sql).params(orgId, orgId, type == null ? id : key(type, id), limit).query(this::result).list();
    }

    private RunResult result(ResultSet rs, int n) throws SQLException {
        return new RunResult(rs.getObject("run_id", UUID.class), instant(rs, "run_at"), rs.getString("check_id"),
                rs.getString("resource_type"), rs.getString("resource_id"), Outcome.valueOf(rs.getString("outcome")),
                rs.getString("message"));
    }

    // ------------------------------------------------------------------------------------- alerts

    public void insertAlert(UUID orgId, UUID id, UUID runId, String checkId, String title, String severity, RunResult r,
            Instant now) {
        jdbc.sql("""
                INSERT INTO monitoring_alert (id, org_id, run_id, check_id, check_title, severity, resource_type, resource_id,
                    message, raised_at, status, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 0)""")
                .params(id, orgId, runId, checkId, truncate(title, 400), severity, r.resourceType(), r.resourceId(),
                        truncate(r.message(), 4000), ts(now))
                .update();
    }

    public List<MonitoringAlert> alerts(UUID orgId, String status, int limit) {
        if (status == null) {
            return jdbc.sql("SELECT * FROM monitoring_alert WHERE org_id = ? ORDER BY raised_at DESC, check_id, resource_id "
                    + "LIMIT ?").params(orgId, limit).query(this::alert).list();
        }
        return jdbc.sql("SELECT * FROM monitoring_alert WHERE org_id = ? AND status = ? "
                        + "ORDER BY raised_at DESC, check_id, resource_id LIMIT ?")
                .params(orgId, status, limit).query(this::alert).list();
    }

    public long openAlerts(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM monitoring_alert WHERE org_id = ? AND status = 'OPEN'").param(orgId)
                .query(Long.class).single();
    }

    public Optional<MonitoringAlert> findAlert(UUID orgId, UUID id) {
        return jdbc.sql("SELECT * FROM monitoring_alert WHERE org_id = ? AND id = ?").params(orgId, id).query(this::alert)
                .optional();
    }

    public boolean acknowledge(UUID orgId, UUID id, long version, UUID by, String byLabel, String note, Instant now) {
        return jdbc.sql("""
                UPDATE monitoring_alert SET status = 'ACKNOWLEDGED', ack_by = ?, ack_by_label = ?, ack_at = ?, ack_note = ?,
                    version = version + 1 WHERE org_id = ? AND id = ? AND version = ? AND status = 'OPEN'""")
                .params(by, byLabel, ts(now), note, orgId, id, version).update() == 1;
    }

    private MonitoringAlert alert(ResultSet rs, int n) throws SQLException {
        return new MonitoringAlert(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class),
                rs.getString("check_id"), rs.getString("check_title"), rs.getString("severity"),
                rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("message"),
                instant(rs, "raised_at"), rs.getString("status"), rs.getString("ack_by_label"), instant(rs, "ack_at"),
                rs.getString("ack_note"), rs.getLong("version"));
    }

    // -------------------------------------------------------------------------------------- helpers

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
