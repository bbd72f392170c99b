package dev.voiceplane.synth;

/**
 * Where synthesis spends its time, summed over every stack synthesized with one instance: building the
 * construct tree (each construct a jsii round trip or more) and rendering it (cdk8s's validation and
 * {@code toJson}, then sorting into manifests). For {@code voiceplane bench}'s cold-start breakdown;
 * {@link #NONE} records nothing.
 */
public final class SynthTimings {
    /** Discards every measurement. */
    public static final SynthTimings NONE = new SynthTimings();

    private long buildNanos;
    private long renderNanos;

    void addBuild(long nanos) {
        if (this != NONE) {
            buildNanos += nanos;
        }
    }

    void addRender(long nanos) {
        if (this != NONE) {
            renderNanos += nanos;
        }
    }

    public long buildMillis() {
        return buildNanos / 1_000_000;
    }

    public long renderMillis() {
        return renderNanos / 1_000_000;
    }
}
