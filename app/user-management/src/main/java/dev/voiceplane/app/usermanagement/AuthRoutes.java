package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Anyone;
import dev.voiceplane.app.core.auth.ClientAddress;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import io.javalin.Javalin;

/** Endpoints that hand out tokens; open to anyone (rate-limited per IP) except logout. */
public final class AuthRoutes {

    private final AuthService auth;

    public AuthRoutes(AuthService auth) {
        this.auth = auth;
    }

    public void install(Javalin app) {
        app.post("/api/auth/register", ctx -> ctx.status(201)
                .json(AccountView.of(auth.register(Input.body(ctx, Registration.class), ClientAddress.of(ctx)))), Anyone.ANYONE);
        app.post("/api/auth/login", ctx -> ctx.json(auth.login(Input.body(ctx, LoginRequest.class), ClientAddress.of(ctx))), Anyone.ANYONE);
        app.post("/api/auth/refresh", ctx -> ctx.json(auth.refresh(Input.body(ctx, RefreshRequest.class), ClientAddress.of(ctx))), Anyone.ANYONE);
        app.post("/api/auth/logout", ctx -> {
            Callers.accountId(ctx);
            auth.logout(AccessGuard.principal(ctx), ClientAddress.of(ctx));
            ctx.status(204);
        }, Role.USER, Role.ADMIN);
    }
}
