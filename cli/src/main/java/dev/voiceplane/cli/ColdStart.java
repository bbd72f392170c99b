package dev.voiceplane.cli;

import dev.voiceplane.synth.SynthTimings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.jsii.JsiiEngine;

/**
 * Where a cold {@code synth --all} spends its time, measured inside the synthesizing JVM and reported by
 * {@code voiceplane bench}: the JVM's own start (process start to the command running: class loading,
 * picocli), the jsii runtime's start (Node started, the constructs, cdk8s and cdk8s-plus-33 assemblies
 * loaded), building the construct trees (every construct one jsii round trip or more), rendering them
 * (cdk8s's validation and {@code toJson}, objects sorted), and the rest: reading the stack files and writing the
 * YAML files. Each phase in wall
 * time and in CPU time (this JVM's and jsii's Node process's together, which the machine's load hardly
 * moves), and how much of all the CPU time was Node's.
 */
final class ColdStart {
    /** The phases in the order they happen. */
    static final List<String> PHASES = List.of("jvm", "jsii", "build", "render", "write");
    /** The same phases' CPU time, then Node's share of the whole. */
    static final List<String> CPU_PHASES = List.of("cpu.jvm", "cpu.jsii", "cpu.build", "cpu.render", "cpu.write", "cpu.node");
    static final String PREFIX = "phase-ms=";

    private final Instant processStart = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    private final Instant entered = Instant.now();
    private final long enteredCpu = jvmCpuMillis();
    private final SynthTimings timings = new SynthTimings(ColdStart::cpuMillis);
    private long jsiiMillis;
    private long jsiiCpuMillis;
    private long synthStart;
    private long synthStartCpu;

    /** Starts the jsii runtime and loads every assembly synth uses, so its cost is not charged to the first construct. */
    void startJsii() {
        long start = System.nanoTime();
        long startCpu = cpuMillis();
        JsiiEngine engine = JsiiEngine.getInstance();
        engine.loadModule(software.constructs.$Module.class);
        engine.loadModule(org.cdk8s.$Module.class);
        engine.loadModule(org.cdk8s.plus33.$Module.class);
        jsiiMillis = (System.nanoTime() - start) / 1_000_000;
        synthStartCpu = cpuMillis();
        jsiiCpuMillis = synthStartCpu - startCpu;
        synthStart = System.nanoTime();
    }

    SynthTimings timings() {
        return timings;
    }

    /** The phase line the child prints once every stack is written. */
    String line() {
        long total = (System.nanoTime() - synthStart) / 1_000_000;
        long totalCpu = cpuMillis() - synthStartCpu;
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("jvm", Duration.between(processStart, entered).toMillis());
        phases.put("jsii", jsiiMillis);
        phases.put("build", timings.buildMillis());
        phases.put("render", timings.renderMillis());
        phases.put("write", Math.max(0, total - timings.buildMillis() - timings.renderMillis()));
        phases.put("cpu.jvm", enteredCpu);
        phases.put("cpu.jsii", jsiiCpuMillis);
        phases.put("cpu.build", timings.buildCpuMillis());
        phases.put("cpu.render", timings.renderCpuMillis());
        phases.put("cpu.write", Math.max(0, totalCpu - timings.buildCpuMillis() - timings.renderCpuMillis()));
        phases.put("cpu.node", nodeCpuMillis());
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

    /** CPU time of this JVM and its live descendants (jsii's Node), from /proc; -1 elsewhere. */
    static long cpuMillis() {
        long jvm = jvmCpuMillis();
        long node = nodeCpuMillis();
        return jvm < 0 || node < 0 ? -1 : jvm + node;
    }

    /** CPU time of this JVM, from /proc; -1 elsewhere. */
    static long jvmCpuMillis() {
        try {
            return ticks(Path.of("/proc/self/stat")) * 10; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
        }
    }

    /** CPU time of this JVM's live descendants (jsii's Node), from /proc; -1 elsewhere. */
    static long nodeCpuMillis() {
        try {
            long ticks = 0;
            for (ProcessHandle h : ProcessHandle.current().descendants().toList()) {
                ticks += ticks(Path.of("/proc/" + h.pid() + "/stat"));
            }
            return ticks * 10;
        } catch (Exception e) {
            return -1;
        }
    }

    /** utime + stime + cutime + cstime of a /proc/<pid>/stat line, in clock ticks. */
    private static long ticks(Path stat) throws java.io.IOException {
        String line = Files.readString(stat);
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // Fields after the command: state is index 0, utime is stat field 14 = index 11.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
}
