package dev.assayer.fieldwork.internal.requests;

import dev.assayer.fieldwork.RequestComment;
import dev.assayer.fieldwork.RequestEvent;
import dev.assayer.fieldwork.RequestStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * SQL for requests, their history and their comment threads. Every statement names the client
 * organization and the engagement; the auditor's reads also name the firm ({@code firmId} null
 * means "any firm": the client's view of requests addressed to it).
 */
@Repository
public class RequestRepository {

    /** A request as stored. */
    public record RequestRow(UUID id, UUID orgId, UUID engagementId, UUID firmId, String ref, String title,
            String description, List<String> criteria, List<UUID> controlIds, UUID ownerId, LocalDate dueDate,
            RequestStatus status, UUID rolledFromId, String rolledFromLabel, UUID createdBy, String createdByLabel,
            long version, Instant createdAt, Instant updatedAt) {
    }

    /** One history entry as stored, with the request it belongs to. */
    public record EventRow(UUID requestId, RequestEvent event) {
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<UUID>> UUIDS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, org_id, engagement_id, firm_id, ref, title, description, criteria_json, "
            + "controls_json, owner_id, due_date, status, rolled_from_id, rolled_from_label, created_by, "
            + "created_by_label, version, created_at, updated_at";
    private static final String EVENT_COLUMNS = "id, request_id, action, from_status, to_status, side, actor_id, "
            + "actor_label, note, evidence_json, happened_at";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public RequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(RequestRow r) {
        jdbc.sql("INSERT INTO info_request (" + COLUMNS + ", ref_key) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.orgId(), r.engagementId(), r.firmId(), r.ref(), r.title(), r.description(),
                        json.writeValueAsString(r.criteria()), json.writeValueAsString(r.controlIds()), r.ownerId(),
                        r.dueDate(), r.status().name(), r.rolledFromId(), r.rolledFromLabel(), r.createdBy(),
                        r.createdByLabel(), r.version(), ts(r.createdAt()), ts(r.updatedAt()),
                        RequestRules.refKey(r.ref()))
                .update();
    }

    /** Replaces the auditor's fields while the request waits for the client; false when stale or no longer editable. */
    public boolean update(UUID orgId, UUID engagementId, UUID firmId, UUID id, long version, RequestRules.Valid v,
            Instant now) {
        return jdbc.sql("""
                UPDATE info_request SET ref = ?, ref_key = ?, title = ?, description = ?, criteria_json = ?,
                    controls_json = ?, owner_id = ?, due_date = ?, version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND engagement_id = ? AND firm_id = ? AND version = ?
                    AND status IN ('OPEN', 'FLAGGED')""")
                .params(v.ref(), RequestRules.refKey(v.ref()), v.title(), v.description(),
                        json.writeValueAsString(v.criteria()), json.writeValueAsString(v.controlIds()), v.ownerId(),
                        v.dueDate(), ts(now), id, orgId, engagementId, firmId, version)
                .update() == 1;
    }

    /** Moves the request from {@code from} to {@code to}; false when someone moved it first. */
    public boolean setStatus(UUID orgId, UUID engagementId, UUID id, RequestStatus from, RequestStatus to, long version,
            Instant now) {
        return jdbc.sql("UPDATE info_request SET status = ?, version = version + 1, updated_at = ? "
                        + "WHERE id = ? AND org_id = ? AND engagement_id = ? AND status = ? AND version = ?")
                .params(to.name(), ts(now), id, orgId, engagementId, from.name(), version)
                .update() == 1;
    }

    public Optional<RequestRow> find(UUID orgId, UUID engagementId, UUID firmId, UUID id) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM info_request WHERE org_id = ? AND engagement_id = ? AND id = ?");
        List<Object> params = new ArrayList<>(List.of(orgId, engagementId, id));
        if (firmId != null) {
            sql.append(" AND firm_id = ?");
            params.add(firmId);
        }
        return jdbc.sql(sql.toString()).params(params).query(this::map).optional();
    }

    /** The engagement's requests (of one firm, or of every firm when {@code firmId} is null), by due date then ref. */
    public List<RequestRow> list(UUID orgId, UUID engagementId, UUID firmId) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM info_request WHERE org_id = ? AND engagement_id = ?");
        List<Object> params = new ArrayList<>(List.of(orgId, engagementId));
        if (firmId != null) {
            sql.append(" AND firm_id = ?");
            params.add(firmId);
        }
        sql.append(" ORDER BY due_date, ref_key");
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /** The refs in use in the engagement by one firm. */
    public List<String> refs(UUID orgId, UUID engagementId, UUID firmId) {
        return jdbc.sql("SELECT ref FROM info_request WHERE org_id = ? AND engagement_id = ? AND firm_id = ?")
                .params(orgId, engagementId, firmId).query(String.class).list();
    }

    public boolean refTaken(UUID orgId, UUID engagementId, UUID firmId, String ref, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM info_request WHERE org_id = ? AND engagement_id = ? AND firm_id = ? "
                        + "AND ref_key = ? AND id <> ?")
                .params(orgId, engagementId, firmId, RequestRules.refKey(ref), except).query(Long.class).single() > 0;
    }

    // ------------------------------------------------------------------------------ history

    public void insertEvent(UUID orgId, UUID engagementId, UUID firmId, UUID requestId, RequestEvent e) {
        jdbc.sql("INSERT INTO info_request_event (org_id, engagement_id, firm_id, " + EVENT_COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orgId, engagementId, firmId, e.id(), requestId, e.action(),
                        e.fromStatus() == null ? null : e.fromStatus().name(), e.toStatus().name(), e.side(),
                        e.actorId(), e.actor(), e.note(), json.writeValueAsString(e.evidenceIds()), ts(e.at()))
                .update();
    }

    /** History per request of the engagement (of one firm, or all when {@code firmId} is null), oldest first. */
    public Map<UUID, List<RequestEvent>> events(UUID orgId, UUID engagementId, UUID firmId) {
        StringBuilder sql = new StringBuilder("SELECT " + EVENT_COLUMNS
                + " FROM info_request_event WHERE org_id = ? AND engagement_id = ?");
        List<Object> params = new ArrayList<>(List.of(orgId, engagementId));
        if (firmId != null) {
            sql.append(" AND firm_id = ?");
            params.add(firmId);
        }
        sql.append(" ORDER BY happened_at, id");
        Map<UUID, List<RequestEvent>> out = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).params(params).query(this::mapEvent).list()
                .forEach(r -> out.computeIfAbsent(r.requestId(), k -> new ArrayList<>()).add(r.event()));
        return out;
    }

    /** History of one request, oldest first. */
    public List<RequestEvent> events(UUID orgId, UUID requestId) {
        return jdbc.sql("SELECT " + EVENT_COLUMNS + " FROM info_request_event WHERE org_id = ? AND request_id = ? "
                        + "ORDER BY happened_at, id")
                .params(orgId, requestId).query(this::mapEvent).list().stream().map(EventRow::event).toList();
    }

    // ------------------------------------------------------------------------------ comments

    public void insertComment(UUID orgId, UUID engagementId, UUID firmId, RequestComment c) {
        jdbc.sql("INSERT INTO info_request_comment (id, org_id, engagement_id, firm_id, request_id, side, author_id, "
                        + "author_label, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), orgId, engagementId, firmId, c.requestId(), c.side(), c.authorId(), c.author(),
                        c.body(), ts(c.createdAt()))
                .update();
    }

    /** The comment thread of one request, oldest first. */
    public List<RequestComment> comments(UUID orgId, UUID requestId) {
        return jdbc.sql("SELECT id, request_id, side, author_id, author_label, body, created_at "
                        + "FROM info_request_comment WHERE org_id = ? AND request_id = ? ORDER BY created_at, id")
                .params(orgId, requestId)
                .query((rs, n) -> new RequestComment(rs.getObject("id", UUID.class),
                        rs.getObject("request_id", UUID.class), rs.getString("side"),
                        rs.getObject("author_id", UUID.class), rs.getString("author_label"), rs.getString("body"),
                        instant(rs, "created_at")))
                .list();
    }

    // ------------------------------------------------------------------------------ mapping

    private RequestRow map(ResultSet rs, int n) throws SQLException {
        return new RequestRow(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getObject("engagement_id", UUID.class), rs.getObject("firm_id", UUID.class), rs.getString("ref"),
                rs.getString("title"), rs.getString("description"), json.readValue(rs.getString("criteria_json"), STRINGS),
                json.readValue(rs.getString("controls_json"), UUIDS), rs.getObject("owner_id", UUID.class),
                rs.getObject("due_date", LocalDate.class), RequestStatus.valueOf(rs.getString("status")),
                rs.getObject("rolled_from_id", UUID.class), rs.getString("rolled_from_label"),
                rs.getObject("created_by", UUID.class), rs.getString("created_by_label"), rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private EventRow mapEvent(ResultSet rs, int n) throws SQLException {
        String from = rs.getString("from_status");
        RequestEvent e = new RequestEvent(rs.getObject("id", UUID.class), rs.getString("action"),
                from == null ? null : RequestStatus.valueOf(from), RequestStatus.valueOf(rs.getString("to_status")),
                rs.getString("side"), rs.getObject("actor_id", UUID.class), rs.getString("actor_label"),
                rs.getString("note"), json.readValue(rs.getString("evidence_json"), UUIDS), instant(rs, "happened_at"));
        return new EventRow(rs.getObject("request_id", UUID.class), e);
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
