package dev.voiceplane.app.azurespeech.testing;

import dev.voiceplane.app.azurespeech.SpeechEndpoints;
import io.javalin.Javalin;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for Azure's streaming speech recognition, speaking the WebSocket protocol the
 * Speech SDK speaks, so the SDK itself can be tested on loopback ({@code SpeechConfig.fromEndpoint}
 * with {@code ws://127.0.0.1:<port>/speech/recognition/conversation/cognitiveservices/v1}). Text
 * messages are header lines ({@code Path}, {@code X-RequestId}, ...), a blank line and a JSON body;
 * audio comes in binary messages of a two-byte big-endian header length, the headers and the audio
 * (the first chunk a WAV header, an empty one the end of the audio). The stand-in answers
 * {@code turn.start} and {@code speech.startDetected} on the first audio, a {@code speech.hypothesis}
 * whenever another word's worth of audio has arrived, and at the end {@code speech.endDetected},
 * the {@code speech.phrase} (its display text capitalised and with a full stop, as Azure's is) and
 * {@code turn.end}. A wrong {@code Ocp-Apim-Subscription-Key} is refused at the upgrade with 401.
 */
public final class AzureSpeechSocketStub implements AutoCloseable {

    /** Where recognition listens: the path Azure's regional endpoint serves conversation recognition on. */
    private static final String PATH = "/speech/recognition/conversation/cognitiveservices/v1";

    private final Javalin server;
    private final String key;
    private final Map<WsContext, Session> sessions = new ConcurrentHashMap<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile String transcript = "stub transcript";
    private volatile int bytesPerWord = 6_400;

    private static final class Session {
        String requestId = "";
        long audioBytes;
        int words;
        boolean started;
    }

    private AzureSpeechSocketStub(String key) {
        this.key = key;
        this.server = Javalin.create(config -> config.showJavalinBanner = false);
        server.wsBeforeUpgrade(PATH, ctx -> {
            if (!key.equals(ctx.header("Ocp-Apim-Subscription-Key"))) {
                throw new UnauthorizedResponse("Access denied due to invalid subscription key");
            }
        });
        server.ws(PATH, ws -> {
            ws.onConnect(ctx -> sessions.put(ctx, new Session()));
            ws.onClose(ctx -> sessions.remove(ctx));
            ws.onMessage(ctx -> {
                Map<String, String> headers = headers(ctx.message());
                paths.add(headers.getOrDefault("path", ""));
                sessions.get(ctx).requestId = headers.getOrDefault("x-requestid", "");
            });
            ws.onBinaryMessage(ctx -> audio(ctx, ctx.data(), ctx.offset(), ctx.length()));
        });
    }

    public static AzureSpeechSocketStub start(String key) {
        AzureSpeechSocketStub stub = new AzureSpeechSocketStub(key);
        stub.server.start("127.0.0.1", 0);
        return stub;
    }

    /** Endpoints whose speech-to-text is this stand-in (text-to-speech is not served here). */
    public SpeechEndpoints endpoints() {
        URI base = URI.create("http://127.0.0.1:" + server.port());
        return new SpeechEndpoints(base, base);
    }

    public String key() {
        return key;
    }

    /** What the caller says: a word more of it in each hypothesis per {@code bytesPerWord} of audio. */
    public AzureSpeechSocketStub transcribing(String words, int bytesPerWordOfAudio) {
        this.transcript = words;
        this.bytesPerWord = bytesPerWordOfAudio;
        return this;
    }

    /** The {@code Path} of every text message the clients sent, in order. */
    public List<String> clientMessages() {
        return List.copyOf(paths);
    }

    private void audio(WsContext ctx, byte[] data, int offset, int length) {
        ByteBuffer message = ByteBuffer.wrap(data, offset, length);
        int headerLength = message.getShort() & 0xffff;
        byte[] header = new byte[headerLength];
        message.get(header);
        Map<String, String> headers = headers(new String(header, StandardCharsets.US_ASCII) + "\r\n");
        Session session = sessions.get(ctx);
        session.requestId = headers.getOrDefault("x-requestid", session.requestId);
        int audio = message.remaining();
        if (audio > 4 && data[message.position()] == 'R' && data[message.position() + 1] == 'I') {
            audio = Math.max(0, audio - 44); // the WAV header of the first chunk
        }
        if (!session.started) {
            session.started = true;
            send(ctx, session, "turn.start", "{\"context\":{\"serviceTag\":\"stub\"}}");
            send(ctx, session, "speech.startDetected", "{\"Offset\":0}");
        }
        if (message.remaining() == 0) {
            long duration = session.audioBytes * 10_000_000L / 32_000; // 100-ns ticks, as Azure counts
            send(ctx, session, "speech.endDetected", "{\"Offset\":" + duration + "}");
            send(ctx, session, "speech.phrase", "{\"RecognitionStatus\":\"Success\",\"DisplayText\":\"" + display() + "\",\"Offset\":0,\"Duration\":"
                    + duration + "}");
            send(ctx, session, "turn.end", "{}");
            return;
        }
        session.audioBytes += audio;
        String[] all = transcript.split(" ");
        int words = (int) Math.min(all.length, session.audioBytes / bytesPerWord);
        if (words > session.words) {
            session.words = words;
            send(ctx, session, "speech.hypothesis", "{\"Text\":\"" + String.join(" ", java.util.Arrays.copyOf(all, words))
                    + "\",\"Offset\":0,\"Duration\":" + session.audioBytes * 10_000_000L / 32_000 + "}");
        }
    }

    private String display() {
        String text = transcript.trim();
        return text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    private static void send(WsContext ctx, Session session, String path, String json) {
        ctx.send("X-RequestId:" + session.requestId + "\r\nContent-Type:application/json; charset=utf-8\r\nPath:" + path + "\r\n\r\n" + json);
    }

    /** The header lines of a protocol message, names in lower case. */
    private static Map<String, String> headers(String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : message.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    @Override
    public void close() {
        server.stop();
    }
}
