package dev.voiceplane.app.core.http;

import io.javalin.http.HttpResponseException;
import java.util.Map;

/** A refusal that ends at a known time (a locked account, a spent daily allowance): answered with {@code Retry-After}. */
public class RetryLaterException extends HttpResponseException {

    private final long retryAfterSeconds;

    public RetryLaterException(int status, String message, long retryAfterSeconds) {
        super(status, message, Map.of());
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
