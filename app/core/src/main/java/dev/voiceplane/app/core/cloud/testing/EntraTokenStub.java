package dev.voiceplane.app.core.cloud.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.voiceplane.catalog.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for Microsoft Entra's v2.0 token endpoint on a loopback port, for tests (no cloud is
 * reachable from a build). It checks a request as Entra does for a client-credentials grant with a
 * federated assertion (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow#third-case-access-token-request-with-a-federated-credential):
 * {@code POST /<tenant>/oauth2/v2.0/token}, a form with {@code grant_type=client_credentials}, the
 * {@code client_id} it knows, {@code scope}, the jwt-bearer {@code client_assertion_type} and a non-empty
 * {@code client_assertion}; and answers as Entra does: {@code {"token_type":"Bearer","expires_in":3599,
 * "access_token":"token-<n>-for-<scope>"}}, or an error body with {@code error} and {@code error_codes}
 * (404 for another tenant's path, 400 for a malformed request, 401 for an unknown client). Records every
 * form it received. {@link #failNext} makes it answer anything else once.
 */
public final class EntraTokenStub implements AutoCloseable {
    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final HttpServer server;
    private final String tenant;
    private final String clientId;
    private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private volatile int issued;
    private volatile String[] next;

    private EntraTokenStub(HttpServer server, String tenant, String clientId) {
        this.server = server;
        this.tenant = tenant;
        this.clientId = clientId;
    }

    public static EntraTokenStub start(String tenant, String clientId) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            EntraTokenStub stub = new EntraTokenStub(server, tenant, clientId);
            server.createContext("/" + tenant + "/oauth2/", stub::token);
            server.createContext("/", exchange -> stub.respond(exchange, 404, "{\"error\":\"invalid_request\",\"error_codes\":[90002]}"));
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The access token the stub issues as its {@code n}th (from 1) for {@code scope}. */
    public static String token(int n, String scope) {
        return "token-" + n + "-for-" + scope;
    }

    /** The authority to put in {@code AZURE_AUTHORITY_HOST}. */
    public String authority() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /**
     * What the workload identity webhook would set on a pod of this client, with the projected token
     * written to {@code tokenFile} as {@code assertion}.
     */
    public Map<String, String> environment(Path tokenFile, String assertion) {
        try {
            Files.writeString(tokenFile, assertion + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(Env.AZURE_CLIENT_ID, clientId, Env.AZURE_TENANT_ID, tenant,
                Env.AZURE_FEDERATED_TOKEN_FILE, tokenFile.toString(), Env.AZURE_AUTHORITY_HOST, authority());
    }

    /** The next answer, once, whatever the request: a status and a body. */
    public void failNext(int status, String body) {
        this.next = new String[] {Integer.toString(status), body};
    }

    /** The forms received, in order. */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    /** Method and path of every request, in order. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    /** How many tokens it issued. */
    public int issued() {
        return issued;
    }

    private void token(HttpExchange exchange) throws IOException {
        paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        Map<String, String> form = new LinkedHashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        requests.add(form);
        String[] once = next;
        next = null;
        if (once != null) {
            respond(exchange, Integer.parseInt(once[0]), once[1]);
        } else if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/" + tenant + "/oauth2/v2.0/token")
                || !"application/x-www-form-urlencoded".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            respond(exchange, 404, "{\"error\":\"invalid_request\",\"error_codes\":[90002]}");
        } else if (!"client_credentials".equals(form.get("grant_type")) || !ASSERTION_TYPE.equals(form.get("client_assertion_type"))
                || form.getOrDefault("client_assertion", "").isEmpty() || form.getOrDefault("scope", "").isEmpty()) {
            respond(exchange, 400, "{\"error\":\"invalid_request\",\"error_codes\":[7000216]}");
        } else if (!clientId.equals(form.get("client_id"))) {
            respond(exchange, 401, "{\"error\":\"unauthorized_client\",\"error_codes\":[700016]}");
        } else {
            int n;
            synchronized (this) {
                n = ++issued;
            }
            respond(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\""
                    + token(n, form.get("scope")) + "\"}");
        }
    }

    private void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
