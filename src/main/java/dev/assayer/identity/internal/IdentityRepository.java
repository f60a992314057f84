package dev.assayer.identity.internal;

import dev.assayer.identity.Member;
import dev.assayer.identity.Organization;
import dev.assayer.identity.TokenInfo;
import dev.assayer.shared.tenancy.Role;
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

/** SQL for the identity module. Every tenant query names its organization. */
@Repository
public class IdentityRepository {

    public record UserRow(UUID id, String email, String name, String passwordHash, int failedAttempts,
            Instant lockedUntil) {
    }

    public record MembershipRow(UUID orgId, String orgName, Role role, boolean auditFirm) {
    }

    public record TokenRow(UUID id, UUID orgId, UUID userId, Instant revokedAt, UUID grantId) {
    }

    public record LinkRow(String purpose, UUID userId, Instant expiresAt, Instant usedAt) {
    }

    private final JdbcClient jdbc;

    public IdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public long countUsers() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
    }

    public void insertOrganization(UUID id, String name, boolean auditFirm, Instant now) {
        jdbc.sql("INSERT INTO organization (id, name, kind, created_at) VALUES (?, ?, ?, ?)")
                .params(id, name, auditFirm ? "AUDIT_FIRM" : "SERVICE_ORGANIZATION", ts(now)).update();
    }

    public Optional<Organization> organization(UUID id) {
        return jdbc.sql("SELECT id, name, kind FROM organization WHERE id = ?").param(id)
                .query(IdentityRepository::organization).optional();
    }

    public List<Organization> auditFirms() {
        return jdbc.sql("SELECT id, name, kind FROM organization WHERE kind = 'AUDIT_FIRM' ORDER BY name")
                .query(IdentityRepository::organization).list();
    }

    private static Organization organization(ResultSet rs, int n) throws SQLException {
        return new Organization(rs.getObject(1, UUID.class), rs.getString(2), "AUDIT_FIRM".equals(rs.getString(3)));
    }

    public void insertUser(UUID id, String email, String name, String passwordHash, Instant now) {
        jdbc.sql("INSERT INTO app_user (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, email, name, passwordHash, ts(now)).update();
    }

    public Optional<UserRow> userByEmail(String email) {
        return jdbc.sql("SELECT * FROM app_user WHERE email = ?").param(email).query(IdentityRepository::user).optional();
    }

    public Optional<UserRow> user(UUID id) {
        return jdbc.sql("SELECT * FROM app_user WHERE id = ?").param(id).query(IdentityRepository::user).optional();
    }

    private static UserRow user(ResultSet rs, int n) throws SQLException {
        return new UserRow(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                rs.getString("password_hash"), rs.getInt("failed_attempts"), instant(rs, "locked_until"));
    }

    public void recordFailure(UUID userId, int failedAttempts, Instant lockedUntil) {
        jdbc.sql("UPDATE app_user SET failed_attempts = ?, locked_until = ? WHERE id = ?")
                .params(failedAttempts, ts(lockedUntil), userId).update();
    }

    public void setPassword(UUID userId, String hash) {
        jdbc.sql("UPDATE app_user SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?")
                .params(hash, userId).update();
    }

    public void insertMembership(UUID orgId, UUID userId, Role role, Instant now) {
        jdbc.sql("INSERT INTO membership (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?)")
                .params(orgId, userId, role.name(), ts(now)).update();
    }

    /** Organizations of a user, oldest membership first (the default organization at sign-in). */
    public List<MembershipRow> memberships(UUID userId) {
        return jdbc.sql("""
                SELECT m.org_id, o.name, m.role, o.kind FROM membership m JOIN organization o ON o.id = m.org_id
                WHERE m.user_id = ? ORDER BY m.created_at, o.name""").param(userId)
                .query((rs, n) -> new MembershipRow(rs.getObject(1, UUID.class), rs.getString(2),
                        Role.valueOf(rs.getString(3)), "AUDIT_FIRM".equals(rs.getString(4)))).list();
    }

    public List<Member> members(UUID orgId) {
        return jdbc.sql("""
                SELECT u.id, u.email, u.name, m.role, u.password_hash, m.version FROM membership m
                JOIN app_user u ON u.id = m.user_id WHERE m.org_id = ? ORDER BY u.name""").param(orgId)
                .query(IdentityRepository::member).list();
    }

    public Optional<Member> member(UUID orgId, UUID userId) {
        return jdbc.sql("""
                SELECT u.id, u.email, u.name, m.role, u.password_hash, m.version FROM membership m
                JOIN app_user u ON u.id = m.user_id WHERE m.org_id = ? AND m.user_id = ?""").params(orgId, userId)
                .query(IdentityRepository::member).optional();
    }

    private static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)),
                rs.getString(5) != null, rs.getLong(6));
    }

    public int updateRole(UUID orgId, UUID userId, Role role, long version) {
        return jdbc.sql("UPDATE membership SET role = ?, version = version + 1 WHERE org_id = ? AND user_id = ? AND version = ?")
                .params(role.name(), orgId, userId, version).update();
    }

    public int deleteMembership(UUID orgId, UUID userId) {
        return jdbc.sql("DELETE FROM membership WHERE org_id = ? AND user_id = ?").params(orgId, userId).update();
    }

    /** Members holding {@code role} (the last admin of a client, the last partner of a firm, is protected). */
    public long countWithRole(UUID orgId, Role role) {
        return jdbc.sql("SELECT COUNT(*) FROM membership WHERE org_id = ? AND role = ?").params(orgId, role.name())
                .query(Long.class).single();
    }

    public void insertToken(UUID id, UUID orgId, UUID userId, String name, String hash, String prefix, UUID grantId,
            Instant now) {
        jdbc.sql("""
                INSERT INTO api_token (id, org_id, user_id, name, token_hash, prefix, grant_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""").params(id, orgId, userId, name, hash, prefix, grantId, ts(now)).update();
    }

    public Optional<TokenRow> tokenByHash(String hash) {
        return jdbc.sql("SELECT id, org_id, user_id, revoked_at, grant_id FROM api_token WHERE token_hash = ?").param(hash)
                .query((rs, n) -> new TokenRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), instant(rs, "revoked_at"), rs.getObject(5, UUID.class))).optional();
    }

    public void touchToken(UUID id, Instant now) {
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?").params(ts(now), id).update();
    }

    public List<TokenInfo> tokens(UUID orgId, UUID userId) {
        return jdbc.sql("""
                SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_token
                WHERE org_id = ? AND user_id = ? ORDER BY created_at DESC""").params(orgId, userId)
                .query((rs, n) -> new TokenInfo(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"))).list();
    }

    public int revokeToken(UUID orgId, UUID userId, UUID id, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND org_id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(ts(now), id, orgId, userId).update();
    }

    public void revokeAllTokens(UUID orgId, UUID userId, Instant now) {
        jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE org_id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(ts(now), orgId, userId).update();
    }

    public void insertLink(String hash, String purpose, UUID userId, Instant now, Instant expires) {
        jdbc.sql("INSERT INTO one_time_link (token_hash, purpose, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(hash, purpose, userId, ts(now), ts(expires)).update();
    }

    public Optional<LinkRow> link(String hash) {
        return jdbc.sql("SELECT purpose, user_id, expires_at, used_at FROM one_time_link WHERE token_hash = ?").param(hash)
                .query((rs, n) -> new LinkRow(rs.getString(1), rs.getObject(2, UUID.class), instant(rs, "expires_at"),
                        instant(rs, "used_at"))).optional();
    }

    /** Marks a link used; returns 0 when it was used concurrently. */
    public int useLink(String hash, Instant now) {
        return jdbc.sql("UPDATE one_time_link SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
                .params(ts(now), hash).update();
    }
}
