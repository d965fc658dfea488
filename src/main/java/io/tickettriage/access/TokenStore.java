package io.tickettriage.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Hashed secrets of tokens, sessions and login codes, in SQL that runs on SQLite and PostgreSQL. */
@Repository
class TokenStore {

    private static final String COLUMNS =
            "id, kind, name, role, created_at, last_used_at, expires_at, revoked_at, parent_id";

    private final JdbcClient jdbc;

    TokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(Kind kind, String name, Role role, String secretHash, Instant now, @Nullable Instant expiresAt) {
        return insert(kind, name, role, secretHash, now, expiresAt, null);
    }

    long insert(Kind kind, String name, Role role, String secretHash, Instant now, @Nullable Instant expiresAt,
            @Nullable Long parentId) {
        return jdbc.sql("""
                INSERT INTO access_tokens (kind, name, role, secret_hash, created_at, expires_at, parent_id)
                VALUES (:kind, :name, :role, :hash, :now, :expires, :parent)
                RETURNING id""")
                .param("parent", parentId, java.sql.Types.BIGINT)
                .param("kind", kind.value())
                .param("name", name)
                .param("role", role.value())
                .param("hash", secretHash)
                .param("now", now.toEpochMilli())
                .param("expires", expiresAt == null ? null : expiresAt.toEpochMilli(), java.sql.Types.BIGINT)
                .query(Long.class)
                .single();
    }

    /** The live token with this hash: not revoked, not expired. */
    Optional<TokenRecord> findUsable(String secretHash, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_tokens WHERE secret_hash = :hash AND revoked_at IS NULL "
                        + "AND (expires_at IS NULL OR expires_at > :now)")
                .param("hash", secretHash)
                .param("now", now.toEpochMilli())
                .query(TokenStore::map)
                .optional();
    }

    void touch(long id, Instant now) {
        jdbc.sql("UPDATE access_tokens SET last_used_at = :now WHERE id = :id")
                .param("now", now.toEpochMilli()).param("id", id).update();
    }

    /** Revokes the token if it is live; true for exactly one caller, which makes a login code single-use. */
    boolean revoke(long id, Instant now) {
        return jdbc.sql("UPDATE access_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("now", now.toEpochMilli()).param("id", id).update() == 1;
    }

    /** Ends every live session opened with this API token; how many. */
    int revokeSessionsOf(long parentId, Instant now) {
        return jdbc.sql("UPDATE access_tokens SET revoked_at = :now WHERE parent_id = :parent AND kind = 'session' "
                        + "AND revoked_at IS NULL")
                .param("now", now.toEpochMilli()).param("parent", parentId).update();
    }

    /** Sessions that can still be used, oldest first. */
    List<TokenRecord> liveSessions(Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_tokens WHERE kind = 'session' AND revoked_at IS NULL "
                        + "AND expires_at > :now ORDER BY id")
                .param("now", now.toEpochMilli())
                .query(TokenStore::map)
                .list();
    }

    /** The live sessions opened with one API token, oldest first. */
    List<Long> liveSessionsOf(long parentId, Instant now) {
        return jdbc.sql("SELECT id FROM access_tokens WHERE kind = 'session' AND parent_id = :parent "
                        + "AND revoked_at IS NULL AND expires_at > :now ORDER BY id")
                .param("parent", parentId).param("now", now.toEpochMilli())
                .query(Long.class)
                .list();
    }

    /** Which of these secret hashes still belong to a usable token or session. */
    List<String> usableAmong(List<String> secretHashes, Instant now) {
        if (secretHashes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT secret_hash FROM access_tokens WHERE secret_hash IN (:hashes) AND kind <> 'login' "
                        + "AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)")
                .param("hashes", secretHashes).param("now", now.toEpochMilli())
                .query(String.class)
                .list();
    }

    List<TokenRecord> list(Kind kind) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_tokens WHERE kind = :kind ORDER BY id")
                .param("kind", kind.value())
                .query(TokenStore::map)
                .list();
    }

    Optional<TokenRecord> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_tokens WHERE id = :id")
                .param("id", id).query(TokenStore::map).optional();
    }

    boolean anyLive(Kind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM access_tokens WHERE kind = :kind AND revoked_at IS NULL")
                .param("kind", kind.value()).query(Long.class).single() > 0;
    }

    /** Forgets sessions and login codes that can no longer be used: expired, ended or spent. */
    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM access_tokens WHERE kind <> 'api' AND (expires_at < :now OR revoked_at IS NOT NULL)")
                .param("now", now.toEpochMilli()).update();
    }

    private static TokenRecord map(ResultSet rs, int row) throws SQLException {
        return new TokenRecord(rs.getLong("id"), Kind.parse(rs.getString("kind")), rs.getString("name"),
                Role.parse(rs.getString("role")).orElseThrow(), instant(rs, "created_at"),
                instant(rs, "last_used_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"),
                rs.getObject("parent_id") == null ? null : rs.getLong("parent_id"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    enum Kind {
        API, SESSION, LOGIN;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind parse(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
