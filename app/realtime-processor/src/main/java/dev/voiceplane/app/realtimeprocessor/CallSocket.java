package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.http.Json;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of one call socket. Frames come from the socket's own thread (text turns,
 * errors) and from the voice pipeline's thread (transcript, reply, audio): sends are serialised
 * here, because a WebSocket carries one message at a time. A send to a socket that has gone away
 * is dropped; the call is finished by the close handler.
 */
final class CallSocket {

    private static final Logger LOG = LoggerFactory.getLogger(CallSocket.class);

    private final WsContext ctx;

    CallSocket(WsContext ctx) {
        this.ctx = ctx;
    }

    /** A JSON text frame. */
    synchronized void send(Object frame) {
        try {
            ctx.send(Json.mapper().writeValueAsString(frame));
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send to a closed socket: {}", e.toString());
        }
    }

    /** A binary (audio) frame; false when the socket is gone. */
    synchronized boolean sendAudio(byte[] audio, int offset, int length) {
        try {
            ctx.send(ByteBuffer.wrap(audio, offset, length));
            return true;
        } catch (RuntimeException e) {
            LOG.debug("could not send audio to a closed socket: {}", e.toString());
            return false;
        }
    }
}
