package dev.voiceplane.app.realtimeprocessor.telephony;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the JWT Azure Communication Services puts in the {@code Authorization} header of every
 * media-streaming WebSocket it opens, as ACS documents
 * (https://learn.microsoft.com/azure/communication-services/how-tos/call-automation/secure-webhook-endpoint):
 * standard OpenID Connect validation against the configuration at {@value #OPENID_CONFIGURATION}
 * (its {@code issuer}, and the signing keys of its {@code jwks_uri}); the audience is the ACS
 * resource's id; tokens live 24 hours and one is made per connection. Only RS256 is accepted (the
 * algorithm is never taken from the token on trust), with {@value #SKEW_SECONDS} s of clock skew.
 *
 * <p>The configuration and keys are fetched once and kept; a token signed by a key not among them
 * makes one refetch (keys rotate), at most every {@link #REFETCH_INTERVAL}.
 */
public final class AcsWebSocketAuth {

    public static final String OPENID_CONFIGURATION = "https://acscallautomation.communication.azure.com/calling/.well-known/acsopenidconfiguration";
    static final long SKEW_SECONDS = 60;
    static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(AcsWebSocketAuth.class);

    private final URI configuration;
    private final String audience;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Keys keys;
    private volatile Instant fetchedAt = Instant.EPOCH;

    /** What the OpenID configuration names: the issuer and the signing keys by id. */
    private record Keys(String issuer, Map<String, PublicKey> byId) {
    }

    /**
     * @param configuration the OpenID configuration's URL ({@value #OPENID_CONFIGURATION} in Azure)
     * @param audience      the ACS resource's id, the audience ACS signs for
     */
    public AcsWebSocketAuth(URI configuration, String audience, Clock clock) {
        this.configuration = configuration;
        this.audience = audience;
        this.clock = clock;
    }

    /** Fetches the configuration and keys now (at start-up), so the first call does not wait for them; failures are logged. */
    public void warmUp() {
        try {
            keys();
        } catch (IOException | RuntimeException e) {
            LOG.warn("ACS's OpenID configuration at {} could not be read yet: {}", configuration, e.toString());
        }
    }

    /**
     * Why the {@code Authorization} header does not admit a stream, or empty when it does: a bearer
     * JWT, RS256, signed by one of ACS's keys, from ACS's issuer, for this resource, not expired.
     */
    public Optional<String> refusal(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of("no bearer token");
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return Optional.of("not a JWT");
        }
        try {
            JsonNode header = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return Optional.of("algorithm " + header.path("alg").asText() + " is not RS256");
            }
            PublicKey key = key(header.path("kid").asText());
            if (key == null) {
                return Optional.of("signed by an unknown key");
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifies(rsa, Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.of("bad signature");
            }
            String issuer = keys().issuer();
            if (!issuer.equals(claims.path("iss").asText())) {
                return Optional.of("issuer " + claims.path("iss").asText() + " is not " + issuer);
            }
            if (!audienceMatches(claims.path("aud"))) {
                return Optional.of("audience is not this ACS resource");
            }
            long now = clock.instant().getEpochSecond();
            if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() + SKEW_SECONDS < now) {
                return Optional.of("expired");
            }
            if (claims.has("nbf") && claims.path("nbf").asLong() - SKEW_SECONDS > now) {
                return Optional.of("not valid yet");
            }
            return Optional.empty();
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            return Optional.of("unreadable token (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A signature of the wrong length is as bad as a wrong one (the JDK throws for it). */
    private static boolean verifies(Signature rsa, byte[] signature) {
        try {
            return rsa.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud.isArray()) {
            for (JsonNode one : aud) {
                if (audience.equals(one.asText())) {
                    return true;
                }
            }
            return false;
        }
        return audience.equals(aud.asText());
    }

    /** The key with {@code id}, refetching the keys once when it is unknown (they may have rotated). */
    private PublicKey key(String id) throws IOException {
        PublicKey key = keys().byId().get(id);
        if (key == null && clock.instant().isAfter(fetchedAt.plus(REFETCH_INTERVAL))) {
            keys = null;
            key = keys().byId().get(id);
        }
        return key;
    }

    private Keys keys() throws IOException {
        Keys current = keys;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (keys == null) {
                JsonNode config = get(configuration);
                JsonNode jwks = get(URI.create(config.path("jwks_uri").asText()));
                Map<String, PublicKey> byId = new HashMap<>();
                for (JsonNode jwk : jwks.path("keys")) {
                    if ("RSA".equals(jwk.path("kty").asText())) {
                        byId.put(jwk.path("kid").asText(), rsa(jwk));
                    }
                }
                keys = new Keys(config.path("issuer").asText(), Map.copyOf(byId));
                fetchedAt = clock.instant();
            }
            return keys;
        }
    }

    private static PublicKey rsa(JsonNode jwk) {
        try {
            BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText()));
            BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()));
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("JWKS key " + jwk.path("kid").asText() + " is not an RSA public key", e);
        }
    }

    private JsonNode get(URI uri) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode());
            }
            return Json.mapper().readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
