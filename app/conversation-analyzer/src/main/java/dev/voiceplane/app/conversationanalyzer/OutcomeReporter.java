package dev.voiceplane.app.conversationanalyzer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.ServiceClient;
import dev.voiceplane.app.core.redis.RedisStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

/**
 * Reports each analysed call's outcome and category to profile-analytics ({@code POST /api/calls}),
 * which builds caller profiles from them. The analysis is stored first; reporting is an outbox: tried
 * at once, and while profile-analytics is down the rows stay pending and this task retries them
 * every {@link #RETRY_INTERVAL}. profile-analytics counts a call id once, so a report sent twice
 * (two replicas, a crash after sending) does no harm; a Redis lock keeps replicas from retrying the
 * same rows at the same time. Exported: {@code analyzer_reports_pending}, {@code analyzer_reports_total{result}}.
 */
public final class OutcomeReporter {

    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    static final int BATCH = 50;
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeReporter.class);

    private final AnalysisStore store;
    private final ServiceClient analytics;
    private final RedisStore redis;
    private final MeterRegistry metrics;
    private final AtomicLong pending = new AtomicLong();

    public OutcomeReporter(AnalysisStore store, ServiceClient analytics, RedisStore redis, MeterRegistry metrics) {
        this.store = store;
        this.analytics = analytics;
        this.redis = redis;
        this.metrics = metrics;
        Gauge.builder("analyzer_reports_pending", pending, AtomicLong::get)
                .description("analysed calls whose outcome profile-analytics has not acknowledged yet").register(metrics);
    }

    /** Reports one analysis now; false (and left pending) when profile-analytics does not acknowledge it. */
    public boolean report(Analysis analysis) {
        if (analysis.callerNumber() == null) {
            return false; // profile-analytics keys profiles by number: nothing to build on
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("callId", analysis.callId());
        call.put("userId", analysis.userId());
        call.put("callerNumber", analysis.callerNumber());
        call.put("startedAt", analysis.startedAt());
        call.put("durationSeconds", analysis.durationSeconds());
        call.put("outcome", analysis.outcome().name());
        call.put("spamCategory", analysis.category().name());
        try {
            analytics.post("/api/calls", call, JsonNode.class);
            store.markReported(analysis.callId());
            metrics.counter("analyzer_reports", "result", "acknowledged").increment();
            return true;
        } catch (ServiceClient.ServiceCallException e) {
            metrics.counter("analyzer_reports", "result", "failed").increment();
            LOG.warn("profile-analytics did not take call {}; will retry: {}", analysis.callId(), e.getMessage());
            return false;
        }
    }

    /** One retry round over the unreported analyses; run every {@link #RETRY_INTERVAL} as a {@code PeriodicTask}. */
    void retryPending() {
        String lock = redis.key("report-lock");
        if (!"OK".equals(redis.client().set(lock, "1", SetParams.setParams().nx().px(RETRY_INTERVAL.toMillis() * 5)))) {
            return;
        }
        try {
            for (Analysis analysis : store.unreported(BATCH)) {
                if (!report(analysis)) {
                    break; // still down: try again next round instead of timing out on every row
                }
            }
            pending.set(store.countUnreported());
        } finally {
            redis.client().del(lock);
        }
    }
}
