package dev.voiceplane.app.core.ws;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.auth.TokenRevocations;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates a WebSocket upgrade before it happens, so an unauthorised client gets a plain 401
 * or 403 instead of an open socket. Browsers cannot set headers on a WebSocket, so the token may
 * also come as the {@code access_token} query parameter (RFC 6750 §2.3); it is never logged.
 */
public final class WebSocketAuth {

    public static final String QUERY_PARAMETER = "access_token";
    private static final String PRINCIPAL = "voiceplane.ws.principal";

    private final AccessTokens tokens;
    private final Set<Role> roles;
    private final TokenRevocations revocations;

    public WebSocketAuth(AccessTokens tokens, Set<Role> roles) {
        this(tokens, roles, null);
    }

    /** @param revocations the system's revocation list, or null when the service has no Redis */
    public WebSocketAuth(AccessTokens tokens, Set<Role> roles, TokenRevocations revocations) {
        this.tokens = tokens;
        this.roles = Set.copyOf(roles);
        this.revocations = revocations;
    }

    /** A {@code wsBeforeUpgrade} handler. */
    public void beforeUpgrade(Context ctx) {
        Principal principal = verify(ctx.header("Authorization"), ctx.queryParam(QUERY_PARAMETER))
                .orElseThrow(() -> new UnauthorizedResponse("a valid access token is required to open this WebSocket"));
        if (!roles.isEmpty() && roles.stream().noneMatch(principal::has)) {
            throw new ForbiddenResponse("this WebSocket requires one of the roles " + roles);
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    /** Verifies again from the session's upgrade request; used in {@code onConnect}. */
    public Optional<Principal> verify(String authorizationHeader, String queryToken) {
        Optional<String> token = AccessGuard.bearerToken(authorizationHeader);
        if (token.isEmpty() && queryToken != null && !queryToken.isBlank()) {
            token = Optional.of(queryToken);
        }
        return token.flatMap(tokens::verify).filter(this::notRevoked);
    }

    /** A revoked user's token opens no socket; if Redis cannot say, the socket opens (the call matters more). */
    private boolean notRevoked(Principal principal) {
        if (revocations == null) {
            return true;
        }
        try {
            return !revocations.revoked(principal);
        } catch (RuntimeException e) {
            return true;
        }
    }
}
