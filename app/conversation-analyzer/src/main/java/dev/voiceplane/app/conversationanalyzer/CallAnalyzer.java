package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.core.observability.CounterFamily;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses a transcript with the configured analyzer, falling back to the offline one when it
 * fails, and records {@code conversation_quality_score} (histogram, 0–1),
 * {@code conversation_analyses_total{category,sentiment,analyzer}} and
 * {@code analyzer_failures_total{analyzer}}.
 */
public final class CallAnalyzer {

    private static final Logger LOG = LoggerFactory.getLogger(CallAnalyzer.class);

    private final TranscriptAnalyzer primary;
    private final TranscriptAnalyzer fallback;
    private final MeterRegistry metrics;
    private final CounterFamily failures;

    public CallAnalyzer(TranscriptAnalyzer primary, TranscriptAnalyzer fallback, MeterRegistry metrics) {
        this.primary = primary;
        this.fallback = fallback;
        this.metrics = metrics;
        this.failures = CounterFamily.of(metrics, "analyzer_failures", "analyses the configured analyzer failed (the offline one answered)",
                "analyzer", java.util.List.of(primary.name()));
    }

    /** The findings and the name of the analyzer that produced them. */
    public Result analyze(List<Utterance> transcript) {
        TranscriptAnalyzer used = primary;
        Findings findings;
        try {
            findings = primary.analyze(transcript);
        } catch (RuntimeException e) {
            if (primary == fallback) {
                throw e;
            }
            failures.increment(primary.name());
            LOG.warn("analyzer {} failed, using {}: {}", primary.name(), fallback.name(), e.getMessage());
            used = fallback;
            findings = fallback.analyze(transcript);
        }
        DistributionSummary.builder("conversation_quality_score").description("quality of each analysed call (0-1)")
                .serviceLevelObjectives(0.5, 0.6, 0.7, 0.8, 0.9, 1.0).register(metrics).record(findings.quality());
        metrics.counter("conversation_analyses", "category", findings.category().name(), "sentiment", findings.sentiment().name(),
                "analyzer", used.name()).increment();
        return new Result(findings, used.name());
    }

    /** What {@link #analyze} produced. */
    public record Result(Findings findings, String analyzer) {
    }
}
