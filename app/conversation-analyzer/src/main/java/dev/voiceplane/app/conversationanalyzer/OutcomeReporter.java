package dev.voiceplane.app.conversationanalyzer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.ServiceClient;
import dev.voiceplane.app.core.redis.RedisStore;
import dev.voiceplane.app.core.observability.CounterFamily;
import dev.voiceplane.app.core.runtime.RetrySchedule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

/**
 * Reports each analysed call's outcome and category to profile-analytics ({@code POST /api/calls}),
 * which builds caller profiles from them. The analysis is stored first; reporting is an outbox: tried
 * at once, and while profile-analytics is down the rows stay pending and this task retries the due
 * ones every {@link #RETRY_INTERVAL}, each with exponential backoff ({@link RetrySchedule#DEFAULT}).
 * A report profile-analytics refuses as wrong (4xx), or one that still fails when its attempts are
 * used up, goes to the dead-letter ({@code report_dead_lettered_at}, {@code analyzer_reports_dead_letter}):
 * kept for an operator, never retried on its own, and never in the way of the reports behind it. profile-analytics counts a call id once, so a report sent twice
 * (two replicas, a crash after sending) does no harm; a Redis lock keeps replicas from retrying the
 * same rows at the same time. Exported: {@code analyzer_reports_pending}, {@code analyzer_reports_total{result}}.
 */
public final class OutcomeReporter {

    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    /**
     * How long a new analysis is its request's to report ({@link #report}) before the retry task may
     * take it: far above the call's timeout, so the two never send one row at once; after a crash
     * between storing and reporting, the task picks the row up once this has passed.
     */
    static final Duration FIRST_ATTEMPT_LEASE = Duration.ofSeconds(30);
    static final int BATCH = 50;
    static final String ACKNOWLEDGED = "acknowledged";
    static final String FAILED = "failed";
    static final String DEAD_LETTERED = "dead_lettered";
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeReporter.class);

    private final AnalysisStore store;
    private final ServiceClient analytics;
    private final RedisStore redis;
    private final MeterRegistry metrics;
    private final CounterFamily results;
    private final RetrySchedule schedule;

    public OutcomeReporter(AnalysisStore store, ServiceClient analytics, RedisStore redis, MeterRegistry metrics) {
        this(store, analytics, redis, metrics, RetrySchedule.DEFAULT);
    }

    public OutcomeReporter(AnalysisStore store, ServiceClient analytics, RedisStore redis, MeterRegistry metrics, RetrySchedule schedule) {
        this.schedule = schedule;
        this.results = CounterFamily.of(metrics, "analyzer_reports", "outcome reports to profile-analytics by result", "result",
                List.of(ACKNOWLEDGED, FAILED, DEAD_LETTERED));
        // Both gauges are counted when scraped: a value kept from the last retry round was stale right after a report (issue 10).
        Gauge.builder("analyzer_reports_dead_letter", store, AnalysisStore::countDeadLettered)
                .description("analysed calls whose report was given up (refused as wrong, or out of attempts)").register(metrics);
        this.store = store;
        this.analytics = analytics;
        this.redis = redis;
        this.metrics = metrics;
        Gauge.builder("analyzer_reports_pending", store, AnalysisStore::countUnreported)
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
        call.put("callerAsserted", analysis.callerAsserted());
        try {
            analytics.post("/api/calls", call, JsonNode.class);
            store.markReported(analysis.callId());
            results.increment(ACKNOWLEDGED);
            return true;
        } catch (ServiceClient.ServiceCallException e) {
            if (store.reportFailed(analysis.callId(), e.permanent(), e.getMessage(), schedule)) {
                results.increment(DEAD_LETTERED);
                LOG.error("gave up reporting call {} to profile-analytics (dead-letter): {}", analysis.callId(), e.getMessage());
            } else {
                results.increment(FAILED);
                LOG.warn("profile-analytics did not take call {}; will retry: {}", analysis.callId(), e.getMessage());
            }
            if (e.permanent()) {
                return true; // this row is settled; the next one may well go through
            }
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
        } finally {
            redis.client().del(lock);
        }
    }
}
