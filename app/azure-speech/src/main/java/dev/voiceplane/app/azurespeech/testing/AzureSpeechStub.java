package dev.voiceplane.app.azurespeech.testing;

import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.Wav;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.voiceplane.app.azurespeech.SpeechEndpoints;
import dev.voiceplane.app.core.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A local stand-in for the Azure Speech REST APIs on a loopback port, for tests and benchmarks (no
 * cloud is reachable from a build). Like Azure it answers 401 without the right
 * {@code Ocp-Apim-Subscription-Key}, 415 for recognition audio that is not 16 kHz PCM WAV, and 400
 * for synthesis without SSML or with an output format it does not know. Recognition answers what
 * {@link #recognizing} computes from the PCM (by default: Success, "stub transcript"); synthesis
 * answers audio of {@link #synthesizing} seconds in the requested format. Either API can fail with a
 * status, or answer only after a delay.
 */
public final class AzureSpeechStub implements AutoCloseable {

    /** One request the stub accepted (key and content type right). */
    public record Request(String api, String query, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A recognition result as Azure returns it. */
    public record Result(String status, String text) {
        public static Result heard(String text) {
            return new Result("Success", text);
        }
    }

    public static final String STT = "stt";
    public static final String TTS = "tts";
    private static final String RECOGNITION_PATH = "/speech/recognition/conversation/cognitiveservices/v1";
    private static final String SYNTHESIS_PATH = "/cognitiveservices/v1";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String key;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<byte[], Result> recognition = pcm -> Result.heard("stub transcript");
    private volatile double speechSeconds = 0.2;
    private volatile Map<String, Integer> failures = Map.of();
    private volatile Map<String, Duration> delays = Map.of();

    private AzureSpeechStub(HttpServer server, ExecutorService executor, String key) {
        this.server = server;
        this.executor = executor;
        this.key = key;
    }

    public static AzureSpeechStub start(String key) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "azure-speech-stub");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor); // a delayed answer must not hold up the others
            AzureSpeechStub stub = new AzureSpeechStub(server, executor, key);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both APIs at this stub. */
    public SpeechEndpoints endpoints() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new SpeechEndpoints(base, base);
    }

    public String key() {
        return key;
    }

    /** What recognition answers for the PCM it was sent (16 kHz 16-bit mono, header removed). */
    public AzureSpeechStub recognizing(Function<byte[], Result> value) {
        this.recognition = value;
        return this;
    }

    /** How many seconds of audio synthesis answers, whatever the text. */
    public AzureSpeechStub synthesizing(double seconds) {
        this.speechSeconds = seconds;
        return this;
    }

    /** Answers every request to {@code api} ({@link #STT} or {@link #TTS}) with {@code status}; 200 to stop failing. */
    public AzureSpeechStub failing(String api, int status) {
        Map<String, Integer> next = new LinkedHashMap<>(failures);
        next.put(api, status);
        failures = Map.copyOf(next);
        return this;
    }

    /** Answers requests to {@code api} only after {@code delay} (or when the stub closes); zero to stop delaying. */
    public AzureSpeechStub delaying(String api, Duration delay) {
        Map<String, Duration> next = new LinkedHashMap<>(delays);
        next.put(api, delay);
        delays = Map.copyOf(next);
        return this;
    }

    /** Back to answering everything at once with the defaults. */
    public AzureSpeechStub reset() {
        recognition = pcm -> Result.heard("stub transcript");
        speechSeconds = 0.2;
        failures = Map.of();
        delays = Map.of();
        requests.clear();
        return this;
    }

    public List<Request> requests(String api) {
        return requests.stream().filter(r -> r.api().equals(api)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String api = path.equals(RECOGNITION_PATH) ? STT : path.equals(SYNTHESIS_PATH) ? TTS : null;
            if (api == null || !exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 404, "text/plain", "Resource not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!key.equals(exchange.getRequestHeaders().getFirst("Ocp-Apim-Subscription-Key"))) {
                respond(exchange, 401, "application/json",
                        "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key\"}}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            requests.add(new Request(api, exchange.getRequestURI().getQuery(), Map.copyOf(headers), body));
            Duration delay = delays.getOrDefault(api, Duration.ZERO);
            if (!delay.isZero()) {
                try {
                    closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int failure = failures.getOrDefault(api, 200);
            if (failure != 200) {
                respond(exchange, failure, "text/plain", ("stub failure " + failure).getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (api.equals(STT)) {
                recognize(exchange, contentType, body);
            } else {
                synthesize(exchange, contentType, headers.get("x-microsoft-outputformat"), body);
            }
        }
    }

    private void recognize(HttpExchange exchange, String contentType, byte[] wav) throws IOException {
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        if (!contentType.replace(" ", "").equals("audio/wav;codecs=audio/pcm;samplerate=16000")
                || wav.length < Wav.HEADER_BYTES || !new String(wav, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
            respond(exchange, 415, "text/plain", "Unsupported audio format".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!query.contains("language=")) {
            respond(exchange, 400, "text/plain", "language is required".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Result result = recognition.apply(Arrays.copyOfRange(wav, Wav.HEADER_BYTES, wav.length));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("RecognitionStatus", result.status());
        answer.put("Offset", 0);
        answer.put("Duration", (wav.length - Wav.HEADER_BYTES) / 32 * 10_000L);
        if (result.status().equals("Success")) {
            if (query.contains("format=detailed")) {
                answer.put("NBest", List.of(Map.of("Confidence", 0.93, "Lexical", result.text().toLowerCase(java.util.Locale.ROOT),
                        "ITN", result.text(), "MaskedITN", result.text(), "Display", result.text())));
            } else {
                answer.put("DisplayText", result.text());
            }
        }
        respond(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(answer));
    }

    private void synthesize(HttpExchange exchange, String contentType, String outputFormat, byte[] ssml) throws IOException {
        SpeechFormat format = Arrays.stream(SpeechFormat.values()).filter(f -> dev.voiceplane.app.azurespeech.AzureSpeechClient.outputFormat(f).equals(outputFormat)).findFirst().orElse(null);
        String text = new String(ssml, StandardCharsets.UTF_8);
        if (!contentType.startsWith("application/ssml+xml") || format == null || !text.startsWith("<speak") || !text.contains("<voice name=")) {
            respond(exchange, 400, "text/plain", "Bad request".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] audio = new byte[(int) Math.round(speechSeconds * format.bytesPerSecond()) & ~1];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i * 7 + 1); // not silence, so a test can tell audio from padding
        }
        respond(exchange, 200, "audio/basic", audio);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
