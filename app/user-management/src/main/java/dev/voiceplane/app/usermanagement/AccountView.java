package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API shows of an account: no hash, no MFA secret. */
public record AccountView(UUID id, String email, String displayName, List<String> roles, boolean mfaEnabled, Instant createdAt) {

    public static AccountView of(Account account) {
        return new AccountView(account.id(), account.email(), account.displayName(),
                account.roles().stream().map(Role::claim).sorted().toList(), account.mfaEnabled(), account.createdAt());
    }
}
