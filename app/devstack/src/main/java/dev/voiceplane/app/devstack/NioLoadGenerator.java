package dev.voiceplane.app.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Closed-loop load at a fixed concurrency from one thread: {@code concurrency} keep-alive
 * connections on one selector, each sending its next request as soon as the previous answer is
 * complete. On a two-core machine that the server shares, a thread per connection would put
 * hundreds of runnable threads beside the server's and measure the scheduler more than the
 * service; one selector thread costs far less. Bounded in time; stops by itself.
 */
final class NioLoadGenerator {

    static final Duration MAX_DURATION = Duration.ofMinutes(5);
    private static final int BUFFER = 16 * 1024;

    private final URI target;
    private final int concurrency;

    NioLoadGenerator(URI target, int concurrency) {
        if (concurrency < 1 || concurrency > 5000) {
            throw new IllegalArgumentException("concurrency must be between 1 and 5000, got " + concurrency);
        }
        String host = target.getHost();
        if (!(host.equals("localhost") || host.startsWith("127."))) {
            throw new IllegalArgumentException("the benchmark only drives services on this machine (loopback), not " + host);
        }
        this.target = target;
        this.concurrency = concurrency;
    }

    LatencyReport run(Duration warmUp, Duration measure, Function<SplittableRandom, byte[]> request,
            BiFunction<Integer, String, String> label) throws IOException {
        if (warmUp.plus(measure).compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("warm-up plus measurement must stay under " + MAX_DURATION);
        }
        SplittableRandom random = new SplittableRandom(42);
        long[] latencies = new long[1 << 16];
        int count = 0;
        long errors = 0;
        Map<String, Long> outcomes = new HashMap<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < concurrency; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress(target.getHost(), target.getPort()));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                Exchange exchange = new Exchange(channel);
                exchange.send(request.apply(random));
                channel.register(selector, SelectionKey.OP_WRITE, exchange);
            }
            long startNs = System.nanoTime();
            long measureFromNs = startNs + warmUp.toNanos();
            long endNs = measureFromNs + measure.toNanos();
            for (long now = System.nanoTime(); now < endNs; now = System.nanoTime()) {
                selector.select(Math.max(1, (endNs - now) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    Exchange exchange = (Exchange) key.attachment();
                    if (key.isWritable() && exchange.write()) {
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable() && exchange.read()) {
                        long done = System.nanoTime();
                        if (exchange.sentAt >= measureFromNs && done <= endNs) {
                            if (exchange.status == 200) {
                                if (count == latencies.length) {
                                    latencies = Arrays.copyOf(latencies, count * 2);
                                }
                                latencies[count++] = done - exchange.sentAt;
                                outcomes.merge(label.apply(exchange.status, exchange.body()), 1L, Long::sum);
                            } else {
                                errors++;
                            }
                        }
                        exchange.send(request.apply(random));
                        key.interestOps(SelectionKey.OP_WRITE);
                    }
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            return new LatencyReport(concurrency, measure, Arrays.copyOf(latencies, count), errors, outcomes);
        }
    }

    /** One connection's request in flight: bytes still to write, then the response being parsed. */
    private static final class Exchange {
        private final SocketChannel channel;
        private final ByteBuffer in = ByteBuffer.allocate(BUFFER);
        private ByteBuffer out;
        private long sentAt;
        private int status;
        private int bodyStart;
        private int bodyLength;

        Exchange(SocketChannel channel) {
            this.channel = channel;
        }

        void send(byte[] request) {
            out = ByteBuffer.wrap(request);
            in.clear();
            sentAt = System.nanoTime();
        }

        /** True when the whole request is written. */
        boolean write() throws IOException {
            channel.write(out);
            return !out.hasRemaining();
        }

        /** True when a whole response (headers and Content-Length body) has arrived. */
        boolean read() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("server closed the connection");
            }
            byte[] data = in.array();
            int end = in.position();
            int headerEnd = indexOf(data, end);
            if (headerEnd < 0) {
                return false;
            }
            String headers = new String(data, 0, headerEnd, StandardCharsets.ISO_8859_1);
            int length = contentLength(headers);
            if (end < headerEnd + 4 + length) {
                return false;
            }
            status = Integer.parseInt(headers.substring(9, 12));
            bodyStart = headerEnd + 4;
            bodyLength = length;
            return true;
        }

        String body() {
            return new String(in.array(), bodyStart, bodyLength, StandardCharsets.UTF_8);
        }

        private static int indexOf(byte[] data, int end) {
            for (int i = 0; i + 3 < end; i++) {
                if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private static int contentLength(String headers) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                    return Integer.parseInt(line.substring(colon + 1).trim());
                }
            }
            throw new IllegalStateException("the benchmark expects Content-Length responses; got headers: " + headers.lines().findFirst().orElse(""));
        }
    }
}
