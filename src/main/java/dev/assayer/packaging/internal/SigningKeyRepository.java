package dev.assayer.packaging.internal;

import dev.assayer.packaging.SigningKey;
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

/** signing_key rows (V24). Every statement is scoped by org_id. */
@Repository
public class SigningKeyRepository {

    /** A key with its sealed private key, for signing inside the module. */
    public record Row(SigningKey key, String sealedPrivateKey, long version) {
    }

    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Row> active(UUID orgId) {
        return jdbc.sql("SELECT * FROM signing_key WHERE org_id = ? AND status = 'ACTIVE'").params(orgId)
                .query(SigningKeyRepository::map).optional();
    }

    /** Every key of the organization: the active one first, then retired ones, newest first. */
    public List<SigningKey> list(UUID orgId) {
        return jdbc.sql("SELECT * FROM signing_key WHERE org_id = ?"
                        + " ORDER BY CASE WHEN status = 'ACTIVE' THEN 0 ELSE 1 END, created_at DESC, id")
                .params(orgId).query(SigningKeyRepository::map).list().stream().map(Row::key).toList();
    }

    /** Inserts an active key; fails with a duplicate-key error when the organization already has one. */
    public void insertActive(UUID orgId, SigningKey key, String sealed) {
        jdbc.sql("INSERT INTO signing_key (id, org_id, active_org_id, algorithm, public_key_pem, fingerprint,"
                        + " private_key_sealed, status, created_by, created_at, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, 0)")
                .params(key.id(), orgId, orgId, key.algorithm(), key.publicKeyPem(), key.fingerprint(), sealed,
                        key.createdBy(), utc(key.createdAt()))
                .update();
    }

    /** Retires the active key if it is still at {@code version}; false when someone else got there first. */
    public boolean retire(UUID orgId, UUID id, long version, String by, Instant at) {
        return jdbc.sql("UPDATE signing_key SET status = 'RETIRED', active_org_id = NULL, retired_by = ?,"
                        + " retired_at = ?, version = version + 1"
                        + " WHERE id = ? AND org_id = ? AND status = 'ACTIVE' AND version = ?")
                .params(by, utc(at), id, orgId, version).update() == 1;
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        SigningKey key = new SigningKey(rs.getObject("id", UUID.class), rs.getString("algorithm"),
                rs.getString("public_key_pem"), rs.getString("fingerprint"),
                SigningKey.Status.valueOf(rs.getString("status")), rs.getString("created_by"),
                instant(rs, "created_at"), rs.getString("retired_by"), instant(rs, "retired_at"));
        return new Row(key, rs.getString("private_key_sealed"), rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
