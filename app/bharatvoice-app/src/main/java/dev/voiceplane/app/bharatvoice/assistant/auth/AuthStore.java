package dev.voiceplane.app.bharatvoice.assistant.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Accounts, login sessions and refresh tokens in PostgreSQL (migration V2). Refresh tokens are
 * looked up and stored by their SHA-256 only.
 */
public final class AuthStore {

    private final Jdbi jdbi;

    public AuthStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts the account; false when its email or phone number is already registered. */
    public boolean create(UUID id, Registration registration, String passwordHash, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO user_account (id, email, phone, password_hash, preferred_language, created_at)
                        VALUES (:id, :email, :phone, :hash, :language, :now) ON CONFLICT DO NOTHING""")
                .bind("id", id).bind("email", registration.email()).bind("phone", registration.phone()).bind("hash", passwordHash)
                .bind("language", registration.preferredLanguage()).bind("now", now).execute()) == 1;
    }

    public Optional<UserAccount> byId(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM user_account WHERE id = :v").bind("v", id)
                .map((rs, ctx) -> account(rs)).findOne());
    }

    /** The account registered with this (normalised) email or, when {@code email} is null, phone number. */
    public Optional<UserAccount> byLogin(String email, String phone) {
        String column = email != null ? "email" : "phone";
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM user_account WHERE " + column + " = :v")
                .bind("v", email != null ? email : phone).map((rs, ctx) -> account(rs)).findOne());
    }

    /** Opens a login session (a new refresh-token family) with its first token. */
    public void openSession(UUID sessionId, UUID userId, String tokenHash, Instant now, Instant expiresAt) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO auth_session (id, user_id, created_at, last_used_at) VALUES (:id, :user, :now, :now)")
                    .bind("id", sessionId).bind("user", userId).bind("now", now).execute();
            insertToken(h, sessionId, tokenHash, now, expiresAt);
        });
    }

    /** The outcome of presenting a refresh token, with the session and user it belongs to when known. */
    public record Rotation(Outcome outcome, UUID sessionId, UUID userId) {
    }

    public enum Outcome {
        /** Valid and unused: it is now used up and the next token of the family is stored. */
        ROTATED,
        /** Already exchanged once: the whole family (session) has been revoked. */
        REUSED,
        /** Unknown, expired, or its session was revoked (logout, earlier reuse). */
        INVALID
    }

    /**
     * Exchanges the token with hash {@code presentedHash} for the one with {@code nextHash} in one
     * transaction. The row lock serialises two concurrent uses of one token: the second sees it
     * used and revokes the family.
     */
    public Rotation rotate(String presentedHash, String nextHash, Instant now, Instant nextExpiresAt) {
        return jdbi.inTransaction(h -> {
            Optional<Presented> found = h.createQuery("""
                            SELECT t.session_id, s.user_id, t.expires_at, t.used_at, s.revoked_at
                            FROM refresh_token t JOIN auth_session s ON s.id = t.session_id
                            WHERE t.token_hash = :hash FOR UPDATE""")
                    .bind("hash", presentedHash)
                    .map((rs, ctx) -> new Presented(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) != null, rs.getTimestamp(5) != null))
                    .findOne();
            if (found.isEmpty()) {
                return new Rotation(Outcome.INVALID, null, null);
            }
            Presented token = found.get();
            if (token.sessionRevoked()) {
                return new Rotation(Outcome.INVALID, token.sessionId(), token.userId());
            }
            if (token.used()) {
                revoke(h, token.sessionId(), null, "refresh-token-reuse", now);
                return new Rotation(Outcome.REUSED, token.sessionId(), token.userId());
            }
            if (!now.isBefore(token.expiresAt())) {
                return new Rotation(Outcome.INVALID, token.sessionId(), token.userId());
            }
            h.createUpdate("UPDATE refresh_token SET used_at = :now WHERE token_hash = :hash")
                    .bind("now", now).bind("hash", presentedHash).execute();
            h.createUpdate("UPDATE auth_session SET last_used_at = :now WHERE id = :id").bind("now", now).bind("id", token.sessionId())
                    .execute();
            insertToken(h, token.sessionId(), nextHash, now, nextExpiresAt);
            return new Rotation(Outcome.ROTATED, token.sessionId(), token.userId());
        });
    }

    /** Revokes one of the user's sessions; false when it is not theirs or already revoked. */
    public boolean revoke(UUID userId, UUID sessionId, String reason, Instant now) {
        return jdbi.withHandle(h -> revoke(h, sessionId, userId, reason, now));
    }

    private static boolean revoke(Handle h, UUID sessionId, UUID userId, String reason, Instant now) {
        return h.createUpdate("UPDATE auth_session SET revoked_at = :now, revoke_reason = :reason WHERE id = :id AND revoked_at IS NULL"
                        + (userId == null ? "" : " AND user_id = :user"))
                .bind("now", now).bind("reason", reason).bind("id", sessionId).bindMap(userId == null ? Map.of() : Map.of("user", userId))
                .execute() == 1;
    }

    private static void insertToken(Handle h, UUID sessionId, String tokenHash, Instant now, Instant expiresAt) {
        h.createUpdate("""
                        INSERT INTO refresh_token (token_hash, session_id, issued_at, expires_at) VALUES (:hash, :session, :now, :exp)""")
                .bind("hash", tokenHash).bind("session", sessionId).bind("now", now).bind("exp", expiresAt).execute();
    }

    private static UserAccount account(ResultSet rs) throws SQLException {
        Timestamp created = rs.getTimestamp("created_at");
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("phone"), rs.getString("password_hash"),
                rs.getString("preferred_language"), created.toInstant());
    }

    private record Presented(UUID sessionId, UUID userId, Instant expiresAt, boolean used, boolean sessionRevoked) {
    }
}
