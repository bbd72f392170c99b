package dev.voiceplane.app.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon S3, Transcribe and Polly on one loopback port, speaking their documented wire formats,
 * for the AWS SDK pointed at it with {@code endpointOverride} (S3 path-style): S3 PutObject,
 * GetObject and DeleteObject (REST, XML errors); Transcribe's JSON 1.1 protocol
 * ({@code POST /} with {@code X-Amz-Target: Transcribe.<Operation>}); Polly's
 * {@code POST /v1/speech} (REST-JSON, audio body). Every request must carry a SigV4
 * {@code Authorization} whose credential scope names this stand-in's region and the right service,
 * as AWS refuses a request signed for another region. Faults and latencies are set per operation.
 * Transcribe is also served over Smithy RPC v2 CBOR ({@code POST /service/Transcribe/operation/<Operation>}),
 * which the AWS SDK for Java 2.x prefers wherever a service offers it.
 *
 * <pre>{@code
 * AwsStandIn aws = AwsStandIn.start("ap-south-1").bucket("voice-media");
 * aws.transcribe().hears(wavBytes, "hi-IN", "भारत में अभी समय क्या है");
 * }</pre>
 */
public final class AwsStandIn implements AutoCloseable {

    /** SigV4: {@code Credential=<key>/<date>/<region>/<service>/aws4_request}. */
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/([a-z0-9]+)/aws4_request");

    /** One answer: status, headers and body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer json(int status, String json, String contentType) {
            return new Answer(status, Map.of("Content-Type", contentType), json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A request as a handler sees it. */
    record Call(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    /** A fault to answer instead of the operation's result. */
    record Fault(int status, String code, String message) {
    }

    private final String region;
    private final HttpServer server;
    private final S3StandIn s3;
    private final TranscribeStandIn transcribe;
    private final PollyStandIn polly;
    private final Map<String, List<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Duration> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    private AwsStandIn(String region, HttpServer server) {
        this.region = region;
        this.server = server;
        this.s3 = new S3StandIn(region);
        this.transcribe = new TranscribeStandIn(region, s3);
        this.polly = new PollyStandIn();
    }

    /** Starts the stand-in of {@code region}'s endpoints on a free loopback port. */
    public static AwsStandIn start(String region) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AwsStandIn standIn = new AwsStandIn(region, server);
            server.createContext("/", standIn::handle);
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "aws-stand-in");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String region() {
        return region;
    }

    /** Creates a bucket in this stand-in's region. */
    public AwsStandIn bucket(String name) {
        s3.create(name, region);
        return this;
    }

    /** Creates a bucket in another region: Transcribe here refuses media in it. */
    public AwsStandIn bucket(String name, String inRegion) {
        s3.create(name, inRegion);
        return this;
    }

    public S3StandIn s3() {
        return s3;
    }

    public TranscribeStandIn transcribe() {
        return transcribe;
    }

    public PollyStandIn polly() {
        return polly;
    }

    /**
     * The next {@code times} calls of {@code operation} (PutObject, GetObject, DeleteObject,
     * StartTranscriptionJob, GetTranscriptionJob, DeleteTranscriptionJob, SynthesizeSpeech) answer
     * {@code status} with the error {@code code} instead of their result.
     */
    public AwsStandIn failNext(String operation, int times, int status, String code, String message) {
        List<Fault> queue = faults.computeIfAbsent(operation, o -> new CopyOnWriteArrayList<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Fault(status, code, message));
        }
        return this;
    }

    /** Throttles the next {@code times} calls of {@code operation} with the error code that service answers. */
    public AwsStandIn throttleNext(String operation, int times) {
        return switch (operation) {
            case "StartTranscriptionJob", "GetTranscriptionJob", "DeleteTranscriptionJob" -> failNext(operation, times, 400,
                    "LimitExceededException", "You have exceeded the maximum number of requests. Wait before retrying.");
            case "SynthesizeSpeech" -> failNext(operation, times, 400, "ThrottlingException", "Rate exceeded");
            default -> failNext(operation, times, 503, "SlowDown", "Please reduce your request rate.");
        };
    }

    /** Every call of {@code operation} takes at least {@code latency} before its answer (benchmarks). */
    public AwsStandIn latency(String operation, Duration latency) {
        latencies.put(operation, latency);
        return this;
    }

    /** How many calls of {@code operation} arrived (faults included). */
    public int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    /** Requests refused for their signature's scope (wrong region or service), as "operation: reason". */
    public List<String> refused() {
        return new ArrayList<>(refused);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes());
            String target = call.header("X-Amz-Target");
            String service;
            String operation;
            if (target != null && target.startsWith("Transcribe.")) {
                service = "transcribe";
                operation = target.substring("Transcribe.".length());
            } else if (call.path().startsWith(TranscribeStandIn.CBOR_PATH)) {
                service = "transcribe";
                operation = call.path().substring(TranscribeStandIn.CBOR_PATH.length());
            } else if (call.path().equals("/v1/speech")) {
                service = "polly";
                operation = "SynthesizeSpeech";
            } else {
                service = "s3";
                operation = S3StandIn.operation(call.method());
            }
            calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
            Answer answer = scopeProblem(call, service).map(problem -> {
                refused.add(operation + ": " + problem);
                return error(service, call, new Fault(403, service.equals("s3") ? "AuthorizationHeaderMalformed" : "InvalidSignatureException",
                        problem));
            }).orElseGet(() -> answer(service, operation, call));
            Duration latency = latencies.get(operation);
            if (latency != null && !latency.isZero()) {
                pause(latency);
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        }
    }

    private Answer answer(String service, String operation, Call call) {
        List<Fault> queue = faults.get(operation);
        if (queue != null && !queue.isEmpty()) {
            Fault fault = queue.remove(0);
            return error(service, call, fault);
        }
        return switch (service) {
            case "transcribe" -> transcribe.handle(operation, call);
            case "polly" -> polly.handle(call);
            default -> s3.handle(call);
        };
    }

    private Optional<String> scopeProblem(Call call, String service) {
        String authorization = call.header("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return Optional.of("no SigV4 Authorization header");
        }
        Matcher scope = SCOPE.matcher(authorization);
        if (!scope.find()) {
            return Optional.of("the Authorization header has no credential scope");
        }
        if (!scope.group(1).equals(region)) {
            return Optional.of("the region '" + scope.group(1) + "' is wrong; expecting '" + region + "'");
        }
        if (!scope.group(2).equals(service)) {
            return Optional.of("signed for service '" + scope.group(2) + "', not '" + service + "'");
        }
        return Optional.empty();
    }

    static Answer error(String service, Call call, Fault fault) {
        return switch (service) {
            case "s3" -> S3StandIn.error(fault.status(), fault.code(), fault.message());
            case "transcribe" -> TranscribeStandIn.error(TranscribeStandIn.isCbor(call), fault.status(), fault.code(), fault.message());
            default -> PollyStandIn.error(fault.status(), fault.code(), fault.message());
        };
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
