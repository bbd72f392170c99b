package dev.voiceplane.app.devstack;

import dev.voiceplane.app.azurespeech.testing.AzureSpeechStub;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.runtime.ServiceRuntime;
import dev.voiceplane.app.realtimeprocessor.RealtimeProcessorModule;
import dev.voiceplane.app.realtimeprocessor.testing.CallClient;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark of a call turn (not a test: it reports, it does not assert): how long a caller
 * waits for the answer to a spoken utterance, against the same turn typed as text, in the same run
 * and on the same services.
 *
 * <pre>
 * mvn -B -q -pl app/devstack -am install -DskipTests &amp;&amp; \
 *   mvn -B -q -pl app/devstack exec:java -Dexec.mainClass=dev.voiceplane.app.devstack.VoiceBench [-Dexec.args="--turns 100"]
 * </pre>
 *
 * It starts smart-whitelist, profile-analytics, conversation-engine (offline provider) and
 * conversation-analyzer on embedded stores, and realtime-processor with its speech pointed at a
 * local stand-in of Azure Speech that answers at once, so the figures are voiceplane's own cost:
 * endpointing, the pipeline, the engine turn, Redis and the sockets — not Azure's. The voice turn is
 * timed from the last silent frame that ends the utterance to the first frame of reply audio; the
 * text turn from sending the {@code turn} frame to the {@code reply} frame. Options:
 * {@code --turns N} (100 of each, after 20 of each to warm up).
 */
public final class VoiceBench {

    /** 20 ms of 16 kHz 16-bit mono PCM. */
    private static final int FRAME_BYTES = 640;
    private static final String SPOKEN = "Hello, I would like to know who is calling";

    private VoiceBench() {
    }

    public static void main(String[] args) throws Exception {
        int turns = args.length == 2 && args[0].equals("--turns") ? Integer.parseInt(args[1]) : 100;
        if (turns < 1 || (args.length != 0 && args.length != 2)) {
            throw new IllegalArgumentException("usage: VoiceBench [--turns N] (N >= 1)");
        }
        // The speech stand-in is the JDK's HttpServer; without TCP_NODELAY its replies wait out delayed
        // ACKs (about 40 ms), which would be charged to voiceplane here and are not Azure's behaviour.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        EmbeddedStores stores = EmbeddedStores.start(0, 0);
        // Free ports: the benchmark runs beside a local run (or another build) holding the catalog ports.
        try (LocalStack callees = LocalStack.start(stores,
                List.of("smart-whitelist", "profile-analytics", "conversation-engine", "conversation-analyzer"), LocalStack.Ports.FREE);
                AzureSpeechStub speech = AzureSpeechStub.start("bench-speech-key")) {
            // Short replies: reply audio is paced in real time, and the next turn waits for its end.
            speech.recognizing(audio -> AzureSpeechStub.Result.heard(SPOKEN)).synthesizing(0.2);
            ServiceSpec spec = ServiceCatalog.get(RealtimeProcessorModule.NAME);
            Map<String, String> env = new LinkedHashMap<>(callees.environment(spec));
            env.put(Env.AZURE_SPEECH_KEY, speech.key());
            env.put(Env.AZURE_SPEECH_REGION, "benchregion");
            ServiceRuntime realtime = ServiceRuntime.start(spec, env, new RealtimeProcessorModule(region -> speech.endpoints(), dev.voiceplane.app.realtimeprocessor.VoiceChain.WHOLE_TURNS),
                    Clock.systemUTC());
            try {
                String token = new AccessTokens(LocalEnvironment.ACCESS_SECRET, Clock.systemUTC())
                        .issue(new Principal("telephony-gateway", Set.of(Role.SERVICE), ""), Duration.ofHours(1));
                String service = "http://127.0.0.1:" + realtime.port();
                long[] voice = new long[turns];
                long[] text = new long[turns];
                run(service, token, 20, new long[20], new long[20]);
                run(service, token, turns, voice, text);
                System.out.println(report(turns, voice, text));
                System.out.println(stages(URI.create(service + "/metrics")));
            } finally {
                realtime.stop();
            }
        } finally {
            stores.stop();
        }
    }

    /** {@code turns} calls, each one spoken turn then one typed turn, one after another. */
    private static void run(String service, String token, int turns, long[] voice, long[] text) throws Exception {
        byte[] speech = tone(1.0);
        byte[] silence = new byte[FRAME_BYTES * 30]; // 600 ms: past the 500 ms that ends an utterance
        for (int i = 0; i < turns; i++) {
            CallClient call = CallClient.connect(service, token);
            call.send(Map.of("type", "start", "callId", "bench-" + System.nanoTime(), "userId", "bench-user",
                    "callerNumber", "+4930" + (1000000 + i)));
            call.expect("decision");
            call.stream(speech, FRAME_BYTES);
            // The utterance ends on the frame that completes 500 ms of silence; time from there.
            call.stream(Arrays.copyOf(silence, FRAME_BYTES * 25 - FRAME_BYTES), FRAME_BYTES);
            long start = System.nanoTime();
            call.sendAudio(new byte[FRAME_BYTES]);
            call.expect(CallClient.BINARY);
            voice[i] = System.nanoTime() - start;
            call.expect("audio-end");

            start = System.nanoTime();
            call.send(Map.of("type", "turn", "text", SPOKEN));
            call.expect("reply");
            text[i] = System.nanoTime() - start;
            call.send(Map.of("type", "end"));
            call.expect("ended");
            call.closeCode(); // the server closes the socket after 'ended'
        }
    }

    /** A 440 Hz tone at a third of full scale, well above the speech threshold. */
    private static byte[] tone(double seconds) {
        int samples = (int) (16_000 * seconds);
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) (10_000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0)));
        }
        return pcm.array();
    }

    static String report(int turns, long[] voiceNs, long[] textNs) {
        double voiceMedian = percentileMs(voiceNs, 0.50);
        double textMedian = percentileMs(textNs, 0.50);
        return String.format(Locale.ROOT, """
                realtime-processor turn latency, %d calls one after another, speech stand-in answering at once, %d cores
                  spoken turn (end of speech -> first reply audio)  p50 %.2f ms   p95 %.2f ms   max %.2f ms
                  typed turn  (turn frame -> reply frame)           p50 %.2f ms   p95 %.2f ms   max %.2f ms
                  ratio       spoken / typed (median)                %.2fx""",
                turns, Runtime.getRuntime().availableProcessors(),
                voiceMedian, percentileMs(voiceNs, 0.95), percentileMs(voiceNs, 1.0),
                textMedian, percentileMs(textNs, 0.95), percentileMs(textNs, 1.0), voiceMedian / textMedian);
    }

    /**
     * Where the spoken turn's time went, from the service's own histograms (mean per stage over the
     * warm-up and the measured turns), so a slow stage shows without a profiler.
     */
    static String stages(URI metrics) throws Exception {
        String text = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(metrics).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        StringBuilder out = new StringBuilder("  stage means (service histograms)");
        for (String stage : List.of("stt", "turn", "tts")) {
            double sum = sample(text, "realtime_voice_stage_duration_seconds_sum", stage);
            double count = sample(text, "realtime_voice_stage_duration_seconds_count", stage);
            out.append(String.format(Locale.ROOT, "   %s %.2f ms", stage, count == 0 ? Double.NaN : 1000 * sum / count));
        }
        return out.toString();
    }

    private static double sample(String exposition, String name, String stage) {
        return exposition.lines().filter(l -> l.startsWith(name + "{") && l.contains("stage=\"" + stage + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The {@code q}-quantile (0..1) in milliseconds, nearest-rank. */
    static double percentileMs(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(rank, sorted.length - 1))] / 1e6;
    }
}
