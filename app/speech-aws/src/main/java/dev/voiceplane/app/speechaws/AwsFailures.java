package dev.voiceplane.app.speechaws;

import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechRefusedException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an AWS error means for a voice job: try again later (throttling, a server error, no answer
 * in time, no connection) or never (the request itself was refused). The SDK has already retried
 * throttling and 5xx answers within the call (standard retry mode, 3 attempts); what reaches here
 * is for the job queue's backoff.
 */
final class AwsFailures {

    /**
     * Error codes that mean "too many requests" although the status is 400: Transcribe answers
     * LimitExceededException ("Wait before retrying",
     * https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartTranscriptionJob.html#API_StartTranscriptionJob_Errors),
     * Polly ThrottlingException (https://docs.aws.amazon.com/polly/latest/dg/CommonErrors.html), S3 SlowDown (503).
     */
    static final Set<String> THROTTLING = Set.of("LimitExceededException", "ThrottlingException", "Throttling", "SlowDown",
            "TooManyRequestsException", "RequestLimitExceeded");

    private AwsFailures() {
    }

    static SpeechException of(String what, SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new SpeechException(what + " did not answer in time", true, e);
        }
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null ? ""
                    : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorMessage();
            String detail = code + " (HTTP " + service.statusCode() + ")" + (message == null || message.isBlank() ? "" : ": " + message);
            if (service.isThrottlingException() || THROTTLING.contains(code) || service.statusCode() >= 500) {
                return new SpeechException(what + " failed, worth another attempt: " + detail, false, e);
            }
            return new SpeechRefusedException(what + " refused the request: " + detail, e);
        }
        return new SpeechException(what + " could not be reached: " + e.getMessage(), false, e);
    }
}
