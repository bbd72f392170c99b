package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.ServiceClient.ServiceCallException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller turn, typed or spoken: conversation-engine's answer within the time left, or the
 * holding reply when it fails or is late; either way both lines are in Redis before the caller
 * hears the reply, so the analyzer's transcript holds every turn.
 */
final class ConversationTurns {

    static final String FALLBACK_REPLY = "Sorry, one moment please. Could you repeat that?";
    private static final Logger LOG = LoggerFactory.getLogger(ConversationTurns.class);

    /**
     * The assistant's answer to a turn.
     *
     * @param seq      the engine's turn number, or null for a holding reply
     * @param degraded whether this is the holding reply
     */
    record Reply(Integer seq, String text, String intent, boolean endCall, boolean degraded) {
        static Reply holding() {
            return new Reply(null, FALLBACK_REPLY, null, false, true);
        }
    }

    private final CallRouting routing;
    private final CallStore calls;
    private final MeterRegistry metrics;
    private final Executor executor;
    private final Timer turnTimer;
    /** Per call, transcript lines written while Redis was unreachable, in order. */
    private final java.util.Map<String, java.util.List<Utterance>> unsaved = new java.util.concurrent.ConcurrentHashMap<>();

    ConversationTurns(CallRouting routing, CallStore calls, MeterRegistry metrics, Executor executor) {
        this.routing = routing;
        this.calls = calls;
        this.metrics = metrics;
        this.executor = executor;
        this.turnTimer = Timer.builder("realtime_turn_duration").description("time from a caller turn to the assistant's reply")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(metrics);
    }

    /** The reply to {@code text}, given at most until {@code deadline} ({@link System#nanoTime()}). */
    Reply answer(CallState call, String text, long deadline) {
        long start = System.nanoTime();
        Reply reply;
        try {
            // The engine client's own timeout is the whole budget; a spoken turn has less left after speech-to-text.
            CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(() -> engineTurn(call, text), executor);
            JsonNode body = answer.get(Math.max(1, deadline - start), TimeUnit.NANOSECONDS);
            reply = new Reply(body.path("seq").asInt(), body.path("reply").asText(), body.path("intent").asText(),
                    body.path("endCall").asBoolean(false), false);
            metrics.counter("realtime_turns", "result", "ok").increment();
        } catch (TimeoutException | ExecutionException e) {
            boolean timeout = e instanceof TimeoutException || e.getCause() instanceof ServiceCallException s
                    && s.getCause() instanceof HttpTimeoutException;
            metrics.counter("realtime_turns", "result", timeout ? "timeout" : "error").increment();
            metrics.counter(CallSessions.VOICE_FAILURES, "stage", timeout ? "turn-timeout" : "turn-error").increment();
            LOG.warn("turn of call {} got no answer in time: {}", call.callId(), timeout ? "over budget" : e.getCause().getMessage());
            reply = Reply.holding();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = Reply.holding();
        }
        if (!record(call, text, reply)) {
            // Redis is down: the turn cannot be in the transcript before the caller hears it, so the caller
            // gets the holding reply, not an error; the lines wait in memory for the next write (issue 10).
            reply = Reply.holding();
        }
        turnTimer.record(Duration.ofNanos(System.nanoTime() - start));
        return reply;
    }

    /**
     * The reply to {@code text}, streamed: conversation-engine's reply is given to {@code sentence}
     * sentence by sentence as the model writes it, so the first can be spoken while the rest is
     * written. The first sentence must come by {@code deadline}; when it does not, or the engine
     * fails first, the holding reply is given instead (and the engine's stream abandoned). A failure
     * after the first sentence ends the reply with what was given. {@code abandoned} is read as the
     * reply comes: once true the stream is closed (the caller spoke on, or hung up), and the engine
     * records no turn. Nothing is written to the transcript here: see {@link #record}.
     */
    Reply stream(CallState call, String text, long deadline, java.util.function.Consumer<String> sentence,
            java.util.function.BooleanSupplier abandoned) {
        long start = System.nanoTime();
        SentenceStream sentences = new SentenceStream(sentence);
        java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(() -> engineTurn(call, text, line -> {
            if (abandoned.getAsBoolean() || late.get()) {
                throw new java.util.concurrent.CancellationException("reply abandoned");
            }
            if (line.has("delta")) {
                sentences.add(line.path("delta").asText());
            }
        }), executor);
        Reply reply;
        try {
            if (!sentences.awaitFirst(answer, deadline)) {
                throw new TimeoutException();
            }
            JsonNode body = answer.get(Math.max(deadline - System.nanoTime(), budgetAfterFirst(deadline, start)), TimeUnit.NANOSECONDS);
            String whole = sentences.end(body.path("reply").asText(""));
            reply = new Reply(body.path("seq").asInt(), whole, body.path("intent").asText(), body.path("endCall").asBoolean(false), false);
            metrics.counter("realtime_turns", "result", "ok").increment();
        } catch (TimeoutException | ExecutionException e) {
            late.set(true);
            boolean timeout = e instanceof TimeoutException || e.getCause() instanceof ServiceCallException s
                    && s.getCause() instanceof HttpTimeoutException;
            if (abandoned.getAsBoolean()) {
                return Reply.holding();
            }
            metrics.counter("realtime_turns", "result", timeout ? "timeout" : "error").increment();
            metrics.counter(CallSessions.VOICE_FAILURES, "stage", timeout ? "turn-timeout" : "turn-error").increment();
            LOG.warn("streamed turn of call {} failed: {}", call.callId(), timeout ? "over budget" : e.getCause().getMessage());
            reply = sentences.given() ? new Reply(null, sentences.end(""), null, false, true) : holding(sentences);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            late.set(true);
            reply = Reply.holding();
        }
        turnTimer.record(Duration.ofNanos(System.nanoTime() - start));
        return reply;
    }

    private static Reply holding(SentenceStream sentences) {
        sentences.instead(FALLBACK_REPLY);
        return Reply.holding();
    }

    /** After the first sentence the rest of the reply has as long again as the first took, at least a second. */
    private static long budgetAfterFirst(long deadline, long start) {
        return Math.max(Duration.ofSeconds(1).toNanos(), deadline - start);
    }

    /**
     * Writes the turn (after any lines an earlier outage kept back) to the call's transcript; false
     * when the store is unreachable, the lines then wait in {@link #unsaved}.
     */
    boolean record(CallState call, String text, Reply reply) {
        java.util.List<Utterance> lines = unsaved.computeIfAbsent(call.callId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>());
        lines.add(Utterance.caller(text));
        lines.add(Utterance.assistant(reply.text()));
        try {
            calls.append(call.callId(), lines.toArray(Utterance[]::new));
            unsaved.remove(call.callId());
            return true;
        } catch (redis.clients.jedis.exceptions.JedisException e) {
            metrics.counter(CallSessions.VOICE_FAILURES, "stage", "store").increment();
            LOG.warn("call {}: the transcript store is unreachable, {} line(s) kept in memory: {}", call.callId(), lines.size(), e.getMessage());
            lines.set(lines.size() - 1, Utterance.assistant(FALLBACK_REPLY));
            return false;
        }
    }

    /** Lines of {@code callId} the store could not take yet (removed); empty when everything is in Redis. */
    java.util.List<Utterance> takeUnsaved(String callId) {
        java.util.List<Utterance> lines = unsaved.remove(callId);
        return lines == null ? java.util.List.of() : java.util.List.copyOf(lines);
    }

    /** A turn; if the engine lost the dialog (opened while it was down), opens it and tries once more. */
    private JsonNode engineTurn(CallState call, String text) {
        return engineTurn(call, text, null);
    }

    /** The same, streamed when {@code line} is given: each line of the answer, the last one the turn, which is returned. */
    private JsonNode engineTurn(CallState call, String text, java.util.function.Consumer<JsonNode> line) {
        try {
            return line == null ? routing.turn(call.callId(), text) : routing.turn(call.callId(), text, line);
        } catch (ServiceCallException e) {
            if (e.status() != 404) {
                throw e;
            }
            routing.openConversation(call);
            return line == null ? routing.turn(call.callId(), text) : routing.turn(call.callId(), text, line);
        }
    }
}
