package dev.voiceplane.app.realtimeprocessor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.realtimeprocessor.telephony.TwilioSignature;
import dev.voiceplane.app.speech.MuLaw;
import dev.voiceplane.app.speech.Pcm;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays Twilio's part of a call, as its documentation describes the wire
 * (https://www.twilio.com/docs/voice/media-streams/websocket-messages): the signed voice webhook,
 * then the Media Stream the TwiML names, with {@code connected}, {@code start} (carrying the TwiML's
 * parameters), 20 ms {@code media} messages of base64 μ-law at 8 kHz, and {@code stop}; it echoes
 * each {@code mark} as Twilio does once the audio before it has played, and keeps the reply audio
 * ({@code media}) and every {@code clear}. Used by the tests, the local call client and the load benchmark.
 */
public final class TwilioCaller implements AutoCloseable {

    /** 20 ms of μ-law at 8 kHz. */
    public static final int FRAME_BYTES = 160;
    private static final Duration WAIT = TextSocket.WAIT;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private static final Pattern STREAM = Pattern.compile("<Stream url=\"([^\"]+)\"><Parameter name=\"token\" value=\"([^\"]+)\"");

    private final TextSocket socket;
    private final String streamSid;
    private final ByteArrayOutputStream answer = new ByteArrayOutputStream();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<Long> firstAudioAfter = new CopyOnWriteArrayList<>();
    private volatile long speechEndedAt;
    private volatile boolean awaitingFirstAudio;
    private int sequence = 1;
    private int chunk;

    /** What the voice webhook answered when it did not connect the call. */
    public static final class Refused extends Exception {
        public final String twiml;
        public final int status;

        Refused(int status, String twiml) {
            super("the voice webhook answered " + status + ": " + twiml);
            this.status = status;
            this.twiml = twiml;
        }
    }

    private TwilioCaller(TextSocket socket, String streamSid) {
        this.socket = socket;
        this.streamSid = streamSid;
    }

    /**
     * Rings {@code baseUrl}'s Twilio webhook for {@code userId}'s line from {@code from}, signed with
     * {@code authToken}, and opens the Media Stream it answers with; {@link Refused} when it does not.
     */
    public static TwilioCaller dial(String baseUrl, String authToken, String userId, String from, String callSid) throws Exception {
        String url = baseUrl + "/telephony/twilio/voice?user=" + userId;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", "AC00000000000000000000000000000000");
        form.put("CallSid", callSid);
        form.put("From", from);
        form.put("To", "+18005550100");
        form.put("Direction", "inbound");
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.of(authToken, url, form))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        Matcher stream = STREAM.matcher(response.body());
        if (response.statusCode() != 200 || !stream.find()) {
            throw new Refused(response.statusCode(), response.body());
        }
        return connect(stream.group(1), callSid, stream.group(2).replace("&amp;", "&"));
    }

    private static TwilioCaller connect(String streamUrl, String callSid, String token) throws Exception {
        String streamSid = "MZ" + callSid;
        TwilioCaller[] self = new TwilioCaller[1];
        CompletableFuture<java.util.function.Consumer<String>> receiver = new CompletableFuture<>();
        self[0] = new TwilioCaller(TextSocket.open(streamUrl, Map.of(), receiver), streamSid);
        receiver.complete(self[0]::received);
        self[0].send(Json.mapper().createObjectNode().put("event", "connected").put("protocol", "Call").put("version", "1.0.0"));
        ObjectNode start = Json.mapper().createObjectNode().put("event", "start").put("sequenceNumber", "1").put("streamSid", streamSid);
        ObjectNode details = start.putObject("start").put("accountSid", "AC00000000000000000000000000000000").put("streamSid", streamSid)
                .put("callSid", callSid);
        details.putArray("tracks").add("inbound");
        details.putObject("customParameters").put("token", token);
        details.putObject("mediaFormat").put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1);
        self[0].send(start);
        return self[0];
    }

    private synchronized void received(String text) {
        JsonNode message;
        try {
            message = Json.mapper().readTree(text);
        } catch (Exception e) {
            return;
        }
        switch (message.path("event").asText()) {
            case "media" -> {
                if (awaitingFirstAudio) {
                    awaitingFirstAudio = false;
                    firstAudioAfter.add(System.nanoTime() - speechEndedAt);
                }
                answer.writeBytes(Base64.getDecoder().decode(message.path("media").path("payload").asText()));
            }
            case "mark" -> {
                // Twilio echoes a mark once the audio sent before it has played.
                ObjectNode echo = Json.mapper().createObjectNode().put("event", "mark").put("sequenceNumber", Integer.toString(++sequence))
                        .put("streamSid", streamSid);
                echo.putObject("mark").put("name", message.path("mark").path("name").asText());
                send(echo);
            }
            default -> { }
        }
        events.add(message);
    }

    /**
     * Streams {@code pcm16k} (16 kHz 16-bit PCM) as the caller's voice: μ-law at 8 kHz in 20 ms
     * media messages, each sent when its place in the audio is due (real time, from the audio's own
     * clock), or all at once when {@code realTime} is false. Returns when the last frame is sent.
     */
    public TwilioCaller say(byte[] pcm16k, boolean realTime) {
        short[] samples = Pcm.samples(pcm16k);
        byte[] mulaw = new byte[samples.length / 2];
        for (int i = 0; i < mulaw.length; i++) {
            mulaw[i] = MuLaw.encode((short) ((samples[2 * i] + samples[2 * i + 1]) / 2));
        }
        long start = System.nanoTime();
        for (int offset = 0, frame = 0; offset < mulaw.length; offset += FRAME_BYTES, frame++) {
            if (realTime) {
                AudioClock.awaitFrame(start, frame);
            }
            byte[] payload = java.util.Arrays.copyOfRange(mulaw, offset, Math.min(mulaw.length, offset + FRAME_BYTES));
            ObjectNode media = Json.mapper().createObjectNode().put("event", "media").put("sequenceNumber", Integer.toString(++sequence))
                    .put("streamSid", streamSid);
            media.putObject("media").put("track", "inbound").put("chunk", Integer.toString(++chunk))
                    .put("timestamp", Integer.toString(chunk * 20)).put("payload", Base64.getEncoder().encodeToString(payload));
            send(media);
        }
        return this;
    }

    /**
     * Listens, as a line does: silence in real-time 20 ms media messages (Twilio streams the caller's
     * track all through the call, speech or not) until a message of {@code event} comes, which is
     * returned; fails after 60 s.
     */
    public JsonNode listen(String event) throws InterruptedException {
        byte[] silence = new byte[FRAME_BYTES * 4]; // 20 ms of 16 kHz PCM zeros
        long start = System.nanoTime();
        long deadline = start + WAIT.toNanos();
        for (int frame = 1; System.nanoTime() < deadline; frame++) {
            say(silence, false);
            long due = start + frame * AudioClock.FRAME_NANOS;
            JsonNode message;
            while ((message = events.poll(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (message.path("event").asText().equals(event)) {
                    return message;
                }
            }
        }
        throw new AssertionError("no '" + event + "' message from the server within " + WAIT.toSeconds() + " s");
    }

    /** The media messages sent so far. */
    public int mediaSent() {
        return chunk;
    }

    /** Marks now as the end of the caller's speech (call it between the words and the pause after them): the first reply audio after it is timed. */
    public synchronized void speechEnded() {
        speechEndedAt = System.nanoTime();
        awaitingFirstAudio = true;
    }

    /** Nanoseconds from {@link #speechEnded()} to the first reply audio, per reply. */
    public List<Long> firstAudioLatencies() {
        return List.copyOf(firstAudioAfter);
    }

    /** The next message of {@code event} from the server (earlier ones of other kinds are skipped); fails after 60 s. */
    public JsonNode next(String event) throws InterruptedException {
        return TextSocket.next(events, "event", event);
    }

    /** The reply audio received so far: μ-law at 8 kHz. */
    public synchronized byte[] answerAudio() {
        return answer.toByteArray();
    }

    /** The reply audio as 16 kHz 16-bit PCM (what a recogniser takes). */
    public byte[] answerPcm16k() {
        byte[] mulaw = answerAudio();
        short[] samples = new short[mulaw.length];
        for (int i = 0; i < mulaw.length; i++) {
            samples[i] = MuLaw.decode(mulaw[i]);
        }
        return Pcm.bytes(Pcm.upsample(samples, (short) 0));
    }

    /** The close code once the server closed the stream; fails after 60 s. */
    public int closeCode() throws Exception {
        return socket.closeCode();
    }

    /** Hangs up: {@code stop}, then closes the socket. */
    @Override
    public void close() {
        ObjectNode stop = Json.mapper().createObjectNode().put("event", "stop").put("sequenceNumber", Integer.toString(++sequence))
                .put("streamSid", streamSid);
        stop.putObject("stop").put("accountSid", "AC00000000000000000000000000000000").put("callSid", streamSid.substring(2));
        send(stop);
        socket.close("hang up");
    }

    private void send(JsonNode message) {
        socket.send(message.toString());
    }
}
