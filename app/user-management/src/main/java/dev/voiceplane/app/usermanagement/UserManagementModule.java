package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.AccountLockout;
import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.PasswordHasher;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.catalog.Env;
import io.javalin.http.UnauthorizedResponse;
import dev.voiceplane.app.core.http.ServiceClient;
import java.time.Duration;
import dev.voiceplane.app.core.observability.CounterFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** user-management: accounts, tokens, MFA, sessions, audit and GDPR (catalog port 3005). */
public final class UserManagementModule implements ServiceModule {

    public static final String NAME = "user-management";
    /** An erasure or export call to another service; retried (erasure) or reported as missing (export) when exceeded. */
    static final Duration PRIVACY_CALL_TIMEOUT = Duration.ofSeconds(10);

    /** Every series this service counts exists from the start, so rate() sees the first event. */
    static void registerMetersAtZero(ServiceContext context) {
        var metrics = context.metrics();
        CounterFamily.of(metrics, "user_logins", "login attempts by result", "result", List.of("success", "failure", "mfa_required", "locked"));
        CounterFamily.single(metrics, "user_registrations", "accounts registered");
        CounterFamily.single(metrics, "refresh_token_reuse", "rotated refresh tokens presented again (session revoked)");
        CounterFamily.of(metrics, "gdpr_requests", "GDPR requests by kind", "kind", List.of("export", "erasure"));
        for (String reason : List.of("login", "refresh_token_reuse")) {
            AccessGuard.authFailures(metrics, reason);
        }
    }

    @Override
    public void install(ServiceContext context) {
        ServiceConfig config = context.config();
        var jdbi = context.database().jdbi();
        boolean mfaRequired = config.flag(Env.FEATURE_MFA_REQUIRED, false);
        AccountRepository accounts = new AccountRepository(jdbi);
        SessionRepository sessions = new SessionRepository(jdbi);
        AuditLog audit = new AuditLog(jdbi, config.flag(Env.FEATURE_AUDIT_LOGGING_ENABLED, true));
        Totp totp = new Totp();
        TotpSeeds seeds = TotpSeeds.from(config);
        accounts.sealPlaintextSeeds(seeds);
        AccountLockout lockout = new AccountLockout(jdbi, "account", AccountLockout.policy(config), context.clock());
        AuthService auth = new AuthService(accounts, sessions, audit, new PasswordHasher(), totp, context.tokens(),
                new RefreshTokens(config.get(Env.JWT_REFRESH_SECRET), context.clock()), mfaRequired, context.clock(), context.metrics(),
                lockout, seeds);
        Map<String, ServiceClient> holders = new LinkedHashMap<>();
        for (String service : config.spec().calls()) {
            holders.put(service, context.client(service, PRIVACY_CALL_TIMEOUT));
        }
        PrivacyFanOut fanOut = new PrivacyFanOut(jdbi, holders, context.clock(), context.metrics());
        context.every("privacy-fan-out", PrivacyFanOut.INTERVAL, PrivacyFanOut.INTERVAL, fanOut::deliverDue);
        PrivacyService privacy = new PrivacyService(jdbi, audit, RetentionPolicy.DEFAULT, context.clock(), context.metrics(), fanOut);

        // Access tokens outlive a logout by up to their TTL everywhere else; here, where accounts are
        // managed, a revoked session's tokens stop working at once.
        context.app().beforeMatched(ctx -> AccessGuard.optionalPrincipal(ctx)
                .filter(p -> !p.sessionId().isEmpty())
                .ifPresent(p -> {
                    if (!sessions.isActive(UUID.fromString(p.sessionId()))) {
                        throw new UnauthorizedResponse("this session has been revoked; log in again");
                    }
                }));
        registerMetersAtZero(context);
        new AuthRoutes(auth).install(context.app());
        new AccountRoutes(accounts, sessions, audit, new MfaService(accounts, audit, totp, context.clock(), seeds), privacy, mfaRequired,
                context.revocations()).install(context.app());
        context.every("retention-sweeper", PrivacyService.SWEEP_INTERVAL, PrivacyService.SWEEP_INTERVAL, privacy::sweepAndLog);
    }
}
