package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.app.core.http.Json;
import io.javalin.websocket.WsContext;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of an ACS bidirectional media stream
 * (https://learn.microsoft.com/azure/communication-services/how-tos/call-automation/audio-streaming-quickstart):
 * reply audio as {@code AudioData} (base64 PCM 16 kHz mono) and {@code StopAudio} on barge-in, in
 * the SDK's camelCase. ACS has no playback marks; the pipeline's own frames are not sent.
 */
final class AcsCallSocket extends CallSocket {

    private static final Logger LOG = LoggerFactory.getLogger(AcsCallSocket.class);

    private final WsContext ctx;

    /** Transfers the call (Call Automation), or null when no number is configured or the connection id is unknown. */
    private final Runnable putThrough;

    AcsCallSocket(WsContext ctx, Runnable putThrough) {
        this.ctx = ctx;
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
            LOG.warn("ACS stream: {}", map.get("message"));
        }
    }

    @Override
    synchronized boolean sendAudio(byte[] audio, int offset, int length) {
        ObjectNode message = Json.mapper().createObjectNode().put("kind", "AudioData");
        message.putObject("audioData").put("data", Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(audio, offset, offset + length)))
                .putNull("timestamp").putNull("participant").put("isSilent", false);
        message.putNull("stopAudio");
        return write(message);
    }

    @Override
    synchronized void clearAudio() {
        ObjectNode message = Json.mapper().createObjectNode().put("kind", "StopAudio");
        message.putNull("audioData");
        message.putObject("stopAudio");
        write(message);
    }

    @Override
    void close(int code, String reason) {
        ctx.closeSession(code, reason);
    }

    private boolean write(ObjectNode message) {
        return sendText(ctx, message.toString());
    }
}
