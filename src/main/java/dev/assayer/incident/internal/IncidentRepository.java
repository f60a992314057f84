package dev.assayer.incident.internal;

import dev.assayer.incident.CustomerNotification;
import dev.assayer.incident.IncidentDraft;
import dev.assayer.incident.IncidentFilter;
import dev.assayer.incident.IncidentStatus;
import dev.assayer.incident.Severity;
import dev.assayer.incident.TimelineEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
 * SQL for incidents and their timelines. Lists (affected systems and data, control ids, finding
 * refs) are JSON columns; timeline entries are rows of their own, appended one at a time. Every
 * query names the organization.
 */
@Repository
public class IncidentRepository {

    /** An incident row as stored; {@code draft.controlIds()} holds control UUIDs as text. */
    public record IncidentRow(UUID id, IncidentDraft draft, long version, Instant createdAt, Instant updatedAt) {
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private static final String COLUMNS = "id, ref, title, detected_at, reported_by, severity, significant, systems_json, "
            + "data_json, response_summary, root_cause, lessons_learned, notify_required, notified_at, notified_how, "
            + "status, controls_json, findings_json, version, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public IncidentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID orgId, UUID id, IncidentDraft d, Instant now) {
        CustomerNotification n = d.customerNotification();
        jdbc.sql("INSERT INTO incident (org_id, " + COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
                .params(orgId, id, d.ref(), d.title(), ts(d.detectedAt()), d.reportedBy(), d.severity().name(),
                        d.significant(), json.writeValueAsString(d.affectedSystems()),
                        json.writeValueAsString(d.affectedData()), d.responseSummary(), d.rootCause(),
                        d.lessonsLearned(), n.required(), ts(n.notifiedAt()), n.how(), d.status().name(),
                        json.writeValueAsString(d.controlIds()), json.writeValueAsString(d.findingRefs()), ts(now),
                        ts(now))
                .update();
    }

    public boolean update(UUID orgId, UUID id, long version, IncidentDraft d, Instant now) {
        CustomerNotification n = d.customerNotification();
        return jdbc.sql("""
                UPDATE incident SET ref = ?, title = ?, detected_at = ?, reported_by = ?, severity = ?, significant = ?,
                    systems_json = ?, data_json = ?, response_summary = ?, root_cause = ?, lessons_learned = ?,
                    notify_required = ?, notified_at = ?, notified_how = ?, status = ?, controls_json = ?,
                    findings_json = ?, version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND version = ?""")
                .params(d.ref(), d.title(), ts(d.detectedAt()), d.reportedBy(), d.severity().name(), d.significant(),
                        json.writeValueAsString(d.affectedSystems()), json.writeValueAsString(d.affectedData()),
                        d.responseSummary(), d.rootCause(), d.lessonsLearned(), n.required(), ts(n.notifiedAt()),
                        n.how(), d.status().name(), json.writeValueAsString(d.controlIds()),
                        json.writeValueAsString(d.findingRefs()), ts(now), id, orgId, version)
                .update() == 1;
    }

    public Optional<IncidentRow> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(this::map).optional();
    }

    /** Newest detection first. */
    public List<IncidentRow> list(UUID orgId, IncidentFilter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incident WHERE org_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(orgId);
        if (f.status() != null) {
            sql.append(" AND status = ?");
            params.add(f.status().name());
        }
        if (f.severity() != null) {
            sql.append(" AND severity = ?");
            params.add(f.severity().name());
        }
        if (f.significant() != null) {
            sql.append(" AND significant = ?");
            params.add(f.significant());
        }
        sql.append(" ORDER BY detected_at DESC, ref");
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /** Significant incidents detected in [from, until), oldest first. */
    public List<IncidentRow> significant(UUID orgId, Instant from, Instant until) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incident WHERE org_id = ? AND significant = TRUE "
                        + "AND detected_at >= ? AND detected_at < ? ORDER BY detected_at, ref")
                .params(orgId, ts(from), ts(until)).query(this::map).list();
    }

    public List<String> refs(UUID orgId) {
        return jdbc.sql("SELECT ref FROM incident WHERE org_id = ?").param(orgId).query(String.class).list();
    }

    public boolean refTaken(UUID orgId, String ref, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM incident WHERE org_id = ? AND UPPER(ref) = UPPER(?) AND id <> ?")
                .params(orgId, ref, except).query(Long.class).single() > 0;
    }

    public void insertEntry(UUID orgId, UUID incidentId, TimelineEntry e) {
        jdbc.sql("INSERT INTO incident_timeline (id, org_id, incident_id, happened_at, entry_text, recorded_by, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), orgId, incidentId, ts(e.at()), e.text(), e.recordedBy(), ts(e.recordedAt()))
                .update();
    }

    /** The incident's timeline, oldest first. */
    public List<TimelineEntry> timeline(UUID orgId, UUID incidentId) {
        return jdbc.sql("SELECT id, happened_at, entry_text, recorded_by, recorded_at FROM incident_timeline "
                        + "WHERE org_id = ? AND incident_id = ? ORDER BY happened_at, recorded_at")
                .params(orgId, incidentId)
                .query((rs, n) -> new TimelineEntry(rs.getObject("id", UUID.class), instant(rs, "happened_at"),
                        rs.getString("entry_text"), rs.getObject("recorded_by", UUID.class), instant(rs, "recorded_at")))
                .list();
    }

    private IncidentRow map(ResultSet rs, int n) throws SQLException {
        IncidentDraft d = new IncidentDraft(rs.getString("ref"), rs.getString("title"), instant(rs, "detected_at"),
                rs.getString("reported_by"), Severity.valueOf(rs.getString("severity")), rs.getBoolean("significant"),
                json.readValue(rs.getString("systems_json"), STRINGS), json.readValue(rs.getString("data_json"), STRINGS),
                rs.getString("response_summary"), rs.getString("root_cause"), rs.getString("lessons_learned"),
                new CustomerNotification(rs.getBoolean("notify_required"), instant(rs, "notified_at"),
                        rs.getString("notified_how")),
                IncidentStatus.valueOf(rs.getString("status")), json.readValue(rs.getString("controls_json"), STRINGS),
                json.readValue(rs.getString("findings_json"), STRINGS));
        return new IncidentRow(rs.getObject("id", UUID.class), d, rs.getLong("version"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
