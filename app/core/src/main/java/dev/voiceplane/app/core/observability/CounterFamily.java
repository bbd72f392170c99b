package dev.voiceplane.app.core.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A counter with one label whose values are known in advance, every series registered at zero when
 * the service starts. Prometheus' {@code rate()} and {@code increase()} need two samples of a
 * series: a counter that first appears on its first increment goes from "absent" to 1, and that
 * first event is never counted (https://prometheus.io/docs/practices/instrumentation/#avoid-missing-metrics).
 *
 * <pre>{@code
 * CounterFamily failures = CounterFamily.of(registry, "voice_processing_failures", "...", "stage", List.of("stt", "tts"));
 * failures.increment("stt");
 * }</pre>
 */
public final class CounterFamily {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final String label;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private CounterFamily(MeterRegistry registry, String name, String description, String label) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.label = label;
    }

    /** Registers {@code name{label=value}} at zero for every value in {@code values}. */
    public static CounterFamily of(MeterRegistry registry, String name, String description, String label, Collection<String> values) {
        CounterFamily family = new CounterFamily(registry, name, description, label);
        values.forEach(family::counter);
        return family;
    }

    /** The same for an enum's constants, by name. */
    public static <E extends Enum<E>> CounterFamily of(MeterRegistry registry, String name, String description, String label,
            Class<E> values) {
        return of(registry, name, description, label, java.util.Arrays.stream(values.getEnumConstants()).map(Enum::name).toList());
    }

    /** A counter without labels, registered at zero. */
    public static Counter single(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    public void increment(String value) {
        counter(value).increment();
    }

    /** The series for {@code value}; one not declared up front is registered on first use. */
    public Counter counter(String value) {
        return counters.computeIfAbsent(value, v -> Counter.builder(name).description(description).tag(label, v).register(registry));
    }

    public List<String> values() {
        return List.copyOf(counters.keySet());
    }
}
