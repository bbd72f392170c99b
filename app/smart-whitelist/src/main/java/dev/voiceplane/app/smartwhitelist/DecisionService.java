package dev.voiceplane.app.smartwhitelist;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.redis.RedisStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides incoming calls. The hot path is one Redis round trip: the user's whitelist snapshot and
 * the caller's cached profile are read together; PostgreSQL is read only when the snapshot is not
 * cached, and profile-analytics only when the profile is not. Every write to a user's lists or
 * rules drops the snapshot, so all replicas see it on the next call.
 */
public final class DecisionService {

    /** Snapshots expire anyway: a decision that read PostgreSQL just before a write and cached just after it can serve the old lists at most this long. */
    public static final Duration SNAPSHOT_TTL = Duration.ofMinutes(2);
    static final int PARSED_CACHE_SIZE = 10_000;

    private final WhitelistRepository repository;
    private final RedisStore redis;
    private final SpamProfiles profiles;
    private final MeterRegistry metrics;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public DecisionService(WhitelistRepository repository, RedisStore redis, SpamProfiles profiles, MeterRegistry metrics) {
        this.repository = repository;
        this.redis = redis;
        this.profiles = profiles;
        this.metrics = metrics;
    }

    public Decision decide(String userId, String caller, Instant at) {
        List<String> cached = redis.client().mget(snapshotKey(userId), profiles.cacheKey(caller));
        UserWhitelist whitelist = cached.get(0) != null ? parse(cached.get(0)) : load(userId);
        Decision decision = DecisionPolicy.decide(whitelist, caller, at, () -> profiles.lookup(caller, cached.get(1)));
        metrics.counter("whitelist_decisions", "action", decision.action().name(), "reason", decision.reason()).increment();
        return decision;
    }

    /** Forgets the cached snapshot after a change to the user's lists or rules. */
    public void invalidate(String userId) {
        redis.client().del(snapshotKey(userId));
    }

    private UserWhitelist load(String userId) {
        UserWhitelist whitelist = repository.snapshot(userId);
        try {
            redis.client().setex(snapshotKey(userId), SNAPSHOT_TTL.toSeconds(), Json.mapper().writeValueAsString(whitelist));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise whitelist snapshot", e);
        }
        return whitelist;
    }

    /**
     * Redis stays the source of truth for the snapshot; this only skips re-parsing JSON already
     * parsed: the same text gives the same snapshot.
     */
    private UserWhitelist parse(String json) {
        Parsed last = parsed.get(json);
        if (last != null) {
            return last.whitelist();
        }
        try {
            UserWhitelist whitelist = Json.mapper().readValue(json, UserWhitelist.class);
            if (parsed.size() >= PARSED_CACHE_SIZE) {
                parsed.clear();
            }
            parsed.put(json, new Parsed(whitelist));
            return whitelist;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cached whitelist snapshot is unreadable", e);
        }
    }

    private String snapshotKey(String userId) {
        return redis.key("whitelist", userId);
    }

    private record Parsed(UserWhitelist whitelist) {
    }
}
