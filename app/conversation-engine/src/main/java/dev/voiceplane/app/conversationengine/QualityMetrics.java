package dev.voiceplane.app.conversationengine;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The engine's business meters, as the dashboards and alert rules read them:
 * <ul>
 *   <li>{@code ai_response_quality} — gauge: moving average (weight {@value #SMOOTHING} per reply) of
 *       recent reply quality, 0–1; the "AI response quality &lt; 0.7" alert and the business
 *       dashboard take its {@code avg}. Registered at the first reply: a replica that has answered
 *       nothing exports no series, rather than a NaN that would turn the fleet's average into NaN;</li>
 *   <li>{@code ai_response_quality_score} — histogram of every reply's score by provider
 *       (buckets 0.5 … 1.0) for dashboards and {@code histogram_quantile};</li>
 *   <li>{@code ai_response_duration_seconds} — time to generate a reply, by provider;</li>
 *   <li>{@code ai_provider_failures_total} — replies the configured provider could not give
 *       (the offline provider answered instead);</li>
 *   <li>{@code conversation_turns_total} — turns by detected intent.</li>
 * </ul>
 */
public final class QualityMetrics {

    static final double SMOOTHING = 0.1;

    private final MeterRegistry registry;
    private final Object lock = new Object();
    private double average = Double.NaN;

    public QualityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void recordReply(String provider, Intent intent, double quality, Duration took) {
        boolean first;
        synchronized (lock) {
            first = Double.isNaN(average);
            average = first ? quality : average + SMOOTHING * (quality - average);
        }
        if (first) {
            Gauge.builder("ai_response_quality", this, QualityMetrics::average)
                    .description("moving average of AI reply quality (0-1)").register(registry);
        }
        DistributionSummary.builder("ai_response_quality_score").description("quality of each AI reply (0-1)")
                .tag("provider", provider).serviceLevelObjectives(0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
                .register(registry).record(quality);
        Timer.builder("ai_response_duration").description("time to generate a reply").tag("provider", provider)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry).record(took.toNanos(), TimeUnit.NANOSECONDS);
        registry.counter("conversation_turns", "intent", intent.name()).increment();
    }

    public void recordProviderFailure(String provider) {
        registry.counter("ai_provider_failures", "provider", provider).increment();
    }

    public double average() {
        synchronized (lock) {
            return average;
        }
    }
}
