package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.http.ServiceClient.ServiceCallException;
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
 * as wrong ({@link ServiceCallException#permanent()}: a NUL byte in a turn, a call id already analysed
 * for another user) can never be analysed: it goes to a dead-letter list ({@code realtime_transcripts
 * {result="dead-letter"}}) instead of being sent again every second for ever (issue 10, item 4).
 */
public final class CallFinisher {

    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    /** Every outcome of handing a transcript over, registered at zero so dashboards see them from the start. */
    static final long DEAD_LETTER_KEPT = 10_000;
    static final List<String> RESULTS = List.of("analysed", "deferred", "dead-letter");
    private static final Logger LOG = LoggerFactory.getLogger(CallFinisher.class);

    private final CallStore calls;
    private final CallRouting routing;
    private final RedisStore redis;
    private final MeterRegistry metrics;

    public CallFinisher(CallStore calls, CallRouting routing, RedisStore redis, MeterRegistry metrics) {
        this.calls = calls;
        this.routing = routing;
        this.redis = redis;
        this.metrics = metrics;
        RESULTS.forEach(result -> metrics.counter("realtime_transcripts", "result", result));
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

    /** Finishes {@code call} now if the analyzer takes it, otherwise queues it for retry. */
    public boolean finish(CallState call) {
        if (!call.aiHandled()) {
            calls.delete(call.callId());
            return true;
        }
        routing.endConversation(call.callId());
        if (analyse(call)) {
            return true;
        }
        redis.client().rpush(pendingKey(), call.callId());
        return false;
    }

    private boolean analyse(CallState call) {
        List<Utterance> transcript = calls.transcript(call.callId());
        if (transcript.isEmpty()) {
            calls.delete(call.callId());
            return true;
        }
        try {
            routing.analyse(call, transcript);
            calls.delete(call.callId());
            metrics.counter("realtime_transcripts", "result", "analysed").increment();
            return true;
        } catch (ServiceCallException e) {
            if (e.permanent()) {
                deadLetter(call.callId(), e);
                return true;
            }
            metrics.counter("realtime_transcripts", "result", "deferred").increment();
            LOG.warn("conversation-analyzer did not take call {}; will retry: {}", call.callId(), e.getMessage());
            return false;
        }
    }

    /**
     * Keeps a transcript the analyzer refused for good where an operator can find it (the call's lines
     * stay in {@link CallStore} under their usual expiry; the id in the dead-letter list) and stops sending it.
     */
    private void deadLetter(String callId, ServiceCallException refusal) {
        String key = redis.key("dead-letter-analysis");
        redis.client().rpush(key, callId);
        redis.client().ltrim(key, -DEAD_LETTER_KEPT, -1); // refusals are rare; a flood of them must not fill Redis
        metrics.counter("realtime_transcripts", "result", "dead-letter").increment();
        LOG.error("conversation-analyzer refused call {} for good ({}); dead-lettered, not retried: {}", callId, refusal.status(),
                refusal.getMessage());
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
            if (call.isEmpty() || analyse(call.get())) {
                redis.client().lrem(pendingKey(), 1, callId);
            } else {
                return; // still down: wait for the next round
            }
        }
    }

    private String pendingKey() {
        return redis.key("pending-analysis");
    }
}
