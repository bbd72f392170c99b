package dev.voiceplane.app.realtimeprocessor.testing;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A WebSocket listener for the clients of realtime-processor's sockets (a caller, a provider's media
 * stream): the JDK hands a message over in parts, the clients want whole ones. Text messages go to
 * {@code onText} whole, binary ones to {@code onBinary} as their size (reply audio is counted, not
 * kept), and the close code completes {@link #closed} (-1 when the connection failed instead).
 */
final class WholeMessages implements WebSocket.Listener {

    private final Consumer<String> onText;
    private final IntConsumer onBinary;
    private final StringBuilder text = new StringBuilder();
    private int binaryBytes;
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /** @param onBinary given the size of each whole binary message; null to ignore them */
    WholeMessages(Consumer<String> onText, IntConsumer onBinary) {
        this.onText = onText;
        this.onBinary = onBinary;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            onText.accept(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        binaryBytes += data.remaining();
        if (last) {
            if (onBinary != null) {
                onBinary.accept(binaryBytes);
            }
            binaryBytes = 0;
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }
}
