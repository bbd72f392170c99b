package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.app.core.http.Json;
import io.javalin.websocket.WsContext;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of a Twilio Media Stream
 * (https://www.twilio.com/docs/voice/media-streams/websocket-messages#send-websocket-messages-to-twilio):
 * reply audio as {@code media} messages (base64 G.711 μ-law at 8 kHz), a {@code mark} after each
 * reply so Twilio tells when the caller has heard it, and {@code clear} on barge-in, which drops
 * the audio Twilio has buffered. The pipeline's own frames (transcript, reply text) have no place
 * on a phone line and are not sent; an {@code error} frame is logged.
 */
final class TwilioCallSocket extends CallSocket {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioCallSocket.class);

    private final WsContext ctx;
    private final String streamSid;
    /** Marks sent and not yet echoed: the audio before them is still playing at Twilio. */
    private final java.util.Set<String> pendingMarks = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Forwards the call (Twilio's REST API), or null when no number is configured. */
    private final Runnable putThrough;

    TwilioCallSocket(WsContext ctx, String streamSid, Runnable putThrough) {
        this.ctx = ctx;
        this.streamSid = streamSid;
        this.putThrough = putThrough;
    }

    @Override
    boolean putThrough() {
        if (putThrough == null) {
            return false;
        }
        putThrough.run();
        return true;
    }

    @Override
    void send(Object frame) {
        if (frame instanceof Map<?, ?> map && "error".equals(map.get("type"))) {
            LOG.warn("Twilio stream {}: {}", streamSid, map.get("message"));
        }
    }

    @Override
    synchronized boolean sendAudio(byte[] audio, int offset, int length) {
        ObjectNode message = Json.mapper().createObjectNode().put("event", "media").put("streamSid", streamSid);
        message.putObject("media").put("payload", Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(audio, offset, offset + length)));
        return write(message);
    }

    @Override
    synchronized void clearAudio() {
        write(Json.mapper().createObjectNode().put("event", "clear").put("streamSid", streamSid));
    }

    @Override
    synchronized void audioDone(String name) {
        ObjectNode message = Json.mapper().createObjectNode().put("event", "mark").put("streamSid", streamSid);
        message.putObject("mark").put("name", name);
        pendingMarks.add(name);
        write(message);
    }

    /** Twilio echoed a mark: the caller has heard everything before it (or it was cleared). */
    void markPlayed(String name) {
        pendingMarks.remove(name);
    }

    /** Whether reply audio sent is still playing at Twilio. */
    boolean playing() {
        return !pendingMarks.isEmpty();
    }

    @Override
    void close(int code, String reason) {
        ctx.closeSession(code, reason);
    }

    private boolean write(ObjectNode message) {
        return sendText(ctx, message.toString());
    }
}
