package dev.voiceplane.app.smartwhitelist;

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
 * Callers' spam profiles from profile-analytics, cached in Redis so a decision rarely leaves the
 * service. Known profiles are cached for {@link #FOUND_TTL}, unknown callers for {@link #UNKNOWN_TTL}
 * (they may become known soon). When profile-analytics fails, calls to it pause for
 * {@link #PAUSE_AFTER_FAILURE} so a dead dependency costs one timeout, not one per call.
 */
public final class SpamProfiles {

    public static final Duration FOUND_TTL = Duration.ofMinutes(5);
    public static final Duration UNKNOWN_TTL = Duration.ofMinutes(1);
    public static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(5);
    static final String UNKNOWN_MARKER = "unknown";

    private static final Logger LOG = LoggerFactory.getLogger(SpamProfiles.class);

    private final RedisStore redis;
    private final ServiceClient analytics;
    private final Clock clock;
    private final MeterRegistry metrics;
    private volatile long pausedUntilMillis;

    public SpamProfiles(RedisStore redis, ServiceClient analytics, Clock clock, MeterRegistry metrics) {
        this.redis = redis;
        this.analytics = analytics;
        this.clock = clock;
        this.metrics = metrics;
        for (String source : java.util.List.of("cache", "service", "unknown", "unavailable")) {
            metrics.counter("whitelist_profile_lookups", "source", source);
        }
    }

    public String cacheKey(String number) {
        return redis.key("profile", number);
    }

    /** The profile from an already-read cache value, or from profile-analytics when {@code cached} is null. */
    public ProfileLookup lookup(String number, String cached) {
        ProfileLookup result = cached != null ? fromCache(cached) : fetch(number);
        metrics.counter("whitelist_profile_lookups", "source", result.source()).increment();
        return result;
    }

    private ProfileLookup fromCache(String cached) {
        if (UNKNOWN_MARKER.equals(cached)) {
            return new ProfileLookup(Optional.empty(), "cache");
        }
        try {
            return new ProfileLookup(Optional.of(Json.mapper().readValue(cached, CallerProfile.class)), "cache");
        } catch (java.io.IOException e) {
            return new ProfileLookup(Optional.empty(), "cache");
        }
    }

    /** Caches a profile; without Redis the next decision asks profile-analytics again. */
    private void cache(String number, Duration ttl, String value) {
        try {
            redis.client().setex(cacheKey(number), ttl.toSeconds(), value);
        } catch (redis.clients.jedis.exceptions.JedisException e) {
            // not cached: correct, only slower
        }
    }

    private ProfileLookup fetch(String number) {
        if (clock.millis() < pausedUntilMillis) {
            return ProfileLookup.unavailable();
        }
        try {
            Optional<CallerProfile> profile = analytics.get("/api/profiles/" + URLEncoder.encode(number, StandardCharsets.UTF_8),
                    CallerProfile.class);
            if (profile.isPresent()) {
                cache(number, FOUND_TTL, Json.mapper().writeValueAsString(profile.get()));
                return new ProfileLookup(profile, "service");
            }
            cache(number, UNKNOWN_TTL, UNKNOWN_MARKER);
            return new ProfileLookup(Optional.empty(), "unknown");
        } catch (ServiceClient.ServiceCallException | com.fasterxml.jackson.core.JsonProcessingException e) {
            pausedUntilMillis = clock.millis() + PAUSE_AFTER_FAILURE.toMillis();
            LOG.warn("profile-analytics unavailable, deciding without spam profiles for {} s: {}",
                    PAUSE_AFTER_FAILURE.toSeconds(), e.getMessage());
            return ProfileLookup.unavailable();
        }
    }
}
