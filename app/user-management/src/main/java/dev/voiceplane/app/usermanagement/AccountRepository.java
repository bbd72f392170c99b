package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Accounts in PostgreSQL. Roles are stored as a comma-separated list of claim names. */
public final class AccountRepository {

    private final Jdbi jdbi;

    public AccountRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Creates the account; false when the email is taken. */
    public boolean create(UUID id, Registration registration, String passwordHash) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO account (id, email, display_name, password_hash, roles) VALUES (:id, :email, :name, :hash, 'user')
                        ON CONFLICT (email) DO NOTHING""")
                .bind("id", id).bind("email", registration.email()).bind("name", registration.displayName())
                .bind("hash", passwordHash).execute()) == 1;
    }

    public Optional<Account> byEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM account WHERE email = :e AND erased_at IS NULL").bind("e", email)
                .map((rs, ctx) -> account(rs)).findOne());
    }

    public Optional<Account> byId(UUID id) {
        return jdbi.withHandle(h -> byId(h, id));
    }

    static Optional<Account> byId(Handle h, UUID id) {
        return h.createQuery("SELECT * FROM account WHERE id = :id").bind("id", id).map((rs, ctx) -> account(rs)).findOne();
    }

    public void setRoles(UUID id, Set<Role> roles) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE account SET roles = :r WHERE id = :id AND erased_at IS NULL")
                .bind("r", roles.stream().map(Role::claim).sorted().collect(Collectors.joining(","))).bind("id", id).execute());
    }

    /** Encrypts every TOTP seed still stored in plaintext (from before seeds were encrypted); returns how many. */
    public int sealPlaintextSeeds(TotpSeeds seeds) {
        return jdbi.inTransaction(h -> {
            var plain = h.createQuery("SELECT id, mfa_secret FROM account WHERE mfa_secret IS NOT NULL AND mfa_secret NOT LIKE 'v1:%' FOR UPDATE")
                    .map((rs, ctx) -> java.util.Map.entry(rs.getObject("id", UUID.class), rs.getString("mfa_secret"))).list();
            for (var row : plain) {
                h.createUpdate("UPDATE account SET mfa_secret = :s WHERE id = :id")
                        .bind("s", seeds.seal(row.getKey().toString(), row.getValue())).bind("id", row.getKey()).execute();
            }
            return plain.size();
        });
    }

    /** Stores a new, not yet confirmed TOTP secret (already encrypted). */
    public void startMfaEnrolment(UUID id, String secret) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE account SET mfa_secret = :s, mfa_enabled = FALSE, mfa_last_step = 0 WHERE id = :id")
                .bind("s", secret).bind("id", id).execute());
    }

    public void setMfaEnabled(UUID id, boolean enabled) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE account SET mfa_enabled = :e, mfa_secret = CASE WHEN :e THEN mfa_secret END WHERE id = :id")
                .bind("e", enabled).bind("id", id).execute());
    }

    /** Records {@code step} as used; false when it (or a later one) was used already — a replayed code. */
    public boolean consumeTotpStep(UUID id, long step) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE account SET mfa_last_step = :s WHERE id = :id AND mfa_last_step < :s")
                .bind("s", step).bind("id", id).execute()) == 1;
    }

    /**
     * Erases the person from the account (GDPR Art. 17) and keeps an empty shell, so the audit trail
     * still points at an id; the email is freed for a new registration.
     */
    static void erase(Handle h, UUID id) {
        h.createUpdate("""
                        UPDATE account SET email = 'erased-' || id || '@invalid', display_name = '', password_hash = NULL,
                            roles = '', mfa_secret = NULL, mfa_enabled = FALSE, erased_at = now()
                        WHERE id = :id""")
                .bind("id", id).execute();
    }

    private static Account account(ResultSet rs) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String claim : rs.getString("roles").split(",")) {
            Role role = Role.fromClaim(claim.trim());
            if (role != null) {
                roles.add(role);
            }
        }
        Timestamp erased = rs.getTimestamp("erased_at");
        return new Account(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
                rs.getString("password_hash"), roles, rs.getString("mfa_secret"), rs.getBoolean("mfa_enabled"),
                rs.getLong("mfa_last_step"), rs.getTimestamp("created_at").toInstant(), erased == null ? null : erased.toInstant());
    }
}
