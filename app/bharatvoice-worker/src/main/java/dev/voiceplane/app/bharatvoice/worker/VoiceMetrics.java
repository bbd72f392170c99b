package dev.voiceplane.app.bharatvoice.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The voice path's meters, which the BharatVoice dashboards and alerts read:
 * <ul>
 *   <li>{@code bharatvoice_voice_query_seconds{language,size}}: upload accepted to answer audio ready,
 *       with buckets at the guide's targets (2 s for simple queries at p95, 5 s for complex ones);</li>
 *   <li>{@code bharatvoice_voice_stage_seconds{stage,language}}: each stage's time;</li>
 *   <li>{@code bharatvoice_voice_failures_total{stage,language}}: failed attempts by stage, every series
 *       registered at zero so {@code rate()} sees the first failure.</li>
 * </ul>
 * A language is {@code auto} until the transcript says which it is.
 */
final class VoiceMetrics {

    static final String AUTO = "auto";
    static final Duration SIMPLE_TARGET = Duration.ofSeconds(2);
    static final Duration COMPLEX_TARGET = Duration.ofSeconds(5);

    private final MeterRegistry registry;

    VoiceMetrics(MeterRegistry registry, Collection<String> languages) {
        this.registry = registry;
        List<String> labels = new ArrayList<>(languages);
        labels.add(AUTO);
        for (VoiceStage stage : VoiceStage.values()) {
            for (String language : labels) {
                failures(stage, language);
            }
        }
    }

    void stage(VoiceStage stage, String language, long nanos) {
        Timer.builder("bharatvoice_voice_stage").description("time of one stage of a voice query")
                .tag("stage", stage.label()).tag("language", language)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    void query(String language, QuerySize size, Duration acceptedToAudio) {
        Timer.builder("bharatvoice_voice_query").description("a voice query from upload accepted to answer audio ready")
                .tag("language", language).tag("size", size.label())
                .serviceLevelObjectives(SIMPLE_TARGET, COMPLEX_TARGET).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry).record(acceptedToAudio);
    }

    void failed(VoiceStage stage, String language) {
        failures(stage, language).increment();
    }

    private Counter failures(VoiceStage stage, String language) {
        return Counter.builder("bharatvoice_voice_failures").description("failed attempts of voice queries by stage and language")
                .tag("stage", stage.label()).tag("language", language).register(registry);
    }
}
