package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.AccountLockout;
import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.PasswordHasher;
import dev.voiceplane.app.core.auth.Principal;
import io.javalin.http.ConflictResponse;
import io.javalin.http.UnauthorizedResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Registration, login, refresh-token rotation and logout. Every failure answers the same way
 * whether the email exists or not; every outcome is audited and counted
 * ({@code user_logins_total{result}}, {@code refresh_token_reuse_total}, and failures also in
 * {@code auth_failures_total{reason="login"|"refresh_token_reuse"}}).
 */
public final class AuthService {

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final AuditLog audit;
    private final PasswordHasher passwords;
    private final Totp totp;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final boolean mfaRequired;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final AccountLockout lockout;
    private final TotpSeeds seeds;

    public AuthService(AccountRepository accounts, SessionRepository sessions, AuditLog audit, PasswordHasher passwords, Totp totp,
            AccessTokens accessTokens, RefreshTokens refreshTokens, boolean mfaRequired, Clock clock, MeterRegistry metrics,
            AccountLockout lockout, TotpSeeds seeds) {
        this.lockout = lockout;
        this.seeds = seeds;
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.passwords = passwords;
        this.totp = totp;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.mfaRequired = mfaRequired;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Account register(Registration registration, String ip) {
        UUID id = UUID.randomUUID();
        if (!accounts.create(id, registration, passwords.hash(registration.password()))) {
            throw new ConflictResponse("an account with this email already exists");
        }
        audit.record(id, id.toString(), "account.registered", "", ip);
        metrics.counter("user_registrations").increment();
        return accounts.byId(id).orElseThrow();
    }

    public TokenPair login(LoginRequest login, String ip) {
        Account account = accounts.byEmail(login.email()).orElse(null);
        if (account != null) {
            lockout.remaining(account.id()).ifPresent(left -> {
                throw AccountLockout.locked(left);
            });
        }
        if (!passwords.matches(login.password(), account == null ? null : account.passwordHash())) {
            audit.record(account == null ? null : account.id(), "anonymous", "login.failed", "wrong email or password", ip);
            guessed(account, ip);
            throw fail("failure", "email or password is wrong");
        }
        if (account.mfaEnabled()) {
            if (login.totpCode() == null || login.totpCode().isBlank()) {
                throw fail("mfa_required", "a TOTP code is required for this account (field 'totpCode')");
            }
            OptionalLong step = totp.matchingStep(seeds.open(account.id().toString(), account.mfaSecret()), login.totpCode(),
                    clock.instant());
            if (step.isEmpty() || !accounts.consumeTotpStep(account.id(), step.getAsLong())) {
                audit.record(account.id(), "anonymous", "login.failed", "wrong or reused TOTP code", ip);
                guessed(account, ip);
                throw fail("failure", "the TOTP code is wrong or was already used");
            }
        }
        lockout.succeeded(account.id());
        String fingerprint = DigestUtils.sha256Hex(login.deviceFingerprint());
        if (!sessions.knownDevice(account.id(), fingerprint)) {
            audit.record(account.id(), account.id().toString(), "login.new_device", login.deviceLabel(), ip);
        }
        UUID sessionId = UUID.randomUUID();
        RefreshTokens.Issued refresh = refreshTokens.issue(account.id(), sessionId);
        sessions.open(sessionId, account.id(), fingerprint, login.deviceLabel(), ip, refresh);
        audit.record(account.id(), account.id().toString(), "login.succeeded", "session " + sessionId, ip);
        metrics.counter("user_logins", "result", "success").increment();
        return pair(account, sessionId, refresh);
    }

    /**
     * Exchanges a refresh token for a new pair. A token can be exchanged once; presenting it again
     * means it was copied, so the whole session is revoked and both holders must log in again.
     */
    public TokenPair refresh(RefreshRequest request, String ip) {
        RefreshTokens.Presented presented = refreshTokens.verify(request.refreshToken())
                .orElseThrow(() -> new UnauthorizedResponse("the refresh token is invalid or expired"));
        Account account = accounts.byId(presented.accountId()).filter(a -> !a.erased())
                .orElseThrow(() -> new UnauthorizedResponse("the refresh token is invalid or expired"));
        RefreshTokens.Issued next = refreshTokens.issue(account.id(), presented.sessionId());
        switch (sessions.rotate(presented.jti(), presented.sessionId(), next, clock.instant())) {
            case ROTATED -> {
                return pair(account, presented.sessionId(), next);
            }
            case REUSED -> {
                audit.record(account.id(), "anonymous", "refresh_token.reuse_detected", "session " + presented.sessionId() + " revoked", ip);
                metrics.counter("refresh_token_reuse").increment();
                AccessGuard.authFailures(metrics, "refresh_token_reuse").increment();
                throw new UnauthorizedResponse("this refresh token was already used; the session has been revoked, log in again");
            }
            default -> throw new UnauthorizedResponse("the refresh token is invalid or its session was revoked");
        }
    }

    public void logout(Principal principal, String ip) {
        UUID accountId = UUID.fromString(principal.subject());
        sessions.revoke(accountId, UUID.fromString(principal.sessionId()), "logout");
        audit.record(accountId, principal.subject(), "logout", "session " + principal.sessionId(), ip);
    }

    private TokenPair pair(Account account, UUID sessionId, RefreshTokens.Issued refresh) {
        String access = accessTokens.issue(new Principal(account.id().toString(), account.roles(), sessionId.toString()),
                AccessTokens.DEFAULT_TTL);
        return new TokenPair(access, refresh.token(), "Bearer", AccessTokens.DEFAULT_TTL.toSeconds(), sessionId,
                mfaRequired && !account.mfaEnabled());
    }

    /** Counts a wrong password or code against the account; audits a lockout it starts. */
    private void guessed(Account account, String ip) {
        if (account == null) {
            return;
        }
        lockout.failed(account.id()).ifPresent(duration -> {
            audit.record(account.id(), "anonymous", "login.locked", "locked for " + duration.toSeconds() + " s", ip);
            metrics.counter("user_logins", "result", "locked").increment();
        });
    }

    private UnauthorizedResponse fail(String result, String message) {
        metrics.counter("user_logins", "result", result).increment();
        if (!"mfa_required".equals(result)) {
            AccessGuard.authFailures(metrics, "login").increment();
        }
        return new UnauthorizedResponse(message);
    }
}
