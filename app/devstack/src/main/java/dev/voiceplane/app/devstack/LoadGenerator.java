package dev.voiceplane.app.devstack;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Closed-loop load at a fixed concurrency: {@code concurrency} clients, each on its own keep-alive
 * connection, send a request, wait for the answer, send the next. A warm-up period runs first and
 * is not measured. The run is bounded in time and stops by itself.
 */
final class LoadGenerator {

    static final Duration MAX_DURATION = Duration.ofMinutes(5);

    private final URI target;
    private final int concurrency;

    LoadGenerator(URI target, int concurrency) {
        if (concurrency < 1 || concurrency > 2000) {
            throw new IllegalArgumentException("concurrency must be between 1 and 2000, got " + concurrency);
        }
        if (!isLoopback(target.getHost())) {
            throw new IllegalArgumentException("the benchmark only drives services on this machine (loopback), not " + target.getHost());
        }
        this.target = target;
        this.concurrency = concurrency;
    }

    /**
     * @param request builds the next request's bytes from a per-client random source
     * @param label   names an answer (status, body) for the outcome tally
     */
    LatencyReport run(Duration warmUp, Duration measure, Function<SplittableRandom, byte[]> request,
            BiFunction<Integer, String, String> label) throws InterruptedException {
        if (warmUp.plus(measure).compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("warm-up plus measurement must stay under " + MAX_DURATION);
        }
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        CountDownLatch done = new CountDownLatch(concurrency);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Client client = new Client(new SplittableRandom(i * 7919L + 17), request, label, measuring, stop, done);
            clients.add(client);
            Thread thread = new Thread(client, "bench-client-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        Thread.sleep(warmUp.toMillis());
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        measuring.set(false);
        long measuredNs = System.nanoTime() - start;
        stop.set(true);
        done.await();
        int total = clients.stream().mapToInt(c -> c.count).sum();
        long[] all = new long[total];
        int offset = 0;
        long errors = 0;
        Map<String, Long> outcomes = new HashMap<>();
        for (Client client : clients) {
            System.arraycopy(client.latencies, 0, all, offset, client.count);
            offset += client.count;
            errors += client.errors;
            client.outcomes.forEach((k, v) -> outcomes.merge(k, v, Long::sum));
        }
        return new LatencyReport(concurrency, Duration.ofNanos(measuredNs), all, errors, outcomes);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private final class Client implements Runnable {
        private final SplittableRandom random;
        private final Function<SplittableRandom, byte[]> request;
        private final BiFunction<Integer, String, String> label;
        private final AtomicBoolean measuring;
        private final AtomicBoolean stop;
        private final CountDownLatch done;
        private final Map<String, Long> outcomes = new HashMap<>();
        private long[] latencies = new long[1 << 14];
        private int count;
        private long errors;

        Client(SplittableRandom random, Function<SplittableRandom, byte[]> request, BiFunction<Integer, String, String> label,
                AtomicBoolean measuring, AtomicBoolean stop, CountDownLatch done) {
            this.random = random;
            this.request = request;
            this.label = label;
            this.measuring = measuring;
            this.stop = stop;
            this.done = done;
        }

        @Override
        public void run() {
            HttpConnection connection = null;
            try {
                while (!stop.get()) {
                    byte[] bytes = request.apply(random);
                    boolean measured = measuring.get();
                    long began = System.nanoTime();
                    int status;
                    try {
                        if (connection == null) {
                            connection = new HttpConnection(target.getHost(), target.getPort());
                        }
                        status = connection.exchange(bytes);
                    } catch (IOException e) {
                        status = -1;
                        closeQuietly(connection);
                        connection = null;
                    }
                    long elapsed = System.nanoTime() - began;
                    if (measured) {
                        record(status, elapsed, connection);
                    }
                }
            } finally {
                closeQuietly(connection);
                done.countDown();
            }
        }

        private void record(int status, long elapsed, HttpConnection connection) {
            if (status != 200) {
                errors++;
                return;
            }
            if (count == latencies.length) {
                latencies = java.util.Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = elapsed;
            outcomes.merge(label.apply(status, connection.body()), 1L, Long::sum);
        }

        private void closeQuietly(HttpConnection connection) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (IOException e) {
                    // Already broken; nothing to release beyond the socket.
                }
            }
        }
    }
}
