package dev.voiceplane.app.speechaws;

import dev.voiceplane.app.speech.Recording;
import dev.voiceplane.app.speech.RecordingTranscriber;
import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechRefusedException;
import dev.voiceplane.app.speech.Transcript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.transcribe.TranscribeClient;
import software.amazon.awssdk.services.transcribe.model.StartTranscriptionJobRequest;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJob;
import software.amazon.awssdk.services.transcribe.model.TranscriptionJobStatus;

/**
 * Amazon Transcribe batch jobs, one per recording
 * (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartTranscriptionJob.html): the
 * recording is put in the bucket, a job started on it (with the caller's language, or with language
 * identification among the candidates: IdentifyLanguage needs at least two LanguageOptions), polled
 * with GetTranscriptionJob until COMPLETED or FAILED, and the transcript read from the bucket, where
 * OutputBucketName/OutputKey put it. Whatever happens, the job, the media and the transcript file are
 * deleted afterwards (DeleteTranscriptionJob), so nothing of the caller's voice stays at AWS: on a
 * cleanup thread, since the three calls (some 400 ms at S3's and Transcribe's latencies) need not
 * stand between the caller and the answer; the bucket's lifecycle rule is the backstop.
 */
final class TranscribeJobs implements RecordingTranscriber, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TranscribeJobs.class);

    private final TranscribeClient transcribe;
    private final MediaBucket bucket;
    private final Duration pollInterval;
    private final String jobPrefix;
    private final java.util.concurrent.ExecutorService cleanup = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "transcribe-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    TranscribeJobs(TranscribeClient transcribe, MediaBucket bucket, Duration pollInterval, String jobPrefix) {
        this.transcribe = transcribe;
        this.bucket = bucket;
        this.pollInterval = pollInterval;
        this.jobPrefix = jobPrefix;
    }

    /** Finishes the cleanups still queued (up to 10 s), then stops. */
    @Override
    public void close() {
        cleanup.shutdown();
        try {
            cleanup.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Transcript transcribe(Recording recording, List<String> languages, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> codes = new ArrayList<>();
        for (String language : languages) {
            codes.add(AwsVoiceLanguages.transcribeCode(language).orElseThrow(() ->
                    new SpeechRefusedException(AwsVoiceLanguages.whyNot(language).orElse(language))));
        }
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("no language to transcribe in");
        }
        // Job names are unique per account and region; a retried job gets a new one.
        String job = jobPrefix + recording.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String mediaKey = bucket.mediaKey(job, recording.format());
        String transcriptKey = bucket.transcriptKey(job);
        boolean started = false;
        try {
            String media = bucket.put(recording, mediaKey);
            StartTranscriptionJobRequest.Builder request = StartTranscriptionJobRequest.builder()
                    .transcriptionJobName(job)
                    .media(m -> m.mediaFileUri(media))
                    .mediaFormat(recording.format())
                    .outputBucketName(bucket.bucket())
                    .outputKey(transcriptKey);
            if (codes.size() == 1) {
                request.languageCode(codes.get(0));
            } else {
                request.identifyLanguage(true).languageOptionsWithStrings(codes);
            }
            call("StartTranscriptionJob", () -> transcribe.startTranscriptionJob(request.build()));
            started = true;
            TranscriptionJob done = awaitEnd(job, deadline, timeout);
            if (done.transcriptionJobStatus() == TranscriptionJobStatus.FAILED) {
                // FailureReason speaks of the media (unsupported format, corrupt file, too long): the same file fails again.
                throw new SpeechRefusedException("Amazon Transcribe could not transcribe recording " + recording.id() + ": "
                        + done.failureReason());
            }
            String uri = done.transcript() == null ? null : done.transcript().transcriptFileUri();
            if (uri == null || !uri.endsWith("/" + bucket.bucket() + "/" + transcriptKey)) {
                throw new SpeechException("Amazon Transcribe put the transcript of job " + job + " at " + uri + ", not at the "
                        + "OutputKey it was given", false, null);
            }
            TranscriptFile file = TranscriptFile.parse(bucket.get(transcriptKey));
            String code = done.languageCodeAsString() != null ? done.languageCodeAsString() : file.languageCode().orElse(codes.get(0));
            String language = AwsVoiceLanguages.fromTranscribeCode(code).orElseThrow(() ->
                    new SpeechException("Amazon Transcribe heard " + code + ", which is not among " + codes, false, null));
            double confidence = codes.size() == 1 ? 1.0
                    : done.identifiedLanguageScore() != null ? done.identifiedLanguageScore() : file.languageScore().orElse(0.0);
            return new Transcript(file.text(), language, Math.max(0, Math.min(1, confidence)));
        } finally {
            boolean deleteJob = started;
            Runnable erase = () -> {
                if (deleteJob) {
                    deleteJobQuietly(job);
                }
                bucket.deleteQuietly(mediaKey, transcriptKey);
            };
            try {
                cleanup.execute(erase);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                erase.run();
            }
        }
    }

    private TranscriptionJob awaitEnd(String job, long deadline, Duration timeout) {
        while (true) {
            TranscriptionJob state = call("GetTranscriptionJob",
                    () -> transcribe.getTranscriptionJob(r -> r.transcriptionJobName(job)).transcriptionJob());
            TranscriptionJobStatus status = state.transcriptionJobStatus();
            if (status == TranscriptionJobStatus.COMPLETED || status == TranscriptionJobStatus.FAILED) {
                return state;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SpeechException("Amazon Transcribe job " + job + " was still " + status + " after " + timeout.toMillis() + " ms",
                        true, null);
            }
            try {
                Thread.sleep(Math.min(pollInterval.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SpeechException("interrupted while waiting for Transcribe job " + job, false, e);
            }
        }
    }

    private void deleteJobQuietly(String job) {
        try {
            transcribe.deleteTranscriptionJob(r -> r.transcriptionJobName(job));
        } catch (SdkException e) {
            LOG.warn("could not delete Transcribe job {}: {}", job, e.getMessage());
        }
    }

    private static <T> T call(String operation, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw AwsFailures.of("Amazon Transcribe " + operation, e);
        }
    }
}
