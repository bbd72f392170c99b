package dev.voiceplane.app.azurespeech;

import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.Wav;
import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.cloud.RequestCredential;
import dev.voiceplane.app.core.cloud.WorkloadIdentityToken;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.catalog.Env;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Calls the Azure Speech REST APIs with the JDK HTTP client:
 * speech-to-text for short audio
 * (https://learn.microsoft.com/azure/ai-services/speech-service/rest-speech-to-text-short) and
 * text-to-speech (https://learn.microsoft.com/azure/ai-services/speech-service/rest-text-to-speech).
 * The key travels in {@code Ocp-Apim-Subscription-Key}; without a key, a Microsoft Entra token of the pod's
 * workload identity travels as {@code Authorization: Bearer aad#<resource id>#<token>}, the form the REST
 * APIs take Entra tokens in (https://learn.microsoft.com/azure/ai-services/speech-service/rest-speech-to-text-short#authentication).
 * Neither is ever logged or put in a message.
 * Every call takes its own timeout, so a caller can hand each stage what is left of a turn's budget.
 *
 * <p>Defaults: language {@value #DEFAULT_LANGUAGE}, voice {@value #DEFAULT_VOICE}.
 */
public final class AzureSpeechClient {

    public static final String DEFAULT_LANGUAGE = "en-US";
    public static final String DEFAULT_VOICE = "en-US-JennyNeural";
    /** The synthesis API rejects requests without one; it names the application in Azure's logs. */
    static final String USER_AGENT = "voiceplane-realtime-processor";

    private final SpeechEndpoints endpoints;
    private final RequestCredential credential;
    private final String language;
    private final String voice;
    private final HttpClient http;

    public AzureSpeechClient(SpeechEndpoints endpoints, String key, String language, String voice) {
        this(endpoints, RequestCredential.header("Ocp-Apim-Subscription-Key", Objects.requireNonNull(key, "key")), language, voice);
    }

    public AzureSpeechClient(SpeechEndpoints endpoints, RequestCredential credential, String language, String voice) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.language = Objects.requireNonNull(language, "language");
        this.voice = Objects.requireNonNull(voice, "voice");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Streaming speech-to-text with partial results through the Speech SDK, at this client's
     * endpoints, credential and language ({@link AzureStreamingSpeechToText}).
     */
    public dev.voiceplane.app.speech.SpeechToText streamingSpeechToText() {
        return new AzureStreamingSpeechToText(endpoints, credential, language);
    }

    /** The client for the public endpoints of {@code AZURE_SPEECH_REGION}; see {@link #fromConfig(ServiceConfig, Function)}. */
    public static Optional<AzureSpeechClient> fromConfig(ServiceConfig config) {
        return fromConfig(config, SpeechEndpoints::ofRegion);
    }

    /**
     * The client configured by {@code AZURE_SPEECH_KEY} and {@code AZURE_SPEECH_REGION}, in the
     * language of {@code AZURE_SPEECH_LANGUAGE} with the voice of {@code AZURE_SPEECH_VOICE} (each
     * defaulted when unset); empty when neither key nor region is set (the service then has no
     * speech). One without the other, a region that is not a region name, or a language or voice not
     * in its form fails the start naming the variable.
     *
     * @param endpointsOfRegion the endpoints a region resolves to (null for a bad name)
     */
    public static Optional<AzureSpeechClient> fromConfig(ServiceConfig config, Function<String, SpeechEndpoints> endpointsOfRegion) {
        Optional<String> key = config.optional(Env.AZURE_SPEECH_KEY);
        Optional<String> region = config.optional(Env.AZURE_SPEECH_REGION);
        if (key.isEmpty() && region.isEmpty()) {
            return Optional.empty();
        }
        Optional<RequestCredential> entra = key.isPresent() || region.isEmpty() ? Optional.empty() : entra(config);
        if (entra.isEmpty() && (key.isEmpty() || region.isEmpty())) {
            String set = key.isPresent() ? Env.AZURE_SPEECH_KEY : Env.AZURE_SPEECH_REGION;
            String missing = key.isPresent() ? Env.AZURE_SPEECH_REGION : Env.AZURE_SPEECH_KEY;
            throw new ConfigException("service '" + config.serviceName() + "': " + set + " is set but " + missing
                    + " is not; set both to use Azure Speech, or neither to run without speech");
        }
        SpeechEndpoints endpoints = endpointsOfRegion.apply(region.get());
        if (endpoints == null) {
            throw new ConfigException("service '" + config.serviceName() + "': " + Env.AZURE_SPEECH_REGION + " '"
                    + (region.get().length() > 40 ? region.get().substring(0, 40) + "..." : region.get())
                    + "' is not an Azure region name such as westeurope or centralindia");
        }
        String language = formatted(config, Env.AZURE_SPEECH_LANGUAGE, Env.SPEECH_LANGUAGE_FORMAT, DEFAULT_LANGUAGE, "a locale such as en-IN");
        String voice = formatted(config, Env.AZURE_SPEECH_VOICE, Env.SPEECH_VOICE_FORMAT, DEFAULT_VOICE, "a neural voice such as en-IN-NeerjaNeural");
        return Optional.of(entra.isPresent() ? new AzureSpeechClient(endpoints, entra.get(), language, voice)
                : new AzureSpeechClient(endpoints, key.get(), language, voice));
    }

    /** The pod's workload identity with the Speech resource's id, when both are set; half of them fails the start. */
    private static Optional<RequestCredential> entra(ServiceConfig config) {
        Optional<String> resourceId = config.optional(Env.AZURE_SPEECH_RESOURCE_ID);
        Optional<WorkloadIdentityToken> token = WorkloadIdentityToken.fromConfig(config, WorkloadIdentityToken.COGNITIVE_SERVICES,
                Duration.ofSeconds(10));
        if (token.isPresent() != resourceId.isPresent()) {
            throw new ConfigException("service '" + config.serviceName() + "': Microsoft Entra auth for Azure Speech needs both a workload "
                    + "identity and " + Env.AZURE_SPEECH_RESOURCE_ID + "; only " + (token.isPresent() ? "the identity" : Env.AZURE_SPEECH_RESOURCE_ID)
                    + " is set");
        }
        return token.map(t -> RequestCredential.bearer(() -> "aad#" + resourceId.get() + "#" + t.get()));
    }

    /** The variable's value, or {@code fallback} when unset; a value not of {@code format} fails the start. */
    private static String formatted(ServiceConfig config, String variable, String format, String fallback, String example) {
        String value = config.optional(variable).map(String::trim).orElse(fallback);
        if (!value.matches(format)) {
            throw new ConfigException("service '" + config.serviceName() + "': " + variable + " '"
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "' is not " + example);
        }
        return value;
    }

    public SpeechEndpoints endpoints() {
        return endpoints;
    }

    public String voice() {
        return voice;
    }

    /**
     * What was said in {@code pcm16k} (16 kHz 16-bit mono PCM). NoMatch and the timeouts of silence
     * or noise come back as results; an {@code Error} status, an HTTP error or running out of
     * {@code timeout} throw {@link AzureSpeechException}.
     */
    public Recognition recognize(byte[] pcm16k, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(endpoints.recognition(language))
                .timeout(timeout)
                .headers(credential.headers())
                .header("Content-Type", "audio/wav; codecs=audio/pcm; samplerate=16000")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Wav.of(pcm16k)))
                .build();
        HttpResponse<byte[]> response = send(request, "speech-to-text");
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AzureSpeechException("Azure speech-to-text answered a body that is not JSON", response.statusCode(), false, e);
        }
        RecognitionStatus status = RecognitionStatus.parse(body.path("RecognitionStatus").asText(""));
        if (status == RecognitionStatus.ERROR) {
            throw new AzureSpeechException("Azure speech-to-text answered RecognitionStatus Error", response.statusCode(), false, null);
        }
        if (status != RecognitionStatus.SUCCESS) {
            return new Recognition(status, "", 0);
        }
        JsonNode best = body.path("NBest").path(0);
        String text = best.isMissingNode() ? body.path("DisplayText").asText("") : best.path("Display").asText("");
        return new Recognition(status, text, best.path("Confidence").asDouble(1.0));
    }

    /**
     * {@code text} spoken by the configured voice, as raw audio in {@code format}; throws
     * {@link AzureSpeechException} on an HTTP error, an empty answer or running out of {@code timeout}.
     */
    public byte[] synthesize(String text, SpeechFormat format, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(endpoints.synthesis())
                .timeout(timeout)
                .headers(credential.headers())
                .header("Content-Type", "application/ssml+xml")
                .header("X-Microsoft-OutputFormat", outputFormat(format))
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(Ssml.of(voice, text), StandardCharsets.UTF_8))
                .build();
        byte[] audio = send(request, "text-to-speech").body();
        if (audio.length == 0) {
            throw new AzureSpeechException("Azure text-to-speech answered no audio", 200, false, null);
        }
        return audio;
    }

    /** The {@code X-Microsoft-OutputFormat} of a call's audio format (https://learn.microsoft.com/azure/ai-services/speech-service/rest-text-to-speech#audio-outputs). */
    public static String outputFormat(SpeechFormat format) {
        return switch (format) {
            case PCM_16K -> "raw-16khz-16bit-mono-pcm";
            case MULAW_8K -> "raw-8khz-8bit-mono-mulaw";
            case PCM_24K -> "raw-24khz-16bit-mono-pcm";
        };
    }

    private HttpResponse<byte[]> send(HttpRequest request, String api) {
        URI uri = request.uri();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new AzureSpeechException("Azure " + api + " at " + uri.getHost() + " gave no answer within "
                    + request.timeout().map(Duration::toMillis).orElse(0L) + " ms", 0, true, e);
        } catch (IOException e) {
            throw new AzureSpeechException("Azure " + api + " at " + uri.getHost() + " failed: " + e.getClass().getSimpleName(), 0, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AzureSpeechException("Azure " + api + " call was interrupted", 0, false, e);
        }
        if (response.statusCode() / 100 != 2) {
            // Azure's error bodies are short texts; they never echo the key, but stay out of the message anyway
            // to keep it to what an operator acts on: 401 key, 403 region/quota, 429 throttled, 5xx Azure.
            throw new AzureSpeechException("Azure " + api + " at " + uri.getHost() + " answered " + response.statusCode(),
                    response.statusCode(), false, null);
        }
        return response;
    }
}
