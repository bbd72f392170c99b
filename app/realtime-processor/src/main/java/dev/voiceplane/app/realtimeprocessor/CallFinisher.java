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
 * survives both an analyzer outage and a restart of this service.
 */
public final class CallFinisher {

    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
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
            metrics.counter("realtime_transcripts", "result", "deferred").increment();
            LOG.warn("conversation-analyzer did not take call {}; will retry: {}", call.callId(), e.getMessage());
            return false;
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
