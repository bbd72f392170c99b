package dev.voiceplane.app.profileanalytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The business figures the Grafana dashboards show:
 * <ul>
 *   <li>{@code calls_total{outcome}} and {@code calls_ai_handled_total} — counted as calls are posted
 *       (the dashboards' call volume and AI-handled share: {@code increase(calls_ai_handled_total[24h]) /
 *       increase(calls_total[24h])});</li>
 *   <li>{@code call_duration_seconds} — distribution of call durations;</li>
 *   <li>{@code calls_last_24h{outcome}} and {@code calls_ai_handled_share} — from the database, so
 *       every replica reports the same system-wide figure, refreshed every {@link #REFRESH}.</li>
 * </ul>
 */
public final class BusinessMetrics {

    public static final Duration REFRESH = Duration.ofSeconds(30);

    private final CallHistory history;
    private final Clock clock;
    private final Map<CallOutcome, Counter> recorded = new EnumMap<>(CallOutcome.class);
    private final Counter aiHandled;
    private final Map<CallOutcome, AtomicLong> last24h = new EnumMap<>(CallOutcome.class);
    private final AtomicLong aiSharePermille = new AtomicLong();
    private final DistributionSummary durations;

    public BusinessMetrics(CallHistory history, Clock clock, MeterRegistry registry) {
        this.history = history;
        this.clock = clock;
        for (CallOutcome outcome : CallOutcome.values()) {
            recorded.put(outcome, Counter.builder("calls").description("finished calls posted to profile-analytics")
                    .tag("outcome", outcome.name()).register(registry));
            AtomicLong value = new AtomicLong();
            last24h.put(outcome, value);
            Gauge.builder("calls.last.24h", value, AtomicLong::get).description("calls started in the last 24 hours, all users")
                    .tag("outcome", outcome.name()).register(registry);
        }
        aiHandled = Counter.builder("calls.ai.handled").description("finished calls the AI handled").register(registry);
        Gauge.builder("calls.ai.handled.share", aiSharePermille, v -> v.get() / 1000.0)
                .description("share of the last 24 hours' calls the AI handled").register(registry);
        durations = DistributionSummary.builder("call.duration").baseUnit("seconds").description("call durations")
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(3600.0).register(registry);
    }

    public void onRecorded(CallRecord call) {
        recorded.get(call.outcome()).increment();
        if (call.outcome() == CallOutcome.AI_HANDLED) {
            aiHandled.increment();
        }
        durations.record(call.durationSeconds());
    }

    /** Re-reads the system-wide figures; also called once at start so the first scrape has them. */
    public void refresh() {
        Map<CallOutcome, Long> outcomes = history.allOutcomes(clock.instant().minus(CallHistory.RECENT));
        outcomes.forEach((outcome, count) -> last24h.get(outcome).set(count));
        long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
        aiSharePermille.set(Math.round(1000 * UserStats.share(outcomes.get(CallOutcome.AI_HANDLED), total)));
    }
}
