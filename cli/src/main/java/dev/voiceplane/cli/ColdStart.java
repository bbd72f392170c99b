package dev.voiceplane.cli;

import dev.voiceplane.synth.SynthTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.jsii.JsiiEngine;

/**
 * Where a cold {@code synth --all} spends its wall time, measured inside the synthesizing JVM and reported by
 * {@code voiceplane bench}: the JVM's own start (process start to the command running: class loading,
 * picocli), the jsii runtime's start (Node started, the constructs, cdk8s and cdk8s-plus-33 assemblies
 * loaded), building the construct trees (every construct one jsii round trip or more), rendering them
 * (cdk8s's validation and {@code toJson}, objects sorted), and writing the YAML files.
 */
final class ColdStart {
    /** The phases in the order they happen. */
    static final List<String> PHASES = List.of("jvm", "jsii", "build", "render", "write");
    static final String PREFIX = "phase-ms=";

    private final Instant processStart = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    private final Instant entered = Instant.now();
    private final SynthTimings timings = new SynthTimings();
    private long jsiiMillis;
    private long synthStart;

    /** Starts the jsii runtime and loads every assembly synth uses, so its cost is not charged to the first construct. */
    void startJsii() {
        long start = System.nanoTime();
        JsiiEngine engine = JsiiEngine.getInstance();
        engine.loadModule(software.constructs.$Module.class);
        engine.loadModule(org.cdk8s.$Module.class);
        engine.loadModule(org.cdk8s.plus33.$Module.class);
        jsiiMillis = (System.nanoTime() - start) / 1_000_000;
        synthStart = System.nanoTime();
    }

    SynthTimings timings() {
        return timings;
    }

    /** The phase line the child prints once every stack is written. */
    String line() {
        long total = (System.nanoTime() - synthStart) / 1_000_000;
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("jvm", Duration.between(processStart, entered).toMillis());
        phases.put("jsii", jsiiMillis);
        phases.put("build", timings.buildMillis());
        phases.put("render", timings.renderMillis());
        phases.put("write", Math.max(0, total - timings.buildMillis() - timings.renderMillis()));
        StringBuilder out = new StringBuilder(PREFIX);
        phases.forEach((k, v) -> out.append(k).append('=').append(v).append(','));
        return out.substring(0, out.length() - 1);
    }

    /** The phases of a child's output line; empty when the child printed none. */
    static Map<String, Long> parse(String stdout) {
        Map<String, Long> phases = new LinkedHashMap<>();
        stdout.lines().filter(l -> l.startsWith(PREFIX)).findFirst().ifPresent(l -> {
            for (String kv : l.substring(PREFIX.length()).split(",")) {
                String[] p = kv.split("=", 2);
                phases.put(p[0], Long.parseLong(p[1]));
            }
        });
        return phases;
    }
}
