package dev.voiceplane.synth;

import java.util.function.LongSupplier;

/**
 * Where synthesis spends its time, summed over every stack synthesized with one instance: building the
 * construct tree (each construct a jsii round trip or more) and rendering it (cdk8s's validation and
 * {@code toJson}, then sorting into manifests), in wall time and, with a CPU clock, in the CPU time the
 * clock counts (for {@code voiceplane bench}: this JVM's and jsii's Node process's). For {@code voiceplane
 * bench}'s cold-start breakdown; {@link #NONE} records nothing.
 */
public final class SynthTimings {
    /** Discards every measurement. */
    public static final SynthTimings NONE = new SynthTimings(() -> 0);

    private final LongSupplier cpuMillis;
    private long buildNanos;
    private long renderNanos;
    private long buildCpuMillis;
    private long renderCpuMillis;

    /** Wall time only. */
    public SynthTimings() {
        this(() -> 0);
    }

    /** @param cpuMillis the CPU time used so far, in milliseconds, by whatever is to be measured */
    public SynthTimings(LongSupplier cpuMillis) {
        this.cpuMillis = cpuMillis;
    }

    /** A point in wall and CPU time, where a phase starts. */
    record Mark(long nanos, long cpuMillis) {
    }

    Mark mark() {
        return this == NONE ? new Mark(0, 0) : new Mark(System.nanoTime(), cpuMillis.getAsLong());
    }

    /** Adds the time since {@code start} to building; returns where rendering starts. */
    Mark addBuild(Mark start) {
        Mark now = mark();
        buildNanos += now.nanos() - start.nanos();
        buildCpuMillis += now.cpuMillis() - start.cpuMillis();
        return now;
    }

    /** Adds the time since {@code start} to rendering. */
    void addRender(Mark start) {
        Mark now = mark();
        renderNanos += now.nanos() - start.nanos();
        renderCpuMillis += now.cpuMillis() - start.cpuMillis();
    }

    public long buildMillis() {
        return buildNanos / 1_000_000;
    }

    public long renderMillis() {
        return renderNanos / 1_000_000;
    }

    public long buildCpuMillis() {
        return buildCpuMillis;
    }

    public long renderCpuMillis() {
        return renderCpuMillis;
    }
}
