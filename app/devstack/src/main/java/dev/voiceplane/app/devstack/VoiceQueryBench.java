package dev.voiceplane.app.devstack;

import dev.voiceplane.app.bharatvoice.assistant.AssistantModule;
import dev.voiceplane.app.bharatvoice.worker.Backoff;
import dev.voiceplane.app.bharatvoice.worker.WorkerModule;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.runtime.ServiceRuntime;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.VoiceProvider;
import dev.voiceplane.app.speech.Wav;
import dev.voiceplane.app.speech.offline.OfflineSpeech;
import dev.voiceplane.app.speechaws.AwsVoice;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.app.testkit.aws.AwsStandIn;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A benchmark, not a test: voice queries through bharatvoice-app and bharatvoice-worker in this JVM
 * (embedded PostgreSQL and Redis), one after another, timed from the upload's 202 to the job's
 * SUCCEEDED (answer audio stored), reported as p50/p95 per language and query size against the
 * guide's targets (simple p95 under 2 s, complex under 5 s). Configurations:
 * <ul>
 *   <li>{@code aws-instant}: the AWS stand-ins answering at once: voiceplane's own cost through the real
 *       SDK (S3 put, job start, polls every 500 ms as in production, S3 get, answer, Polly, store);</li>
 *   <li>{@code aws-published}: the stand-ins with published latencies ({@link #PUBLISHED});</li>
 *   <li>{@code offline}: Sphinx4 and FreeTTS in this JVM, English only.</li>
 * </ul>
 * {@code --transcribe-ms 0,2000,5000} sweeps the Transcribe batch job time, for which AWS publishes no figure.
 */
public final class VoiceQueryBench {

    /**
     * Published latencies the stand-ins reproduce: Polly about 119 ms a word (AWS's announcement of Polly
     * bidirectional streaming, 2026, reports 970 words through SynthesizeSpeech in 115 s over 27 calls); S3 150 ms a
     * call, on the safe side of AWS's "median latencies often in the tens of milliseconds" for requests under 512 KB
     * (https://docs.aws.amazon.com/whitepapers/latest/s3-optimizing-performance-best-practices/timeouts-and-retries-for-latency-sensitive-applications.html);
     * Transcribe's control calls (Start/Get/Delete) 100 ms each, an assumption: AWS publishes no figure for them
     * nor for a batch job's turnaround, which is swept instead.
     */
    static final Duration POLLY_PER_WORD = Duration.ofMillis(119);
    static final Duration S3_CALL = Duration.ofMillis(150);
    static final Duration TRANSCRIBE_CALL = Duration.ofMillis(100);
    static final String PUBLISHED = "Polly 119 ms/word, S3 150 ms/call, Transcribe API 100 ms/call";

    record Query(String language, String size, String text, int seconds) {
    }

    static final List<Query> QUERIES = List.of(
            new Query("en", "simple", "What time is it?", 2),
            new Query("en", "complex", "Hello, I would like to know which number I should dial in an emergency when there is a fire "
                    + "near my house and nobody answers.", 8),
            new Query("hi", "simple", "अभी क्या समय है", 2),
            new Query("hi", "complex", "नमस्ते मुझे बताइए कि आग लगने पर या किसी भी आपातकाल में पुलिस और एम्बुलेंस के लिए कौन सा नंबर डायल "
                    + "करें", 8));

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int runs = Integer.parseInt(options.getOrDefault("runs", "10"));
        List<String> configs = List.of(options.getOrDefault("configs", "aws-instant,aws-published,offline").split(","));
        List<Integer> transcribeMs = Arrays.stream(options.getOrDefault("transcribe-ms", "0,2000").split(","))
                .map(Integer::parseInt).toList();
        EmbeddedStores stores = EmbeddedStores.start(0, 0);
        List<String> rows = new ArrayList<>();
        try {
            for (String config : configs) {
                for (int jobMs : config.equals("aws-published") ? transcribeMs : List.of(0)) {
                    String name = config + (config.equals("aws-published") ? " (Transcribe job " + jobMs + " ms)" : "");
                    System.err.println("running " + name + " ...");
                    rows.addAll(run(stores, config, jobMs, config.equals("offline") ? Math.max(3, runs / 2) : runs, name));
                }
            }
        } finally {
            stores.stop();
        }
        System.out.println("Voice queries, upload accepted (202) to answer audio ready (job SUCCEEDED); one at a time");
        System.out.println("published latencies: " + PUBLISHED);
        System.out.printf(Locale.ROOT, "%-44s %-4s %-8s %4s %9s %9s  %s%n", "configuration", "lang", "size", "n", "p50 ms", "p95 ms", "target");
        rows.forEach(System.out::println);
    }

    private static List<String> run(EmbeddedStores stores, String config, int jobMs, int runs, String name) throws Exception {
        AwsStandIn aws = null;
        VoiceProvider voice = null;
        List<Query> queries = QUERIES;
        if (config.startsWith("aws")) {
            aws = AwsStandIn.start("ap-south-1").bucket("bench-voice-media");
            if (config.equals("aws-published")) {
                aws.polly().latencyPerWord(POLLY_PER_WORD);
                aws.transcribe().jobTime(Duration.ofMillis(jobMs));
                for (String op : List.of("PutObject", "GetObject", "DeleteObject")) {
                    aws.latency(op, S3_CALL);
                }
                for (String op : List.of("StartTranscriptionJob", "GetTranscriptionJob", "DeleteTranscriptionJob")) {
                    aws.latency(op, TRANSCRIBE_CALL);
                }
            }
            voice = AwsVoice.builder("ap-south-1", "bench-voice-media").endpoint(aws.endpoint())
                    .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench-secret"))).build();
        } else {
            queries = QUERIES.stream().filter(q -> q.language().equals("en")).toList();
            OfflineSpeech.warmUp().join();
        }
        Map<Query, byte[]> recordings = new LinkedHashMap<>();
        int seed = 1;
        for (Query query : queries) {
            byte[] wav = aws != null ? synthetic(seed++, query.seconds()) : Wav.of(spoken(query.text()));
            recordings.put(query, wav);
            if (aws != null) {
                aws.transcribe().hears(wav, query.language() + "-IN", query.text().replaceAll("[?,.]", "").toLowerCase(Locale.ROOT));
            }
        }
        String database = "bharatvoice_bench";
        stores.recreateDatabase(database);
        String languages = aws != null ? "en,hi" : "en";
        ServiceRuntime app = start(stores, "bharatvoice-app", AssistantModule::new, database, languages);
        Optional<VoiceProvider> injected = Optional.ofNullable(voice);
        ServiceRuntime worker = start(stores, "bharatvoice-worker", () -> new WorkerModule(Backoff.DEFAULT, Map.of(), injected),
                database, languages);
        AccessTokens tokens = AccessTokens.forSystem(LocalEnvironment.ACCESS_SECRET, SystemName.BHARATVOICE, Clock.systemUTC());
        String token = tokens.issue(new Principal("bench-user", Set.of(Role.USER), ""), Duration.ofHours(1));
        String base = "http://127.0.0.1:" + app.port();
        List<String> rows = new ArrayList<>();
        try {
            for (Query query : queries) {
                ask(base, token, recordings.get(query), query); // warm-up, not counted
                long[] millis = new long[runs];
                for (int i = 0; i < runs; i++) {
                    millis[i] = ask(base, token, recordings.get(query), query);
                }
                Arrays.sort(millis);
                double target = query.size().equals("simple") ? 2_000 : 5_000;
                long p95 = millis[Math.max(0, (int) Math.ceil(0.95 * runs) - 1)];
                rows.add(String.format(Locale.ROOT, "%-44s %-4s %-8s %4d %9d %9d  p95 < %.0f s: %s", name, query.language(), query.size(), runs,
                        millis[(runs - 1) / 2], p95, target / 1000, p95 < target ? "met" : "MISSED"));
            }
        } finally {
            worker.stop();
            app.stop();
            if (voice != null) {
                voice.close();
            }
            if (aws != null) {
                aws.close();
            }
        }
        return rows;
    }

    private static ServiceRuntime start(EmbeddedStores stores, String service, java.util.function.Supplier<ServiceModule> module,
            String database, String voiceLanguages) {
        ServiceSpec spec = ServiceCatalog.get(service);
        Map<String, String> env = new LinkedHashMap<>(LocalEnvironment.forService(spec, stores, database, 0));
        env.put(Env.LOG_LEVEL, "WARN");
        env.put(Env.VOICE_LANGUAGES, voiceLanguages);
        ServiceModule instance = module.get();
        LocalStack.migrateSchemaOf(spec, instance, env);
        return ServiceRuntime.start(spec, env, instance, Clock.systemUTC());
    }

    /**
     * One query: upload, then poll the job every 200 ms (users have 600 requests a minute); milliseconds from
     * the 202's arrival to the job's {@code updatedAt} when it turned SUCCEEDED (same clock, this machine), so
     * the polling interval does not add to the figure.
     */
    private static long ask(String base, String token, byte[] wav, Query query) throws Exception {
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/voice/uploads?language=" + query.language()))
                .header("Content-Type", "audio/wav").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build(), HttpResponse.BodyHandlers.ofString());
        java.time.Instant start = java.time.Instant.now();
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String job = Json.mapper().readTree(accepted.body()).path("jobId").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            HttpResponse<String> polled = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + job))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (polled.statusCode() != 200) {
                throw new IllegalStateException("GET /api/jobs/" + job + " answered " + polled.statusCode() + ": " + polled.body());
            }
            var state = Json.mapper().readTree(polled.body());
            String status = state.path("status").asText();
            if (status.equals("SUCCEEDED")) {
                var updated = state.path("updatedAt");
                java.time.Instant done = updated.isNumber()
                        ? java.time.Instant.ofEpochMilli(Math.round(updated.asDouble() * 1000)) : java.time.Instant.parse(updated.asText());
                return Duration.between(start, done).toMillis();
            }
            if (status.equals("DEAD") || status.equals("RETRYING")) {
                throw new IllegalStateException("job " + job + " of '" + query.text() + "' is " + status + ": " + state.path("lastError"));
            }
        }
        throw new IllegalStateException("job " + job + " did not finish within 5 minutes");
    }

    private static byte[] synthetic(int seed, int seconds) {
        byte[] pcm = new byte[seconds * SpeechFormat.PCM_16K.bytesPerSecond()];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) ((i * seed) >> 4);
        }
        return Wav.of(pcm);
    }

    private static byte[] spoken(String text) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        OfflineSpeech.textToSpeech().speak(text, SpeechFormat.PCM_16K, (audio, offset, length) -> {
            pcm.write(audio, offset, length);
            return true;
        }, Duration.ofMinutes(1));
        return pcm.toByteArray();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
