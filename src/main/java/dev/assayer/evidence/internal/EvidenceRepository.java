package dev.assayer.evidence.internal;

import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceFilter;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceKind;
import dev.assayer.evidence.EvidenceStatus;
import dev.assayer.evidence.EvidenceTally;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the evidence module. Every statement on tenant data names the organization. */
@Repository
public class EvidenceRepository {

    /** An evidence row as stored, before its controls are attached. */
    public record Row(UUID id, UUID orgId, EvidenceKind kind, String title, String description, String url,
            String filename, String contentType, Long size, String sha256, LocalDate effectiveDate,
            LocalDate periodStart, LocalDate periodEnd, LocalDate renewalDate, String collectedBy,
            CollectionMethod collectionMethod, String sourceSystem, UUID uploadedBy, String uploadedByLabel,
            Instant uploadedAt, UUID reviewedBy, String reviewedByLabel, Instant reviewedAt, String reviewNote,
            EvidenceStatus status, UUID withdrawnBy, String withdrawnByLabel, Instant withdrawnAt,
            String withdrawnReason, long version) {

        public EvidenceItem toItem(List<dev.assayer.evidence.ControlRef> controls) {
            return new EvidenceItem(id, kind, title, description, url, filename, contentType, size, sha256, controls,
                    effectiveDate, periodStart, periodEnd, renewalDate, collectedBy, collectionMethod, sourceSystem,
                    uploadedBy, uploadedByLabel, uploadedAt, reviewedBy, reviewedByLabel, reviewedAt, reviewNote, status,
                    withdrawnBy, withdrawnByLabel, withdrawnAt, withdrawnReason, version);
        }
    }

    private final JdbcClient jdbc;

    public EvidenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static LocalDate date(ResultSet rs, String col) throws SQLException {
        Date d = rs.getDate(col);
        return d == null ? null : d.toLocalDate();
    }

    private static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                EvidenceKind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("description"),
                rs.getString("url"), rs.getString("filename"), rs.getString("content_type"), nullableLong(rs, "size_bytes"),
                rs.getString("sha256"), date(rs, "effective_date"), date(rs, "period_start"), date(rs, "period_end"),
                date(rs, "renewal_date"), rs.getString("collected_by"),
                CollectionMethod.valueOf(rs.getString("collection_method")), rs.getString("source_system"),
                rs.getObject("uploaded_by", UUID.class), rs.getString("uploaded_by_label"), instant(rs, "uploaded_at"),
                rs.getObject("reviewed_by", UUID.class), rs.getString("reviewed_by_label"), instant(rs, "reviewed_at"),
                rs.getString("review_note"), EvidenceStatus.valueOf(rs.getString("status")),
                rs.getObject("withdrawn_by", UUID.class), rs.getString("withdrawn_by_label"), instant(rs, "withdrawn_at"),
                rs.getString("withdrawn_reason"), rs.getLong("version"));
    }

    public void insert(Row r) {
        jdbc.sql("""
                INSERT INTO evidence_item (id, org_id, kind, title, description, url, filename, content_type, size_bytes,
                    sha256, effective_date, period_start, period_end, renewal_date, collected_by, collection_method,
                    source_system, uploaded_by, uploaded_by_label, uploaded_at, status, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(r.id(), r.orgId(), r.kind().name(), r.title(), r.description(), r.url(), r.filename(),
                        r.contentType(), r.size(), r.sha256(), r.effectiveDate(), r.periodStart(), r.periodEnd(),
                        r.renewalDate(), r.collectedBy(), r.collectionMethod().name(), r.sourceSystem(), r.uploadedBy(),
                        r.uploadedByLabel(), ts(r.uploadedAt()), r.status().name())
                .update();
    }

    private static final java.time.format.DateTimeFormatter SORT_TS = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMddHHmmssSSSSSS").withZone(ZoneOffset.UTC);

    /** See V5__evidence.sql: the key whose maximum is the newest item (fixed width, so text order is time order). */
    static String sortKey(Row r) {
        LocalDate d = r.periodEnd() != null ? r.periodEnd() : r.effectiveDate();
        return d + "|" + SORT_TS.format(r.uploadedAt()) + "|" + r.id();
    }

    /** Sets the controls of an item, with the copy of its status and dates used by the tally. */
    public void replaceControls(Row r, Collection<UUID> controlIds) {
        jdbc.sql("DELETE FROM evidence_control WHERE org_id = ? AND evidence_id = ?").params(r.orgId(), r.id()).update();
        String key = sortKey(r);
        for (UUID c : new LinkedHashSet<>(controlIds)) {
            jdbc.sql("""
                    INSERT INTO evidence_control (org_id, evidence_id, control_id, status, effective_date, period_start,
                        period_end, renewal_date, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(r.orgId(), r.id(), c, r.status().name(), r.effectiveDate(), r.periodStart(), r.periodEnd(),
                            r.renewalDate(), key)
                    .update();
        }
    }

    public Optional<Row> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT * FROM evidence_item WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(EvidenceRepository::row).optional();
    }

    /** Locks the row for a change (SELECT … FOR UPDATE). */
    public Optional<Row> findForUpdate(UUID orgId, UUID id) {
        return jdbc.sql("SELECT * FROM evidence_item WHERE org_id = ? AND id = ? FOR UPDATE").params(orgId, id)
                .query(EvidenceRepository::row).optional();
    }

    /** Control ids per evidence id, for the given items of one organization. */
    public Map<UUID, List<UUID>> controlsOf(UUID orgId, Collection<UUID> evidenceIds) {
        Map<UUID, List<UUID>> out = new HashMap<>();
        List<UUID> ids = new ArrayList<>(evidenceIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            List<Object> params = new ArrayList<>();
            params.add(orgId);
            params.addAll(chunk);
            jdbc.sql("SELECT evidence_id, control_id FROM evidence_control WHERE org_id = ? AND evidence_id IN (" + marks
                            + ")")
                    .params(params)
                    .query(rs -> {
                        out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(rs.getObject(2, UUID.class));
                    });
        }
        return out;
    }

    public List<Row> list(UUID orgId, EvidenceFilter f, LocalDate renewalDueBefore, boolean activeOnlyForRenewal,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT e.* FROM evidence_item e WHERE e.org_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(orgId);
        if (f.controlId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM evidence_control c WHERE c.org_id = ? AND c.evidence_id = e.id"
                    + " AND c.control_id = ?)");
            params.add(orgId);
            params.add(f.controlId());
        }
        EvidenceStatus status = activeOnlyForRenewal ? EvidenceStatus.ACTIVE : f.status();
        if (status != null) {
            sql.append(" AND e.status = ?");
            params.add(status.name());
        }
        if (renewalDueBefore != null) {
            sql.append(" AND e.renewal_date < ?");
            params.add(renewalDueBefore);
        }
        if (f.text() != null && !f.text().isBlank()) {
            String like = "%" + f.text().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            sql.append(" AND (LOWER(e.title) LIKE ? ESCAPE '\\' OR LOWER(e.description) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(e.filename) LIKE ? ESCAPE '\\' OR LOWER(e.source_system) LIKE ? ESCAPE '\\'"
                    + " OR e.sha256 LIKE ? ESCAPE '\\')");
            for (int i = 0; i < 5; i++) {
                params.add(like);
            }
        }
        sql.append(renewalDueBefore != null && activeOnlyForRenewal ? " ORDER BY e.renewal_date, e.title, e.id"
                : " ORDER BY e.uploaded_at DESC, e.id");
        sql.append(" LIMIT ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query(EvidenceRepository::row).list();
    }

    /**
     * One page of the organization's evidence with {@code status} (any when null), oldest upload
     * first, after the item ({@code afterUploadedAt}, {@code afterId}) — keyset paging, so a walk over
     * every item costs one indexed query per page however many there are.
     */
    public List<Row> pageByUpload(UUID orgId, EvidenceStatus status, Instant afterUploadedAt, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT e.* FROM evidence_item e WHERE e.org_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(orgId);
        if (status != null) {
            sql.append(" AND e.status = ?");
            params.add(status.name());
        }
        if (afterUploadedAt != null) {
            sql.append(" AND (e.uploaded_at > ? OR (e.uploaded_at = ? AND e.id > ?))");
            params.add(ts(afterUploadedAt));
            params.add(ts(afterUploadedAt));
            params.add(afterId);
        }
        sql.append(" ORDER BY e.uploaded_at, e.id LIMIT ").append(Math.max(1, limit));
        return jdbc.sql(sql.toString()).params(params).query(EvidenceRepository::row).list();
    }

    /** Optimistic update of the editable metadata; returns rows changed (0 = stale or missing). */
    public int updateMetadata(UUID orgId, UUID id, long expectedVersion, String title, String description,
            LocalDate effectiveDate, LocalDate periodStart, LocalDate periodEnd, LocalDate renewalDate,
            boolean clearReview) {
        return jdbc.sql("UPDATE evidence_item SET title = ?, description = ?, effective_date = ?, period_start = ?,"
                        + " period_end = ?, renewal_date = ?, version = version + 1"
                        + (clearReview ? ", reviewed_by = NULL, reviewed_by_label = NULL, reviewed_at = NULL,"
                        + " review_note = NULL" : "")
                        + " WHERE org_id = ? AND id = ? AND version = ?")
                .params(title, description, effectiveDate, periodStart, periodEnd, renewalDate, orgId, id,
                        expectedVersion)
                .update();
    }

    public int review(UUID orgId, UUID id, long version, UUID reviewer, String label, Instant at, String note) {
        return jdbc.sql("UPDATE evidence_item SET reviewed_by = ?, reviewed_by_label = ?, reviewed_at = ?,"
                        + " review_note = ?, version = version + 1 WHERE org_id = ? AND id = ? AND version = ?")
                .params(reviewer, label, ts(at), note, orgId, id, version).update();
    }

    public int withdraw(UUID orgId, UUID id, long version, UUID by, String label, Instant at, String reason) {
        int n = jdbc.sql("UPDATE evidence_item SET status = 'WITHDRAWN', withdrawn_by = ?, withdrawn_by_label = ?,"
                        + " withdrawn_at = ?, withdrawn_reason = ?, version = version + 1"
                        + " WHERE org_id = ? AND id = ? AND version = ? AND status = 'ACTIVE'")
                .params(by, label, ts(at), reason, orgId, id, version).update();
        if (n > 0) {
            jdbc.sql("UPDATE evidence_control SET status = 'WITHDRAWN' WHERE org_id = ? AND evidence_id = ?")
                    .params(orgId, id).update();
        }
        return n;
    }

    /**
     * Whether any evidence row of any organization records this blob. Deliberately not scoped by
     * organization: the store keeps identical bytes once for everyone, so a blob may only be
     * removed (after a failed save) when no organization refers to it.
     */
    public boolean blobReferenced(String sha256) {
        return jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE sha256 = ?").param(sha256).query(Long.class).single() > 0;
    }

    // ---- tally -------------------------------------------------------------------------------

    /** Class of an item: 0 valid, 1 outside the window, 2 expired, 3 withdrawn (in that precedence). */
    private static String classOf(boolean typeOne) {
        String inside = typeOne
                ? "(c.effective_date <= :we OR c.period_start <= :we)"
                : "((c.effective_date >= :ws AND c.effective_date <= :we) OR (c.period_start <= :we AND c.period_end >= :ws))";
        return "CASE WHEN c.status = 'WITHDRAWN' THEN 3 WHEN c.renewal_date < :ref THEN 2 WHEN " + inside
                + " THEN 0 ELSE 1 END";
    }

    /**
     * One aggregate pass over evidence_control (which carries each item's status and dates): per
     * control and class, the count, the earliest renewal date and the greatest sort key. Then the
     * titles of the newest valid items, by primary key.
     */
    public Map<UUID, EvidenceTally> tally(UUID orgId, LocalDate windowStart, LocalDate windowEnd, LocalDate reference) {
        boolean typeOne = windowStart == null;
        String sql = "SELECT c.control_id, " + classOf(typeOne) + " AS k, COUNT(*) AS n,"
                + " MIN(c.renewal_date) AS next_renewal, MAX(c.sort_key) AS newest"
                + " FROM evidence_control c WHERE c.org_id = :org GROUP BY c.control_id, k";
        Map<UUID, int[]> counts = new HashMap<>();
        Map<UUID, LocalDate> latest = new HashMap<>();
        Map<UUID, LocalDate> nextRenewal = new HashMap<>();
        Map<UUID, UUID> newestValid = new HashMap<>();
        var spec = jdbc.sql(sql).param("org", orgId).param("we", windowEnd).param("ref", reference);
        if (!typeOne) {
            spec = spec.param("ws", windowStart);
        }
        spec.query(rs -> {
            UUID control = rs.getObject("control_id", UUID.class);
            int k = rs.getInt("k");
            counts.computeIfAbsent(control, x -> new int[4])[k] += rs.getInt("n");
            if (k == 3) {
                return;
            }
            String newest = rs.getString("newest");
            LocalDate d = LocalDate.parse(newest.substring(0, 10));
            latest.merge(control, d, (a, b) -> a.isAfter(b) ? a : b);
            if (k <= 1) {
                LocalDate r = date(rs, "next_renewal");
                if (r != null) {
                    nextRenewal.merge(control, r, (a, b) -> a.isBefore(b) ? a : b);
                }
            }
            if (k == 0) {
                newestValid.put(control, UUID.fromString(newest.substring(newest.lastIndexOf('|') + 1)));
            }
        });
        Map<UUID, String> titles = titles(orgId, newestValid.values());
        Map<UUID, EvidenceTally> out = new HashMap<>();
        counts.forEach((control, n) -> {
            UUID newest = newestValid.get(control);
            out.put(control, new EvidenceTally(n[0], n[1], n[2], n[3], latest.get(control), nextRenewal.get(control),
                    newest, newest == null ? null : titles.get(newest)));
        });
        return out;
    }

    private Map<UUID, String> titles(UUID orgId, Collection<UUID> ids) {
        Map<UUID, String> out = new HashMap<>();
        List<UUID> all = new ArrayList<>(new LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += 500) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + 500));
            List<Object> params = new ArrayList<>();
            params.add(orgId);
            params.addAll(chunk);
            jdbc.sql("SELECT id, title FROM evidence_item WHERE org_id = ? AND id IN ("
                            + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(params)
                    .query(rs -> {
                        out.put(rs.getObject(1, UUID.class), rs.getString(2));
                    });
        }
        return out;
    }
}
