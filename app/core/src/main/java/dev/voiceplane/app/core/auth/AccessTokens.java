package dev.voiceplane.app.core.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import dev.voiceplane.catalog.SystemName;

/**
 * Issues and verifies access tokens: HS256 JWTs signed with {@code JWT_ACCESS_SECRET}, shared by
 * every service of a system so any of them can verify what user-management issued. Claims:
 * {@code sub}, {@code roles} (lower-case role names), {@code sid} (session), {@code typ=access},
 * {@code aud} (the system, {@code ai-ninja} or {@code bharatvoice}), {@code exp}, {@code iat} and
 * {@code iat_ms} (issue time in milliseconds, which {@link TokenRevocations} compares with).
 *
 * <p>A token must carry all of them: one without {@code exp} would never expire, and one without
 * the system's audience could be one the other system issued with a shared key (RFC 7519 §4.1.3:
 * a recipient that does not identify itself with the audience must reject the token).
 */
public final class AccessTokens {

    public static final String ISSUER = "voiceplane";
    /** Short, because access tokens cannot be revoked; refresh tokens carry the long session. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    /** HS256 needs a key at least as long as the hash (RFC 7518 §3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String TYPE = "access";
    /** The claim {@link TokenRevocations} compares with; {@code iat} has only whole seconds. */
    static final String ISSUED_AT_MILLIS = "iat_ms";
    private static final int VERIFIED_CACHE_SIZE = 10_000;

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Clock clock;
    private final String audience;
    /**
     * Tokens already verified, until they expire. A caller presents the same token on every request
     * for minutes (a service token for hours of calls); checking the HMAC and parsing the JSON again
     * each time is wasted work. Bounded: cleared when full.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /**
     * Tokens of the ai-ninja system, the only one that used this constructor before tokens carried
     * an audience; prefer {@link #forSystem}.
     */
    public AccessTokens(String secret, Clock clock) {
        this(secret, SystemName.AI_NINJA, clock);
    }

    /** Issues and accepts only tokens whose audience is {@code system}. */
    public static AccessTokens forSystem(String secret, SystemName system, Clock clock) {
        return new AccessTokens(secret, system, clock);
    }

    private AccessTokens(String secret, SystemName system, Clock clock) {
        if (secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT_ACCESS_SECRET must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.algorithm = Algorithm.HMAC256(secret);
        this.clock = clock;
        this.audience = system.id();
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER).withClaim("typ", TYPE)
                .withAudience(audience).withClaimPresence("exp").withClaimPresence("iat").withClaimPresence("sub"))
                .build(clock);
    }

    public String issue(Principal principal, Duration ttl) {
        Instant now = clock.instant();
        return JWT.create()
                .withIssuer(ISSUER)
                .withAudience(audience)
                .withSubject(principal.subject())
                .withClaim("roles", principal.roles().stream().map(Role::claim).sorted().toList())
                .withClaim("sid", principal.sessionId())
                .withClaim("typ", TYPE)
                .withJWTId(UUID.randomUUID().toString())
                .withIssuedAt(now)
                .withClaim(ISSUED_AT_MILLIS, now.toEpochMilli())
                .withExpiresAt(now.plus(ttl))
                .sign(algorithm);
    }

    /** The system whose tokens these are. */
    public String audience() {
        return audience;
    }

    /** The principal of a valid token; empty when the signature, issuer, audience, type or expiry is wrong or absent. */
    public Optional<Principal> verify(String token) {
        Verified known = verified.get(token);
        if (known != null) {
            if (clock.instant().isBefore(known.expiresAt())) {
                return Optional.of(known.principal());
            }
            verified.remove(token);
        }
        try {
            DecodedJWT jwt = verifier.verify(token);
            List<String> claims = jwt.getClaim("roles").asList(String.class);
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (claims != null) {
                claims.stream().map(Role::fromClaim).filter(r -> r != null).forEach(roles::add);
            }
            Long issuedMillis = jwt.getClaim(ISSUED_AT_MILLIS).asLong();
            Instant issuedAt = issuedMillis != null ? Instant.ofEpochMilli(issuedMillis) : jwt.getIssuedAtAsInstant();
            Principal principal = new Principal(jwt.getSubject(), roles, jwt.getClaim("sid").asString(), issuedAt);
            if (verified.size() >= VERIFIED_CACHE_SIZE) {
                verified.clear();
            }
            verified.put(token, new Verified(principal, jwt.getExpiresAtAsInstant()));
            return Optional.of(principal);
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record Verified(Principal principal, Instant expiresAt) {
    }
}
