package dev.assayer.accessreview.internal;

import dev.assayer.accessreview.CampaignStatus;
import dev.assayer.accessreview.Decision;
import dev.assayer.accessreview.PendingReviews;
import dev.assayer.accessreview.RemediationTask;
import dev.assayer.accessreview.ReviewAccount;
import dev.assayer.accessreview.RosterStatus;
import dev.assayer.accessreview.TaskStatus;
import dev.assayer.accessreview.internal.AccessReviewRules.Assignment;
import dev.assayer.accessreview.internal.AccessReviewRules.ValidDecision;
import dev.assayer.accessreview.internal.AccessReviewRules.ValidDraft;
import dev.assayer.accessreview.internal.AccountCsv.ImportedAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for access review campaigns, their accounts and remediation tasks. Every statement names the
 * organization; mutable rows carry a version for optimistic locking.
 */
@Repository
public class AccessReviewRepository {

    /** A campaign row as stored. */
    public record CampaignRow(UUID id, String system, LocalDate asOfDate, LocalDate dueDate, String description,
            List<UUID> controlIds, UUID ownerId, String ownerLabel, CampaignStatus status, String sourceFilename,
            String sourceSha256, Integer sourceRows, Instant importedAt, String importedBy, UUID signedOffBy,
            String signedOffByLabel, Instant signedOffAt, UUID evidenceId, long version, Instant createdAt,
            Instant updatedAt) {
    }

    /** Per-campaign counts of accounts: total, decided, kept, revoked, changed, flagged owners. */
    public record AccountCounts(int accounts, int decided, int kept, int revoked, int changed, int flagged) {
        static final AccountCounts NONE = new AccountCounts(0, 0, 0, 0, 0, 0);
    }

    /** A new account row: the imported line and its assignment. */
    public record NewAccount(UUID id, ImportedAccount line, Assignment assignment) {
    }

    private static final TypeReference<List<UUID>> UUIDS = new TypeReference<>() {
    };

    private static final String C_COLS = "id, system_name, as_of_date, due_date, description, controls_json, owner_id, "
            + "owner_label, status, source_filename, source_sha256, source_rows, imported_at, imported_by_label, "
            + "signed_off_by, signed_off_by_label, signed_off_at, evidence_id, version, created_at, updated_at";

    private static final String A_COLS = "id, review_id, line_no, account_name, email, display_name, entitlement, "
            + "last_login, account_status, roster_status, roster_note, reviewer_id, reviewer_label, reviewer_email, "
            + "assignment_note, assigned_manually, decision, justification, new_entitlement, self_review_justification, "
            + "decided_by, decided_by_label, decided_at, version";

    private static final String T_COLS = "t.id, t.account_id, a.account_name, t.kind, t.description, t.status, "
            + "t.created_at, t.created_by_label, t.done_on, t.done_by, t.done_by_label, t.done_at, t.ticket, "
            + "t.cancelled_at, t.cancelled_reason, t.version, t.review_id";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json = JsonMapper.builder().build();

    public AccessReviewRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    // ---- campaigns --------------------------------------------------------------------------

    public void insertCampaign(UUID orgId, UUID id, ValidDraft d, UUID ownerId, String ownerLabel, Instant now) {
        jdbc.sql("INSERT INTO access_review (org_id, id, system_name, as_of_date, due_date, description, controls_json, "
                        + "owner_id, owner_label, status, version, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 0, ?, ?)")
                .params(orgId, id, d.system(), d.asOfDate(), d.dueDate(), d.description(),
                        json.writeValueAsString(d.controlIds()), ownerId, ownerLabel, ts(now), ts(now))
                .update();
    }

    public boolean updateCampaign(UUID orgId, UUID id, long version, ValidDraft d, Instant now) {
        return jdbc.sql("""
                UPDATE access_review SET system_name = ?, as_of_date = ?, due_date = ?, description = ?,
                    controls_json = ?, version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND version = ? AND status = 'OPEN'""")
                .params(d.system(), d.asOfDate(), d.dueDate(), d.description(), json.writeValueAsString(d.controlIds()),
                        ts(now), id, orgId, version)
                .update() == 1;
    }

    public Optional<CampaignRow> campaign(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + C_COLS + " FROM access_review WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(this::campaign).optional();
    }

    /** Locks the campaign row: serializes imports, decisions, task updates and sign-off of one campaign. */
    public Optional<CampaignRow> lockCampaign(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + C_COLS + " FROM access_review WHERE org_id = ? AND id = ? FOR UPDATE")
                .params(orgId, id).query(this::campaign).optional();
    }

    /** Open campaigns first, then by due date (soonest first), then newest as-of date. */
    public List<CampaignRow> campaigns(UUID orgId) {
        return jdbc.sql("SELECT " + C_COLS + " FROM access_review WHERE org_id = ? "
                        + "ORDER BY CASE WHEN status = 'OPEN' THEN 0 ELSE 1 END, due_date, as_of_date DESC, system_name")
                .param(orgId).query(this::campaign).list();
    }

    public void setSource(UUID orgId, UUID id, String filename, String sha256, int rows, Instant now, String by) {
        jdbc.sql("UPDATE access_review SET source_filename = ?, source_sha256 = ?, source_rows = ?, imported_at = ?, "
                        + "imported_by_label = ?, version = version + 1, updated_at = ? WHERE id = ? AND org_id = ?")
                .params(filename, sha256, rows, ts(now), by, ts(now), id, orgId).update();
    }

    public void signOff(UUID orgId, UUID id, UUID userId, String label, Instant now, UUID evidenceId) {
        jdbc.sql("UPDATE access_review SET status = 'SIGNED_OFF', signed_off_by = ?, signed_off_by_label = ?, "
                        + "signed_off_at = ?, evidence_id = ?, version = version + 1, updated_at = ? "
                        + "WHERE id = ? AND org_id = ? AND status = 'OPEN'")
                .params(userId, label, ts(now), evidenceId, ts(now), id, orgId).update();
    }

    /** Account counts per campaign of the organization, or of one campaign when {@code reviewId} is given. */
    public Map<UUID, AccountCounts> counts(UUID orgId, UUID reviewId) {
        String sql = """
                SELECT review_id, COUNT(*) AS total,
                    SUM(CASE WHEN decision IS NOT NULL THEN 1 ELSE 0 END) AS decided,
                    SUM(CASE WHEN decision = 'KEEP' THEN 1 ELSE 0 END) AS kept,
                    SUM(CASE WHEN decision = 'REVOKE' THEN 1 ELSE 0 END) AS revoked,
                    SUM(CASE WHEN decision = 'CHANGE' THEN 1 ELSE 0 END) AS changed,
                    SUM(CASE WHEN roster_status <> 'ON_ROSTER' THEN 1 ELSE 0 END) AS flagged
                FROM access_review_account WHERE org_id = ?""" + (reviewId == null ? "" : " AND review_id = ?")
                + " GROUP BY review_id";
        List<Object> params = new ArrayList<>(List.of(orgId));
        if (reviewId != null) {
            params.add(reviewId);
        }
        Map<UUID, AccountCounts> out = new HashMap<>();
        jdbc.sql(sql).params(params).query((rs, n) -> out.put(rs.getObject("review_id", UUID.class),
                new AccountCounts(rs.getInt("total"), rs.getInt("decided"), rs.getInt("kept"), rs.getInt("revoked"),
                        rs.getInt("changed"), rs.getInt("flagged")))).list();
        return out;
    }

    public AccountCounts countsOf(UUID orgId, UUID reviewId) {
        return counts(orgId, reviewId).getOrDefault(reviewId, AccountCounts.NONE);
    }

    /** Open campaigns with accounts assigned to {@code reviewerId}, soonest due first. */
    public List<PendingReviews> pending(UUID orgId, UUID reviewerId) {
        return jdbc.sql("""
                SELECT r.id, r.system_name, r.as_of_date, r.due_date, COUNT(*) AS assigned,
                    SUM(CASE WHEN a.decision IS NULL THEN 1 ELSE 0 END) AS undecided
                FROM access_review r JOIN access_review_account a ON a.review_id = r.id AND a.org_id = r.org_id
                WHERE r.org_id = ? AND a.reviewer_id = ? AND r.status = 'OPEN'
                GROUP BY r.id, r.system_name, r.as_of_date, r.due_date
                ORDER BY r.due_date, r.system_name""")
                .params(orgId, reviewerId)
                .query((rs, n) -> new PendingReviews(rs.getObject("id", UUID.class), rs.getString("system_name"),
                        rs.getObject("as_of_date", LocalDate.class), rs.getObject("due_date", LocalDate.class),
                        rs.getInt("assigned"), rs.getInt("undecided")))
                .list();
    }

    // ---- accounts ---------------------------------------------------------------------------

    public int deleteAccounts(UUID orgId, UUID reviewId) {
        return jdbc.sql("DELETE FROM access_review_account WHERE org_id = ? AND review_id = ?")
                .params(orgId, reviewId).update();
    }

    public void insertAccounts(UUID orgId, UUID reviewId, List<NewAccount> accounts) {
        List<Object[]> rows = new ArrayList<>();
        for (NewAccount n : accounts) {
            ImportedAccount l = n.line();
            Assignment a = n.assignment();
            rows.add(new Object[] {n.id(), orgId, reviewId, l.line(), l.account(), l.key(), l.email(), l.name(),
                    l.entitlement(), l.lastLogin(), l.status(), a.rosterStatus().name(), a.rosterNote(), a.reviewerId(),
                    a.reviewer(), a.reviewerEmail(), a.note(), false});
        }
        template.batchUpdate("INSERT INTO access_review_account (id, org_id, review_id, line_no, account_name, "
                + "account_key, email, display_name, entitlement, last_login, account_status, roster_status, roster_note, "
                + "reviewer_id, reviewer_label, reviewer_email, assignment_note, assigned_manually, version) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", rows);
    }

    /** The campaign's accounts in file order (without tasks). */
    public List<ReviewAccount> accounts(UUID orgId, UUID reviewId) {
        return jdbc.sql("SELECT " + A_COLS + " FROM access_review_account WHERE org_id = ? AND review_id = ? "
                        + "ORDER BY line_no").params(orgId, reviewId).query(this::account).list();
    }

    public Optional<ReviewAccount> account(UUID orgId, UUID reviewId, UUID accountId) {
        return jdbc.sql("SELECT " + A_COLS + " FROM access_review_account WHERE org_id = ? AND review_id = ? AND id = ?")
                .params(orgId, reviewId, accountId).query(this::account).optional();
    }

    /** Sets reviewer and roster status (a reassignment or a re-evaluation after the as-of date changed). */
    public boolean assign(UUID orgId, UUID accountId, long version, Assignment a, boolean manual) {
        return jdbc.sql("""
                UPDATE access_review_account SET reviewer_id = ?, reviewer_label = ?, reviewer_email = ?,
                    assignment_note = ?, assigned_manually = ?, roster_status = ?, roster_note = ?, version = version + 1
                WHERE id = ? AND org_id = ? AND version = ?""")
                .params(a.reviewerId(), a.reviewer(), a.reviewerEmail(), a.note(), manual, a.rosterStatus().name(),
                        a.rosterNote(), accountId, orgId, version)
                .update() == 1;
    }

    public boolean decide(UUID orgId, UUID accountId, long version, ValidDecision d, UUID userId, String label,
            Instant now) {
        return jdbc.sql("""
                UPDATE access_review_account SET decision = ?, justification = ?, new_entitlement = ?,
                    self_review_justification = ?, decided_by = ?, decided_by_label = ?, decided_at = ?,
                    version = version + 1
                WHERE id = ? AND org_id = ? AND version = ?""")
                .params(d.decision().name(), d.justification(), d.newEntitlement(), d.selfReviewJustification(), userId,
                        label, ts(now), accountId, orgId, version)
                .update() == 1;
    }

    // ---- tasks ------------------------------------------------------------------------------

    public void insertTask(UUID orgId, UUID reviewId, UUID accountId, UUID id, Decision kind, String description,
            String createdBy, Instant now) {
        jdbc.sql("INSERT INTO access_review_task (id, org_id, review_id, account_id, kind, description, status, "
                        + "created_at, created_by_label, version) VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, 0)")
                .params(id, orgId, reviewId, accountId, kind.name(), description, ts(now), createdBy).update();
    }

    public boolean completeTask(UUID orgId, UUID taskId, long version, LocalDate doneOn, String ticket, UUID userId,
            String label, Instant now) {
        return jdbc.sql("""
                UPDATE access_review_task SET status = 'DONE', done_on = ?, ticket = ?, done_by = ?, done_by_label = ?,
                    done_at = ?, version = version + 1
                WHERE id = ? AND org_id = ? AND version = ? AND status = 'OPEN'""")
                .params(doneOn, ticket, userId, label, ts(now), taskId, orgId, version).update() == 1;
    }

    public void cancelTask(UUID orgId, UUID taskId, String reason, Instant now) {
        jdbc.sql("UPDATE access_review_task SET status = 'CANCELLED', cancelled_at = ?, cancelled_reason = ?, "
                        + "version = version + 1 WHERE id = ? AND org_id = ? AND status = 'OPEN'")
                .params(ts(now), reason, taskId, orgId).update();
    }

    /** The tasks of one campaign, or of every campaign of the organization when {@code reviewId} is null; oldest first. */
    public Map<UUID, List<RemediationTask>> tasks(UUID orgId, UUID reviewId) {
        String sql = "SELECT " + T_COLS + " FROM access_review_task t JOIN access_review_account a "
                + "ON a.id = t.account_id AND a.org_id = t.org_id WHERE t.org_id = ?"
                + (reviewId == null ? "" : " AND t.review_id = ?") + " ORDER BY t.created_at, a.line_no";
        List<Object> params = new ArrayList<>(List.of(orgId));
        if (reviewId != null) {
            params.add(reviewId);
        }
        Map<UUID, List<RemediationTask>> out = new HashMap<>();
        jdbc.sql(sql).params(params).query((rs, n) -> out.computeIfAbsent(rs.getObject("review_id", UUID.class),
                k -> new ArrayList<>()).add(task(rs))).list();
        return out;
    }

    public List<RemediationTask> tasksOf(UUID orgId, UUID reviewId) {
        return tasks(orgId, reviewId).getOrDefault(reviewId, List.of());
    }

    // ---- mapping ----------------------------------------------------------------------------

    private CampaignRow campaign(ResultSet rs, int n) throws SQLException {
        int rows = rs.getInt("source_rows");
        Integer sourceRows = rs.wasNull() ? null : rows;
        return new CampaignRow(rs.getObject("id", UUID.class), rs.getString("system_name"),
                rs.getObject("as_of_date", LocalDate.class), rs.getObject("due_date", LocalDate.class),
                rs.getString("description"), json.readValue(rs.getString("controls_json"), UUIDS),
                rs.getObject("owner_id", UUID.class), rs.getString("owner_label"),
                CampaignStatus.valueOf(rs.getString("status")), rs.getString("source_filename"),
                rs.getString("source_sha256"), sourceRows, instant(rs, "imported_at"), rs.getString("imported_by_label"),
                rs.getObject("signed_off_by", UUID.class), rs.getString("signed_off_by_label"),
                instant(rs, "signed_off_at"), rs.getObject("evidence_id", UUID.class), rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private ReviewAccount account(ResultSet rs, int n) throws SQLException {
        String decision = rs.getString("decision");
        return new ReviewAccount(rs.getObject("id", UUID.class), rs.getObject("review_id", UUID.class),
                rs.getInt("line_no"), rs.getString("account_name"), rs.getString("email"), rs.getString("display_name"),
                rs.getString("entitlement"), rs.getObject("last_login", LocalDate.class), rs.getString("account_status"),
                RosterStatus.valueOf(rs.getString("roster_status")), rs.getString("roster_note"),
                rs.getObject("reviewer_id", UUID.class), rs.getString("reviewer_label"), rs.getString("reviewer_email"),
                rs.getString("assignment_note"), rs.getBoolean("assigned_manually"),
                decision == null ? null : Decision.valueOf(decision), rs.getString("justification"),
                rs.getString("new_entitlement"), rs.getString("self_review_justification"),
                rs.getObject("decided_by", UUID.class), rs.getString("decided_by_label"), instant(rs, "decided_at"), null,
                rs.getLong("version"));
    }

    private static RemediationTask task(ResultSet rs) throws SQLException {
        return new RemediationTask(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("account_name"), Decision.valueOf(rs.getString("kind")), rs.getString("description"),
                TaskStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), rs.getString("created_by_label"),
                rs.getObject("done_on", LocalDate.class), rs.getObject("done_by", UUID.class),
                rs.getString("done_by_label"), instant(rs, "done_at"), rs.getString("ticket"),
                instant(rs, "cancelled_at"), rs.getString("cancelled_reason"), rs.getLong("version"));
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
