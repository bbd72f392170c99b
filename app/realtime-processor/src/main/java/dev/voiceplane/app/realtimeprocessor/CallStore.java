package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.redis.RedisStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/**
 * Call sessions in Redis: the call's state and its transcript, each written before the client is
 * answered, so a turn the client saw acknowledged is in the transcript even if this replica dies
 * next. Keys expire {@link #TTL} after the last write; a call that ends is deleted.
 */
public final class CallStore {

    static final Duration TTL = Duration.ofHours(2);

    private final RedisStore redis;

    public CallStore(RedisStore redis) {
        this.redis = redis;
    }

    /** Saves a new call; false when the call id is already taken. */
    public boolean create(CallState state) {
        return "OK".equals(redis.client().set(stateKey(state.callId()), json(state), SetParams.setParams().nx().ex(TTL.toSeconds())));
    }

    public Optional<CallState> find(String callId) {
        String json = redis.client().get(stateKey(callId));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(json, CallState.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    public void append(String callId, Utterance... utterances) {
        String key = transcriptKey(callId);
        String[] values = new String[utterances.length];
        for (int i = 0; i < utterances.length; i++) {
            values[i] = json(utterances[i]);
        }
        redis.client().rpush(key, values);
        redis.client().expire(key, TTL.toSeconds());
        redis.client().expire(stateKey(callId), TTL.toSeconds());
    }

    public List<Utterance> transcript(String callId) {
        List<Utterance> transcript = new ArrayList<>();
        for (String json : redis.client().lrange(transcriptKey(callId), 0, -1)) {
            try {
                transcript.add(Json.mapper().readValue(json, Utterance.class));
            } catch (JsonProcessingException e) {
                // a line this version cannot read is skipped rather than losing the whole transcript
            }
        }
        return transcript;
    }

    /** Forgets a finished call. */
    public void delete(String callId) {
        redis.client().del(stateKey(callId), transcriptKey(callId));
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
