package dev.voiceplane.app.usermanagement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Sessions and their refresh tokens. A session is one refresh-token family. */
public final class SessionRepository {

    private final Jdbi jdbi;

    public SessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether the account has logged in on this device before (used to flag new devices in the audit log). */
    public boolean knownDevice(UUID accountId, String fingerprintHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM session WHERE account_id = :a AND device_fingerprint = :f")
                .bind("a", accountId).bind("f", fingerprintHash).mapTo(Long.class).one()) > 0;
    }

    /** Opens a session with its first refresh token. */
    public void open(UUID sessionId, UUID accountId, String fingerprintHash, String label, String ip, RefreshTokens.Issued token) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO session (id, account_id, device_fingerprint, device_label, ip) VALUES (:id, :a, :f, :l, :ip)""")
                    .bind("id", sessionId).bind("a", accountId).bind("f", fingerprintHash).bind("l", label).bind("ip", ip).execute();
            insertToken(h, sessionId, token);
        });
    }

    public boolean isActive(UUID sessionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM session WHERE id = :id AND revoked_at IS NULL")
                .bind("id", sessionId).mapTo(Long.class).one()) > 0;
    }

    /**
     * Rotates a refresh token inside one transaction (the row lock serialises two concurrent uses).
     * Returns what happened so the caller can answer and audit.
     */
    public Rotation rotate(UUID jti, UUID sessionId, RefreshTokens.Issued next, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<Timestamp> usedAt = h.createQuery("""
                            SELECT t.used_at FROM refresh_token t JOIN session s ON s.id = t.session_id
                            WHERE t.jti = :jti AND t.session_id = :sid AND s.revoked_at IS NULL FOR UPDATE""")
                    .bind("jti", jti).bind("sid", sessionId)
                    .map((rs, ctx) -> Optional.ofNullable(rs.getTimestamp("used_at"))).findOne().orElse(null);
            if (usedAt == null) {
                return Rotation.UNKNOWN;
            }
            if (usedAt.isPresent()) {
                revoke(h, sessionId, "refresh-token-reuse");
                return Rotation.REUSED;
            }
            h.createUpdate("UPDATE refresh_token SET used_at = :now WHERE jti = :jti").bind("now", now).bind("jti", jti).execute();
            h.createUpdate("UPDATE session SET last_seen_at = :now WHERE id = :sid").bind("now", now).bind("sid", sessionId).execute();
            insertToken(h, sessionId, next);
            return Rotation.ROTATED;
        });
    }

    /** Revokes one of the account's sessions; false when it is not theirs or already revoked. */
    public boolean revoke(UUID accountId, UUID sessionId, String reason) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE session SET revoked_at = now(), revoke_reason = :r
                        WHERE id = :id AND account_id = :a AND revoked_at IS NULL""")
                .bind("r", reason).bind("id", sessionId).bind("a", accountId).execute()) == 1;
    }

    public List<SessionView> list(UUID accountId, UUID currentSession) {
        return jdbi.withHandle(h -> list(h, accountId, currentSession));
    }

    static List<SessionView> list(Handle h, UUID accountId, UUID currentSession) {
        return h.createQuery("SELECT * FROM session WHERE account_id = :a ORDER BY created_at DESC").bind("a", accountId)
                .map((rs, ctx) -> view(rs, currentSession)).list();
    }

    private static void revoke(Handle h, UUID sessionId, String reason) {
        h.createUpdate("UPDATE session SET revoked_at = now(), revoke_reason = :r WHERE id = :id AND revoked_at IS NULL")
                .bind("r", reason).bind("id", sessionId).execute();
    }

    private static void insertToken(Handle h, UUID sessionId, RefreshTokens.Issued token) {
        h.createUpdate("INSERT INTO refresh_token (jti, session_id, issued_at, expires_at) VALUES (:jti, :sid, :iat, :exp)")
                .bind("jti", token.jti()).bind("sid", sessionId).bind("iat", token.issuedAt()).bind("exp", token.expiresAt()).execute();
    }

    private static SessionView view(ResultSet rs, UUID currentSession) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new SessionView(id, rs.getString("device_label"), rs.getString("device_fingerprint"), rs.getString("ip"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant(),
                revoked == null ? null : revoked.toInstant(), rs.getString("revoke_reason"), id.equals(currentSession));
    }

    /** The result of presenting a refresh token. */
    public enum Rotation {
        /** Valid and unused: a new token was issued in the same family. */
        ROTATED,
        /** Already used once: the whole family (session) is now revoked. */
        REUSED,
        /** Not ours, or its session is revoked. */
        UNKNOWN
    }
}
