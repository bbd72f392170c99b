package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.http.ServiceClient.ServiceCallException;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.app.core.telephony.PhoneNumber;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call WebSocket: one socket per call. The client sends JSON text frames
 * ({@code start}, {@code turn}, {@code end}) and gets {@code decision}, {@code reply},
 * {@code ended} and {@code error} frames back; see the module README for the protocol. Binary
 * frames are the caller's audio: cut into utterances by {@link CallVoice} and answered by the
 * {@link SpeechPipeline} (transcript, reply and reply audio), when Azure Speech is configured.
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

    /** Why a call was refused; each is registered at zero so {@code rate()} sees the first refusal. */
    static final java.util.List<String> REJECT_REASONS = java.util.List.of("capacity", "draining", "user-cap");
    /** Every stage {@value #VOICE_FAILURES} counts; registered at zero for the same reason. */
    static final java.util.List<String> FAILURE_STAGES = java.util.List.of("decision", "store", "stt-error", "stt-timeout",
            "turn-error", "turn-timeout", "tts-error", "tts-timeout");

    private static final Logger LOG = LoggerFactory.getLogger(CallSessions.class);

    /** What one socket holds: who opened it, and its call once started. */
    private static final class Session {
        final Principal principal;
        final CallSocket socket;
        volatile CallState call;
        volatile CallVoice voice;
        /** Whether this socket was already told why its audio is not taken (told once, not per frame). */
        boolean audioRefused;

        Session(Principal principal, CallSocket socket) {
            this.principal = principal;
            this.socket = socket;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** Telephony calls answered by a webhook whose stream has not opened yet: call id to the end of the hold ({@link System#nanoTime()}). */
    private final Map<String, Long> reservations = new ConcurrentHashMap<>();
    private final AtomicInteger activeCalls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object drained = new Object();
    private volatile boolean draining;

    private final WebSocketAuth auth;
    private final CallStore calls;
    private final CallRouting routing;
    private final CallFinisher finisher;
    private final ConversationTurns turns;
    private final Optional<SpeechPipeline> speech;
    private final Executor voiceExecutor;
    private final MeterRegistry metrics;
    private final int maxCalls;
    private final int maxCallsPerUser;
    private final Duration idleTimeout;
    private final Duration turnBudget;

    /**
     * @param speech        the voice pipeline, empty when Azure Speech is not configured
     * @param voiceExecutor where utterances are answered (never a socket thread: barge-in needs it free)
     */
    public CallSessions(WebSocketAuth auth, CallStore calls, CallRouting routing, CallFinisher finisher, ConversationTurns turns,
            Optional<SpeechPipeline> speech, Executor voiceExecutor, MeterRegistry metrics, int maxCalls, int maxCallsPerUser,
            Duration idleTimeout, Duration turnBudget) {
        this.auth = auth;
        this.calls = calls;
        this.routing = routing;
        this.finisher = finisher;
        this.turns = turns;
        this.speech = speech;
        this.voiceExecutor = voiceExecutor;
        this.metrics = metrics;
        this.maxCalls = maxCalls;
        this.maxCallsPerUser = maxCallsPerUser;
        this.idleTimeout = idleTimeout;
        this.turnBudget = turnBudget;
        Gauge.builder("active_calls", activeCalls, AtomicInteger::get).description("calls in progress on this replica").register(metrics);
        REJECT_REASONS.forEach(reason -> metrics.counter("realtime_calls_rejected", "reason", reason));
        FAILURE_STAGES.forEach(stage -> metrics.counter(VOICE_FAILURES, "stage", stage));
    }

    /**
     * Sockets a person holds: a {@code user} token may hold at most {@code MAX_CALLS_PER_USER} at
     * once, so one account cannot take every slot of a replica. A telephony gateway ({@code service})
     * carries many people's calls and is bounded by the replica's capacity alone.
     */
    private long socketsOf(Principal principal) {
        return sessions.values().stream().filter(s -> s.principal.subject().equals(principal.subject())).count();
    }

    private boolean overUserCap(Principal principal, long allowed) {
        return !principal.has(dev.voiceplane.app.core.auth.Role.SERVICE) && !principal.has(dev.voiceplane.app.core.auth.Role.ADMIN)
                && socketsOf(principal) > allowed;
    }

    /** A {@code wsBeforeUpgrade} handler: a full replica answers 503 before the socket opens. */
    public void beforeUpgrade(Context ctx) {
        if (draining || sessions.size() + reserved() >= maxCalls) {
            metrics.counter("realtime_calls_rejected", "reason", draining ? "draining" : "capacity").increment();
            ctx.header("Retry-After", "1");
            throw new HttpResponseException(503, draining ? "this replica is shutting down; connect again"
                    : "this replica is at its MAX_CONCURRENT_CALLS of " + maxCalls + "; connect again");
        }
        Optional<Principal> principal = auth.verify(ctx.header("Authorization"), ctx.queryParam(WebSocketAuth.QUERY_PARAMETER));
        if (principal.isPresent() && overUserCap(principal.get(), maxCallsPerUser - 1)) {
            metrics.counter("realtime_calls_rejected", "reason", "user-cap").increment();
            ctx.header("Retry-After", "5");
            throw new HttpResponseException(429, "you already hold " + maxCallsPerUser + " call sockets (" + Env.MAX_CALLS_PER_USER
                    + "); end one first");
        }
    }

    /**
     * Closes a socket refused in its connect handler. Core's session tracker hears of the connect
     * after this handler and skips a session already closed, so the close may run right here.
     */
    private static void refuse(WsContext ctx, int code, String reason) {
        ctx.closeSession(code, reason);
    }

    public void install(WsConfig ws) {
        ws.onConnect(ctx -> {
            Optional<Principal> principal = auth.verify(ctx.header("Authorization"), ctx.queryParam(WebSocketAuth.QUERY_PARAMETER));
            if (principal.isEmpty()) {
                refuse(ctx, 1008, "a valid access token is required");
                return;
            }
            if (!open(ctx, principal.get(), new NativeCallSocket(ctx), null)) {
                return;
            }
        });
        ws.onMessage(ctx -> onText(ctx, ctx.message()));
        ws.onBinaryMessage(ctx -> onAudio(sessions.get(ctx.sessionId()), ctx.data(), ctx.offset(), ctx.length()));
        ws.onClose(ctx -> closed(ctx.sessionId()));
        ws.onError(ctx -> closed(ctx.sessionId()));
    }

    /**
     * Admits a socket that passed authentication (the native protocol, or a telephony adapter):
     * false, and the socket is closed with 1013, when the replica or the user is at capacity.
     */
    boolean open(WsContext ctx, Principal principal, CallSocket socket, String reservedCallId) {
        if (reservedCallId != null) {
            reservations.remove(reservedCallId);
        }
        sessions.put(ctx.sessionId(), new Session(principal, socket));
        boolean full = sessions.size() + reserved() > maxCalls;
        if (full || overUserCap(principal, maxCallsPerUser)) {
            sessions.remove(ctx.sessionId());
            metrics.counter("realtime_calls_rejected", "reason", full ? "capacity" : "user-cap").increment();
            refuse(ctx, TRY_AGAIN_LATER, full ? "replica at capacity" : "too many calls of one user");
            return false;
        }
        ctx.session.setIdleTimeout(idleTimeout);
        return true;
    }

    /**
     * Holds a place for a call a telephony webhook is answering, until its media stream opens (at
     * most {@code hold}): false when the replica is full, so the webhook refuses the call (the
     * caller hears busy, or the provider tries another replica) instead of answering a call it
     * could not serve.
     */
    synchronized boolean reserve(String callId, Duration hold) {
        if (draining || sessions.size() + reserved() >= maxCalls) {
            metrics.counter("realtime_calls_rejected", "reason", draining ? "draining" : "capacity").increment();
            return false;
        }
        reservations.put(callId, System.nanoTime() + hold.toNanos());
        return true;
    }

    /** Gives back the place held for {@code callId} (the provider could not be told to connect it). */
    void unreserve(String callId) {
        reservations.remove(callId);
    }

    /** Places held for telephony calls whose stream has not opened yet (expired ones are dropped). */
    private int reserved() {
        long now = System.nanoTime();
        reservations.values().removeIf(until -> until - now < 0);
        return reservations.size();
    }

    /** A telephony adapter's call start: the provider asserted the caller number; false when the call is not AI-handled or failed. */
    void startFromProvider(String sessionId, String callId, String userId, String callerNumber, AudioFormat format) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return;
        }
        inFlight.incrementAndGet();
        try {
            begin(session, callId, userId, callerNumber, format);
        } catch (RuntimeException e) {
            LOG.error("call start failed", e);
            session.socket.close(1011, "internal error");
        } finally {
            leave();
        }
    }

    /** Caller audio from a telephony adapter, in the call's format. */
    void audioFromProvider(String sessionId, byte[] audio) {
        Session session = sessions.get(sessionId);
        onAudio(session, audio, 0, audio.length);
    }

    /** The provider ended the stream (the caller hung up). */
    void endFromProvider(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session != null && session.call != null) {
            finishAndClose(session, "call ended");
        }
    }

    private void onText(WsContext ctx, String message) {
        Session session = sessions.get(ctx.sessionId());
        if (session == null) {
            return;
        }
        if (draining) {
            error(session, "draining", "this replica is shutting down; reconnect and resend");
            return;
        }
        inFlight.incrementAndGet();
        try {
            JsonNode frame;
            try {
                frame = Json.mapper().readTree(message);
            } catch (IOException e) {
                error(session, "bad-request", "frames must be JSON objects with a 'type'");
                return;
            }
            String type = frame.path("type").asText("");
            switch (type) {
                case "start" -> start(session, frame);
                case "turn" -> turn(session, frame);
                case "end" -> end(session);
                default -> error(session, "bad-request", "unknown frame type '" + abbreviate(type) + "'; expected start, turn or end");
            }
        } catch (RuntimeException e) {
            LOG.error("call frame failed", e);
            error(session, "internal", "internal error");
        } finally {
            leave();
        }
    }

    /** A binary frame: caller audio in the call's format, fed to its endpointer on this (the socket's) thread. */
    private void onAudio(Session session, byte[] data, int offset, int length) {
        if (session == null) {
            return;
        }
        metrics.counter("realtime_audio_frames").increment();
        metrics.counter("realtime_audio_bytes").increment(length);
        if (draining) {
            return; // the socket closes with 1001 in a moment; the client resumes elsewhere
        }
        CallVoice voice = session.voice;
        if (voice == null) {
            if (!session.audioRefused) {
                session.audioRefused = true;
                error(session, "bad-request", "send a start frame before audio");
            }
            return;
        }
        try {
            voice.accept(offset == 0 && length == data.length ? data : java.util.Arrays.copyOfRange(data, offset, offset + length));
        } catch (RuntimeException e) {
            LOG.error("caller audio could not be processed", e);
            error(session, "internal", "internal error");
        }
    }

    /** Queues a finished utterance of the session's call; it counts as in flight until answered, like a text turn. */
    private void onUtterance(Session session, CallVoice voice, CallVoice.Utterance16k utterance) {
        CallState call = session.call;
        if (call == null || draining) {
            return;
        }
        inFlight.incrementAndGet();
        boolean queued = voice.enqueue(() -> {
            try {
                speech.orElseThrow().answer(call, voice, utterance, session.socket, () -> draining);
            } catch (RuntimeException e) {
                LOG.error("utterance of call {} failed", call.callId(), e);
                error(session, "internal", "internal error");
            } finally {
                leave();
            }
        });
        if (!queued) {
            leave();
            metrics.counter("realtime_voice_utterances", "result", "dropped").increment();
            LOG.warn("call {}: caller speech dropped, {} utterances are already waiting", call.callId(), CallVoice.MAX_QUEUED);
        }
    }

    private void leave() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    private void start(Session session, JsonNode frame) {
        if (session.call != null) {
            error(session, "bad-request", "this socket already carries call " + session.call.callId());
            return;
        }
        AudioFormat format;
        try {
            format = AudioFormat.of(frame);
        } catch (IllegalArgumentException e) {
            error(session, "bad-request", e.getMessage());
            return;
        }
        String callId = frame.path("callId").asText("");
        String userId = frame.path("userId").asText(session.principal.subject());
        String caller = frame.hasNonNull("callerNumber") ? frame.path("callerNumber").asText() : null;
        if (!ID.matcher(callId).matches() || !ID.matcher(userId).matches()) {
            error(session, "bad-request", "field 'callId' and 'userId' must be 1-64 letters, digits, '-' or '_'");
            return;
        }
        if (caller != null && !session.principal.has(dev.voiceplane.app.core.auth.Role.SERVICE)) {
            // A caller number decides the whitelist and feeds every user's spam scores: only a telephony
            // provider (a service token, or this service's own Twilio and ACS adapters) may assert it (issue 10).
            error(session, "forbidden", "only a telephony provider may assert 'callerNumber'; leave it out");
            return;
        }
        if (caller != null) {
            try {
                caller = PhoneNumber.parse("callerNumber", caller);
            } catch (IllegalArgumentException e) {
                error(session, "bad-request", e.getMessage());
                return;
            }
        }
        if (!session.principal.mayActFor(userId)) {
            error(session, "forbidden", "you may only take your own calls");
            return;
        }
        begin(session, callId, userId, caller, format);
    }

    /** Starts (or resumes) the call on {@code session}: the decision, and the voice when the AI takes the call. */
    private void begin(Session session, String callId, String userId, String caller, AudioFormat format) {
        Optional<CallState> existing;
        boolean storeDown = false;
        try {
            existing = calls.find(callId);
        } catch (redis.clients.jedis.exceptions.JedisException e) {
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
            if (!call.userId().equals(userId)) {
                error(session, "conflict", "call " + callId + " belongs to another user");
                return;
            }
        } else {
            call = routing.decide(callId, userId, caller);
            if (CallRouting.WHITELIST_UNAVAILABLE.equals(call.reason())) {
                metrics.counter(VOICE_FAILURES, "stage", "decision").increment();
            }
            if (!storeDown && !createIfStoreAnswers(call)) {
                error(session, "conflict", "call " + callId + " was started concurrently; resume it");
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
            CallVoice[] voice = new CallVoice[1];
            voice[0] = new CallVoice(format, Endpointer.Settings.DEFAULT, voiceExecutor, speech.map(SpeechPipeline::speechToText).orElse(null),
                    speech.<CallVoice.EarlyReplies>map(pipeline -> words -> pipeline.speculate(call, format, words)).orElse(null),
                    u -> onUtterance(session, voice[0], u));
            session.voice = voice[0];
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
            finishAndClose(session, call.action().equals("BLOCK") ? "call blocked" : "call put through");
        }
    }

    /** Saves a new call; false when its id is taken. An unreachable store counts as saved: the call runs from memory. */
    private boolean createIfStoreAnswers(CallState call) {
        try {
            return calls.create(call);
        } catch (redis.clients.jedis.exceptions.JedisException e) {
            metrics.counter(VOICE_FAILURES, "stage", "store").increment();
            LOG.warn("call {} is not in the session store: {}", call.callId(), e.getMessage());
            return true;
        }
    }

    private void turn(Session session, JsonNode frame) {
        CallState call = session.call;
        if (call == null) {
            error(session, "bad-request", "send a start frame before turns");
            return;
        }
        String text = frame.path("text").asText("").trim();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            error(session, "bad-request", "field 'text' must be 1-" + MAX_TEXT + " characters");
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

    private void end(Session session) {
        CallState call = session.call;
        if (call == null) {
            error(session, "bad-request", "no call to end on this socket");
            return;
        }
        finishAndClose(session, "call ended");
    }

    private void finishAndClose(Session session, String reason) {
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
        } catch (redis.clients.jedis.exceptions.JedisException e) {
            LOG.warn("could not finish call {} while Redis is down: {}", call.callId(), e.getMessage());
            analysed = false;
        }
        session.socket.send(Map.of("type", "ended", "callId", call.callId(), "analysed", analysed));
        session.socket.close(NORMAL, reason);
    }

    /** A socket closed: by the client, the idle timeout, or shutdown. Only shutdown keeps the call for a resume. */
    void closed(String sessionId) {
        Session session = sessions.remove(sessionId);
        if (session != null && session.voice != null) {
            session.voice.finish(Duration.ZERO); // stops reply audio; nobody listens any more
        }
        if (session == null || session.call == null) {
            return;
        }
        CallState call = session.call;
        session.call = null;
        activeCalls.decrementAndGet();
        if (!draining) {
            try {
                finisher.finish(call, turns.takeUnsaved(call.callId()));
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

    private static void error(Session session, String code, String message) {
        session.socket.send(Map.of("type", "error", "code", code, "message", message));
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
