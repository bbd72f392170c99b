package dev.voiceplane.app.speechaws;

import dev.voiceplane.app.speech.RecordingTranscriber;
import dev.voiceplane.app.speech.TextToSpeech;
import dev.voiceplane.app.speech.VoiceProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.transcribe.TranscribeClient;

/**
 * BharatVoice's speech on AWS: recordings through Amazon Transcribe batch jobs (the media goes to
 * the stack's bucket first, since Transcribe reads media from S3 in its own region:
 * https://docs.aws.amazon.com/transcribe/latest/dg/how-input.html), answers through Amazon Polly.
 * One SDK client per service, shared by every job (they are thread-safe), all pinned to the stack's
 * region. Credentials come from the SDK's default chain: in the pod that is the IRSA web identity
 * the EKS webhook injects (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE).
 */
public final class AwsVoice implements VoiceProvider {

    private final TranscribeClient transcribe;
    private final PollyClient polly;
    private final S3Client s3;
    private final SdkHttpClient http;
    private final TranscribeJobs jobs;
    private final String prefix;
    private final String jobPrefix;

    private AwsVoice(Builder b) {
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(b.connectTimeout).socketTimeout(b.socketTimeout).build();
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder().apiCallTimeout(b.callTimeout).build();
        var transcribeBuilder = TranscribeClient.builder().region(b.region).credentialsProvider(b.credentials).httpClient(http)
                .overrideConfiguration(overrides);
        var pollyBuilder = PollyClient.builder().region(b.region).credentialsProvider(b.credentials).httpClient(http)
                .overrideConfiguration(overrides);
        var s3Builder = S3Client.builder().region(b.region).credentialsProvider(b.credentials).httpClient(http)
                .overrideConfiguration(overrides);
        b.endpoint.ifPresent(endpoint -> {
            transcribeBuilder.endpointOverride(endpoint);
            pollyBuilder.endpointOverride(endpoint);
            // A stand-in on one host serves buckets as paths, not as subdomains.
            s3Builder.endpointOverride(endpoint).forcePathStyle(true);
        });
        this.transcribe = transcribeBuilder.build();
        this.polly = pollyBuilder.build();
        this.s3 = s3Builder.build();
        this.jobs = new TranscribeJobs(transcribe, new MediaBucket(s3, b.bucket, b.prefix), b.pollInterval, b.jobPrefix);
        this.prefix = b.prefix;
        this.jobPrefix = b.jobPrefix;
    }

    /** The key prefix media and transcripts pass through in the bucket. */
    public String mediaPrefix() {
        return prefix;
    }

    /** What this provider's Transcribe job names start with. */
    public String jobPrefix() {
        return jobPrefix;
    }

    /** @param region the stack's region (ap-south-1: data stays in India) @param bucket where media and transcripts pass through */
    public static Builder builder(String region, String bucket) {
        return new Builder(region, bucket);
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public Set<String> languages() {
        return AwsVoiceLanguages.voiceLanguages();
    }

    @Override
    public RecordingTranscriber transcriber() {
        return jobs;
    }

    @Override
    public TextToSpeech voice(String language) {
        AwsVoiceLanguages.PollyVoice voice = AwsVoiceLanguages.pollyVoice(language).orElseThrow(() ->
                new IllegalArgumentException(AwsVoiceLanguages.whyNot(language).orElse(language)));
        return new PollySpeech(polly, voice);
    }

    @Override
    public List<String> unsupported(java.util.Collection<String> wanted) {
        return wanted.stream().filter(l -> AwsVoiceLanguages.whyNot(l).isPresent()).toList();
    }

    @Override
    public void close() {
        jobs.close(); // its queued cleanups still need the clients
        transcribe.close();
        polly.close();
        s3.close();
        http.close();
    }

    /** Settings of the AWS provider; every one but region and bucket has a default. */
    public static final class Builder {
        private final Region region;
        private final String bucket;
        private String prefix = "voice/";
        private String jobPrefix = "voice-";
        private AwsCredentialsProvider credentials;
        private Optional<URI> endpoint = Optional.empty();
        private Duration pollInterval = Duration.ofMillis(500);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration socketTimeout = Duration.ofSeconds(15);
        private Duration callTimeout = Duration.ofSeconds(30);

        private Builder(String region, String bucket) {
            if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-[0-9]")) {
                throw new IllegalArgumentException("AWS region '" + region + "' is not a region name such as ap-south-1");
            }
            // S3 bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
            if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("S3 bucket '" + bucket + "' is not a valid bucket name");
            }
            this.region = Region.of(region);
            this.bucket = bucket;
        }

        /** Key prefix of media and transcripts in the bucket. Default {@code voice/}. */
        public Builder prefix(String value) {
            this.prefix = Objects.requireNonNull(value, "prefix");
            return this;
        }

        /**
         * What Transcribe job names start with; an IAM policy may admit only jobs under it. Default {@code voice-}.
         * Job names allow letters, digits, '.', '_' and '-' (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartTranscriptionJob.html).
         */
        public Builder jobPrefix(String value) {
            if (value == null || !value.matches("[0-9a-zA-Z._-]{1,40}")) {
                throw new IllegalArgumentException("Transcribe job prefix '" + value + "' must be 1-40 letters, digits, '.', '_' or '-'");
            }
            this.jobPrefix = value;
            return this;
        }

        /** Default: the SDK's default chain (environment, web identity/IRSA, profile, container, instance). */
        public Builder credentials(AwsCredentialsProvider value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /** One endpoint for Transcribe, Polly and S3 (a local stand-in). Default: AWS's regional endpoints. */
        public Builder endpoint(URI value) {
            this.endpoint = Optional.of(value);
            return this;
        }

        /**
         * How often a running Transcribe job is asked for its status. Default 500 ms: half a second is what a
         * user waits at most past the job's end. GetTranscriptionJob's default quota is 20 transactions a second
         * per account (https://docs.aws.amazon.com/transcribe/latest/dg/limits-guidelines.html), so at 500 ms about
         * ten jobs may run at once across all replicas before polls are throttled (and retried by the SDK).
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        /** Per-call bound, retries included (the SDK's apiCallTimeout). Default 30 s; connect 2 s, read 15 s. */
        public Builder callTimeout(Duration value) {
            this.callTimeout = Objects.requireNonNull(value, "callTimeout");
            return this;
        }

        public AwsVoice build() {
            if (credentials == null) {
                credentials = DefaultCredentialsProvider.builder().build();
            }
            return new AwsVoice(this);
        }
    }
}
