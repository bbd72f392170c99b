package dev.voiceplane.app.core.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.catalog.Env;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Microsoft Entra access token for the pod's Azure workload identity, cached until shortly before it
 * expires. The workload identity webhook gives the pod a ServiceAccount token signed by the cluster
 * ({@code AZURE_FEDERATED_TOKEN_FILE}, rotated by the kubelet) and says whose it is ({@code AZURE_CLIENT_ID},
 * {@code AZURE_TENANT_ID}, {@code AZURE_AUTHORITY_HOST}); the token is exchanged at the tenant's token
 * endpoint as a client assertion (OAuth 2.0 client credentials with a federated credential:
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow#third-case-access-token-request-with-a-federated-credential),
 * for a token of one {@code scope}, e.g. {@value #COGNITIVE_SERVICES}.
 *
 * <p>Why not azure-identity: this is one form POST and one JSON field, and azure-identity brings its HTTP
 * stack, Reactor and MSAL into services that use the JDK client everywhere else.
 *
 * <p>The assertion file is read again for every exchange (the kubelet replaces it before it expires). A
 * new token is fetched once less than {@link #REFRESH_BEFORE} of the current one is left. Neither the
 * assertion nor a token ever appears in a message; a refused exchange names Entra's error code
 * ({@code invalid_client}, {@code AADSTS700016}...) and HTTP status.
 */
public final class WorkloadIdentityToken implements Supplier<String> {
    /** The scope of Azure AI services (Speech, OpenAI): https://learn.microsoft.com/azure/ai-services/authentication#authenticate-with-microsoft-entra-id. */
    public static final String COGNITIVE_SERVICES = "https://cognitiveservices.azure.com/.default";
    static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com/";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** A token is renewed when less than this is left (Entra's tokens last 60-90 minutes). */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,99}");

    private final URI tokenEndpoint;
    private final String clientId;
    private final Path assertionFile;
    private final String scope;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private String token;
    private Instant renewAt = Instant.MIN;

    WorkloadIdentityToken(URI authority, String tenantId, String clientId, Path assertionFile, String scope, Duration timeout, Clock clock) {
        if (!TENANT.matcher(tenantId).matches()) {
            throw new ConfigException("environment variable " + Env.AZURE_TENANT_ID + " is not a tenant id or domain");
        }
        String base = authority.toString().endsWith("/") ? authority.toString() : authority + "/";
        this.tokenEndpoint = URI.create(base + tenantId + "/oauth2/v2.0/token");
        this.clientId = clientId;
        this.assertionFile = assertionFile;
        this.scope = scope;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * The pod's workload identity for {@code scope}, when the webhook set it up (client id, tenant and token
     * file all present); empty otherwise. Some but not all of them fails the start naming the missing ones.
     */
    public static Optional<WorkloadIdentityToken> fromConfig(ServiceConfig config, String scope, Duration timeout) {
        Optional<String> clientId = config.optional(Env.AZURE_CLIENT_ID);
        Optional<String> tenantId = config.optional(Env.AZURE_TENANT_ID);
        Optional<String> file = config.optional(Env.AZURE_FEDERATED_TOKEN_FILE);
        if (clientId.isEmpty() && tenantId.isEmpty() && file.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Optional<String>> all = new LinkedHashMap<>();
        all.put(Env.AZURE_CLIENT_ID, clientId);
        all.put(Env.AZURE_TENANT_ID, tenantId);
        all.put(Env.AZURE_FEDERATED_TOKEN_FILE, file);
        String missing = all.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            throw new ConfigException("service '" + config.serviceName() + "': workload identity is half set up, missing " + missing);
        }
        URI authority;
        try {
            authority = URI.create(config.optional(Env.AZURE_AUTHORITY_HOST).orElse(DEFAULT_AUTHORITY));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("environment variable " + Env.AZURE_AUTHORITY_HOST + " is not a URL");
        }
        // https only; plain http only to this machine (a test's stand-in), never across a network.
        boolean loopback = "127.0.0.1".equals(authority.getHost()) || "localhost".equals(authority.getHost());
        if (authority.getHost() == null || !"https".equals(authority.getScheme()) && !("http".equals(authority.getScheme()) && loopback)) {
            throw new ConfigException("environment variable " + Env.AZURE_AUTHORITY_HOST + " must be an https URL such as " + DEFAULT_AUTHORITY);
        }
        return Optional.of(new WorkloadIdentityToken(authority, tenantId.get(), clientId.get(), Path.of(file.get()), scope, timeout,
                Clock.systemUTC()));
    }

    /** A valid access token: the cached one, or a new one when it is about to expire. */
    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            exchange(now);
        }
        return token;
    }

    private void exchange(Instant now) {
        String assertion;
        try {
            assertion = Files.readString(assertionFile).trim();
        } catch (IOException e) {
            throw new WorkloadIdentityException("cannot read the workload identity token " + assertionFile + " ("
                    + Env.AZURE_FEDERATED_TOKEN_FILE + "): " + e.getClass().getSimpleName(), e);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("scope", scope);
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertion);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new WorkloadIdentityException("the token endpoint " + tokenEndpoint.getHost() + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkloadIdentityException("the token exchange was interrupted", e);
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new WorkloadIdentityException("the token endpoint answered " + response.statusCode() + " with a body that is not JSON", e);
        }
        if (response.statusCode() != 200) {
            // Entra's errors: {"error": "invalid_client", "error_codes": [700016], ...}; the description may quote request fields.
            throw new WorkloadIdentityException("the token endpoint refused the exchange (" + response.statusCode() + " "
                    + body.path("error").asText("no error code") + codes(body) + ") for client " + clientId, null);
        }
        String accessToken = body.path("access_token").asText("");
        long expiresIn = body.path("expires_in").asLong(0);
        if (accessToken.isEmpty() || expiresIn <= 0 || !"Bearer".equalsIgnoreCase(body.path("token_type").asText("Bearer"))) {
            throw new WorkloadIdentityException("the token endpoint answered 200 without a bearer access_token and expires_in", null);
        }
        this.token = accessToken;
        this.renewAt = now.plusSeconds(expiresIn).minus(REFRESH_BEFORE);
    }

    private static String codes(JsonNode body) {
        JsonNode codes = body.path("error_codes");
        if (!codes.isArray() || codes.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        codes.forEach(c -> out.append(out.length() == 0 ? "" : ", ").append("AADSTS").append(c.asText()));
        return ", " + out;
    }

    /** The token endpoint exchanges are sent to. */
    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    /** A token could not be had; the message names the cause, never a token. */
    public static final class WorkloadIdentityException extends RuntimeException {
        WorkloadIdentityException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
