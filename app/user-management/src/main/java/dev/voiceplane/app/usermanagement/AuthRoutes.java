package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Anyone;
import dev.voiceplane.app.core.auth.ClientAddress;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.catalog.Routes;
import io.javalin.Javalin;

/** Endpoints that hand out tokens; open to anyone (rate-limited per IP) except logout. */
public final class AuthRoutes {

    private final AuthService auth;

    public AuthRoutes(AuthService auth) {
        this.auth = auth;
    }

    public void install(Javalin app) {
        app.post(Routes.AUTH_REGISTER, ctx -> ctx.status(201)
                .json(AccountView.of(auth.register(Input.body(ctx, Registration.class), ClientAddress.of(ctx)))), Anyone.ANYONE);
        app.post(Routes.AUTH_LOGIN, ctx -> ctx.json(auth.login(Input.body(ctx, LoginRequest.class), ClientAddress.of(ctx))), Anyone.ANYONE);
        app.post(Routes.AUTH_REFRESH, ctx -> ctx.json(auth.refresh(Input.body(ctx, RefreshRequest.class), ClientAddress.of(ctx))), Anyone.ANYONE);
        app.post(Routes.AUTH_LOGOUT, ctx -> {
            Callers.accountId(ctx);
            auth.logout(AccessGuard.principal(ctx), ClientAddress.of(ctx));
            ctx.status(204);
        }, Role.USER, Role.ADMIN);
    }
}
