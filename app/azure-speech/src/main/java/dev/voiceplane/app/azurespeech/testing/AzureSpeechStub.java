package dev.voiceplane.app.azurespeech.testing;

import dev.voiceplane.app.azurespeech.AzureSpeechClient;
import dev.voiceplane.app.azurespeech.SpeechEndpoints;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.Wav;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.app.testkit.StubService.Answer;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A local stand-in for the Azure Speech REST APIs on a loopback port, for tests and benchmarks (no
 * cloud is reachable from a build), built on {@link StubService}. Like Azure it answers 404 for any
 * other path or method, 401 without the right {@code Ocp-Apim-Subscription-Key}, 415 for recognition
 * audio that is not 16 kHz PCM WAV, 400 for recognition without a language and for synthesis without
 * SSML or with an output format it does not know
 * (https://learn.microsoft.com/azure/ai-services/speech-service/rest-speech-to-text-short,
 * https://learn.microsoft.com/azure/ai-services/speech-service/rest-text-to-speech). Recognition
 * answers what {@link #recognizing} computes from the PCM (by default: Success, "stub transcript");
 * synthesis answers audio of {@link #synthesizing} seconds in the requested format. Either API can
 * fail with a status, or answer only after a delay.
 */
public final class AzureSpeechStub implements AutoCloseable {

    /** One request the stub accepted (path, method and key right); {@code headers} are keyed in lower case. */
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
    private static final Function<byte[], Result> HEARD_BY_DEFAULT = pcm -> Result.heard("stub transcript");

    private final StubService http;
    private final String key;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<byte[], Result> recognition = HEARD_BY_DEFAULT;
    private volatile double speechSeconds = 0.2;
    private volatile Map<String, Integer> failures = Map.of();
    private volatile Map<String, Duration> delays = Map.of();

    private AzureSpeechStub(String key) {
        this.key = key;
        this.http = StubService.start().guardedBy(this::knownPathAndKey)
                .answer("POST", RECOGNITION_PATH, request -> serve(STT, request))
                .answer("POST", SYNTHESIS_PATH, request -> serve(TTS, request));
    }

    public static AzureSpeechStub start(String key) {
        return new AzureSpeechStub(key);
    }

    /** Both APIs at this stub. */
    public SpeechEndpoints endpoints() {
        URI base = URI.create(http.url());
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
        recognition = HEARD_BY_DEFAULT;
        speechSeconds = 0.2;
        failures = Map.of();
        delays = Map.of();
        requests.clear();
        return this;
    }

    public List<Request> requests(String api) {
        return requests.stream().filter(r -> r.api().equals(api)).toList();
    }

    /** Azure looks the resource up before the key: an unknown path is 404 whatever the credential. */
    private Optional<Answer> knownPathAndKey(StubService.Request request) {
        boolean known = request.path().equals(RECOGNITION_PATH) || request.path().equals(SYNTHESIS_PATH);
        if (!known || !request.method().equals("POST")) {
            return Optional.of(text(404, "Resource not found"));
        }
        return key.equals(request.header("Ocp-Apim-Subscription-Key")) ? Optional.empty()
                : Optional.of(StubService.json(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key\"}}"));
    }

    private Answer serve(String api, StubService.Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        requests.add(new Request(api, request.query(), Map.copyOf(headers), request.bytes()));
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
            return text(failure, "stub failure " + failure);
        }
        String contentType = String.valueOf(request.header("Content-Type"));
        return api.equals(STT) ? recognize(contentType, String.valueOf(request.query()), request.bytes())
                : synthesize(contentType, request.header("X-Microsoft-OutputFormat"), request.body());
    }

    private Answer recognize(String contentType, String query, byte[] wav) {
        if (!contentType.replace(" ", "").equals("audio/wav;codecs=audio/pcm;samplerate=16000")
                || wav.length < Wav.HEADER_BYTES || !new String(wav, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
            return text(415, "Unsupported audio format");
        }
        if (!query.contains("language=")) {
            return text(400, "language is required");
        }
        Result result = recognition.apply(Arrays.copyOfRange(wav, Wav.HEADER_BYTES, wav.length));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("RecognitionStatus", result.status());
        answer.put("Offset", 0);
        answer.put("Duration", (wav.length - Wav.HEADER_BYTES) / 32 * 10_000L);
        if (result.status().equals("Success")) {
            if (query.contains("format=detailed")) {
                answer.put("NBest", List.of(Map.of("Confidence", 0.93, "Lexical", result.text().toLowerCase(Locale.ROOT),
                        "ITN", result.text(), "MaskedITN", result.text(), "Display", result.text())));
            } else {
                answer.put("DisplayText", result.text());
            }
        }
        try {
            return Answer.of(200, "application/json", Json.mapper().writeValueAsBytes(answer));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer synthesize(String contentType, String outputFormat, String ssml) {
        SpeechFormat format = Arrays.stream(SpeechFormat.values()).filter(f -> AzureSpeechClient.outputFormat(f).equals(outputFormat))
                .findFirst().orElse(null);
        if (!contentType.startsWith("application/ssml+xml") || format == null || !ssml.startsWith("<speak") || !ssml.contains("<voice name=")) {
            return text(400, "Bad request");
        }
        byte[] audio = new byte[(int) Math.round(speechSeconds * format.bytesPerSecond()) & ~1];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i * 7 + 1); // not silence, so a test can tell audio from padding
        }
        return Answer.of(200, "audio/basic", audio);
    }

    private static Answer text(int status, String message) {
        return Answer.of(status, "text/plain", message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        closing.countDown(); // lets a delayed answer go before the server stops
        http.close();
    }
}
