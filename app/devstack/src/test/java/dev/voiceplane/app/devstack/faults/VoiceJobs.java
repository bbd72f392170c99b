package dev.voiceplane.app.devstack.faults;

import dev.voiceplane.app.bharatvoice.worker.Backoff;
import dev.voiceplane.app.bharatvoice.worker.WorkerModule;
import dev.voiceplane.app.core.runtime.ServiceRuntime;
import dev.voiceplane.app.devstack.LocalRun;
import dev.voiceplane.app.devstack.LocalStack;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.VoiceProvider;
import dev.voiceplane.app.speech.Wav;
import dev.voiceplane.app.speechaws.AwsVoice;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.aws.AwsStandIn;
import dev.voiceplane.app.testkit.aws.TranscribeStandIn;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * BharatVoice's worker for the suite, stopped and started at will so a job really waits in the
 * queue: the real worker module on the run's stores, hearing uploads through the AWS stand-ins
 * (every recording says "what time is it"), so a voice job succeeds without speech models. Retries
 * back off from 200 ms instead of 2 s: the suite counts attempts, not seconds.
 */
final class VoiceJobs implements AutoCloseable {

    static final String REGION = "ap-south-1";
    static final String BUCKET = "fault-suite-voice-media";
    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200));

    private final LocalRun run;
    private final AwsStandIn aws;
    private final VoiceProvider voice;
    private ServiceRuntime worker;
    private int recordings;

    VoiceJobs(LocalRun run) {
        this.run = run;
        this.aws = AwsStandIn.start(REGION).bucket(BUCKET);
        aws.transcribe().hearsOtherwise(media -> Optional.of(new TranscribeStandIn.Heard("en-IN", "what time is it")));
        this.voice = AwsVoice.builder(REGION, BUCKET).endpoint(aws.endpoint())
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAULTSUITE", "fault-suite-secret"))).build();
    }

    synchronized void startWorker() {
        if (worker == null) {
            ServiceSpec spec = ServiceCatalog.get(WorkerModule.NAME);
            worker = ServiceRuntime.start(spec, LocalStack.environment(spec, run.stores()),
                    new WorkerModule(BACKOFF, Map.of(), Optional.of(voice)), Clock.systemUTC());
        }
    }

    synchronized void stopWorker() {
        if (worker != null) {
            worker.stop();
            worker = null;
        }
    }

    /**
     * Holds every Transcribe job in progress (the worker keeps polling it, the job stays in its
     * hands) until released; what makes "a job the worker is running" a state instead of a moment.
     */
    void holdTranscriptions(boolean hold) {
        aws.transcribe().jobTime(hold ? Duration.ofDays(1) : Duration.ZERO);
    }

    /** WORKER_CONCURRENCY as the run gives it: how many jobs the worker holds at once. */
    int concurrency() {
        ServiceSpec spec = ServiceCatalog.get(WorkerModule.NAME);
        return Integer.parseInt(LocalStack.environment(spec, run.stores()).get(Env.WORKER_CONCURRENCY));
    }

    /** Transcribe jobs started so far. */
    int transcriptions() {
        return aws.transcribe().jobs().size();
    }

    /** The running worker's {@code /metrics}. */
    synchronized String metrics() {
        return new TestHttp("http://127.0.0.1:" + worker.port()).get("/metrics", null).raw();
    }

    /** A new one-second recording: distinct bytes each time, so no two uploads are the same file. */
    synchronized byte[] recording() {
        int seed = ++recordings;
        byte[] pcm = new byte[SpeechFormat.PCM_16K.bytesPerSecond()];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) ((i * (seed + 7)) >> 3);
        }
        return Wav.of(pcm);
    }

    @Override
    public void close() {
        stopWorker(); // before the stores stop
        voice.close();
        aws.close();
    }
}
