package dev.voiceplane.app.devstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the cluster's OpenTelemetry collector: accepts OTLP/HTTP trace exports on
 * {@code /v1/traces} and counts them, so a test can see that a service really exports spans.
 */
final class OtlpSink implements AutoCloseable {

    final AtomicInteger exports = new AtomicInteger();
    private final HttpServer server;

    OtlpSink() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exports.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** The base endpoint, as the manifests set {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
