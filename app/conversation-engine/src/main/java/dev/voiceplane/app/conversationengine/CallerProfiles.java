package dev.voiceplane.app.conversationengine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.http.ServiceClient;
import dev.voiceplane.app.core.redis.RedisStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caller profiles from profile-analytics, to personalise the dialog. Cached in Redis for the length
 * of a call; when profile-analytics fails the engine answers without a profile and stops asking for
 * {@link #PAUSE_AFTER_FAILURE}, so a dead dependency costs one timeout, not one per turn.
 */
public final class CallerProfiles {

    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final String UNKNOWN = "unknown";
    private static final Logger LOG = LoggerFactory.getLogger(CallerProfiles.class);

    private final RedisStore redis;
    private final ServiceClient analytics;
    private final Clock clock;
    private final MeterRegistry metrics;
    private volatile long pausedUntilMillis;

    public CallerProfiles(RedisStore redis, ServiceClient analytics, Clock clock, MeterRegistry metrics) {
        this.redis = redis;
        this.analytics = analytics;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The caller's profile; empty when there is no number, no profile, or profile-analytics is down. */
    public Optional<CallerProfile> find(String number) {
        if (number == null) {
            return Optional.empty();
        }
        String key = redis.key("profile", number);
        String cached = redis.client().get(key);
        if (cached != null) {
            metrics.counter("conversation_profile_lookups", "source", "cache").increment();
            return UNKNOWN.equals(cached) ? Optional.empty() : parse(cached);
        }
        if (clock.millis() < pausedUntilMillis) {
            metrics.counter("conversation_profile_lookups", "source", "unavailable").increment();
            return Optional.empty();
        }
        try {
            Optional<CallerProfile> profile = analytics.get("/api/profiles/" + URLEncoder.encode(number, StandardCharsets.UTF_8),
                    CallerProfile.class);
            redis.client().setex(key, CACHE_TTL.toSeconds(), profile.isPresent() ? Json.mapper().writeValueAsString(profile.get()) : UNKNOWN);
            metrics.counter("conversation_profile_lookups", "source", profile.isPresent() ? "service" : "unknown").increment();
            return profile;
        } catch (ServiceClient.ServiceCallException | JsonProcessingException e) {
            pausedUntilMillis = clock.millis() + PAUSE_AFTER_FAILURE.toMillis();
            metrics.counter("conversation_profile_lookups", "source", "unavailable").increment();
            LOG.warn("profile-analytics unavailable; answering without caller profiles for {} s: {}",
                    PAUSE_AFTER_FAILURE.toSeconds(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<CallerProfile> parse(String json) {
        try {
            return Optional.of(Json.mapper().readValue(json, CallerProfile.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
