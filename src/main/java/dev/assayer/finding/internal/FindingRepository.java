package dev.assayer.finding.internal;

import dev.assayer.finding.CorrectiveAction;
import dev.assayer.finding.FindingFilter;
import dev.assayer.finding.FindingSource;
import dev.assayer.finding.FindingStatus;
import dev.assayer.finding.Retest;
import dev.assayer.finding.RetestResult;
import dev.assayer.finding.Severity;
import dev.assayer.finding.SourceType;
import dev.assayer.finding.StatusChange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for findings, their corrective actions, status history and re-tests. Every statement names
 * the organization; an auditor's reads also name the engagement and the firm ({@link Visibility}).
 * Nothing is deleted.
 */
@Repository
public class FindingRepository {

    /** A finding row as stored. */
    public record FindingRow(UUID id, String ref, UUID engagementId, UUID firmId, String firmName, String title,
            String description, Severity severity, FindingSource source, List<UUID> controlIds, List<String> criteria,
            String rootCause, UUID ownerId, LocalDate dueDate, String plan, FindingStatus status, UUID acceptedBy,
            String acceptanceReason, Instant acceptedAt, UUID raisedBy, String raisedByLabel, long version,
            Instant createdAt, Instant updatedAt) {
    }

    /**
     * Which findings of the organization a caller sees: all of them (a member of the organization),
     * or those of one engagement raised by one firm or by the organization itself (an auditor).
     */
    public record Visibility(UUID engagementId, UUID firmId) {

        public static final Visibility ALL = new Visibility(null, null);
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private static final String COLUMNS = "id, ref, engagement_id, firm_id, firm_name, title, description, severity, "
            + "source_type, source_id, source_ref, controls_json, criteria_json, root_cause, owner_id, due_date, "
            + "action_plan, status, accepted_by, acceptance_reason, accepted_at, raised_by, raised_by_label, version, "
            + "created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public FindingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID orgId, FindingRow r) {
        jdbc.sql("INSERT INTO finding (org_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orgId, r.id(), r.ref(), r.engagementId(), r.firmId(), r.firmName(), r.title(), r.description(),
                        r.severity().name(), r.source().type().name(), r.source().id(), r.source().ref(),
                        controlsJson(r.controlIds()), json.writeValueAsString(r.criteria()), r.rootCause(), r.ownerId(),
                        r.dueDate(), r.plan(), r.status().name(), r.acceptedBy(), r.acceptanceReason(),
                        ts(r.acceptedAt()), r.raisedBy(), r.raisedByLabel(), r.version(), ts(r.createdAt()),
                        ts(r.updatedAt()))
                .update();
    }

    /** Writes the editable fields and the status of {@code r}; false when {@code version} is stale. */
    public boolean update(UUID orgId, FindingRow r, long version, Instant now) {
        return jdbc.sql("""
                UPDATE finding SET title = ?, description = ?, severity = ?, source_type = ?, source_id = ?,
                    source_ref = ?, controls_json = ?, criteria_json = ?, root_cause = ?, owner_id = ?, due_date = ?,
                    action_plan = ?, status = ?, accepted_by = ?, acceptance_reason = ?, accepted_at = ?,
                    version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND version = ?""")
                .params(r.title(), r.description(), r.severity().name(), r.source().type().name(), r.source().id(),
                        r.source().ref(), controlsJson(r.controlIds()), json.writeValueAsString(r.criteria()),
                        r.rootCause(), r.ownerId(), r.dueDate(), r.plan(), r.status().name(), r.acceptedBy(),
                        r.acceptanceReason(), ts(r.acceptedAt()), ts(now), r.id(), orgId, version)
                .update() == 1;
    }

    public Optional<FindingRow> find(UUID orgId, Visibility v, UUID id) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM finding WHERE org_id = ? AND id = ?");
        List<Object> params = new ArrayList<>(List.of(orgId, id));
        visible(sql, params, v);
        return jdbc.sql(sql.toString()).params(params).query(this::map).optional();
    }

    /** Most urgent first: by due date (none last), then ref. */
    public List<FindingRow> list(UUID orgId, Visibility v, FindingFilter f, LocalDate today) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM finding WHERE org_id = ?");
        List<Object> params = new ArrayList<>(List.of(orgId));
        visible(sql, params, v);
        if (f.status() != null) {
            sql.append(" AND status = ?");
            params.add(f.status().name());
        }
        if (f.severity() != null) {
            sql.append(" AND severity = ?");
            params.add(f.severity().name());
        }
        if (f.engagementId() != null) {
            sql.append(" AND engagement_id = ?");
            params.add(f.engagementId());
        }
        if (f.overdue() != null) {
            String overdue = "(status IN ('OPEN', 'IN_REMEDIATION') AND due_date IS NOT NULL AND due_date < ?)";
            sql.append(f.overdue() ? " AND " + overdue : " AND NOT " + overdue);
            params.add(today);
        }
        sql.append(" ORDER BY CASE WHEN due_date IS NULL THEN 1 ELSE 0 END, due_date, ref");
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /** The findings raised from one source record, oldest first. */
    public List<FindingRow> bySource(UUID orgId, Visibility v, SourceType type, UUID sourceId) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM finding WHERE org_id = ? AND source_type = ? AND source_id = ?");
        List<Object> params = new ArrayList<>(List.of(orgId, type.name(), sourceId));
        visible(sql, params, v);
        sql.append(" ORDER BY created_at, ref");
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    public List<String> refs(UUID orgId) {
        return jdbc.sql("SELECT ref FROM finding WHERE org_id = ?").param(orgId).query(String.class).list();
    }

    private static void visible(StringBuilder sql, List<Object> params, Visibility v) {
        if (v.engagementId() != null) {
            sql.append(" AND engagement_id = ? AND (firm_id = ? OR firm_id IS NULL)");
            params.add(v.engagementId());
            params.add(v.firmId());
        }
    }

    // ---------------------------------------------------------------------------------- actions

    public void insertAction(UUID orgId, UUID findingId, UUID id, String description, UUID ownerId, LocalDate due,
            String createdBy, Instant now) {
        int next = jdbc.sql("SELECT COALESCE(MAX(seq_no), 0) FROM finding_action WHERE org_id = ? AND finding_id = ?")
                .params(orgId, findingId).query(Integer.class).single() + 1;
        jdbc.sql("""
                INSERT INTO finding_action (id, org_id, finding_id, seq_no, description, owner_id, due_date,
                    created_by_label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, orgId, findingId, next, description, ownerId, due, createdBy, ts(now)).update();
    }

    /** Marks an action done once; false when it is already done (or not there). */
    public boolean markDone(UUID orgId, UUID findingId, UUID actionId, LocalDate on, UUID by, String byLabel, String note) {
        return jdbc.sql("""
                UPDATE finding_action SET done_on = ?, done_by = ?, done_by_label = ?, done_note = ?
                WHERE id = ? AND org_id = ? AND finding_id = ? AND done_on IS NULL""")
                .params(on, by, byLabel, note, actionId, orgId, findingId).update() == 1;
    }

    /** Actions of one finding (or of every finding of the organization when null), in order; owner names left null. */
    public List<ActionRow> actions(UUID orgId, UUID findingId) {
        String sql = "SELECT id, finding_id, seq_no, description, owner_id, due_date, done_on, done_by, done_by_label, "
                + "done_note, created_by_label, created_at FROM finding_action WHERE org_id = ?"
                + (findingId == null ? "" : " AND finding_id = ?") + " ORDER BY finding_id, seq_no";
        var q = jdbc.sql(sql).param(orgId);
        if (findingId != null) {
            q = q.param(findingId);
        }
        return q.query((rs, n) -> new ActionRow(rs.getObject("finding_id", UUID.class), new CorrectiveAction(
                rs.getObject("id", UUID.class), rs.getInt("seq_no"), rs.getString("description"),
                rs.getObject("owner_id", UUID.class), null, rs.getObject("due_date", LocalDate.class),
                rs.getObject("done_on", LocalDate.class), rs.getObject("done_by", UUID.class),
                rs.getString("done_by_label"), rs.getString("done_note"), rs.getString("created_by_label"),
                instant(rs, "created_at")))).list();
    }

    public record ActionRow(UUID findingId, CorrectiveAction action) {
    }

    // ---------------------------------------------------------------------------- status history

    public void insertChange(UUID orgId, UUID findingId, FindingStatus from, FindingStatus to, String note, UUID by,
            String byLabel, Instant at) {
        int next = jdbc.sql("SELECT COALESCE(MAX(seq_no), 0) FROM finding_status_change WHERE org_id = ? AND finding_id = ?")
                .params(orgId, findingId).query(Integer.class).single() + 1;
        jdbc.sql("""
                INSERT INTO finding_status_change (id, org_id, finding_id, seq_no, from_status, to_status, note,
                    changed_by, changed_by_label, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), orgId, findingId, next, from == null ? null : from.name(), to.name(), note,
                        by, byLabel, ts(at))
                .update();
    }

    public List<ChangeRow> history(UUID orgId, UUID findingId) {
        String sql = "SELECT id, finding_id, seq_no, from_status, to_status, note, changed_by, changed_by_label, changed_at "
                + "FROM finding_status_change WHERE org_id = ?" + (findingId == null ? "" : " AND finding_id = ?")
                + " ORDER BY finding_id, seq_no";
        var q = jdbc.sql(sql).param(orgId);
        if (findingId != null) {
            q = q.param(findingId);
        }
        return q.query((rs, n) -> {
            String from = rs.getString("from_status");
            return new ChangeRow(rs.getObject("finding_id", UUID.class), new StatusChange(rs.getObject("id", UUID.class),
                    rs.getInt("seq_no"), from == null ? null : FindingStatus.valueOf(from),
                    FindingStatus.valueOf(rs.getString("to_status")), rs.getString("note"),
                    rs.getObject("changed_by", UUID.class), rs.getString("changed_by_label"), instant(rs, "changed_at")));
        }).list();
    }

    public record ChangeRow(UUID findingId, StatusChange change) {
    }

    // ---------------------------------------------------------------------------------- re-tests

    public void insertRetest(UUID orgId, UUID findingId, Retest r) {
        jdbc.sql("""
                INSERT INTO finding_retest (id, org_id, finding_id, firm_id, test_id, test_ref, result, note,
                    recorded_by, recorded_by_label, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), orgId, findingId, r.firmId(), r.testId(), r.testRef(), r.result().name(), r.note(),
                        r.recordedBy(), r.recordedByLabel(), ts(r.recordedAt()))
                .update();
    }

    public List<RetestRow> retests(UUID orgId, UUID findingId) {
        String sql = "SELECT id, finding_id, firm_id, test_id, test_ref, result, note, recorded_by, recorded_by_label, "
                + "recorded_at FROM finding_retest WHERE org_id = ?" + (findingId == null ? "" : " AND finding_id = ?")
                + " ORDER BY finding_id, recorded_at";
        var q = jdbc.sql(sql).param(orgId);
        if (findingId != null) {
            q = q.param(findingId);
        }
        return q.query((rs, n) -> new RetestRow(rs.getObject("finding_id", UUID.class), new Retest(
                rs.getObject("id", UUID.class), rs.getObject("test_id", UUID.class), rs.getString("test_ref"),
                RetestResult.valueOf(rs.getString("result")), rs.getString("note"), rs.getObject("firm_id", UUID.class),
                rs.getObject("recorded_by", UUID.class), rs.getString("recorded_by_label"), instant(rs, "recorded_at"))))
                .list();
    }

    public record RetestRow(UUID findingId, Retest retest) {
    }

    // ------------------------------------------------------------------------------------ mapping

    private String controlsJson(List<UUID> ids) {
        return json.writeValueAsString(ids.stream().map(UUID::toString).toList());
    }

    private FindingRow map(ResultSet rs, int n) throws SQLException {
        List<UUID> controls = json.readValue(rs.getString("controls_json"), STRINGS).stream().map(UUID::fromString)
                .toList();
        return new FindingRow(rs.getObject("id", UUID.class), rs.getString("ref"), rs.getObject("engagement_id", UUID.class),
                rs.getObject("firm_id", UUID.class), rs.getString("firm_name"), rs.getString("title"),
                rs.getString("description"), Severity.valueOf(rs.getString("severity")),
                new FindingSource(SourceType.valueOf(rs.getString("source_type")), rs.getObject("source_id", UUID.class),
                        rs.getString("source_ref")),
                controls, json.readValue(rs.getString("criteria_json"), STRINGS), rs.getString("root_cause"),
                rs.getObject("owner_id", UUID.class), rs.getObject("due_date", LocalDate.class),
                rs.getString("action_plan"), FindingStatus.valueOf(rs.getString("status")),
                rs.getObject("accepted_by", UUID.class), rs.getString("acceptance_reason"), instant(rs, "accepted_at"),
                rs.getObject("raised_by", UUID.class), rs.getString("raised_by_label"), rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
