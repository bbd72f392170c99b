package dev.voiceplane.app.core.auth;

import dev.voiceplane.app.core.http.StoreUnavailableException;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.TooManyRequestsResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.Set;

/**
 * Secure by default: runs before every matched route and admits a request only with a valid access
 * token carrying one of the route's roles. Routes marked {@link Anyone#ANYONE} are open; a route
 * that names no role still needs a valid token. The token itself is never logged or echoed.
 * Refusals are counted as {@code auth_failures_total{reason="missing_token"|"invalid_token"}}, which
 * the authentication-failures alert watches.
 */
public final class AccessGuard {

    private static final String PRINCIPAL = "voiceplane.principal";
    private static final String BEARER = "Bearer ";

    private final AccessTokens tokens;
    private final RateLimiter rateLimiter;
    private final TokenRevocations revocations;
    private final Counter missingToken;
    private final Counter invalidToken;
    private final Counter revokedToken;
    private final Counter revocationsUnknown;

    /** @param rateLimiter null when the service's rate-limiting feature flag is off */
    public AccessGuard(AccessTokens tokens, RateLimiter rateLimiter, MeterRegistry metrics) {
        this(tokens, rateLimiter, null, metrics);
    }

    /**
     * @param rateLimiter null when the service's rate-limiting feature flag is off
     * @param revocations null for a service without Redis (then no token is checked against the list)
     */
    public AccessGuard(AccessTokens tokens, RateLimiter rateLimiter, TokenRevocations revocations, MeterRegistry metrics) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.revocations = revocations;
        this.missingToken = authFailures(metrics, "missing_token");
        this.invalidToken = authFailures(metrics, "invalid_token");
        this.revokedToken = authFailures(metrics, "revoked_token");
        this.revocationsUnknown = Counter.builder("token_revocations_unavailable")
                .description("user tokens admitted without checking the revocation list because Redis did not answer").register(metrics);
    }

    /** The counter every refusal of credentials goes to; services add their own reasons (e.g. {@code login}). */
    public static Counter authFailures(MeterRegistry metrics, String reason) {
        return Counter.builder("auth.failures").description("requests refused for missing or bad credentials")
                .tag("reason", reason).register(metrics);
    }

    public void check(Context ctx) {
        Set<RouteRole> required = ctx.routeRoles();
        if (required.contains(Probe.PLATFORM)) {
            return;
        }
        boolean open = required.contains(Anyone.ANYONE);
        Optional<String> token = bearerToken(ctx.header("Authorization"));
        Optional<Principal> principal = token.flatMap(tokens::verify).filter(this::notRevoked);
        if (!open) {
            if (principal.isEmpty()) {
                (token.isEmpty() ? missingToken : invalidToken).increment();
                ctx.header("WWW-Authenticate", "Bearer");
                throw new UnauthorizedResponse("a valid access token is required (Authorization: Bearer <token>)");
            }
            if (!required.isEmpty() && required.stream().noneMatch(r -> r instanceof Role role && principal.get().has(role))) {
                throw new ForbiddenResponse("this endpoint requires one of the roles " + required);
            }
        }
        principal.ifPresent(p -> ctx.attribute(PRINCIPAL, p));
        limit(ctx, principal.orElse(null));
    }

    private void limit(Context ctx, Principal principal) {
        if (rateLimiter == null) {
            return;
        }
        String client = principal != null ? "sub:" + principal.subject() : "ip:" + ClientAddress.of(ctx);
        RateLimiter.Verdict verdict = rateLimiter.check(client, principal);
        if (!verdict.allowed()) {
            ctx.header("Retry-After", Long.toString(verdict.retryAfterSeconds()));
            throw new TooManyRequestsResponse("rate limit of " + verdict.limit() + " requests per window exceeded; retry after "
                    + verdict.retryAfterSeconds() + " s");
        }
    }

    /**
     * False when the token's user was revoked after it was issued. When Redis does not answer, an
     * admin token is refused (503: admin work can wait for the list) and any other is admitted and
     * counted, so a cache outage does not lock every user out.
     */
    private boolean notRevoked(Principal principal) {
        if (revocations == null) {
            return true;
        }
        try {
            if (revocations.revoked(principal)) {
                revokedToken.increment();
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            if (principal.has(Role.ADMIN)) {
                throw new StoreUnavailableException("the token revocation list cannot be read; admin requests wait for it", e);
            }
            revocationsUnknown.increment();
            return true;
        }
    }

    /** The verified caller; only call on routes that require a token. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new UnauthorizedResponse("a valid access token is required");
        }
        return principal;
    }

    /** The verified caller, if the request carried a valid token. */
    public static Optional<Principal> optionalPrincipal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    public static Optional<String> bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
