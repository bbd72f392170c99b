package dev.voiceplane.app.usermanagement;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.voiceplane.app.core.auth.AccessTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens: HS256 JWTs signed with {@code JWT_REFRESH_SECRET} — a different key from access
 * tokens, so no service that can verify access tokens can mint a session. Each carries its own id
 * ({@code jti}) and its session ({@code sid}); the database records which ids were used, which is
 * what makes rotation and reuse detection work.
 */
public final class RefreshTokens {

    public static final Duration TTL = Duration.ofDays(30);
    private static final String TYPE = "refresh";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Clock clock;

    public RefreshTokens(String secret, Clock clock) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < AccessTokens.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT_REFRESH_SECRET must be at least " + AccessTokens.MIN_SECRET_BYTES + " bytes");
        }
        this.algorithm = Algorithm.HMAC256(secret);
        this.clock = clock;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(AccessTokens.ISSUER).withClaim("typ", TYPE))
                .build(clock);
    }

    public Issued issue(UUID accountId, UUID sessionId) {
        Instant now = clock.instant();
        UUID jti = UUID.randomUUID();
        String token = JWT.create().withIssuer(AccessTokens.ISSUER).withSubject(accountId.toString()).withJWTId(jti.toString())
                .withClaim("sid", sessionId.toString()).withClaim("typ", TYPE)
                .withIssuedAt(now).withExpiresAt(now.plus(TTL)).sign(algorithm);
        return new Issued(token, jti, now, now.plus(TTL));
    }

    /** The claims of a well-signed, unexpired refresh token. */
    public Optional<Presented> verify(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            return Optional.of(new Presented(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaim("sid").asString()),
                    UUID.fromString(jwt.getId())));
        } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** A token just issued, with what the database stores about it. */
    public record Issued(String token, UUID jti, Instant issuedAt, Instant expiresAt) {
    }

    /** What a presented token claims. */
    public record Presented(UUID accountId, UUID sessionId, UUID jti) {
    }
}
