package dev.voiceplane.app.speechaws;

import dev.voiceplane.app.speech.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where recordings and their transcripts pass through on their way to and from Transcribe: the
 * stack's bucket, under {@code <prefix>media/} and {@code <prefix>transcripts/}. Nothing stays:
 * each job deletes its objects when it ends (the worker keeps the transcript in PostgreSQL for the
 * configured retention, and erases it with the user), so the bucket holds no one's voice at rest.
 */
final class MediaBucket {

    private static final Logger LOG = LoggerFactory.getLogger(MediaBucket.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    MediaBucket(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    String bucket() {
        return bucket;
    }

    String mediaKey(String job, String format) {
        return prefix + "media/" + job + "." + format;
    }

    String transcriptKey(String job) {
        return prefix + "transcripts/" + job + ".json";
    }

    /** Uploads the recording; returns its {@code s3://} URI, as Transcribe's Media.MediaFileUri takes it. */
    String put(Recording recording, String key) {
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType(Recording.FORMATS.get(recording.format())),
                    RequestBody.fromFile(recording.file()));
            return "s3://" + bucket + "/" + key;
        } catch (SdkException e) {
            throw AwsFailures.of("S3 PutObject of the recording", e);
        }
    }

    byte[] get(String key) {
        try {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        } catch (SdkException e) {
            throw AwsFailures.of("S3 GetObject of the transcript", e);
        }
    }

    /** Deletes what a job left; a failure is logged, not thrown (the bucket's lifecycle rule is the backstop). */
    void deleteQuietly(String... keys) {
        for (String key : keys) {
            try {
                s3.deleteObject(r -> r.bucket(bucket).key(key));
            } catch (SdkException e) {
                LOG.warn("could not delete s3://{}/{}: {}", bucket, key, e.getMessage());
            }
        }
    }

    /** For messages: never the object's content. */
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
