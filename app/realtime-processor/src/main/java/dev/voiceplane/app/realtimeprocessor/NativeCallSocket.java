package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.http.Json;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * voiceplane's own call protocol (module README): JSON text frames and binary audio frames. A send
 * to a socket that has gone away is dropped; the call is finished by the close handler.
 */
final class NativeCallSocket extends CallSocket {

    private static final Logger LOG = LoggerFactory.getLogger(NativeCallSocket.class);

    private final WsContext ctx;

    NativeCallSocket(WsContext ctx) {
        this.ctx = ctx;
    }

    @Override
    synchronized void send(Object frame) {
        try {
            ctx.send(Json.mapper().writeValueAsString(frame));
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send to a closed socket: {}", e.toString());
        }
    }

    @Override
    synchronized boolean sendAudio(byte[] audio, int offset, int length) {
        try {
            ctx.send(ByteBuffer.wrap(audio, offset, length));
            return true;
        } catch (RuntimeException e) {
            LOG.debug("could not send audio to a closed socket: {}", e.toString());
            return false;
        }
    }

    @Override
    void close(int code, String reason) {
        ctx.closeSession(code, reason);
    }
}
