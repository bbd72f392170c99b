package dev.voiceplane.app.core.cloud.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * What a test of a client's Microsoft Entra auth needs, on loopback ports: a pod's workload identity
 * (an {@link EntraTokenStub} for a fixed tenant and client) and a stand-in of the Azure API the client
 * calls, which, like a resource with local (key) auth switched off, answers only a request whose
 * {@code Authorization} is exactly the one expected and 401 to anything else. It records the
 * credential headers of every request, so a test can show that no key was sent alongside.
 */
public final class EntraTestbed implements AutoCloseable {

    public static final String TENANT = "00000000-0000-0000-0000-00000000000a";
    public static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    /** The projected service-account token the webhook would mount; any non-empty text does for the stub. */
    static final String ASSERTION = "cluster-jwt";

    private final EntraTokenStub entra;
    private final HttpServer api;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private EntraTestbed(EntraTokenStub entra, HttpServer api) {
        this.entra = entra;
        this.api = api;
    }

    /**
     * Starts both stand-ins. The API answers {@code okBody} (200) when {@code Authorization} equals
     * {@code expectedAuthorization}; each request is recorded as {@code <Authorization> | <header>=<value>}
     * for every one of {@code keyHeaders} (the headers a key would travel in).
     */
    public static EntraTestbed start(String expectedAuthorization, String okBody, String... keyHeaders) {
        EntraTokenStub entra = EntraTokenStub.start(TENANT, CLIENT);
        try {
            HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            EntraTestbed testbed = new EntraTestbed(entra, api);
            api.createContext("/", exchange -> testbed.answer(exchange, expectedAuthorization, okBody, keyHeaders));
            api.start();
            return testbed;
        } catch (IOException e) {
            entra.close();
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration of catalog service {@code service}: {@code env}, and "1" for every other required variable. */
    public static ServiceConfig config(String service, Map<String, String> env) {
        var spec = ServiceCatalog.get(service);
        Map<String, String> all = new HashMap<>(env);
        spec.env().stream().filter(EnvVar::required).forEach(v -> all.putIfAbsent(v.name(), "1"));
        return ServiceConfig.load(spec, all);
    }

    /** The workload identity's variables, as the webhook sets them, with the projected token written to {@code tokenFile}. */
    public Map<String, String> identity(Path tokenFile) {
        return entra.environment(tokenFile, ASSERTION);
    }

    /** The base URL of the API stand-in. */
    public String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    public EntraTokenStub entra() {
        return entra;
    }

    /** The credential headers of every API request, in order. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    private void answer(HttpExchange exchange, String expectedAuthorization, String okBody, String[] keyHeaders) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(authorization + List.of(keyHeaders).stream()
                    .map(h -> " | " + h + "=" + exchange.getRequestHeaders().getFirst(h)).collect(Collectors.joining()));
            boolean ok = expectedAuthorization.equals(authorization);
            byte[] body = (ok ? okBody : "{\"error\":{\"code\":\"401\",\"message\":\"Access denied\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        api.stop(0);
        entra.close();
    }
}
