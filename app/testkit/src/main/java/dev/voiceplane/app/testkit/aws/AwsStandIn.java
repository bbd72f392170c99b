package dev.voiceplane.app.testkit.aws;

import dev.voiceplane.app.testkit.StubService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * which the AWS SDK for Java 2.x prefers wherever a service offers it. Built on {@link StubService}:
 * the signature's scope is its gate, so a refused request never reaches an operation.
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

    /** Which service and operation a request calls, read from its target header or path. */
    private record Operation(String service, String name) {
        static Operation of(StubService.Request request) {
            String target = request.header("X-Amz-Target");
            if (target != null && target.startsWith("Transcribe.")) {
                return new Operation("transcribe", target.substring("Transcribe.".length()));
            }
            if (request.path().startsWith(TranscribeStandIn.CBOR_PATH)) {
                return new Operation("transcribe", request.path().substring(TranscribeStandIn.CBOR_PATH.length()));
            }
            if (request.path().equals("/v1/speech")) {
                return new Operation("polly", "SynthesizeSpeech");
            }
            return new Operation("s3", S3StandIn.operation(request.method()));
        }
    }

    private final String region;
    private final StubService http;
    private final S3StandIn s3;
    private final TranscribeStandIn transcribe;
    private final PollyStandIn polly;
    private final Map<String, List<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Duration> latencies = new ConcurrentHashMap<>();

    private AwsStandIn(String region) {
        this.region = region;
        this.s3 = new S3StandIn(region);
        this.transcribe = new TranscribeStandIn(region, s3);
        this.polly = new PollyStandIn();
        this.http = StubService.start().guardedBy(this::signedForThisRegionAndService);
        for (String method : List.of("GET", "HEAD", "PUT", "POST", "DELETE")) {
            http.answer(method, "/", request -> answer(Operation.of(request), request));
        }
    }

    /** Starts the stand-in of {@code region}'s endpoints on a free loopback port. */
    public static AwsStandIn start(String region) {
        return new AwsStandIn(region);
    }

    public URI endpoint() {
        return URI.create(http.url());
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

    /** How many calls of {@code operation} arrived (faults and refusals included). */
    public int calls(String operation) {
        return (int) http.requests().stream().filter(request -> Operation.of(request).name().equals(operation)).count();
    }

    /** Requests refused for their signature's scope (wrong region or service), as "operation: reason". */
    public List<String> refused() {
        return http.requests().stream().flatMap(request -> {
            Operation operation = Operation.of(request);
            return scopeProblem(request, operation.service()).map(problem -> operation.name() + ": " + problem).stream();
        }).toList();
    }

    /** AWS refuses a request without a SigV4 signature, or signed for another region or service, before any operation runs. */
    private Optional<StubService.Answer> signedForThisRegionAndService(StubService.Request request) {
        String service = Operation.of(request).service();
        return scopeProblem(request, service).map(problem -> toStub(error(service, call(request),
                new Fault(403, service.equals("s3") ? "AuthorizationHeaderMalformed" : "InvalidSignatureException", problem))));
    }

    private StubService.Answer answer(Operation operation, StubService.Request request) {
        Call call = call(request);
        List<Fault> queue = faults.get(operation.name());
        Answer answer;
        if (queue != null && !queue.isEmpty()) {
            answer = error(operation.service(), call, queue.remove(0));
        } else {
            answer = switch (operation.service()) {
                case "transcribe" -> transcribe.handle(operation.name(), call);
                case "polly" -> polly.handle(call);
                default -> s3.handle(call);
            };
        }
        Duration latency = latencies.get(operation.name());
        if (latency != null && !latency.isZero()) {
            pause(latency);
        }
        return toStub(answer);
    }

    private static Call call(StubService.Request request) {
        return new Call(request.method(), request.path(), request.headers(), request.bytes());
    }

    /** Every AWS answer carries a request id; Content-Type only where the operation sends one. */
    private static StubService.Answer toStub(Answer answer) {
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        String contentType = headers.remove("Content-Type");
        headers.put("x-amzn-RequestId", UUID.randomUUID().toString());
        return new StubService.Answer(answer.status(), answer.body(), contentType, Map.copyOf(headers), null);
    }

    private Optional<String> scopeProblem(StubService.Request request, String service) {
        String authorization = request.authorization();
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
        http.close();
    }
}
