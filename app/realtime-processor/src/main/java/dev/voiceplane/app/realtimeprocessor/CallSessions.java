package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.http.ServiceClient.ServiceCallException;
import dev.voiceplane.app.core.telephony.PhoneNumber;
import dev.voiceplane.app.core.ws.WebSocketAuth;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call WebSocket: one socket per call. The client sends JSON text frames
 * ({@code start}, {@code turn}, {@code end}) and gets {@code decision}, {@code reply},
 * {@code ended} and {@code error} frames back; see the module README for the protocol. Binary
 * frames are audio: until the voice pipeline lands they are only acknowledged and counted.
 *
 * <p>Limits from config: at most {@code MAX_CONCURRENT_CALLS} sockets per replica (503 at the
 * upgrade, or close 1013 if a race lets one more in), {@code WEBSOCKET_TIMEOUT} of silence closes the
 * socket, {@code PROCESSING_PIPELINE_TIMEOUT} bounds each turn. On shutdown new messages are
 * refused, in-flight turns finish, then core closes every socket with 1001 and the calls stay in
 * Redis for the client to resume on another replica.
 */
public final class CallSessions {

    /** RFC 6455 §7.4.1 (IANA registry): try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int NORMAL = 1000;
    static final int MAX_TEXT = 2_000;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Counted per failed pipeline stage; the VoiceProcessingFailures alert reads its rate. */
    static final String VOICE_FAILURES = "voice_processing_failures";
    static final String FALLBACK_REPLY = "Sorry, one moment please. Could you repeat that?";

    private static final Logger LOG = LoggerFactory.getLogger(CallSessions.class);

    /** What one socket holds: who opened it, and its call once started. */
    private static final class Session {
        final Principal principal;
        volatile CallState call;
        long audioFrames;
        long audioBytes;

        Session(Principal principal) {
            this.principal = principal;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger activeCalls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object drained = new Object();
    private volatile boolean draining;

    private final WebSocketAuth auth;
    private final CallStore calls;
    private final CallRouting routing;
    private final CallFinisher finisher;
    private final MeterRegistry metrics;
    private final int maxCalls;
    private final Duration idleTimeout;
    private final Timer turnTimer;

    public CallSessions(WebSocketAuth auth, CallStore calls, CallRouting routing, CallFinisher finisher, MeterRegistry metrics,
            int maxCalls, Duration idleTimeout) {
        this.auth = auth;
        this.calls = calls;
        this.routing = routing;
        this.finisher = finisher;
        this.metrics = metrics;
        this.maxCalls = maxCalls;
        this.idleTimeout = idleTimeout;
        Gauge.builder("active_calls", activeCalls, AtomicInteger::get).description("calls in progress on this replica").register(metrics);
        this.turnTimer = Timer.builder("realtime_turn_duration").description("time from a caller turn to the assistant's reply")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(metrics);
    }

    /** A {@code wsBeforeUpgrade} handler: a full replica answers 503 before the socket opens. */
    public void beforeUpgrade(Context ctx) {
        if (draining || sessions.size() >= maxCalls) {
            metrics.counter("realtime_calls_rejected", "reason", draining ? "draining" : "capacity").increment();
            ctx.header("Retry-After", "1");
            throw new HttpResponseException(503, draining ? "this replica is shutting down; connect again"
                    : "this replica is at its MAX_CONCURRENT_CALLS of " + maxCalls + "; connect again");
        }
    }

    public void install(WsConfig ws) {
        ws.onConnect(ctx -> {
            Optional<Principal> principal = auth.verify(ctx.header("Authorization"), ctx.queryParam(WebSocketAuth.QUERY_PARAMETER));
            if (principal.isEmpty()) {
                ctx.closeSession(1008, "a valid access token is required");
                return;
            }
            sessions.put(ctx.sessionId(), new Session(principal.get()));
            if (sessions.size() > maxCalls) {
                sessions.remove(ctx.sessionId());
                metrics.counter("realtime_calls_rejected", "reason", "capacity").increment();
                ctx.closeSession(TRY_AGAIN_LATER, "replica at capacity");
                return;
            }
            ctx.session.setIdleTimeout(idleTimeout);
        });
        ws.onMessage(ctx -> onText(ctx, ctx.message()));
        ws.onBinaryMessage(ctx -> {
            Session session = sessions.get(ctx.sessionId());
            if (session == null) {
                return;
            }
            session.audioFrames++;
            session.audioBytes += ctx.length();
            metrics.counter("realtime_audio_frames").increment();
            metrics.counter("realtime_audio_bytes").increment(ctx.length());
            send(ctx, Map.of("type", "audio-ack", "frames", session.audioFrames, "bytes", session.audioBytes,
                    "note", "audio is acknowledged but not yet transcribed; send caller text as turn frames"));
        });
        ws.onClose(ctx -> closed(ctx.sessionId()));
        ws.onError(ctx -> closed(ctx.sessionId()));
    }

    private void onText(WsContext ctx, String message) {
        Session session = sessions.get(ctx.sessionId());
        if (session == null) {
            return;
        }
        if (draining) {
            error(ctx, "draining", "this replica is shutting down; reconnect and resend");
            return;
        }
        inFlight.incrementAndGet();
        try {
            JsonNode frame;
            try {
                frame = Json.mapper().readTree(message);
            } catch (IOException e) {
                error(ctx, "bad-request", "frames must be JSON objects with a 'type'");
                return;
            }
            String type = frame.path("type").asText("");
            switch (type) {
                case "start" -> start(ctx, session, frame);
                case "turn" -> turn(ctx, session, frame);
                case "end" -> end(ctx, session);
                default -> error(ctx, "bad-request", "unknown frame type '" + abbreviate(type) + "'; expected start, turn or end");
            }
        } catch (RuntimeException e) {
            LOG.error("call frame failed", e);
            error(ctx, "internal", "internal error");
        } finally {
            if (inFlight.decrementAndGet() == 0) {
                synchronized (drained) {
                    drained.notifyAll();
                }
            }
        }
    }

    private void start(WsContext ctx, Session session, JsonNode frame) {
        if (session.call != null) {
            error(ctx, "bad-request", "this socket already carries call " + session.call.callId());
            return;
        }
        String callId = frame.path("callId").asText("");
        String userId = frame.path("userId").asText(session.principal.subject());
        String caller = frame.hasNonNull("callerNumber") ? frame.path("callerNumber").asText() : null;
        if (!ID.matcher(callId).matches() || !ID.matcher(userId).matches()) {
            error(ctx, "bad-request", "field 'callId' and 'userId' must be 1-64 letters, digits, '-' or '_'");
            return;
        }
        if (caller != null) {
            try {
                caller = PhoneNumber.parse("callerNumber", caller);
            } catch (IllegalArgumentException e) {
                error(ctx, "bad-request", e.getMessage());
                return;
            }
        }
        if (!session.principal.mayActFor(userId)) {
            error(ctx, "forbidden", "you may only take your own calls");
            return;
        }
        Optional<CallState> existing = calls.find(callId);
        boolean resumed = existing.isPresent();
        CallState call;
        if (resumed) {
            call = existing.get();
            if (!call.userId().equals(userId)) {
                error(ctx, "conflict", "call " + callId + " belongs to another user");
                return;
            }
        } else {
            call = routing.decide(callId, userId, caller);
            if (CallRouting.WHITELIST_UNAVAILABLE.equals(call.reason())) {
                metrics.counter(VOICE_FAILURES, "stage", "decision").increment();
            }
            if (!calls.create(call)) {
                error(ctx, "conflict", "call " + callId + " was started concurrently; resume it");
                return;
            }
            metrics.counter("realtime_calls", "action", call.action()).increment();
            if (call.aiHandled()) {
                try {
                    routing.openConversation(call);
                } catch (ServiceCallException e) {
                    LOG.warn("could not open the dialog of call {} yet: {}", callId, e.getMessage());
                }
            }
        }
        session.call = call;
        activeCalls.incrementAndGet();
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("type", "decision");
        decision.put("callId", call.callId());
        decision.put("action", call.action());
        decision.put("reason", call.reason());
        decision.put("degraded", call.degraded());
        decision.put("resumed", resumed);
        send(ctx, decision);
        if (!call.aiHandled()) {
            // Put through or blocked: the AI has nothing to do on this call.
            finishAndClose(ctx, session, call.action().equals("BLOCK") ? "call blocked" : "call put through");
        }
    }

    private void turn(WsContext ctx, Session session, JsonNode frame) {
        CallState call = session.call;
        if (call == null) {
            error(ctx, "bad-request", "send a start frame before turns");
            return;
        }
        String text = frame.path("text").asText("").trim();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            error(ctx, "bad-request", "field 'text' must be 1-" + MAX_TEXT + " characters");
            return;
        }
        long start = System.nanoTime();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "reply");
        reply.put("callId", call.callId());
        try {
            JsonNode answer = engineTurn(call, text);
            reply.put("seq", answer.path("seq").asInt());
            reply.put("text", answer.path("reply").asText());
            reply.put("intent", answer.path("intent").asText());
            reply.put("endCall", answer.path("endCall").asBoolean(false));
            reply.put("degraded", false);
            calls.append(call.callId(), Utterance.caller(text), Utterance.assistant(answer.path("reply").asText()));
            metrics.counter("realtime_turns", "result", "ok").increment();
        } catch (ServiceCallException e) {
            boolean timeout = e.getCause() instanceof java.net.http.HttpTimeoutException;
            metrics.counter("realtime_turns", "result", timeout ? "timeout" : "error").increment();
            metrics.counter(VOICE_FAILURES, "stage", timeout ? "turn-timeout" : "turn-error").increment();
            LOG.warn("turn of call {} got no answer in time: {}", call.callId(), e.getMessage());
            reply.put("text", FALLBACK_REPLY);
            reply.put("endCall", false);
            reply.put("degraded", true);
            calls.append(call.callId(), Utterance.caller(text), Utterance.assistant(FALLBACK_REPLY));
        }
        turnTimer.record(Duration.ofNanos(System.nanoTime() - start));
        send(ctx, reply);
    }

    /** A turn; if the engine lost the dialog (opened while it was down), opens it and tries once more. */
    private JsonNode engineTurn(CallState call, String text) {
        try {
            return routing.turn(call.callId(), text);
        } catch (ServiceCallException e) {
            if (e.getMessage() == null || !e.getMessage().endsWith("answered 404")) {
                throw e;
            }
            routing.openConversation(call);
            return routing.turn(call.callId(), text);
        }
    }

    private void end(WsContext ctx, Session session) {
        CallState call = session.call;
        if (call == null) {
            error(ctx, "bad-request", "no call to end on this socket");
            return;
        }
        finishAndClose(ctx, session, "call ended");
    }

    private void finishAndClose(WsContext ctx, Session session, String reason) {
        CallState call = session.call;
        session.call = null;
        activeCalls.decrementAndGet();
        boolean analysed = finisher.finish(call);
        send(ctx, Map.of("type", "ended", "callId", call.callId(), "analysed", analysed));
        ctx.closeSession(NORMAL, reason);
    }

    /** A socket closed: by the client, the idle timeout, or shutdown. Only shutdown keeps the call for a resume. */
    private void closed(String sessionId) {
        Session session = sessions.remove(sessionId);
        if (session == null || session.call == null) {
            return;
        }
        CallState call = session.call;
        session.call = null;
        activeCalls.decrementAndGet();
        if (!draining) {
            try {
                finisher.finish(call);
            } catch (RuntimeException e) {
                LOG.warn("could not finish call {}: {}", call.callId(), e.toString());
            }
        }
    }

    /** Stops taking frames and waits (bounded) for turns in flight; core then closes the sockets with 1001. */
    public void drain(Duration grace) {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (drained) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{} call turn(s) still in flight after {}; closing anyway", inFlight.get(), grace);
                    return;
                }
                try {
                    drained.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public int activeCalls() {
        return activeCalls.get();
    }

    private void error(WsContext ctx, String code, String message) {
        send(ctx, Map.of("type", "error", "code", code, "message", message));
    }

    private static void send(WsContext ctx, Object frame) {
        try {
            ctx.send(Json.mapper().writeValueAsString(frame));
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send to a closed socket: {}", e.toString());
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
