package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.http.ServiceClient.ServiceCallException;
import dev.voiceplane.app.core.observability.CounterFamily;
import dev.voiceplane.app.core.redis.RedisStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.args.ListDirection;

/**
 * Finishes a call: ends its dialog and hands the transcript to conversation-analyzer. A call is
 * forgotten only after the analyzer acknowledged it; until then its id waits in a Redis list that
 * this task retries every {@link #RETRY_INTERVAL}, on whichever replica is up, so a transcript
 * survives both an analyzer outage and a restart of this service. A transcript the analyzer refuses
 * as wrong (a permanent 4xx, e.g. 409: the call id was analysed for another user) can never be
 * analysed: it goes to a dead-letter list for an operator instead of being sent every second for
 * ever (issue 10: neither a retry storm nor load on the analyzer's error alerts).
 */
public final class CallFinisher {

    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(CallFinisher.class);

    private final CallStore calls;
    private final CallRouting routing;
    private final RedisStore redis;
    private final CounterFamily transcripts;

    public CallFinisher(CallStore calls, CallRouting routing, RedisStore redis, MeterRegistry metrics) {
        this.calls = calls;
        this.routing = routing;
        this.redis = redis;
        this.transcripts = CounterFamily.of(metrics, "realtime_transcripts", "call transcripts handed to conversation-analyzer, by result",
                "result", List.of("analysed", "deferred", "dead_lettered"));
    }

    /**
     * Finishes {@code call}, whose last {@code unsaved} lines Redis could not take during the call:
     * they are written first; if Redis is still down the analyzer gets what this replica holds
     * (the earlier turns are in Redis and reach it by the retry once Redis is back).
     */
    public boolean finish(CallState call, java.util.List<Utterance> unsaved) {
        if (!unsaved.isEmpty()) {
            try {
                calls.append(call.callId(), unsaved.toArray(Utterance[]::new));
            } catch (redis.clients.jedis.exceptions.JedisException e) {
                LOG.warn("call {}: Redis is down at the end of the call; the analyzer gets the {} line(s) held here", call.callId(), unsaved.size());
                routing.endConversation(call.callId());
                try {
                    routing.analyse(call, unsaved);
                    return true;
                } catch (ServiceCallException analyzerDown) {
                    LOG.warn("call {}: neither Redis nor the analyzer answers; {} transcript line(s) lost", call.callId(), unsaved.size());
                    return false;
                }
            }
        }
        return finish(call);
    }

    /** Finishes {@code call} now if the analyzer takes it, otherwise queues it for retry (or, refused for good, dead-letters it). */
    public boolean finish(CallState call) {
        if (!call.aiHandled()) {
            calls.delete(call.callId());
            return true;
        }
        routing.endConversation(call.callId());
        Outcome outcome = analyse(call);
        if (outcome == Outcome.RETRY) {
            redis.client().rpush(pendingKey(), call.callId());
        }
        return outcome == Outcome.DONE;
    }

    /** What became of one attempt to hand a transcript over. */
    private enum Outcome { DONE, RETRY, DEAD_LETTERED }

    private Outcome analyse(CallState call) {
        List<Utterance> transcript = calls.transcript(call.callId());
        if (transcript.isEmpty()) {
            calls.delete(call.callId());
            return Outcome.DONE;
        }
        try {
            routing.analyse(call, transcript);
            calls.delete(call.callId());
            transcripts.increment("analysed");
            return Outcome.DONE;
        } catch (ServiceCallException e) {
            // 404 is "not deployed yet" during a rollout, not a verdict on this transcript.
            if (e.permanent() && e.status() != 404) {
                redis.client().rpush(deadLetterKey(), call.callId());
                transcripts.increment("dead_lettered");
                LOG.warn("conversation-analyzer refused call {} for good ({}); listed in {}, its lines kept until they expire",
                        call.callId(), e.status(), deadLetterKey());
                return Outcome.DEAD_LETTERED;
            }
            transcripts.increment("deferred");
            LOG.warn("conversation-analyzer did not take call {}; will retry: {}", call.callId(), e.getMessage());
            return Outcome.RETRY;
        }
    }

    /** One retry round over the pending transcripts; run every {@link #RETRY_INTERVAL} as a {@code PeriodicTask}. */
    void retryPending() {
        // Move one id at a time to the back: it stays listed until analysed, even if this replica dies now.
        long pending = redis.client().llen(pendingKey());
        for (long i = 0; i < pending; i++) {
            String callId = redis.client().lmove(pendingKey(), pendingKey(), ListDirection.LEFT, ListDirection.RIGHT);
            if (callId == null) {
                return;
            }
            var call = calls.find(callId);
            if (call.isEmpty() || analyse(call.get()) != Outcome.RETRY) {
                redis.client().lrem(pendingKey(), 1, callId);
            } else {
                return; // still down: wait for the next round
            }
        }
    }

    private String pendingKey() {
        return redis.key("pending-analysis");
    }

    /** Call ids whose transcript the analyzer refused for good; the call's lines stay until {@link CallStore#TTL} after its last write. */
    String deadLetterKey() {
        return redis.key("dead-analysis");
    }
}
