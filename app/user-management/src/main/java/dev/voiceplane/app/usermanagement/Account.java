package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A user account as stored. Never serialised as is: {@link AccountView} is what leaves the service.
 *
 * @param passwordHash null once erased
 * @param mfaSecret    the TOTP secret as stored, encrypted ({@link TotpSeeds}); set at enrolment, active once {@code mfaEnabled}
 * @param mfaLastStep  last accepted TOTP step, so a code works once
 */
public record Account(UUID id, String email, String displayName, String passwordHash, Set<Role> roles, String mfaSecret,
        boolean mfaEnabled, long mfaLastStep, Instant createdAt, Instant erasedAt) {

    public Account {
        roles = Set.copyOf(roles);
    }

    public boolean erased() {
        return erasedAt != null;
    }
}
