package dev.voiceplane.app.smartwhitelist;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.http.StoreOutage;
import dev.voiceplane.app.core.observability.CounterFamily;
import dev.voiceplane.app.core.observability.LogSafe;
import dev.voiceplane.app.core.redis.RedisStore;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
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
 *
 * <p>Degraded modes: with Redis down the lists come from PostgreSQL (the source of truth) and the
 * profile from profile-analytics, uncached; with PostgreSQL also down (or a snapshot not cached
 * while PostgreSQL is down) the call is answered by the AI, which screens it, flagged
 * {@code degraded} with reason {@code lists-unavailable}. A decision never fails for a store.
 */
public final class DecisionService {

    /** Snapshots expire anyway: a decision that read PostgreSQL just before a write and cached just after it can serve the old lists at most this long. */
    public static final Duration SNAPSHOT_TTL = Duration.ofMinutes(2);
    static final int PARSED_CACHE_SIZE = 10_000;
    static final String LISTS_UNAVAILABLE = "lists-unavailable";
    static final Duration REDIS_PAUSE = Duration.ofSeconds(2);
    /** Every reason a decision can give, so each counter series exists from the start. */
    static final List<String> REASONS = List.of("blocklist", "rule", "allowlist", "spam-profile", "unknown-caller", "screened",
            LISTS_UNAVAILABLE);
    private static final Logger LOG = LoggerFactory.getLogger(DecisionService.class);

    private final WhitelistRepository repository;
    private final RedisStore redis;
    private final SpamProfiles profiles;
    private final MeterRegistry metrics;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
    /** Users whose snapshot could not be dropped after a change (Redis did not answer). */
    private final java.util.Set<String> undropped = ConcurrentHashMap.newKeySet();
    private final Counter redisFallbacks;
    private volatile long redisPausedAt = System.nanoTime() - REDIS_PAUSE.toNanos();

    public DecisionService(WhitelistRepository repository, RedisStore redis, SpamProfiles profiles, MeterRegistry metrics) {
        this.redisFallbacks = CounterFamily.single(metrics, "whitelist_cache_unavailable",
                "decisions made without Redis (lists from PostgreSQL)");
        for (CallAction action : CallAction.values()) {
            for (String reason : REASONS) {
                metrics.counter("whitelist_decisions", "action", action.name(), "reason", reason);
            }
        }
        this.repository = repository;
        this.redis = redis;
        this.profiles = profiles;
        this.metrics = metrics;
    }

    public Decision decide(String userId, String caller, Instant at) {
        List<String> cached = cached(userId, caller);
        Decision decision;
        try {
            UserWhitelist whitelist = cached.get(0) != null ? parse(cached.get(0)) : load(userId);
            decision = DecisionPolicy.decide(whitelist, caller, at, () -> profiles.lookup(caller, cached.get(1)));
        } catch (RuntimeException e) {
            if (StoreOutage.of(e).isEmpty()) {
                throw e;
            }
            LOG.warn("deciding without the lists of {}: {}", userId, LogSafe.describe(e));
            decision = new Decision(CallAction.AI_ANSWER, LISTS_UNAVAILABLE, null, null, "skipped", true);
        }
        metrics.counter("whitelist_decisions", "action", decision.action().name(), "reason", decision.reason()).increment();
        return decision;
    }

    /**
     * The cached snapshot and profile, or two misses when Redis does not answer. After a failure
     * Redis is skipped for {@link #REDIS_PAUSE}, so a Redis that hangs costs one decision one
     * timeout, not every decision several. Snapshots whose drop failed are dropped first.
     */
    private List<String> cached(String userId, String caller) {
        if (redisPaused()) {
            redisFallbacks.increment();
            return java.util.Arrays.asList(null, null);
        }
        try {
            try {
                return readCache(userId, caller);
            } catch (JedisConnectionException e) {
                if (timedOut(e)) {
                    throw e; // a Redis that hangs: a second try would only wait as long again
                }
                // A pooled connection that died with a Redis restart fails once and is discarded:
                // one more try on a fresh connection tells a stale connection from a Redis that is down.
                return readCache(userId, caller);
            }
        } catch (JedisException e) {
            pauseRedis(e);
            return java.util.Arrays.asList(null, null);
        }
    }

    private List<String> readCache(String userId, String caller) {
        dropUndropped();
        return redis.client().mget(snapshotKey(userId), profiles.cacheKey(caller));
    }

    private boolean redisPaused() {
        return System.nanoTime() - redisPausedAt < REDIS_PAUSE.toNanos();
    }

    private void pauseRedis(JedisException e) {
        redisPausedAt = System.nanoTime();
        redisFallbacks.increment();
        LOG.warn("Redis unavailable; deciding from PostgreSQL for {} s: {}", REDIS_PAUSE.toSeconds(), e.toString());
    }

    private static boolean timedOut(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Forgets the cached snapshot after a change to the user's lists or rules. When Redis does not
     * answer the change is still made (PostgreSQL holds it) and the user is remembered: if Redis
     * comes back with its data, this replica drops the old snapshot before its next read of the
     * cache, so no decision here uses it. (Another replica could until this one has dropped it, at
     * most {@link #SNAPSHOT_TTL}.)
     */
    public void invalidate(String userId) {
        undropped.add(userId);
        if (redisPaused()) {
            return;
        }
        try {
            dropUndropped();
        } catch (JedisException e) {
            LOG.warn("could not drop the cached lists of {} (Redis); dropping them when Redis answers: {}", userId, e.toString());
        }
    }

    /** Drops every snapshot whose drop failed; a user stays listed until Redis confirmed it. */
    private void dropUndropped() {
        if (undropped.isEmpty()) {
            return;
        }
        List<String> users = List.copyOf(undropped);
        redis.client().del(users.stream().map(this::snapshotKey).toArray(String[]::new));
        users.forEach(undropped::remove);
    }

    private UserWhitelist load(String userId) {
        UserWhitelist whitelist = repository.snapshot(userId);
        if (redisPaused() || undropped.contains(userId)) {
            return whitelist; // decided from PostgreSQL; a decision after the pause caches it
        }
        try {
            redis.client().setex(snapshotKey(userId), SNAPSHOT_TTL.toSeconds(), Json.mapper().writeValueAsString(whitelist));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise whitelist snapshot", e);
        } catch (JedisException e) {
            pauseRedis(e);
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
