package dev.assayer.fieldwork.internal.requests;

import static dev.assayer.fieldwork.internal.requests.RequestRepository.instant;
import static dev.assayer.fieldwork.internal.requests.RequestRepository.ts;

import dev.assayer.fieldwork.Notification;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for fieldwork notifications. A reader is described by a {@link Reader}: a client member
 * (their own notifications, plus the client-wide ones when they may answer requests) or a firm's
 * user inside one engagement (the firm's notifications of that engagement). Every query names the
 * client organization; what someone wrote never notifies themselves.
 */
@Repository
public class NotificationRepository {

    /** A notification to store. {@code recipientId} only for the CLIENT audience (null: every responder). */
    public record NewNotification(UUID id, UUID orgId, UUID engagementId, UUID firmId, String audience,
            UUID recipientId, String kind, UUID requestId, String subjectRef, String message, String link,
            UUID actorId, String actorLabel, Instant createdAt) {
    }

    /**
     * Who reads: {@code firmId} set for a firm's user inside {@code engagementId}; otherwise a member of
     * the client ({@code clientWide}: may answer requests, so sees the client-wide notifications).
     */
    public record Reader(UUID orgId, UUID userId, UUID engagementId, UUID firmId, boolean clientWide) {
    }

    private static final String COLUMNS = "n.id, n.kind, n.engagement_id, n.request_id, n.subject_ref, n.message, "
            + "n.link, n.actor_label, n.created_at, r.read_at";

    private final JdbcClient jdbc;

    public NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(NewNotification n) {
        jdbc.sql("INSERT INTO fieldwork_notification (id, org_id, engagement_id, firm_id, audience, recipient_id, kind, "
                        + "request_id, subject_ref, message, link, actor_id, actor_label, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(n.id(), n.orgId(), n.engagementId(), n.firmId(), n.audience(), n.recipientId(), n.kind(),
                        n.requestId(), n.subjectRef(), n.message(), n.link(), n.actorId(), n.actorLabel(),
                        ts(n.createdAt()))
                .update();
    }

    /** Unread notifications of any age and those read since {@code readSince}, newest first. */
    public List<Notification> list(Reader reader, Instant readSince, int limit) {
        List<Object> params = new ArrayList<>();
        String where = visible(reader, params);
        params.add(ts(readSince));
        return jdbc.sql("SELECT " + COLUMNS + " FROM fieldwork_notification n LEFT JOIN fieldwork_notification_read r "
                        + "ON r.notification_id = n.id AND r.user_id = ? AND r.org_id = n.org_id WHERE " + where
                        + " AND (r.read_at IS NULL OR n.created_at >= ?) ORDER BY n.created_at DESC, n.id "
                        + "FETCH FIRST " + limit + " ROWS ONLY")
                .params(withUser(reader, params)).query(this::map).list();
    }

    public long unread(Reader reader) {
        List<Object> params = new ArrayList<>();
        String where = visible(reader, params);
        return jdbc.sql("SELECT COUNT(*) FROM fieldwork_notification n LEFT JOIN fieldwork_notification_read r "
                        + "ON r.notification_id = n.id AND r.user_id = ? AND r.org_id = n.org_id WHERE " + where
                        + " AND r.read_at IS NULL")
                .params(withUser(reader, params)).query(Long.class).single();
    }

    /** One notification, only if the reader may see it. */
    public Optional<Notification> find(Reader reader, UUID id) {
        List<Object> params = new ArrayList<>();
        String where = visible(reader, params);
        params.add(id);
        return jdbc.sql("SELECT " + COLUMNS + " FROM fieldwork_notification n LEFT JOIN fieldwork_notification_read r "
                        + "ON r.notification_id = n.id AND r.user_id = ? AND r.org_id = n.org_id WHERE " + where
                        + " AND n.id = ?")
                .params(withUser(reader, params)).query(this::map).optional();
    }

    /** Marks one notification read for the reader (no-op when it already is). */
    public void markRead(Reader reader, UUID id, Instant now) {
        Long already = jdbc.sql("SELECT COUNT(*) FROM fieldwork_notification_read WHERE notification_id = ? AND user_id = ? "
                        + "AND org_id = ?")
                .params(id, reader.userId(), reader.orgId()).query(Long.class).single();
        if (already == 0) {
            try {
                jdbc.sql("INSERT INTO fieldwork_notification_read (notification_id, user_id, org_id, read_at) "
                                + "VALUES (?, ?, ?, ?)")
                        .params(id, reader.userId(), reader.orgId(), ts(now)).update();
            } catch (DuplicateKeyException readMeanwhile) {
                // marked read by a parallel request of the same user: the outcome is the same
            }
        }
    }

    /** The ids of the reader's unread notifications. */
    public List<UUID> unreadIds(Reader reader) {
        List<Object> params = new ArrayList<>();
        String where = visible(reader, params);
        return jdbc.sql("SELECT n.id FROM fieldwork_notification n LEFT JOIN fieldwork_notification_read r "
                        + "ON r.notification_id = n.id AND r.user_id = ? AND r.org_id = n.org_id WHERE " + where
                        + " AND r.read_at IS NULL")
                .params(withUser(reader, params)).query(UUID.class).list();
    }

    private static String visible(Reader reader, List<Object> params) {
        params.add(reader.orgId());
        params.add(reader.userId());
        String base = "n.org_id = ? AND (n.actor_id IS NULL OR n.actor_id <> ?)";
        if (reader.firmId() != null) {
            params.add(reader.engagementId());
            params.add(reader.firmId());
            return base + " AND n.audience = 'FIRM' AND n.engagement_id = ? AND n.firm_id = ?";
        }
        params.add(reader.userId());
        return base + " AND n.audience = 'CLIENT' AND (n.recipient_id = ?"
                + (reader.clientWide() ? " OR n.recipient_id IS NULL)" : ")");
    }

    /** The join's user parameter comes first in the SQL. */
    private static List<Object> withUser(Reader reader, List<Object> params) {
        List<Object> all = new ArrayList<>();
        all.add(reader.userId());
        all.addAll(params);
        return all;
    }

    private Notification map(ResultSet rs, int n) throws SQLException {
        return new Notification(rs.getObject("id", UUID.class), rs.getString("kind"),
                rs.getObject("engagement_id", UUID.class), rs.getObject("request_id", UUID.class),
                rs.getString("subject_ref"), rs.getString("message"), rs.getString("link"), rs.getString("actor_label"),
                instant(rs, "created_at"), rs.getObject("read_at") != null);
    }
}
