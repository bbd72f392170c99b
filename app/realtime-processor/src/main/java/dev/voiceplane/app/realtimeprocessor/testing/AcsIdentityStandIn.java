package dev.voiceplane.app.realtimeprocessor.testing;

import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.testkit.StubService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local stand-in for the identity ACS signs its media WebSockets with: an OpenID configuration
 * (issuer, {@code jwks_uri}) and a JWKS with one RSA key on a loopback port, and tokens it signs as
 * ACS would (RS256, {@code iss}, {@code aud} the resource id, {@code exp}). {@link #foreignToken}
 * signs with another key under the same key id, as a forger would.
 */
public final class AcsIdentityStandIn implements AutoCloseable {

    public static final String ISSUER = "https://acscallautomation.communication.azure.com";
    private static final String KEY_ID = "stand-in-key-1";

    private final StubService http = StubService.start().guardedBy(AcsIdentityStandIn::readOnly);
    private final KeyPair key = rsa();
    private final KeyPair other = rsa();

    private AcsIdentityStandIn() {
        http.answer("GET", "/calling/.well-known/acsopenidconfiguration", r -> json(Map.of("issuer", ISSUER, "jwks_uri", base() + "/calling/keys")))
                .answer("GET", "/calling/keys", r -> json(Map.of("keys", List.of(jwk()))));
    }

    public static AcsIdentityStandIn start() {
        return new AcsIdentityStandIn();
    }

    /** OpenID metadata and signing keys are public (anyone verifying ACS's tokens reads them), and only read. */
    private static Optional<StubService.Answer> readOnly(StubService.Request request) {
        return request.method().equals("GET") ? Optional.empty()
                : Optional.of(StubService.json(405, "{\"error\":\"the OpenID configuration and keys are read with GET\"}"));
    }

    /** The OpenID configuration's URL. */
    public URI configuration() {
        return URI.create(base() + "/calling/.well-known/acsopenidconfiguration");
    }

    /** An {@code Authorization} value as ACS sends it: a bearer token for {@code audience} that expires at {@code expires}. */
    public String token(String audience, Instant expires) {
        return "Bearer " + sign(key, Map.of("iss", ISSUER, "aud", audience, "exp", expires.getEpochSecond(),
                "nbf", expires.minusSeconds(86_400).getEpochSecond()));
    }

    /** The same, signed by a key that is not ACS's. */
    public String foreignToken(String audience, Instant expires) {
        return "Bearer " + sign(other, Map.of("iss", ISSUER, "aud", audience, "exp", expires.getEpochSecond()));
    }

    private String base() {
        return http.url();
    }

    private Map<String, Object> jwk() {
        RSAPublicKey rsa = (RSAPublicKey) key.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("kid", KEY_ID);
        jwk.put("n", unsigned(rsa.getModulus().toByteArray()));
        jwk.put("e", unsigned(rsa.getPublicExponent().toByteArray()));
        return jwk;
    }

    private static String unsigned(byte[] bytes) {
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    private static String sign(KeyPair with, Map<String, Object> claims) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString(Json.mapper().writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID)));
            String payload = b64.encodeToString(Json.mapper().writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(with.getPrivate());
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(rsa.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StubService.Answer json(Object body) {
        try {
            return StubService.json(200, Json.mapper().writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
