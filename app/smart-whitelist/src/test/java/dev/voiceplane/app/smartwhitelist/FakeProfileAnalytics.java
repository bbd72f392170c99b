package dev.voiceplane.app.smartwhitelist;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for profile-analytics in smart-whitelist's own tests (the local run and the contract
 * test use the real one): serves {@code GET /api/profiles/{number}} from a map, counts calls, and
 * checks a service token is presented.
 */
final class FakeProfileAnalytics implements AutoCloseable {

    final Map<String, String> profiles = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();
    private final HttpServer server;

    FakeProfileAnalytics() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/profiles/", exchange -> {
            calls.incrementAndGet();
            String number = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring("/api/profiles/".length()), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String body = profiles.get(number);
            int status = auth == null || !auth.startsWith("Bearer ") ? 401 : body == null ? 404 : 200;
            byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
