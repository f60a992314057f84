package dev.assayer.activity;

import dev.assayer.shared.tenancy.CurrentUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to and verifies the per-organization activity chain. {@link #record} joins the caller's
 * transaction, so a change and its log entry commit or roll back together.
 */
@Service
public class ActivityLog {

    private final JdbcClient jdbc;
    private final JsonMapper canonical;

    public ActivityLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.canonical = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /** Records a change made by a signed-in user. {@code before}/{@code after} are any JSON-able values. */
    @Transactional(propagation = Propagation.MANDATORY)
    public ActivityEntry record(CurrentUser actor, String entityType, Object entityId, String action, Object before,
            Object after) {
        return append(actor.orgId(), actor.userId(), actor.label(), entityType, entityId, action, before, after);
    }

    /** Records a change made by Assayer itself (first start, demo loader, scheduled jobs). */
    @Transactional(propagation = Propagation.MANDATORY)
    public ActivityEntry recordSystem(UUID orgId, String actorLabel, String entityType, Object entityId, String action,
            Object before, Object after) {
        return append(orgId, null, actorLabel, entityType, entityId, action, before, after);
    }

    private ActivityEntry append(UUID orgId, UUID actorId, String actorLabel, String entityType, Object entityId,
            String action, Object before, Object after) {
        Head head = lockHead(orgId);
        ActivityEntry draft = new ActivityEntry(orgId, head.seq + 1, Instant.now().truncatedTo(ChronoUnit.MICROS), actorId,
                actorLabel, entityType, String.valueOf(entityId), action, toJson(before), toJson(after), head.hash, null);
        String hash = HashChain.hash(draft);
        ActivityEntry entry = new ActivityEntry(draft.orgId(), draft.seq(), draft.occurredAt(), actorId, actorLabel,
                entityType, draft.entityId(), action, draft.before(), draft.after(), draft.prevHash(), hash);
        jdbc.sql("""
                INSERT INTO activity_entry (org_id, seq, occurred_at, actor_id, actor_label, entity_type, entity_id,
                    action, before_json, after_json, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orgId, entry.seq(), OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC), actorId,
                        actorLabel, entityType, entry.entityId(), action, entry.before(), entry.after(), entry.prevHash(),
                        hash)
                .update();
        jdbc.sql("UPDATE activity_head SET last_seq = ?, last_hash = ? WHERE org_id = ?")
                .params(entry.seq(), hash, orgId).update();
        return entry;
    }

    private record Head(long seq, String hash) {
    }

    private Head lockHead(UUID orgId) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Head> head = jdbc.sql("SELECT last_seq, last_hash FROM activity_head WHERE org_id = ? FOR UPDATE")
                    .param(orgId).query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
            if (head.isPresent()) {
                return head.get();
            }
            try {
                jdbc.sql("INSERT INTO activity_head (org_id, last_seq, last_hash) VALUES (?, 0, ?)")
                        .params(orgId, HashChain.GENESIS).update();
            } catch (DuplicateKeyException raced) {
                // another transaction started the chain first; lock its row on the next pass
            }
        }
        throw new IllegalStateException("could not lock the activity chain of organization " + orgId);
    }

    String toJson(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return canonical.writeValueAsString(Map.of("value", s));
        }
        Object tree = canonical.convertValue(value, Object.class);
        if (tree instanceof Map<?, ?> m) {
            tree = new TreeMap<>(m);
        }
        return canonical.writeValueAsString(tree);
    }

    /** Newest first, optionally for one entity. */
    @Transactional(readOnly = true)
    public List<ActivityEntry> recent(UUID orgId, String entityType, String entityId, int limit) {
        String where = "org_id = ?" + (entityType != null ? " AND entity_type = ?" : "")
                + (entityId != null ? " AND entity_id = ?" : "");
        var spec = jdbc.sql("SELECT * FROM activity_entry WHERE " + where + " ORDER BY seq DESC LIMIT " + Math.max(1,
                Math.min(limit, 1000))).param(orgId);
        if (entityType != null) {
            spec = spec.param(entityType);
        }
        if (entityId != null) {
            spec = spec.param(entityId);
        }
        return spec.query(ActivityLog::map).list();
    }

    /**
     * For other modules (no permission check — the caller checks its own): the entries of the given
     * entity types that occurred in [{@code from}, {@code to}), oldest first, at most {@code limit}.
     */
    @Transactional(readOnly = true)
    public List<ActivityEntry> between(UUID orgId, Instant from, Instant to, java.util.Collection<String> entityTypes,
            int limit) {
        if (entityTypes == null || entityTypes.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", java.util.Collections.nCopies(entityTypes.size(), "?"));
        var spec = jdbc.sql("SELECT * FROM activity_entry WHERE org_id = ? AND occurred_at >= ? AND occurred_at < ?"
                + " AND entity_type IN (" + in + ") ORDER BY seq LIMIT " + Math.max(1, Math.min(limit, 100_000)))
                .param(orgId).param(java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
                .param(java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
        for (String t : entityTypes) {
            spec = spec.param(t);
        }
        return spec.query(ActivityLog::map).list();
    }

    /** Re-computes the whole chain of one organization in one streaming pass. */
    @Transactional(readOnly = true)
    public ChainVerification verify(UUID orgId) {
        HashChain.Verifier verifier = new HashChain.Verifier();
        jdbc.sql("SELECT * FROM activity_entry WHERE org_id = ? ORDER BY seq").param(orgId)
                .query(rs -> {
                    verifier.accept(map(rs, 0));
                });
        Optional<Head> head = jdbc.sql("SELECT last_seq, last_hash FROM activity_head WHERE org_id = ?").param(orgId)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
        return verifier.result(head.map(Head::seq).orElse(null), head.map(Head::hash).orElse(null));
    }

    private static ActivityEntry map(ResultSet rs, int n) throws SQLException {
        return new ActivityEntry(rs.getObject("org_id", UUID.class), rs.getLong("seq"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getObject("actor_id", UUID.class),
                rs.getString("actor_label"), rs.getString("entity_type"), rs.getString("entity_id"),
                rs.getString("action"), rs.getString("before_json"), rs.getString("after_json"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
