package dev.voiceplane.app.devstack;

import com.sun.management.OperatingSystemMXBean;
import dev.voiceplane.app.core.runtime.ServiceRuntime;
import dev.voiceplane.app.realtimeprocessor.RealtimeProcessorModule;
import dev.voiceplane.app.realtimeprocessor.VoiceChain;
import dev.voiceplane.app.realtimeprocessor.testing.TwilioCaller;
import dev.voiceplane.app.speech.Sentences;
import dev.voiceplane.app.speech.SpeechEngines;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load benchmark of phone calls (not a test): N concurrent Twilio calls on loopback, each
 * streaming real speech (FreeTTS) in real time as μ-law and waiting for the answer, turn after turn.
 * Reports, as medians over the runs of one invocation, end of the caller's speech to the first answer
 * audio byte (p50/p95/p99), the service's stage means, dropped frames (sent media messages the
 * service did not count), and CPU and heap per call; for several speech configurations side by side:
 * {@code streaming} (the streaming chain with {@link LatencyStandIns#AZURE}'s published latencies),
 * {@code non-streaming} (the same latencies, each stage waiting for the whole result of the one
 * before), {@code instant} (instant stand-ins: the pipeline's own overhead) and {@code offline}
 * (Sphinx4 and FreeTTS in the JVM). The caller's speech ends at its last voiced frame: the sample's
 * own trailing silence is sent after the clock starts.
 *
 * <pre>
 * mvn -B -q -pl app/devstack exec:java -Dexec.mainClass=dev.voiceplane.app.devstack.VoiceLoadBench \
 *     -Dexec.args="--calls 50 --turns 2 --runs 3 --warmup 1 --configs streaming,non-streaming,offline,instant"
 * </pre>
 */
public final class VoiceLoadBench {

    static final String TWILIO_TOKEN = "bench-twilio-token";
    static final String CALLER_SAYS = "Hello, I would like to speak to Anna about tomorrow.";
    static final String TRANSCRIPT = "hello i would like to speak to anna about tomorrow";
    static final String REPLY = "Anna is not available. Can I take a message?";

    private VoiceLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--calls", "50", "--turns", "2", "--runs", "3",
                "--configs", "streaming,non-streaming,instant,offline", "--warmup", "1"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int calls = Integer.parseInt(options.get("--calls"));
        int turns = Integer.parseInt(options.get("--turns"));
        int runs = Integer.parseInt(options.get("--runs"));
        int warmup = Integer.parseInt(options.get("--warmup"));
        byte[] speech = voiced(speak(CALLER_SAYS));
        Map<String, byte[]> reply = new java.util.HashMap<>();
        for (String sentence : Sentences.of(REPLY)) {
            reply.put(sentence, speak(sentence));
        }
        EmbeddedStores stores = EmbeddedStores.start(0, 0);
        try {
            for (String config : options.get("--configs").split(",")) {
                SpeechEngines engines;
                LatencyStandIns dialog = LatencyStandIns.AZURE;
                VoiceChain chain = VoiceChain.STREAMING;
                switch (config) {
                    case "streaming" -> engines = dialog.engines(TRANSCRIPT, speech.length, true, reply::get);
                    case "non-streaming" -> {
                        engines = dialog.engines(TRANSCRIPT, speech.length, false, reply::get);
                        chain = VoiceChain.WHOLE_TURNS;
                    }
                    case "instant" -> {
                        dialog = LatencyStandIns.INSTANT;
                        engines = dialog.engines(TRANSCRIPT, speech.length, true, reply::get);
                    }
                    case "offline" -> {
                        dialog = LatencyStandIns.INSTANT;
                        engines = SpeechEngines.offline();
                        dev.voiceplane.app.speech.offline.OfflineSpeech.warmUp().join(); // model loading is start-up, not a turn
                    }
                    default -> throw new IllegalArgumentException("--configs: unknown configuration '" + config + "'");
                }
                for (int run = 0; run < warmup; run++) { // the JIT's and the pools' start-up is not a turn's latency
                    Result result = run(stores, engines, chain, dialog, calls, turns, speech);
                    System.out.printf(Locale.ROOT, "  %s warm-up %d (not counted): p50 %.0f  p95 %.0f ms; load average %.1f%n", config, run + 1,
                            result.p50(), result.p95(), result.loadAverage());
                }
                List<Result> results = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    Result result = run(stores, engines, chain, dialog, calls, turns, speech);
                    // The machine is shared: the load average says how much else ran beside the run.
                    System.out.printf(Locale.ROOT, "  %s run %d: p50 %.0f  p95 %.0f  p99 %.0f ms; load average %.1f%n", config, run + 1,
                            result.p50(), result.p95(), result.p99(), result.loadAverage());
                    results.add(result);
                }
                System.out.println(summary(config, calls, turns, results));
            }
        } finally {
            stores.stop();
        }
    }

    /** One run's figures. */
    record Result(double p50, double p95, double p99, long answered, long expected, long dropped, double cpuMsPerCallSecond,
            double heapMbPerCall, String stages, double loadAverage) {
    }

    private static Result run(EmbeddedStores stores, SpeechEngines engines, VoiceChain chain, LatencyStandIns dialog, int calls, int turns,
            byte[] speech) throws Exception {
        try (DialogStandIn callees = DialogStandIn.start(REPLY, dialog)) {
            ServiceSpec spec = ServiceCatalog.get(RealtimeProcessorModule.NAME);
            Map<String, String> env = new LinkedHashMap<>(LocalStack.environment(spec, stores));
            for (String callee : List.of("smart-whitelist", "conversation-engine", "conversation-analyzer")) {
                env.put(Env.urlOf(callee), callees.url());
            }
            env.put(Env.MAX_CONCURRENT_CALLS, Integer.toString(calls + 10));
            env.put(Env.PROCESSING_PIPELINE_TIMEOUT, "10000");
            env.put(Env.WEBSOCKET_TIMEOUT, "120000");
            env.put(Env.TWILIO_AUTH_TOKEN, TWILIO_TOKEN);
            env.put(Env.PORT, "0"); // beside a local run (or another build) holding the catalog port
            ServiceRuntime service = ServiceRuntime.start(spec, env, new RealtimeProcessorModule(engines, chain), Clock.systemUTC());
            String base = "http://127.0.0.1:" + service.port();
            ExecutorService callers = Executors.newFixedThreadPool(calls);
            try {
                OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                System.gc();
                long heapBefore = usedHeap();
                long cpuBefore = os.getProcessCpuTime();
                long start = System.nanoTime();
                AtomicLong sent = new AtomicLong();
                long[] peakHeap = {heapBefore};
                List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    String callSid = "CAbench" + System.nanoTime() + "x" + i;
                    String from = "+4930" + (1_000_000 + i);
                    long offset = i * 20_000_000L / Math.max(1, calls); // calls start spread over one frame, as real ones would be
                    done.add(callers.submit(() -> {
                        java.util.concurrent.locks.LockSupport.parkNanos(offset);
                        try (TwilioCaller call = TwilioCaller.dial(base, TWILIO_TOKEN, "bench-user-" + from.substring(5), from, callSid)) {
                            for (int turn = 0; turn < turns; turn++) {
                                call.say(speech, true);
                                call.speechEnded();
                                call.listen("mark"); // the line carries silence until the reply has played
                                synchronized (peakHeap) {
                                    peakHeap[0] = Math.max(peakHeap[0], usedHeap());
                                }
                            }
                            sent.addAndGet(call.mediaSent());
                            latencies.addAll(call.firstAudioLatencies());
                        }
                        return null;
                    }));
                }
                for (Future<?> call : done) {
                    try {
                        call.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        System.err.println("a call failed: " + e.getCause());
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
                long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/metrics"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                long received = (long) metrics.lines().filter(l -> l.startsWith("realtime_telephony_messages_total{") && l.contains("event=\"media\""))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                return new Result(VoiceBench.percentileMs(sorted, 0.50), VoiceBench.percentileMs(sorted, 0.95), VoiceBench.percentileMs(sorted, 0.99),
                        sorted.length, (long) calls * turns, Math.max(0, sent.get() - received),
                        cpuMs / (calls * seconds), (peakHeap[0] - heapBefore) / 1e6 / calls, VoiceBench.stages(URI.create(base + "/metrics"))
                        + String.format(Locale.ROOT, "%n  early replies kept %.0f, discarded %.0f", counter(metrics, "kept"), counter(metrics, "discarded")),
                        os.getSystemLoadAverage());
            } finally {
                callers.shutdownNow(); // every call is done (or failed) by now: its caller thread must not outlive the run
                service.stop();
            }
        }
    }

    private static double counter(String metrics, String result) {
        return metrics.lines().filter(l -> l.startsWith("realtime_voice_early_replies_total{") && l.contains("result=\"" + result + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String summary(String config, int calls, int turns, List<Result> results) {
        return String.format(Locale.ROOT, """
                %s: %d concurrent calls x %d turns, median of %d runs, %d cores
                  end of speech -> first answer audio ms   p50 %.0f   p95 %.0f   p99 %.0f
                  answered %d of %d turns (last run); dropped frames %d
                  CPU %.1f ms per call-second; heap %.2f MB per call (peak over baseline)
                %s""",
                config, calls, turns, results.size(), Runtime.getRuntime().availableProcessors(),
                median(results, Result::p50), median(results, Result::p95), median(results, Result::p99),
                results.get(results.size() - 1).answered(), results.get(results.size() - 1).expected(),
                (long) median(results, r -> r.dropped()), median(results, Result::cpuMsPerCallSecond), median(results, Result::heapMbPerCall),
                results.get(results.size() - 1).stages());
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> figure) {
        double[] values = results.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    /**
     * {@code pcm} from its first to its last voiced 20 ms frame (the endpointer's threshold): the
     * caller's speech ends there, and the latency clock starts there. The silence after it is sent as
     * the pause; the stand-in recognizer spreads the words over exactly this audio.
     */
    static byte[] voiced(byte[] pcm) {
        short[] samples = dev.voiceplane.app.speech.Pcm.samples(pcm);
        int frame = 320;
        int first = -1;
        int last = 0;
        for (int start = 0; start + frame <= samples.length; start += frame) {
            double sum = 0;
            for (int i = start; i < start + frame; i++) {
                sum += (double) samples[i] * samples[i];
            }
            if (Math.sqrt(sum / frame) >= 600) {
                first = first < 0 ? start : first;
                last = start + frame;
            }
        }
        System.out.printf(Locale.ROOT, "caller speech: %d ms from the first to the last voiced frame; %d ms of silence before and %d ms"
                + " after it cut (the pause after is sent once the clock has started)%n", (last - first) / 16, first / 16, (samples.length - last) / 16);
        return java.util.Arrays.copyOfRange(pcm, first * 2, last * 2);
    }

    /** {@code text} as FreeTTS says it, 16 kHz PCM, sentence by sentence. */
    private static byte[] speak(String text) {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        for (String sentence : Sentences.of(text)) {
            SpeechEngines.offline().textToSpeech().speak(sentence, SpeechFormat.PCM_16K, (bytes, offset, length) -> {
                audio.write(bytes, offset, length);
                return true;
            }, Duration.ofSeconds(60));
        }
        return audio.toByteArray();
    }
}
