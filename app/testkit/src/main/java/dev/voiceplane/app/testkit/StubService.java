package dev.voiceplane.app.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
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
 *
 * <p>Stand-ins for third-party APIs build on it too: a {@link Gate} checks their credentials
 * instead of the bearer token (an HMAC, HTTP Basic, an API key), {@link #streamed} answers write
 * their body piece by piece (server-sent events, NDJSON), {@link Request#bytes} and
 * {@link Answer#of} carry binary bodies (audio, S3 objects), and {@link #failingNext} plays a
 * provider's throttling or outage. There is deliberately no gate that lets everything through: a
 * stand-in that accepts any request cannot show that the client authenticates.
 */
public final class StubService implements AutoCloseable {

    /**
     * One request the stub received.
     *
     * @param path    the raw path, without the query
     * @param query   the raw query string, or null
     * @param body    the body as UTF-8 (JSON, a form, SSML)
     * @param headers every request header, looked up in any case with {@link #header}
     * @param bytes   the body as sent, for a binary one (audio) that UTF-8 would mangle
     */
    public record Request(String method, String path, String query, String body, String authorization, Map<String, List<String>> headers,
            byte[] bytes) {

        /** The first value of header {@code name} in any case, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * One answer.
     *
     * @param body        the whole body; ignored when {@code streamer} writes it
     * @param contentType default {@code application/json}; null sends no {@code Content-Type} (an S3 PutObject answer)
     * @param headers     further response headers (such as {@code Retry-After}); default none
     * @param streamer    writes the body piece by piece; null (the default) sends {@code body} whole
     */
    public record Answer(int status, byte[] body, String contentType, Map<String, String> headers, Streamer streamer) {

        public Answer(int status, String body) {
            this(status, body.getBytes(StandardCharsets.UTF_8), JSON, Map.of(), null);
        }

        /** An answer of any content type: audio, plain text, XML. */
        public static Answer of(int status, String contentType, byte[] body) {
            return new Answer(status, body, contentType, Map.of(), null);
        }

        /** This answer with one more response header. */
        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, body, contentType, Map.copyOf(more), streamer);
        }
    }

    /**
     * Writes a streamed body. The answer ends when it returns; an {@link IOException} from
     * {@link Chunks#send} means the caller closed the stream (it abandoned the answer) and ends it too.
     */
    @FunctionalInterface
    public interface Streamer {
        void writeTo(Chunks out) throws IOException, InterruptedException;
    }

    /** The body of a streamed answer: each chunk reaches the caller as soon as it is sent. */
    @FunctionalInterface
    public interface Chunks {
        void send(String chunk) throws IOException;
    }

    /** Checks a request's credentials as the real service would: empty to serve it, or the answer that refuses it. */
    @FunctionalInterface
    public interface Gate {
        Optional<Answer> refuse(Request request);
    }

    /** The gate of every voiceplane service: a bearer token is required (which token is the service's concern, not the stub's). */
    public static final Gate BEARER_TOKEN = request -> request.authorization() != null && request.authorization().startsWith("Bearer ")
            ? Optional.empty() : Optional.of(json(401, "{\"message\":\"a valid access token is required\"}"));

    private static final String JSON = "application/json";

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Answer> failures = new LinkedBlockingQueue<>();
    private volatile Gate gate = BEARER_TOKEN;
    private volatile boolean down;
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    private StubService(HttpServer server) {
        this.server = server;
    }

    public static StubService start() {
        try {
            // A backlog for a load benchmark's calls connecting at once (the system default of 50 refuses some).
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
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

    /** A 200 answer whose body {@code streamer} writes piece by piece, of {@code contentType} ({@code text/event-stream}, {@code application/x-ndjson}). */
    public static Answer streamed(String contentType, Streamer streamer) {
        return new Answer(200, new byte[0], contentType, Map.of(), streamer);
    }

    /** Answers requests of {@code method} whose path starts with {@code pathPrefix}; unmatched ones get 404. */
    public StubService answer(String method, String pathPrefix, Function<Request, Answer> answer) {
        routes.put(method + " " + pathPrefix, answer);
        return this;
    }

    /** Checks credentials with {@code value} instead of {@link #BEARER_TOKEN}; a refused request is recorded but never routed. */
    public StubService guardedBy(Gate value) {
        this.gate = value;
        return this;
    }

    /** Answers the next request that passes the gate with {@code answer} instead of its route (one call, one failure). */
    public StubService failingNext(Answer answer) {
        failures.add(answer);
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

    /** The status of every answer given, in order: refusals and failures included. */
    public List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), body, headers.containsKey("Authorization") ? headers.get("Authorization").get(0) : null,
                    Collections.unmodifiableMap(headers), bytes);
            requests.add(request);
            Answer answer = answerTo(request);
            statuses.add(answer.status());
            send(exchange, answer);
        }
    }

    private Answer answerTo(Request request) {
        if (down) {
            return json(503, "{\"message\":\"stub is down\"}");
        }
        Optional<Answer> refused = gate.refuse(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Answer failure = failures.poll();
        if (failure != null) {
            return failure;
        }
        return routes.entrySet().stream()
                .filter(e -> (request.method() + " " + request.path()).startsWith(e.getKey()))
                .max(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(String::length)))
                .map(e -> e.getValue().apply(request))
                .orElse(json(404, "{\"message\":\"no stub for " + request.method() + " " + request.path() + "\"}"));
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        }
        answer.headers().forEach(exchange.getResponseHeaders()::add);
        if (answer.streamer() != null) {
            exchange.sendResponseHeaders(answer.status(), 0); // chunked: the length is not known yet
            OutputStream out = exchange.getResponseBody();
            try {
                answer.streamer().writeTo(chunk -> {
                    out.write(chunk.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                });
                out.close();
            } catch (IOException e) {
                // The caller closed the stream: it abandoned the answer (a reply started early whose words changed).
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        byte[] bytes = answer.body();
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
