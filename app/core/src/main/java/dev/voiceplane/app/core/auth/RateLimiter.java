package dev.voiceplane.app.core.auth;

import dev.voiceplane.app.core.redis.RedisStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import org.slf4j.LoggerFactory;

/**
 * Per-client fixed-window rate limiting in Redis, so the limit holds across all replicas. One
 * atomic script per request: increment the window's counter and set its expiry on first use.
 *
 * <p>When Redis does not answer the request is let through and counted: a cache outage should
 * degrade protection, not take the whole API down (readiness already reports Redis as down).
 */
public final class RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final String INCREMENT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""";

    private final RedisStore redis;
    private final RateLimitPolicy policy;
    private final Clock clock;
    private final Counter rejected;
    private final Counter unavailable;
    private volatile String scriptSha;

    public RateLimiter(RedisStore redis, RateLimitPolicy policy, Clock clock, MeterRegistry metrics) {
        this.redis = redis;
        this.policy = policy;
        this.clock = clock;
        this.rejected = Counter.builder("rate_limit_rejected").description("requests refused by the rate limiter").register(metrics);
        this.unavailable = Counter.builder("rate_limit_unavailable").description("requests let through because Redis did not answer").register(metrics);
    }

    /** The verdict for one request of {@code client}; {@code principal} is null for anonymous callers. */
    public Verdict check(String client, Principal principal) {
        int limit = policy.limitFor(principal);
        if (limit == RateLimitPolicy.UNLIMITED) {
            return new Verdict(true, limit, 0);
        }
        long windowMillis = policy.window().toMillis();
        long window = clock.millis() / windowMillis;
        String key = redis.key("ratelimit", client, Long.toString(window));
        try {
            long count = (Long) evaluate(key, windowMillis);
            if (count > limit) {
                rejected.increment();
                long retryAfterSeconds = Math.max(1, ((window + 1) * windowMillis - clock.millis() + 999) / 1000);
                return new Verdict(false, limit, retryAfterSeconds);
            }
            return new Verdict(true, limit, 0);
        } catch (RuntimeException e) {
            unavailable.increment();
            LOG.warn("rate limiter could not reach Redis; letting the request through: {}", e.toString());
            return new Verdict(true, limit, 0);
        }
    }

    /**
     * Runs the script by its SHA (EVALSHA: the script is not resent per request); loads it on first
     * use and again after a Redis restart or failover, which forgets loaded scripts.
     */
    private Object evaluate(String key, long windowMillis) {
        List<String> keys = List.of(key);
        List<String> args = List.of(Long.toString(windowMillis));
        String sha = scriptSha;
        if (sha != null) {
            try {
                return redis.client().evalsha(sha, keys, args);
            } catch (JedisNoScriptException e) {
                // Fall through and load it again.
            }
        }
        scriptSha = redis.client().scriptLoad(INCREMENT);
        return redis.client().evalsha(scriptSha, keys, args);
    }

    /** Whether a request may proceed, and if not, when to retry. */
    public record Verdict(boolean allowed, int limit, long retryAfterSeconds) {
    }
}
