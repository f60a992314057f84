package dev.assayer.notification.internal;

import dev.assayer.notification.Channel;
import dev.assayer.notification.Delivery;
import dev.assayer.notification.DeliveryStatus;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for notification settings and the outbox. Every statement names the organization, except
 * {@link #due} which the deliverer uses to find work across organizations.
 */
@Repository
public class NotificationOutboxRepository {

    /** The stored settings; role names and extra addresses as JSON arrays, the secret sealed. */
    public record SettingsRow(boolean emailEnabled, List<String> emailRoles, boolean emailControlOwners,
            List<String> extraAddresses, String webhookUrl, String sealedSecret, Instant secretSetAt, long version,
            Instant updatedAt, String updatedBy) {
    }

    /** An outbox row with what it sends. */
    public record OutboxRow(Delivery delivery, UUID orgId, String body, String html, String webhookUrlHash) {
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, org_id, channel, kind, run_id, failure_count, recipients, subject, body, html, "
            + "status, attempts, next_attempt_at, last_attempt_at, delivered_at, last_error, created_at, created_by, webhook_url_hash";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public NotificationOutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------------------ settings

    /** An organization that never saved its settings: e-mail to admins, compliance managers and control owners; no webhook. */
    public static SettingsRow defaults() {
        return new SettingsRow(true, List.of("ADMIN", "COMPLIANCE_MANAGER"), true, List.of(), null, null, null, 0, null, null);
    }

    public SettingsRow effective(UUID orgId) {
        return settings(orgId).orElseGet(NotificationOutboxRepository::defaults);
    }

    public Optional<SettingsRow> settings(UUID orgId) {
        return jdbc.sql("""
                SELECT email_enabled, email_roles, email_control_owners, extra_addresses, webhook_url, webhook_secret,
                    webhook_secret_set_at, version, updated_at, updated_by
                FROM notification_settings WHERE org_id = ?""").param(orgId)
                .query((rs, n) -> new SettingsRow(rs.getBoolean(1), strings(rs.getString(2)), rs.getBoolean(3),
                        strings(rs.getString(4)), rs.getString(5), rs.getString(6), instant(rs, 7), rs.getLong(8),
                        instant(rs, 9), rs.getString(10)))
                .optional();
    }

    /** Inserts the first saved settings (version 1); false when another save won the race. */
    public boolean insertSettings(UUID orgId, SettingsRow s, Instant now) {
        try {
            return jdbc.sql("""
                    INSERT INTO notification_settings (org_id, email_enabled, email_roles, email_control_owners,
                        extra_addresses, webhook_url, webhook_secret, webhook_secret_set_at, version, updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)""")
                    .params(orgId, s.emailEnabled(), json.writeValueAsString(s.emailRoles()), s.emailControlOwners(),
                            json.writeValueAsString(s.extraAddresses()), s.webhookUrl(), s.sealedSecret(),
                            ts(s.secretSetAt()), ts(now), s.updatedBy())
                    .update() == 1;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }

    /** Replaces the settings when still at {@code version}; false (nothing changed) otherwise. */
    public boolean updateSettings(UUID orgId, long version, SettingsRow s, Instant now) {
        return jdbc.sql("""
                UPDATE notification_settings SET email_enabled = ?, email_roles = ?, email_control_owners = ?,
                    extra_addresses = ?, webhook_url = ?, webhook_secret = ?, webhook_secret_set_at = ?,
                    version = version + 1, updated_at = ?, updated_by = ?
                WHERE org_id = ? AND version = ?""")
                .params(s.emailEnabled(), json.writeValueAsString(s.emailRoles()), s.emailControlOwners(),
                        json.writeValueAsString(s.extraAddresses()), s.webhookUrl(), s.sealedSecret(),
                        ts(s.secretSetAt()), ts(now), s.updatedBy(), orgId, version)
                .update() == 1;
    }

    // -------------------------------------------------------------------------------- outbox

    /**
     * A new PENDING row, due at once; {@code leaseUntil} non-null when its creator sends it itself;
     * {@code webhookUrlHash} (a webhook's) is {@link NotificationRules#urlHash} of the URL in force now.
     */
    public void insertOutbox(UUID orgId, UUID id, Channel channel, String kind, UUID runId, long failureCount,
            String recipients, String subject, String body, String html, Instant now, String createdBy,
            Instant leaseUntil, String webhookUrlHash) {
        jdbc.sql("INSERT INTO notification_outbox (id, org_id, channel, kind, run_id, failure_count, recipients, subject, "
                        + "body, html, status, attempts, next_attempt_at, lease_until, created_at, created_by, "
                        + "webhook_url_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?)")
                .params(id, orgId, channel.name(), kind, runId, failureCount, cut(recipients, 8000), cut(subject, 400),
                        body, html, ts(now), ts(leaseUntil), ts(now), cut(createdBy, 400), webhookUrlHash)
                .update();
    }

    /** Pending rows due at {@code now} and not being sent, oldest due first: (organization, id). */
    public List<UUID[]> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT org_id, id FROM notification_outbox
                WHERE status = 'PENDING' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                ORDER BY next_attempt_at, created_at LIMIT ?""")
                .params(ts(now), ts(now), limit)
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list();
    }

    /** Takes the row for sending until {@code leaseUntil}; false when it is not due or another deliverer has it. */
    public boolean claim(UUID orgId, UUID id, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE notification_outbox SET lease_until = ?
                WHERE id = ? AND org_id = ? AND status = 'PENDING' AND next_attempt_at <= ?
                    AND (lease_until IS NULL OR lease_until < ?)""")
                .params(ts(leaseUntil), id, orgId, ts(now), ts(now)).update() == 1;
    }

    /** Records one attempt and releases the row. */
    public void recordAttempt(UUID orgId, UUID id, DeliveryStatus status, Instant at, Instant next, String error,
            String recipients) {
        jdbc.sql("""
                UPDATE notification_outbox SET status = ?, attempts = attempts + 1, last_attempt_at = ?,
                    next_attempt_at = ?, delivered_at = ?, last_error = ?, recipients = COALESCE(?, recipients),
                    lease_until = NULL
                WHERE id = ? AND org_id = ?""")
                .params(status.name(), ts(at), ts(next), status == DeliveryStatus.DELIVERED ? ts(at) : null,
                        cut(error, 1000), cut(recipients, 8000), id, orgId)
                .update();
    }

    /**
     * Closes a row without sending it (the settings changed since it was queued): CANCELLED with the
     * reason, no attempt counted, the lease released.
     */
    public void cancel(UUID orgId, UUID id, String reason) {
        jdbc.sql("""
                UPDATE notification_outbox SET status = 'CANCELLED', next_attempt_at = NULL, last_error = ?,
                    lease_until = NULL
                WHERE id = ? AND org_id = ? AND status = 'PENDING'""")
                .params(cut(reason, 1000), id, orgId).update();
    }

    public Optional<OutboxRow> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_outbox WHERE org_id = ? AND id = ?").params(orgId, id)
                .query((rs, n) -> new OutboxRow(delivery(rs), orgId, rs.getString("body"), rs.getString("html"),
                        rs.getString("webhook_url_hash")))
                .optional();
    }

    /** Deliveries of the organization, newest first, skipping {@code offset}. */
    public List<Delivery> page(UUID orgId, int limit, long offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_outbox WHERE org_id = ? "
                        + "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(orgId, limit, offset).query((rs, n) -> delivery(rs)).list();
    }

    /**
     * Deletes up to {@code limit} finished rows (delivered, failed, cancelled) queued before
     * {@code cutoff}, of every organization (the retention job, like {@link #due}); returns how many.
     */
    public int purgeFinished(Instant cutoff, int limit) {
        List<UUID> ids = jdbc.sql("""
                SELECT id FROM notification_outbox
                WHERE created_at < ? AND status IN ('DELIVERED', 'FAILED', 'CANCELLED')
                ORDER BY created_at LIMIT ?""")
                .params(ts(cutoff), limit).query((rs, n) -> rs.getObject(1, UUID.class)).list();
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM notification_outbox WHERE id IN (:ids) AND status <> 'PENDING'")
                .param("ids", ids).update();
    }

    /** The deliveries announcing one run's failures. */
    public List<Delivery> forRun(UUID orgId, UUID runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_outbox WHERE org_id = ? AND run_id = ? ORDER BY channel")
                .params(orgId, runId).query((rs, n) -> delivery(rs)).list();
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), Channel.valueOf(rs.getString("channel")), rs.getString("kind"),
                rs.getObject("run_id", UUID.class), rs.getLong("failure_count"), rs.getString("recipients"),
                rs.getString("subject"), DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("attempts"),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "last_attempt_at"),
                instant(rs, "next_attempt_at"), instant(rs, "delivered_at"), rs.getString("last_error"));
    }

    private List<String> strings(String s) {
        return s == null || s.isBlank() ? List.of() : json.readValue(s, STRINGS);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
