package dev.voiceplane.app.usermanagement;

import io.javalin.http.HttpStatus;
import io.javalin.http.HttpResponseException;
import java.util.Map;

/** 429 for a locked account, carrying the Retry-After the error handler sets (see {@link AuthRoutes}). */
final class TooManyRequestsWithRetry extends HttpResponseException {

    private final long retryAfterSeconds;

    TooManyRequestsWithRetry(long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS.getCode(), "this account is locked after repeated wrong passwords or codes; retry after "
                + retryAfterSeconds + " s", Map.of());
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
