package dev.assayer.policy.internal;

import dev.assayer.policy.PolicyVersion;
import dev.assayer.policy.VersionStatus;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for policies, their versions, linked controls and acknowledgements. Every query names the organization. */
@Repository
public class PolicyRepository {

    /** A policy row as stored. */
    public record PolicyRow(UUID id, String key, String title, UUID ownerId, String template, long version,
            Instant createdAt, Instant updatedAt) {
    }

    private static final String P_COLS = "id, policy_key, title, owner_id, template, version, created_at, updated_at";
    private static final String V_META = "id, policy_id, version_no, sha256, status, author_id, author_label, "
            + "created_at, updated_at, submitted_by_label, submitted_at, approved_by, approved_by_label, approved_at, "
            + "approval_date, approval_note, published_at, superseded_at, evidence_id";

    private final JdbcClient jdbc;

    public PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- policies --------------------------------------------------------------------------

    public void insertPolicy(UUID orgId, UUID id, String key, String title, UUID ownerId, String template,
            Instant now) {
        jdbc.sql("INSERT INTO policy (id, org_id, policy_key, title, owner_id, template, version, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)")
                .params(id, orgId, key, title, ownerId, template, ts(now), ts(now)).update();
    }

    public boolean updatePolicy(UUID orgId, UUID id, long version, String key, String title, UUID ownerId,
            Instant now) {
        return jdbc.sql("UPDATE policy SET policy_key = ?, title = ?, owner_id = ?, version = version + 1, "
                        + "updated_at = ? WHERE id = ? AND org_id = ? AND version = ?")
                .params(key, title, ownerId, ts(now), id, orgId, version).update() == 1;
    }

    /** Marks the policy changed (its versions moved) without touching its metadata version. */
    public void touch(UUID orgId, UUID id, Instant now) {
        jdbc.sql("UPDATE policy SET updated_at = ? WHERE id = ? AND org_id = ?").params(ts(now), id, orgId).update();
    }

    public Optional<PolicyRow> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + P_COLS + " FROM policy WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(this::mapPolicy).optional();
    }

    /** Locks the policy row: serializes version changes of one policy. */
    public Optional<PolicyRow> lock(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + P_COLS + " FROM policy WHERE org_id = ? AND id = ? FOR UPDATE").params(orgId, id)
                .query(this::mapPolicy).optional();
    }

    public boolean keyTaken(UUID orgId, String key, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM policy WHERE org_id = ? AND policy_key = ? AND id <> ?")
                .params(orgId, key, except == null ? new UUID(0, 0) : except).query(Long.class).single() > 0;
    }

    public List<PolicyRow> list(UUID orgId) {
        return jdbc.sql("SELECT " + P_COLS + " FROM policy WHERE org_id = ? ORDER BY title, policy_key").param(orgId)
                .query(this::mapPolicy).list();
    }

    public void replaceControls(UUID orgId, UUID policyId, List<UUID> controlIds) {
        jdbc.sql("DELETE FROM policy_control WHERE org_id = ? AND policy_id = ?").params(orgId, policyId).update();
        for (UUID c : controlIds) {
            jdbc.sql("INSERT INTO policy_control (org_id, policy_id, control_id) VALUES (?, ?, ?)")
                    .params(orgId, policyId, c).update();
        }
    }

    /** policy id → linked control ids, for all policies of the organization. */
    public Map<UUID, List<UUID>> controls(UUID orgId) {
        Map<UUID, List<UUID>> out = new HashMap<>();
        jdbc.sql("SELECT policy_id, control_id FROM policy_control WHERE org_id = ?").param(orgId)
                .query((ResultSet rs) -> {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                });
        return out;
    }

    // ---- versions --------------------------------------------------------------------------

    public void insertVersion(UUID orgId, UUID id, UUID policyId, int number, String markdown, String sha256,
            UUID authorId, String authorLabel, Instant now) {
        jdbc.sql("INSERT INTO policy_version (id, org_id, policy_id, version_no, markdown, sha256, status, author_id, "
                        + "author_label, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?)")
                .params(id, orgId, policyId, number, markdown, sha256, authorId, authorLabel, ts(now), ts(now))
                .update();
    }

    public void updateMarkdown(UUID orgId, UUID id, String markdown, String sha256, Instant now) {
        jdbc.sql("UPDATE policy_version SET markdown = ?, sha256 = ?, updated_at = ? WHERE id = ? AND org_id = ? "
                + "AND status = 'DRAFT'").params(markdown, sha256, ts(now), id, orgId).update();
    }

    public void submit(UUID orgId, UUID id, String byLabel, Instant now) {
        jdbc.sql("UPDATE policy_version SET status = 'IN_REVIEW', submitted_by_label = ?, submitted_at = ?, "
                + "updated_at = ? WHERE id = ? AND org_id = ?").params(byLabel, ts(now), ts(now), id, orgId).update();
    }

    public void approve(UUID orgId, UUID id, UUID by, String byLabel, Instant now, LocalDate date, String note) {
        jdbc.sql("UPDATE policy_version SET status = 'APPROVED', approved_by = ?, approved_by_label = ?, "
                        + "approved_at = ?, approval_date = ?, approval_note = ?, updated_at = ? "
                        + "WHERE id = ? AND org_id = ?")
                .params(by, byLabel, ts(now), date, note, ts(now), id, orgId).update();
    }

    public void setEvidence(UUID orgId, UUID id, UUID evidenceId) {
        jdbc.sql("UPDATE policy_version SET evidence_id = ? WHERE id = ? AND org_id = ?").params(evidenceId, id, orgId)
                .update();
    }

    /** Publishes a version and supersedes whatever was published before it. */
    public void publish(UUID orgId, UUID policyId, UUID id, Instant now) {
        jdbc.sql("UPDATE policy_version SET status = 'SUPERSEDED', superseded_at = ?, updated_at = ? "
                        + "WHERE org_id = ? AND policy_id = ? AND status = 'PUBLISHED'")
                .params(ts(now), ts(now), orgId, policyId).update();
        jdbc.sql("UPDATE policy_version SET status = 'PUBLISHED', published_at = ?, updated_at = ? "
                + "WHERE id = ? AND org_id = ?").params(ts(now), ts(now), id, orgId).update();
    }

    public Optional<PolicyVersion> version(UUID orgId, UUID policyId, int number) {
        return jdbc.sql("SELECT " + V_META + ", markdown FROM policy_version WHERE org_id = ? AND policy_id = ? "
                + "AND version_no = ?").params(orgId, policyId, number).query(this::mapVersion).optional();
    }

    public Optional<PolicyVersion> versionById(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + V_META + ", markdown FROM policy_version WHERE org_id = ? AND id = ?")
                .params(orgId, id).query(this::mapVersion).optional();
    }

    /** The versions of one policy, newest first, without their text (markdown is null). */
    public List<PolicyVersion> versions(UUID orgId, UUID policyId) {
        return jdbc.sql("SELECT " + V_META + ", CAST(NULL AS VARCHAR(1)) AS markdown FROM policy_version "
                        + "WHERE org_id = ? AND policy_id = ? ORDER BY version_no DESC")
                .params(orgId, policyId).query(this::mapVersion).list();
    }

    /** Every version of the organization without text, newest first per policy. */
    public List<PolicyVersion> allVersions(UUID orgId) {
        return jdbc.sql("SELECT " + V_META + ", CAST(NULL AS VARCHAR(1)) AS markdown FROM policy_version "
                        + "WHERE org_id = ? ORDER BY policy_id, version_no DESC")
                .param(orgId).query(this::mapVersion).list();
    }

    public int maxNumber(UUID orgId, UUID policyId) {
        Integer n = jdbc.sql("SELECT MAX(version_no) FROM policy_version WHERE org_id = ? AND policy_id = ?")
                .params(orgId, policyId).query(Integer.class).single();
        return n == null ? 0 : n;
    }

    // ---- acknowledgements ------------------------------------------------------------------

    /** Records an acknowledgement; false if the user had already acknowledged the version. */
    public boolean acknowledge(UUID orgId, UUID versionId, UUID userId, Instant now) {
        long existing = jdbc.sql("SELECT COUNT(*) FROM policy_ack WHERE org_id = ? AND version_id = ? AND user_id = ?")
                .params(orgId, versionId, userId).query(Long.class).single();
        if (existing > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO policy_ack (org_id, version_id, user_id, acknowledged_at) VALUES (?, ?, ?, ?)")
                .params(orgId, versionId, userId, ts(now)).update();
        return true;
    }

    /** user id → acknowledged at, for one version. */
    public Map<UUID, Instant> acks(UUID orgId, UUID versionId) {
        Map<UUID, Instant> out = new HashMap<>();
        jdbc.sql("SELECT user_id, acknowledged_at FROM policy_ack WHERE org_id = ? AND version_id = ?")
                .params(orgId, versionId).query((ResultSet rs) -> {
                    out.put(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant());
                });
        return out;
    }

    /** version id → the user ids who acknowledged it, for every version of the organization. */
    public Map<UUID, List<UUID>> allAcks(UUID orgId) {
        Map<UUID, List<UUID>> out = new HashMap<>();
        jdbc.sql("SELECT version_id, user_id FROM policy_ack WHERE org_id = ?").param(orgId)
                .query((ResultSet rs) -> {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                });
        return out;
    }

    // ---- mapping ---------------------------------------------------------------------------

    private PolicyRow mapPolicy(ResultSet rs, int n) throws SQLException {
        return new PolicyRow(rs.getObject("id", UUID.class), rs.getString("policy_key"), rs.getString("title"),
                rs.getObject("owner_id", UUID.class), rs.getString("template"), rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private PolicyVersion mapVersion(ResultSet rs, int n) throws SQLException {
        return new PolicyVersion(rs.getObject("id", UUID.class), rs.getObject("policy_id", UUID.class),
                rs.getInt("version_no"), rs.getString("markdown"), rs.getString("sha256"),
                VersionStatus.valueOf(rs.getString("status")), rs.getObject("author_id", UUID.class),
                rs.getString("author_label"), instant(rs, "created_at"), instant(rs, "updated_at"),
                rs.getString("submitted_by_label"), instant(rs, "submitted_at"), rs.getObject("approved_by", UUID.class),
                rs.getString("approved_by_label"), instant(rs, "approved_at"),
                rs.getObject("approval_date", LocalDate.class), rs.getString("approval_note"),
                instant(rs, "published_at"), instant(rs, "superseded_at"), rs.getObject("evidence_id", UUID.class));
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
