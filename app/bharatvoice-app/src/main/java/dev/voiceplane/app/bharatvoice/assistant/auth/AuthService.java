package dev.voiceplane.app.bharatvoice.assistant.auth;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.AccountLockout;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.PasswordHasher;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import io.javalin.http.ConflictResponse;
import io.javalin.http.UnauthorizedResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration, login, refresh-token rotation and logout for BharatVoice users.
 *
 * <p>Access tokens are core's ({@link AccessTokens}: HS256 with {@code JWT_ACCESS_SECRET}, 15
 * minutes, role {@code user}, {@code sid} = the login session), so every route of this service and
 * any other BharatVoice service verifies them as it verifies any token. Refresh tokens are opaque
 * ({@link RefreshTokens}); one login is one family, and presenting a used one revokes the family.
 *
 * <p>A failed login answers the same whether the account is unknown or the password wrong. No
 * password or token is ever logged. Counted: {@code bharatvoice_auth_registrations_total},
 * {@code bharatvoice_auth_logins_total{result}}, {@code bharatvoice_refresh_token_reuse_total}, and
 * failures in core's {@code auth_failures_total{reason="login"|"refresh"|"refresh_token_reuse"}}.
 */
public final class AuthService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    static final String BAD_CREDENTIALS = "the login or the password is wrong";
    static final String BAD_REFRESH_TOKEN = "the refresh token is invalid, expired or revoked; log in again";

    private final AuthStore store;
    private final PasswordHasher passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final List<String> languages;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final AccountLockout lockout;

    public AuthService(AuthStore store, PasswordHasher passwords, AccessTokens accessTokens, RefreshTokens refreshTokens,
            List<String> supportedLanguages, Clock clock, MeterRegistry metrics, AccountLockout lockout) {
        this.lockout = lockout;
        this.store = store;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.languages = List.copyOf(supportedLanguages);
        this.clock = clock;
        this.metrics = metrics;
    }

    public UserAccount register(Registration registration) {
        if (!languages.contains(registration.preferredLanguage())) {
            throw new IllegalArgumentException("field 'preferredLanguage' must be one of " + languages + " (SUPPORTED_LANGUAGES), got '"
                    + registration.preferredLanguage() + "'");
        }
        UUID id = UUID.randomUUID();
        if (!store.create(id, registration, passwords.hash(registration.password()), clock.instant())) {
            throw new ConflictResponse("an account with this email address or phone number already exists");
        }
        metrics.counter("bharatvoice_auth_registrations").increment();
        return store.byId(id).orElseThrow();
    }

    public TokenPair login(LoginRequest login) {
        Optional<UserAccount> account = store.byLogin(login.email(), login.phone());
        if (account.isPresent()) {
            lockout.remaining(account.get().id()).ifPresent(left -> {
                metrics.counter("bharatvoice_auth_logins", "result", "locked").increment();
                throw AccountLockout.locked(left);
            });
        }
        if (!passwords.matches(login.password(), account.map(UserAccount::passwordHash).orElse(null))) {
            metrics.counter("bharatvoice_auth_logins", "result", "failure").increment();
            AccessGuard.authFailures(metrics, "login").increment();
            account.ifPresent(a -> lockout.failed(a.id()));
            throw new UnauthorizedResponse(BAD_CREDENTIALS);
        }
        UserAccount user = account.get();
        lockout.succeeded(user.id());
        UUID sessionId = UUID.randomUUID();
        String refresh = refreshTokens.next();
        Instant now = clock.instant();
        store.openSession(sessionId, user.id(), RefreshTokens.hash(refresh), now, now.plus(RefreshTokens.TTL));
        metrics.counter("bharatvoice_auth_logins", "result", "success").increment();
        return pair(user, sessionId, refresh);
    }

    /**
     * Exchanges a refresh token for a new pair. A token can be exchanged once; presenting it again
     * means two parties hold it, so the whole family is revoked and the user must log in again.
     */
    public TokenPair refresh(RefreshRequest request) {
        String next = refreshTokens.next();
        Instant now = clock.instant();
        AuthStore.Rotation rotation = store.rotate(RefreshTokens.hash(request.refreshToken()), RefreshTokens.hash(next), now,
                now.plus(RefreshTokens.TTL));
        switch (rotation.outcome()) {
            case ROTATED -> {
                UserAccount user = store.byId(rotation.userId()).orElseThrow(() -> new UnauthorizedResponse(BAD_REFRESH_TOKEN));
                return pair(user, rotation.sessionId(), next);
            }
            case REUSED -> {
                metrics.counter("bharatvoice_refresh_token_reuse").increment();
                AccessGuard.authFailures(metrics, "refresh_token_reuse").increment();
                LOG.warn("refresh token reused: session {} of user {} revoked", rotation.sessionId(), rotation.userId());
                throw new UnauthorizedResponse("this refresh token was already used; the session has been revoked, log in again");
            }
            default -> {
                AccessGuard.authFailures(metrics, "refresh").increment();
                throw new UnauthorizedResponse(BAD_REFRESH_TOKEN);
            }
        }
    }

    /** Ends the caller's login session: its refresh tokens stop working (the access token expires on its own). */
    public void logout(Principal principal) {
        UUID userId;
        UUID sessionId;
        try {
            userId = UUID.fromString(principal.subject());
            sessionId = UUID.fromString(principal.sessionId());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("this access token belongs to no login session of /api/auth/login");
        }
        store.revoke(userId, sessionId, "logout", clock.instant());
    }

    private TokenPair pair(UserAccount user, UUID sessionId, String refresh) {
        String access = accessTokens.issue(new Principal(user.id().toString(), Set.of(Role.USER), sessionId.toString()),
                AccessTokens.DEFAULT_TTL);
        return new TokenPair(access, refresh, "Bearer", AccessTokens.DEFAULT_TTL.toSeconds(), RefreshTokens.TTL.toSeconds(), user.id(),
                sessionId, user.preferredLanguage());
    }
}
