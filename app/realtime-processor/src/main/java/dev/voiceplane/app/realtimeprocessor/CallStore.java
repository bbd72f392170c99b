package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.redis.RedisStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Call sessions in Redis: the call's state and its transcript, each written before the client is
 * answered, so a turn the client saw acknowledged is in the transcript even if this replica dies
 * next. Keys expire {@link #TTL} after the last write; a call that ends is deleted.
 *
 * <p>A Redis that restarts empty (no persistence, or its data lost) would still drop every
 * acknowledged line of a running call (issue 10, fault F3). So the calls this replica created are
 * also held in {@link CallMemory}, written through: when Redis answers a write in a way that shows
 * it lost the call (the list is shorter than this replica wrote, the state key is gone), the call
 * is written back whole, so Redis heals and another replica could still resume it. A call resumed
 * on another replica has no memory there and reads Redis alone, as before; when it comes back here,
 * Redis holding more lines than this copy means they were written there, and this copy takes them.
 */
public final class CallStore {

    static final Duration TTL = Duration.ofHours(2);
    private static final Logger LOG = LoggerFactory.getLogger(CallStore.class);

    private final RedisStore redis;
    private final CallMemory memory;

    /** {@code clock} decides when a remembered call expires ({@link #TTL} after its last write, as in Redis). */
    public CallStore(RedisStore redis, Clock clock) {
        this.redis = redis;
        this.memory = new CallMemory(clock, TTL);
    }

    /** Saves a new call; false when the call id is already taken. */
    public boolean create(CallState state) {
        boolean created = "OK".equals(redis.client().set(stateKey(state.callId()), json(state), SetParams.setParams().nx().ex(TTL.toSeconds())));
        if (created) {
            memory.remember(state);
        }
        return created;
    }

    /** The call's state; from memory (written back to Redis) when Redis lost it but this replica holds the call. */
    public Optional<CallState> find(String callId) {
        String json = redis.client().get(stateKey(callId));
        if (json == null) {
            Optional<CallState> remembered = memory.state(callId);
            remembered.ifPresent(state -> redis.client().set(stateKey(callId), json(state), SetParams.setParams().ex(TTL.toSeconds())));
            return remembered;
        }
        try {
            return Optional.of(Json.mapper().readValue(json, CallState.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * Appends lines to the call's transcript. A Redis error is thrown before anything is remembered,
     * so the caller's retry (ConversationTurns keeps the lines) writes them exactly once.
     */
    public void append(String callId, Utterance... utterances) {
        String key = transcriptKey(callId);
        String[] values = Arrays.stream(utterances).map(CallStore::json).toArray(String[]::new);
        Optional<CallMemory.Entry> entry = memory.entry(callId);
        if (entry.isEmpty()) {
            // Not a call of this replica (resumed here, or started while Redis was down): Redis alone holds it.
            redis.client().rpush(key, values);
            redis.client().expire(key, TTL.toSeconds());
            redis.client().expire(stateKey(callId), TTL.toSeconds());
            return;
        }
        synchronized (entry.get()) {
            long expected = entry.get().lines().size() + values.length;
            long length = redis.client().rpush(key, values);
            redis.client().expire(key, TTL.toSeconds());
            boolean stateKept = redis.client().expire(stateKey(callId), TTL.toSeconds()) == 1;
            if (length > expected) {
                // Someone else wrote to the call too (it was resumed on another replica meanwhile): Redis
                // holds more than this copy, which takes Redis' lines rather than overwrite them.
                memory.replace(entry.get(), read(key));
                if (!stateKept) {
                    redis.client().set(stateKey(callId), json(entry.get().state()), SetParams.setParams().ex(TTL.toSeconds()));
                }
                return;
            }
            memory.append(entry.get(), Arrays.asList(utterances));
            if (length < expected || !stateKept) {
                // Redis lost the call since the last write (restarted empty, or flushed): it gets the whole call back.
                try {
                    rewrite(entry.get());
                } catch (JedisException e) {
                    // These lines are in Redis and held here: the next write (or the transcript read) heals again.
                    LOG.warn("call {}: Redis lost lines of the call and could not take them back yet: {}", callId, e.getMessage());
                }
            }
        }
    }

    /** The call's transcript; this replica's copy when Redis lost lines of it (then also written back). */
    public List<Utterance> transcript(String callId) {
        List<Utterance> transcript = read(transcriptKey(callId));
        Optional<CallMemory.Entry> entry = memory.entry(callId);
        if (entry.isPresent()) {
            synchronized (entry.get()) {
                if (entry.get().lines().size() > transcript.size()) {
                    rewrite(entry.get());
                    return List.copyOf(entry.get().lines());
                }
            }
        }
        return transcript;
    }

    /**
     * The lines of {@code callId} Redis acknowledged to this replica, without asking Redis: what the
     * analyzer can still be given when Redis fails at the end of a call it may have lost. Empty for a
     * call this replica does not hold.
     */
    public List<Utterance> held(String callId) {
        return memory.entry(callId).map(entry -> {
            synchronized (entry) {
                return List.copyOf(entry.lines());
            }
        }).orElse(List.of());
    }

    /** Forgets a finished call. */
    public void delete(String callId) {
        redis.client().del(stateKey(callId), transcriptKey(callId));
        memory.forget(callId);
    }

    private List<Utterance> read(String transcriptKey) {
        List<Utterance> transcript = new ArrayList<>();
        for (String json : redis.client().lrange(transcriptKey, 0, -1)) {
            try {
                transcript.add(Json.mapper().readValue(json, Utterance.class));
            } catch (JsonProcessingException e) {
                // a line this version cannot read is skipped rather than losing the whole transcript
            }
        }
        return transcript;
    }

    /** How many calls this replica holds in memory (for tests of its bound). */
    int rememberedCalls() {
        return memory.size();
    }

    /** Writes the remembered call whole, in one transaction, so no reader sees half of it. */
    private void rewrite(CallMemory.Entry entry) {
        String callId = entry.state().callId();
        String key = transcriptKey(callId);
        try (AbstractTransaction tx = redis.client().multi()) {
            tx.set(stateKey(callId), json(entry.state()), SetParams.setParams().ex(TTL.toSeconds()));
            tx.del(key);
            if (!entry.lines().isEmpty()) {
                tx.rpush(key, entry.lines().stream().map(CallStore::json).toArray(String[]::new));
                tx.expire(key, TTL.toSeconds());
            }
            tx.exec();
        }
    }

    private String stateKey(String callId) {
        return redis.key("call", callId);
    }

    private String transcriptKey(String callId) {
        return redis.key("transcript", callId);
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
