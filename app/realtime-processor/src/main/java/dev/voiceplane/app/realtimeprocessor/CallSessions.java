package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.http.ServiceClient.ServiceCallException;
import dev.voiceplane.app.core.ws.WebSocketAuth;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The call WebSocket: one socket per call, and the life of its call. The client sends JSON text
 * frames ({@code start}, {@code turn}, {@code end}) and gets {@code decision}, {@code reply},
 * {@code ended} and {@code error} frames back; see the module README for the protocol. Binary
 * frames are the caller's audio. Telephony adapters ({@link TwilioMediaStream},
 * {@link AcsMediaStream}) drive the same calls through {@link #open}, {@link #startFromProvider},
 * {@link #audioFromProvider}, {@link #endFromProvider} and {@link #closed}.
 *
 * <p>This class decides what happens to a call (the whitelist's decision, the store, turns, the
 * finish) and leaves the rest to one class each, which know nothing of it: who may open a socket
 * ({@link CallAdmission}), what a start frame may claim ({@link StartFrame}), caller audio
 * ({@link AudioIntake}), the open sockets ({@link SessionRegistry}) and the work a drain waits for
 * ({@link InFlightTurns}). {@code WEBSOCKET_TIMEOUT} of silence closes a socket,
 * {@code PROCESSING_PIPELINE_TIMEOUT} bounds each turn.
 */
public final class CallSessions {

    /** RFC 6455 §7.4.1 (IANA registry): try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int NORMAL = 1000;
    static final int MAX_TEXT = 2_000;
    /** Counted per failed pipeline stage; the VoiceProcessingFailures alert reads its rate. */
    static final String VOICE_FAILURES = "voice_processing_failures";
    /** Every stage {@value #VOICE_FAILURES} counts; registered at zero so {@code rate()} sees the first failure. */
    static final List<String> FAILURE_STAGES = List.of("decision", "store", "stt-error", "stt-timeout", "turn-error", "turn-timeout",
            "tts-error", "tts-timeout");

    private static final Logger LOG = LoggerFactory.getLogger(CallSessions.class);

    private final AtomicInteger activeCalls = new AtomicInteger();
    private final WebSocketAuth auth;
    private final SessionRegistry sessions;
    private final CallAdmission admission;
    private final AudioIntake audio;
    private final InFlightTurns work;
    private final CallStore calls;
    private final CallRouting routing;
    private final CallFinisher finisher;
    private final ConversationTurns turns;
    private final MeterRegistry metrics;
    private final Duration idleTimeout;
    private final Duration turnBudget;

    /**
     * @param sessions the registry {@code admission} admits into
     * @param work     the in-flight work {@code audio} counts and the drain waits for
     */
    CallSessions(WebSocketAuth auth, SessionRegistry sessions, CallAdmission admission, AudioIntake audio, InFlightTurns work,
            CallStore calls, CallRouting routing, CallFinisher finisher, ConversationTurns turns, MeterRegistry metrics,
            Duration idleTimeout, Duration turnBudget) {
        this.auth = auth;
        this.sessions = sessions;
        this.admission = admission;
        this.audio = audio;
        this.work = work;
        this.calls = calls;
        this.routing = routing;
        this.finisher = finisher;
        this.turns = turns;
        this.metrics = metrics;
        this.idleTimeout = idleTimeout;
        this.turnBudget = turnBudget;
        Gauge.builder("active_calls", activeCalls, AtomicInteger::get).description("calls in progress on this replica").register(metrics);
        FAILURE_STAGES.forEach(stage -> metrics.counter(VOICE_FAILURES, "stage", stage));
    }

    /** A {@code wsBeforeUpgrade} handler: a full replica answers 503, a user over their sockets 429, before the socket opens. */
    public void beforeUpgrade(Context ctx) {
        admission.atUpgrade(() -> auth.verify(ctx.header("Authorization"), ctx.queryParam(WebSocketAuth.QUERY_PARAMETER)))
                .ifPresent(refusal -> {
                    ctx.header("Retry-After", String.valueOf(refusal.retryAfterSeconds()));
                    throw new HttpResponseException(refusal.status(), refusal.message());
                });
    }

    public void install(WsConfig ws) {
        ws.onConnect(ctx -> {
            Optional<Principal> principal = auth.verify(ctx.header("Authorization"), ctx.queryParam(WebSocketAuth.QUERY_PARAMETER));
            if (principal.isEmpty()) {
                refuse(ctx, 1008, "a valid access token is required");
                return;
            }
            open(ctx, principal.get(), new NativeCallSocket(ctx), null);
        });
        ws.onMessage(ctx -> onText(ctx, ctx.message()));
        ws.onBinaryMessage(ctx -> audio.accept(sessions.get(ctx.sessionId()), ctx.data(), ctx.offset(), ctx.length()));
        ws.onClose(ctx -> closed(ctx.sessionId()));
        ws.onError(ctx -> closed(ctx.sessionId()));
    }

    /**
     * Closes a socket refused in its connect handler. Core's session tracker hears of the connect
     * after this handler and skips a session already closed, so the close may run right here.
     */
    private static void refuse(WsContext ctx, int code, String reason) {
        ctx.closeSession(code, reason);
    }

    /**
     * Admits a socket that passed authentication (the native protocol, or a telephony adapter):
     * false, and the socket is closed with 1013, when the replica or the user is at capacity.
     */
    boolean open(WsContext ctx, Principal principal, CallSocket socket, String reservedCallId) {
        Optional<String> refused = admission.admit(ctx.sessionId(), new CallSession(principal, socket), reservedCallId);
        if (refused.isPresent()) {
            refuse(ctx, TRY_AGAIN_LATER, refused.get());
            return false;
        }
        ctx.session.setIdleTimeout(idleTimeout);
        return true;
    }

    /** A telephony adapter's call start: the provider asserted the caller number in a signed request, so no {@link StartFrame} check. */
    void startFromProvider(String sessionId, String callId, String userId, String callerNumber, AudioFormat format) {
        CallSession session = sessions.get(sessionId);
        if (session == null) {
            return;
        }
        work.enter();
        try {
            begin(session, new StartFrame(callId, userId, callerNumber, format));
        } catch (RuntimeException e) {
            LOG.error("call start failed", e);
            session.socket.close(1011, "internal error");
        } finally {
            work.leave();
        }
    }

    /** Caller audio from a telephony adapter, in the call's format. */
    void audioFromProvider(String sessionId, byte[] pcm) {
        audio.accept(sessions.get(sessionId), pcm, 0, pcm.length);
    }

    /** The provider ended the stream (the caller hung up). */
    void endFromProvider(String sessionId) {
        CallSession session = sessions.get(sessionId);
        if (session != null && session.call != null) {
            finishAndClose(session, "call ended");
        }
    }

    private void onText(WsContext ctx, String message) {
        CallSession session = sessions.get(ctx.sessionId());
        if (session == null) {
            return;
        }
        if (work.draining()) {
            session.error("draining", "this replica is shutting down; reconnect and resend");
            return;
        }
        work.enter();
        try {
            JsonNode frame;
            try {
                frame = Json.mapper().readTree(message);
            } catch (IOException e) {
                session.error("bad-request", "frames must be JSON objects with a 'type'");
                return;
            }
            String type = frame.path("type").asText("");
            switch (type) {
                case "start" -> start(session, frame);
                case "turn" -> turn(session, frame);
                case "end" -> end(session);
                default -> session.error("bad-request", "unknown frame type '" + abbreviate(type) + "'; expected start, turn or end");
            }
        } catch (RuntimeException e) {
            LOG.error("call frame failed", e);
            session.error("internal", "internal error");
        } finally {
            work.leave();
        }
    }

    private void start(CallSession session, JsonNode frame) {
        if (session.call != null) {
            session.error("bad-request", "this socket already carries call " + session.call.callId());
            return;
        }
        try {
            begin(session, StartFrame.read(frame, session.principal));
        } catch (StartFrame.Refused refused) {
            session.error(refused.code(), refused.getMessage());
        }
    }

    /** Starts (or resumes) the call on {@code session}: the decision, and the voice when the AI takes the call. */
    private void begin(CallSession session, StartFrame start) {
        String callId = start.callId();
        Optional<CallState> existing;
        boolean storeDown = false;
        try {
            existing = calls.find(callId);
        } catch (JedisException e) {
            // Redis down: the call is taken (not resumable on another replica) rather than refused (issue 10).
            storeDown = true;
            existing = Optional.empty();
            metrics.counter(VOICE_FAILURES, "stage", "store").increment();
            LOG.warn("call {} starts without the session store: {}", callId, e.getMessage());
        }
        boolean resumed = existing.isPresent();
        CallState call;
        if (resumed) {
            call = existing.get();
            if (!call.userId().equals(start.userId())) {
                // A call id is no capability: resuming someone else's call would hand over their transcript.
                session.error("conflict", "call " + callId + " belongs to another user");
                return;
            }
        } else {
            call = routing.decide(callId, start.userId(), start.callerNumber());
            if (CallRouting.WHITELIST_UNAVAILABLE.equals(call.reason())) {
                metrics.counter(VOICE_FAILURES, "stage", "decision").increment();
            }
            if (!storeDown && !createIfStoreAnswers(call)) {
                session.error("conflict", "call " + callId + " was started concurrently; resume it");
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
        if (call.aiHandled()) {
            session.voice = audio.voiceFor(session, call, start.format());
        }
        activeCalls.incrementAndGet();
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("type", "decision");
        decision.put("callId", call.callId());
        decision.put("action", call.action());
        decision.put("reason", call.reason());
        decision.put("degraded", call.degraded() || storeDown);
        decision.put("resumed", resumed);
        session.socket.send(decision);
        if (!call.aiHandled()) {
            // Put through or blocked: the AI has nothing to do on this call.
            if (call.action().equals("PUT_THROUGH")) {
                putThrough(session, call);
            }
            finishAndClose(session, call.action().equals("BLOCK") ? "call blocked" : "call put through");
        }
    }

    /**
     * Has the telephony provider forward a call the whitelist put through, counted in
     * {@code realtime_put_through_total{result=forwarded|not-forwarded|failed}}. A failure leaves the
     * call to end when the AI's part ends (the provider's answer is logged, never the number).
     */
    private void putThrough(CallSession session, CallState call) {
        String result;
        try {
            result = session.socket.putThrough() ? "forwarded" : "not-forwarded";
        } catch (RuntimeException e) {
            LOG.warn("call {} could not be put through: {}", call.callId(), e.getMessage());
            result = "failed";
        }
        metrics.counter("realtime_put_through", "result", result).increment();
    }

    /** Saves a new call; false when its id is taken. An unreachable store counts as saved: the call runs from memory. */
    private boolean createIfStoreAnswers(CallState call) {
        try {
            return calls.create(call);
        } catch (JedisException e) {
            metrics.counter(VOICE_FAILURES, "stage", "store").increment();
            LOG.warn("call {} is not in the session store: {}", call.callId(), e.getMessage());
            return true;
        }
    }

    private void turn(CallSession session, JsonNode frame) {
        CallState call = session.call;
        if (call == null) {
            session.error("bad-request", "send a start frame before turns");
            return;
        }
        String text = frame.path("text").asText("").trim();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            session.error("bad-request", "field 'text' must be 1-" + MAX_TEXT + " characters");
            return;
        }
        ConversationTurns.Reply reply = turns.answer(call, text, System.nanoTime() + turnBudget.toNanos());
        session.socket.send(replyFrame(call, reply));
    }

    /** The {@code reply} frame of a typed or spoken turn. */
    static Map<String, Object> replyFrame(CallState call, ConversationTurns.Reply reply) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "reply");
        frame.put("callId", call.callId());
        if (reply.seq() != null) {
            frame.put("seq", reply.seq());
        }
        frame.put("text", reply.text());
        if (reply.intent() != null) {
            frame.put("intent", reply.intent());
        }
        frame.put("endCall", reply.endCall());
        frame.put("degraded", reply.degraded());
        return frame;
    }

    private void end(CallSession session) {
        if (session.call == null) {
            session.error("bad-request", "no call to end on this socket");
            return;
        }
        finishAndClose(session, "call ended");
    }

    private void finishAndClose(CallSession session, String reason) {
        if (session.call == null) {
            return; // already finished (the client's end and the provider's stop can both arrive)
        }
        CallVoice voice = session.voice;
        if (voice != null) {
            // The utterance being answered goes into the transcript before the analyzer gets it.
            voice.finish(turnBudget.multipliedBy(2));
        }
        CallState call = session.call;
        session.call = null;
        activeCalls.decrementAndGet();
        boolean analysed;
        try {
            analysed = finisher.finish(call, turns.takeUnsaved(call.callId()));
        } catch (JedisException e) {
            LOG.warn("could not finish call {} while Redis is down: {}", call.callId(), e.getMessage());
            analysed = false;
        }
        session.socket.send(Map.of("type", "ended", "callId", call.callId(), "analysed", analysed));
        session.socket.close(NORMAL, reason);
    }

    /** A socket closed: by the client, the idle timeout, or shutdown. Only shutdown keeps the call for a resume. */
    void closed(String sessionId) {
        CallSession session = sessions.remove(sessionId);
        if (session != null && session.voice != null) {
            session.voice.finish(Duration.ZERO); // stops reply audio; nobody listens any more
        }
        if (session == null || session.call == null) {
            return;
        }
        CallState call = session.call;
        session.call = null;
        activeCalls.decrementAndGet();
        if (!work.draining()) {
            try {
                finisher.finish(call, turns.takeUnsaved(call.callId()));
            } catch (RuntimeException e) {
                LOG.warn("could not finish call {}: {}", call.callId(), e.toString());
            }
        }
    }

    public int activeCalls() {
        return activeCalls.get();
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
