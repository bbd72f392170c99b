package dev.voiceplane.app.core.ws;

import dev.voiceplane.app.core.health.BoundedWait;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open WebSocket session of the service, tracked for graceful shutdown: on SIGTERM each
 * client is told {@code 1001 Going Away} (so it reconnects to another replica) and shutdown waits,
 * bounded, for the sessions to close. Exported as {@code websocket_sessions_active}.
 */
public final class WebSocketSessions {

    /** RFC 6455 §7.4.1: the endpoint is going away, such as a server going down. */
    public static final int GOING_AWAY = 1001;

    private final Map<String, WsContext> open = new ConcurrentHashMap<>();
    private final BoundedWait closed = new BoundedWait();

    public WebSocketSessions(MeterRegistry metrics) {
        Gauge.builder("websocket.sessions.active", open, Map::size).description("open WebSocket sessions").register(metrics);
    }

    /**
     * Hooks into every WebSocket endpoint of the server (Javalin's WebSocket logger sees them all).
     *
     * <p>The logger hears of a connect after the endpoint's own connect handler has returned, and a
     * handler may close its socket (a call refused at capacity) from another thread: Jetty then
     * delivers the close, on that thread, before this connect (issue 10, seen under CPU contention).
     * A session already closed when its connect arrives is therefore not counted; one closed after
     * the {@code put} is forgotten by its close event, so either order ends uncounted.
     */
    public void track(WsConfig events) {
        events.onConnect(ctx -> {
            open.put(ctx.sessionId(), ctx);
            if (!ctx.session.isOpen()) {
                forget(ctx.sessionId());
            }
        });
        events.onClose(ctx -> forget(ctx.sessionId()));
        events.onError(ctx -> forget(ctx.sessionId()));
    }

    public int count() {
        return open.size();
    }

    /** Asks every client to go away and waits up to {@code grace} for the sessions to close. */
    public void closeAll(String reason, Duration grace) {
        for (WsContext ctx : open.values()) {
            try {
                ctx.closeSession(GOING_AWAY, reason);
            } catch (RuntimeException e) {
                forget(ctx.sessionId());
            }
        }
        closed.await(open::isEmpty, grace);
    }

    private void forget(String sessionId) {
        open.remove(sessionId);
        closed.signal();
    }
}
