package dev.voiceplane.app.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A benchmark run with plain {@code java} (or {@code mvn exec:java}, which joins the same threads)
 * ends when its main returns only if nothing it started is left on a non-daemon thread: a stand-in's
 * HTTP server, a service, a pool. Each main runs here in-process with its smallest settings, and
 * every non-daemon thread that appeared during it must end.
 */
class BenchExitTest {

    /** Only a guard against a hang: a stopped server's last thread ends on its own, however busy the machine. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    @FunctionalInterface
    interface Main {
        void run() throws Exception;
    }

    @Test
    void theVoiceTurnBenchmarkLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        assertLeavesNoNonDaemonThread(() -> VoiceBench.main(new String[] {"--turns", "1"}));
    }

    @Test
    void theDecisionBenchmarkLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        assertLeavesNoNonDaemonThread(() -> Bench.main(new String[] {"--concurrency", "1", "--warmup", "0", "--seconds", "1", "--users", "1"}));
    }

    @Test
    void theVoiceQueryBenchmarkLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        assertLeavesNoNonDaemonThread(() -> VoiceQueryBench.main(new String[] {"--runs", "1", "--configs", "aws-instant"}));
    }

    @Test
    void thePhoneCallLoadBenchmarkLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        assertLeavesNoNonDaemonThread(() -> VoiceLoadBench.main(new String[] {"--calls", "1", "--turns", "1", "--runs", "1", "--warmup", "0",
                "--configs", "instant"}));
    }

    /**
     * Runs {@code main}, then waits for each non-daemon thread that was not there before it to end
     * (joining it, up to {@link #BOUND} in all) and fails naming those still alive, with where they are.
     */
    static void assertLeavesNoNonDaemonThread(Main main) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        main.run();
        long deadline = System.nanoTime() + BOUND.toNanos();
        List<Thread> left = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (before.contains(thread) || thread.isDaemon()) {
                continue;
            }
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (thread.isAlive()) {
                left.add(thread);
            }
        }
        assertThat(left).as("non-daemon threads the benchmark left running:%n%s", describe(left)).isEmpty();
    }

    private static String describe(List<Thread> threads) {
        return threads.stream().map(t -> "  " + t.getName() + " at " + Arrays.stream(t.getStackTrace()).limit(6)
                .map(StackTraceElement::toString).collect(Collectors.joining(" <- "))).collect(Collectors.joining("\n"));
    }
}
