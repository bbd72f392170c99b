package dev.voiceplane.app.realtimeprocessor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.speech.Pcm;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Plays ACS's part of an incoming call: Event Grid's {@code Microsoft.Communication.IncomingCall}
 * delivery to the webhook, then (once the service answered through the {@link AcsStandIn}) the
 * bidirectional media stream ACS opens to the transport URL: {@code AudioMetadata}, then 20 ms
 * {@code AudioData} messages of base64 PCM at 16 kHz; it keeps the {@code AudioData} the service
 * plays and every {@code StopAudio}.
 */
public final class AcsCaller implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    /** 20 ms of 16 kHz 16-bit mono PCM, the frame size ACS streams. */
    public static final int FRAME_BYTES = 640;

    private final TextSocket socket;
    private final int sampleRate;
    private final ByteArrayOutputStream answer = new ByteArrayOutputStream();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private AcsCaller(TextSocket socket, int sampleRate) {
        this.socket = socket;
        this.sampleRate = sampleRate;
    }

    /** Delivers an IncomingCall event to {@code webhookUrl}; the HTTP status the webhook answered. */
    public static int ring(String webhookUrl, String correlationId, String from) throws Exception {
        ObjectNode event = Json.mapper().createObjectNode().put("id", java.util.UUID.randomUUID().toString())
                .put("topic", "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs")
                .put("subject", "/caller/" + from + "/recipient/+18005550100").put("eventType", "Microsoft.Communication.IncomingCall")
                .put("dataVersion", "1.0").put("metadataVersion", "1").put("eventTime", "2026-01-01T00:00:00Z");
        ObjectNode data = event.putObject("data");
        data.putObject("to").put("kind", "phoneNumber").put("rawId", "4:+18005550100").putObject("phoneNumber").put("value", "+18005550100");
        data.putObject("from").put("kind", "phoneNumber").put("rawId", "4:" + from).putObject("phoneNumber").put("value", from);
        data.put("serverCallId", "server-" + correlationId).put("callerDisplayName", "")
                .put("incomingCallContext", "eyJhbGciOiJub25lIn0." + correlationId).put("correlationId", correlationId);
        ArrayNode delivery = Json.mapper().createArrayNode().add(event);
        return post(webhookUrl, delivery).statusCode();
    }

    /** Event Grid's subscription validation handshake; the webhook's answer body. */
    public static String validate(String webhookUrl, String code) throws Exception {
        ObjectNode event = Json.mapper().createObjectNode().put("id", "validation").put("eventType", "Microsoft.EventGrid.SubscriptionValidationEvent")
                .put("subject", "").put("dataVersion", "1").put("eventTime", "2026-01-01T00:00:00Z");
        event.putObject("data").put("validationCode", code).put("validationUrl", "https://rp-westeurope.eventgrid.azure.net/validate");
        return post(webhookUrl, Json.mapper().createArrayNode().add(event)).body();
    }

    private static HttpResponse<String> post(String url, JsonNode body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).header("Content-Type", "application/json")
                .header("aeg-event-type", "Notification").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Opens the media stream at {@code transportUrl}, as ACS does after the answer (signed with
     * {@code authorization}, its JWT; null for none), and announces PCM 16 kHz.
     */
    public static AcsCaller connect(String transportUrl, String authorization) throws Exception {
        return connect(transportUrl, authorization, 16_000);
    }

    /** The same, streaming PCM at {@code sampleRate} (16000, ACS's default, or 24000) both ways. */
    public static AcsCaller connect(String transportUrl, String authorization, int sampleRate) throws Exception {
        CompletableFuture<java.util.function.Consumer<String>> receiver = new CompletableFuture<>();
        Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of("x-ms-call-correlation-id", "stand-in"));
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        AcsCaller caller = new AcsCaller(TextSocket.open(transportUrl, headers, receiver), sampleRate);
        receiver.complete(caller::received);
        ObjectNode metadata = Json.mapper().createObjectNode().put("kind", "AudioMetadata");
        metadata.putObject("audioMetadata").put("subscriptionId", "stand-in").put("encoding", "PCM").put("sampleRate", sampleRate)
                .put("channels", 1).put("length", FRAME_BYTES * sampleRate / 16_000);
        caller.send(metadata);
        return caller;
    }

    private synchronized void received(String text) {
        try {
            JsonNode message = Json.mapper().readTree(text);
            if (message.path("kind").asText().equals("AudioData")) {
                answer.writeBytes(Base64.getDecoder().decode(message.path("audioData").path("data").asText()));
            }
            events.add(message);
        } catch (Exception e) {
            // not JSON: ignored, as ACS would
        }
    }

    /** Streams {@code pcm16k} as the caller's voice in 20 ms AudioData messages, each when due on the audio's clock (or at once). */
    public AcsCaller say(byte[] pcm16k, boolean realTime) {
        long start = System.nanoTime();
        for (int offset = 0, frame = 0; offset < pcm16k.length; offset += FRAME_BYTES, frame++) {
            if (realTime) {
                AudioClock.awaitFrame(start, frame);
            }
            byte[] chunk = java.util.Arrays.copyOfRange(pcm16k, offset, Math.min(pcm16k.length, offset + FRAME_BYTES));
            if (sampleRate == 24_000) {
                chunk = Pcm.bytes(Pcm.to24k(Pcm.samples(chunk)));
            }
            ObjectNode audio = Json.mapper().createObjectNode().put("kind", "AudioData");
            audio.putObject("audioData").put("timestamp", "2026-01-01T00:00:00.000Z").put("participantRawID", "4:+4930123456")
                    .put("data", Base64.getEncoder().encodeToString(chunk)).put("silent", false);
            send(audio);
        }
        return this;
    }

    /** The next message of {@code kind} from the service (others skipped); fails after 60 s. */
    public JsonNode next(String kind) throws InterruptedException {
        return TextSocket.next(events, "kind", kind);
    }

    /** The reply audio so far: 16 kHz 16-bit PCM (converted from 24 kHz on a 24 kHz stream). */
    public synchronized byte[] answerPcm16k() {
        return sampleRate == 24_000 ? Pcm.bytes(Pcm.from24k(Pcm.samples(answer.toByteArray()))) : answer.toByteArray();
    }

    /** The reply audio as it came, at the stream's rate. */
    public synchronized byte[] answerAudio() {
        return answer.toByteArray();
    }

    public int closeCode() throws Exception {
        return socket.closeCode();
    }

    @Override
    public void close() {
        socket.close("call ended");
    }

    private void send(JsonNode message) {
        socket.send(message.toString());
    }
}
