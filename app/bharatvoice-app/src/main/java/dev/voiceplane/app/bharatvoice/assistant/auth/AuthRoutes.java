package dev.voiceplane.app.bharatvoice.assistant.auth;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Anyone;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.catalog.Routes;
import io.javalin.Javalin;

/**
 * {@code /api/auth}, which the BharatVoice ingress routes here with its 1 r/s auth limit. Register,
 * login and refresh are open (core rate-limits them per client IP in Redis: the service's
 * anonymous limit, 60 per minute); logout needs the access token of the session it ends.
 */
public final class AuthRoutes {

    private final AuthService auth;

    public AuthRoutes(AuthService auth) {
        this.auth = auth;
    }

    public void install(Javalin app) {
        app.post(Routes.AUTH_REGISTER, ctx -> ctx.status(201).json(auth.register(Input.body(ctx, Registration.class)).view()),
                Anyone.ANYONE);
        app.post(Routes.AUTH_LOGIN, ctx -> ctx.json(auth.login(Input.body(ctx, LoginRequest.class))), Anyone.ANYONE);
        app.post(Routes.AUTH_REFRESH, ctx -> ctx.json(auth.refresh(Input.body(ctx, RefreshRequest.class))), Anyone.ANYONE);
        app.post(Routes.AUTH_LOGOUT, ctx -> {
            auth.logout(AccessGuard.principal(ctx));
            ctx.status(204);
        }, Role.USER, Role.ADMIN);
    }
}
