package dev.voiceplane.app.devstack;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one measured run achieved.
 *
 * @param concurrency  clients, each with one connection and one request at a time
 * @param measured     the measured period (warm-up excluded)
 * @param latenciesNs  every successful request's latency, sorted
 * @param errors       requests that failed or answered other than 200
 * @param outcomes     answers counted by the workload's label (e.g. decision action)
 */
record LatencyReport(int concurrency, Duration measured, long[] latenciesNs, long errors, Map<String, Long> outcomes) {

    LatencyReport {
        latenciesNs = latenciesNs.clone();
        Arrays.sort(latenciesNs);
        outcomes = new TreeMap<>(outcomes);
    }

    long requests() {
        return latenciesNs.length;
    }

    double requestsPerSecond() {
        return latenciesNs.length / (measured.toNanos() / 1e9);
    }

    /** The {@code q}-quantile (0..1) in milliseconds, nearest-rank. */
    double percentileMs(double q) {
        if (latenciesNs.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * latenciesNs.length) - 1;
        return latenciesNs[Math.max(0, Math.min(rank, latenciesNs.length - 1))] / 1e6;
    }

    String format(String title) {
        return String.format(Locale.ROOT, """
                %s
                  concurrency   %d clients (closed loop, keep-alive)
                  measured      %.1f s, %d requests, %d errors
                  throughput    %.0f requests/s
                  latency ms    p50 %.2f   p95 %.2f   p99 %.2f   max %.2f
                  answers       %s""",
                title, concurrency, measured.toMillis() / 1000.0, requests(), errors, requestsPerSecond(),
                percentileMs(0.50), percentileMs(0.95), percentileMs(0.99), percentileMs(1.0), outcomes);
    }
}
