package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.ClientAddress;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.auth.TokenRevocations;
import dev.voiceplane.app.core.http.Input;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.UUID;

/** Accounts, roles, sessions, MFA, the audit log and GDPR requests. */
public final class AccountRoutes {

    static final int MAX_AUDIT_LIMIT = 1000;

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final AuditLog audit;
    private final MfaService mfa;
    private final PrivacyService privacy;
    private final boolean mfaRequired;
    private final TokenRevocations revocations;

    public AccountRoutes(AccountRepository accounts, SessionRepository sessions, AuditLog audit, MfaService mfa, PrivacyService privacy,
            boolean mfaRequired, TokenRevocations revocations) {
        this.revocations = revocations;
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.mfa = mfa;
        this.privacy = privacy;
        this.mfaRequired = mfaRequired;
    }

    public void install(Javalin app) {
        app.get("/api/users/me", ctx -> ctx.json(AccountView.of(account(Callers.accountId(ctx)))), Role.USER, Role.ADMIN);
        app.get("/api/users/{id}", ctx -> ctx.json(AccountView.of(account(Callers.targetAccount(ctx)))), Role.USER, Role.ADMIN, Role.SERVICE);
        app.put("/api/users/{id}/roles", ctx -> {
            UUID target = Callers.uuid("id", ctx.pathParam("id"));
            RoleChange change = Input.body(ctx, RoleChange.class);
            account(target);
            accounts.setRoles(target, change.asRoles());
            // Tokens carry roles: without this a demoted admin stays admin until the token expires.
            revocations.revokeAll(target.toString());
            audit.record(target, Callers.actor(ctx), "roles.changed", String.join(",", change.roles()), ClientAddress.of(ctx));
            ctx.json(AccountView.of(account(target)));
        }, Role.ADMIN);

        app.get("/api/sessions", ctx -> {
            String current = AccessGuard.principal(ctx).sessionId();
            ctx.json(sessions.list(Callers.accountId(ctx), current.isEmpty() ? null : UUID.fromString(current)));
        }, Role.USER, Role.ADMIN);
        app.delete("/api/sessions/{sessionId}", ctx -> {
            UUID accountId = Callers.accountId(ctx);
            UUID sessionId = Callers.uuid("sessionId", ctx.pathParam("sessionId"));
            if (!sessions.revoke(accountId, sessionId, "revoked by user")) {
                throw new NotFoundResponse("no active session " + sessionId + " of yours");
            }
            audit.record(accountId, accountId.toString(), "session.revoked", "session " + sessionId, ClientAddress.of(ctx));
            ctx.status(204);
        }, Role.USER, Role.ADMIN);

        app.post("/api/mfa/enrol", ctx -> ctx.json(mfa.enrol(account(Callers.accountId(ctx)), ClientAddress.of(ctx))), Role.USER, Role.ADMIN);
        app.post("/api/mfa/confirm", ctx -> {
            mfa.confirm(account(Callers.accountId(ctx)), Input.body(ctx, TotpCode.class), ClientAddress.of(ctx));
            ctx.json(Map.of("mfaEnabled", true));
        }, Role.USER, Role.ADMIN);
        app.post("/api/mfa/disable", ctx -> {
            mfa.disable(account(Callers.accountId(ctx)), Input.body(ctx, TotpCode.class), ClientAddress.of(ctx));
            ctx.json(Map.of("mfaEnabled", false));
        }, Role.USER, Role.ADMIN);

        app.get("/api/audit", ctx -> {
            String accountId = ctx.queryParam("accountId");
            int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100);
            Input.require(limit >= 1 && limit <= MAX_AUDIT_LIMIT, "parameter 'limit' must be between 1 and " + MAX_AUDIT_LIMIT);
            ctx.json(audit.recent(accountId == null ? null : Callers.uuid("accountId", accountId), limit));
        }, Role.ADMIN);

        app.get("/api/users/{id}/export", ctx -> {
            UUID target = Callers.targetAccount(ctx);
            requireMfaForSelfService(ctx, target);
            ctx.header("Content-Disposition", "attachment; filename=\"account-" + target + ".json\"")
                    .json(privacy.export(target, Callers.actor(ctx), ClientAddress.of(ctx)));
        }, Role.USER, Role.ADMIN);
        app.delete("/api/users/{id}", ctx -> {
            UUID target = Callers.targetAccount(ctx);
            requireMfaForSelfService(ctx, target);
            privacy.erase(target, Callers.actor(ctx), ClientAddress.of(ctx));
            revocations.revokeAll(target.toString());
            ctx.json(Map.of("erased", true,
                    "retained", "pseudonymous audit events (action and time only) until " + RetentionPolicy.DEFAULT.auditEvents().toDays()
                            + " days after they happened",
                    "services", privacy.erasureStatus(target)));
        }, Role.USER, Role.ADMIN);
        app.get("/api/admin/erasures/{id}", ctx -> ctx.json(privacy.erasureStatus(Callers.uuid("id", ctx.pathParam("id")))),
                Role.ADMIN);
        app.post("/api/admin/retention/sweep", ctx -> ctx.json(privacy.sweep()), Role.ADMIN);
    }

    private Account account(UUID id) {
        return accounts.byId(id).filter(a -> !a.erased()).orElseThrow(() -> new NotFoundResponse("no account " + id));
    }

    /** With MFA required by policy, a user must have enrolled before exporting or erasing their own data. */
    private void requireMfaForSelfService(Context ctx, UUID target) {
        boolean self = AccessGuard.principal(ctx).subject().equals(target.toString());
        if (mfaRequired && self && !account(target).mfaEnabled()) {
            throw new ForbiddenResponse("MFA is required: enrol an authenticator first (POST /api/mfa/enrol)");
        }
    }
}
