package dev.voiceplane.app.usermanagement;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit trail of sensitive operations, in PostgreSQL. Off when the catalog's
 * {@code FEATURE_AUDIT_LOGGING_ENABLED} is false (then nothing is written; reads still work).
 */
public final class AuditLog {

    private final Jdbi jdbi;
    private final boolean enabled;

    public AuditLog(Jdbi jdbi, boolean enabled) {
        this.jdbi = jdbi;
        this.enabled = enabled;
    }

    public void record(UUID accountId, String actor, String action, String detail, String ip) {
        if (enabled) {
            jdbi.useHandle(h -> record(h, accountId, actor, action, detail, ip));
        }
    }

    /** Records inside the caller's transaction, so the event and the change commit together. */
    void record(Handle h, UUID accountId, String actor, String action, String detail, String ip) {
        if (enabled) {
            // Bound as text and cast: a null UUID would otherwise reach PostgreSQL as an untyped varchar.
            h.createUpdate("""
                            INSERT INTO audit_event (account_id, actor, action, detail, ip)
                            VALUES (CAST(:a AS UUID), :actor, :action, :d, :ip)""")
                    .bind("a", accountId == null ? null : accountId.toString()).bind("actor", actor).bind("action", action)
                    .bind("d", detail).bind("ip", ip).execute();
        }
    }

    /** Newest first; all accounts when {@code accountId} is null. */
    public List<AuditEvent> recent(UUID accountId, int limit) {
        return jdbi.withHandle(h -> recent(h, accountId, limit));
    }

    static List<AuditEvent> recent(Handle h, UUID accountId, int limit) {
        String where = accountId == null ? "" : "WHERE account_id = :a ";
        var query = h.createQuery("SELECT * FROM audit_event " + where + "ORDER BY id DESC LIMIT :limit").bind("limit", limit);
        if (accountId != null) {
            query.bind("a", accountId);
        }
        return query.map((rs, ctx) -> {
            Timestamp at = rs.getTimestamp("at");
            return new AuditEvent(rs.getLong("id"), rs.getObject("account_id", UUID.class), rs.getString("actor"),
                    rs.getString("action"), rs.getString("detail"), rs.getString("ip"), at.toInstant());
        }).list();
    }
}
