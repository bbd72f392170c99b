package dev.voiceplane.app.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Stands in for a callee service in another service's API tests: answers JSON by method and path
 * prefix, records every request, and answers 401 to a request without a bearer token (as every
 * real service does). Point the caller at it with
 * {@code ServiceUnderTest.withEnv(Env.urlOf("smart-whitelist"), stub.url())}.
 *
 * <pre>{@code
 * StubService whitelist = StubService.start()
 *         .answer("POST", "/api/decisions", request -> StubService.json(200, "{\"action\":\"AI_ANSWER\"}"));
 * }</pre>
 */
public final class StubService implements AutoCloseable {

    /** One request the stub received. */
    public record Request(String method, String path, String body, String authorization) {
    }

    /** One answer: status and JSON body. */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    private StubService(HttpServer server) {
        this.server = server;
    }

    public static StubService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StubService stub = new StubService(server);
            server.createContext("/", stub::handle);
            // Several requests at once (a caller's concurrent calls), on daemon threads that never hold the JVM.
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "stub-service");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer json(int status, String body) {
        return new Answer(status, body);
    }

    /** Answers requests of {@code method} whose path starts with {@code pathPrefix}; unmatched ones get 404. */
    public StubService answer(String method, String pathPrefix, Function<Request, Answer> answer) {
        routes.put(method + " " + pathPrefix, answer);
        return this;
    }

    /**
     * Holds requests of {@code method} to paths starting with {@code pathPrefix} unanswered until
     * {@link #release()} or {@link #close()}: a callee that answers within no budget, however slow or
     * fast the machine, so a test of the caller's budget takes the budget path every time.
     */
    public StubService hang(String method, String pathPrefix) {
        return answer(method, pathPrefix, request -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return json(503, "{\"message\":\"stub released without an answer\"}");
        });
    }

    /** Lets every request held by {@link #hang} go (with 503); later ones are not held. */
    public void release() {
        released.countDown();
    }

    /** While down, every request gets 503, as from a dependency that is failing. */
    public StubService down(boolean value) {
        this.down = value;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of {@code method} to paths starting with {@code pathPrefix}. */
    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body, authorization);
            requests.add(request);
            Answer answer;
            if (down) {
                answer = json(503, "{\"message\":\"stub is down\"}");
            } else if (authorization == null || !authorization.startsWith("Bearer ")) {
                answer = json(401, "{\"message\":\"a valid access token is required\"}");
            } else {
                answer = routes.entrySet().stream()
                        .filter(e -> (request.method() + " " + request.path()).startsWith(e.getKey()))
                        .max(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(String::length)))
                        .map(e -> e.getValue().apply(request))
                        .orElse(json(404, "{\"message\":\"no stub for " + request.method() + " " + request.path() + "\"}"));
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
