package dev.voiceplane.app.usermanagement;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * TOTP enrolment: enrol (a new secret, not yet active), confirm with a first code (now active),
 * disable with a current code. A code is accepted once only.
 */
public final class MfaService {

    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Totp totp;
    private final Clock clock;
    private final TotpSeeds seeds;

    public MfaService(AccountRepository accounts, AuditLog audit, Totp totp, Clock clock, TotpSeeds seeds) {
        this.seeds = seeds;
        this.accounts = accounts;
        this.audit = audit;
        this.totp = totp;
        this.clock = clock;
    }

    /** Starts enrolment; the answer holds the secret once, for the authenticator app. */
    public Map<String, String> enrol(Account account, String ip) {
        if (account.mfaEnabled()) {
            throw new ConflictResponse("MFA is already enabled; disable it first to enrol a new authenticator");
        }
        String secret = totp.newSecret();
        accounts.startMfaEnrolment(account.id(), seeds.seal(account.id().toString(), secret));
        audit.record(account.id(), account.id().toString(), "mfa.enrolment_started", "", ip);
        return Map.of("secret", secret, "otpauthUri", totp.provisioningUri(secret, account.email()));
    }

    public void confirm(Account account, TotpCode code, String ip) {
        if (account.mfaSecret() == null) {
            throw new ConflictResponse("start MFA enrolment first (POST /api/mfa/enrol)");
        }
        if (account.mfaEnabled()) {
            throw new ConflictResponse("MFA is already enabled");
        }
        requireValid(account, code);
        accounts.setMfaEnabled(account.id(), true);
        audit.record(account.id(), account.id().toString(), "mfa.enabled", "", ip);
    }

    public void disable(Account account, TotpCode code, String ip) {
        if (!account.mfaEnabled()) {
            throw new ConflictResponse("MFA is not enabled");
        }
        requireValid(account, code);
        accounts.setMfaEnabled(account.id(), false);
        audit.record(account.id(), account.id().toString(), "mfa.disabled", "", ip);
    }

    private void requireValid(Account account, TotpCode code) {
        UUID id = account.id();
        OptionalLong step = totp.matchingStep(seeds.open(id.toString(), account.mfaSecret()), code.code(), clock.instant());
        if (step.isEmpty() || !accounts.consumeTotpStep(id, step.getAsLong())) {
            throw new BadRequestResponse("field 'code' is not the current code of this authenticator, or was already used");
        }
    }
}
