package dev.voiceplane.app.conversationengine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.redis.RedisStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Conversations in PostgreSQL (the record: every turn, acknowledged only once committed) and the
 * recent turns of live calls in Redis, so that building the next prompt does not read PostgreSQL.
 * Any replica can serve any turn of a call; a Redis miss (eviction, restart) reloads from PostgreSQL.
 */
public final class ConversationStore {

    /** How many earlier turns a prompt carries. */
    public static final int HISTORY_TURNS = 6;
    static final Duration HISTORY_TTL = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final RedisStore redis;
    private final Clock clock;

    public ConversationStore(Jdbi jdbi, RedisStore redis, Clock clock) {
        this.jdbi = jdbi;
        this.redis = redis;
        this.clock = clock;
    }

    /** Opens the dialog of a call, or returns the open one (so a retried start is harmless). */
    public Conversation open(NewConversation request) {
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO conversation (call_id, user_id, caller_number, state, started_at, updated_at)
                VALUES (:callId, :userId, :callerNumber, 'ACTIVE', :now, :now) ON CONFLICT (call_id) DO NOTHING""")
                .bindMethods(request).bind("now", now).execute());
        return find(request.callId()).orElseThrow();
    }

    public Optional<Conversation> find(String callId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT call_id, user_id, caller_number, state, last_intent, turns, started_at, updated_at
                FROM conversation WHERE call_id = :callId""")
                .bind("callId", callId)
                .map((rs, ctx) -> new Conversation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()))
                .findOne());
    }

    /** Records a turn; returns its number. Committed before the reply goes out. */
    public int append(String callId, String callerText, IntentResult intent, ResponseGenerator.Generated generated) {
        Instant now = clock.instant();
        int seq = jdbi.inTransaction(h -> {
            int next = h.createQuery("""
                    UPDATE conversation SET turns = turns + 1, last_intent = :intent, updated_at = :now
                    WHERE call_id = :callId RETURNING turns""")
                    .bind("callId", callId).bind("intent", intent.intent().name()).bind("now", now)
                    .mapTo(Integer.class).one();
            h.createUpdate("""
                    INSERT INTO conversation_turn (call_id, seq, caller_text, intent, confidence, reply, provider, quality, created_at)
                    VALUES (:callId, :seq, :text, :intent, :confidence, :reply, :provider, :quality, :now)""")
                    .bind("callId", callId).bind("seq", next).bind("text", callerText).bind("intent", intent.intent().name())
                    .bind("confidence", intent.confidence()).bind("reply", generated.reply()).bind("provider", generated.provider())
                    .bind("quality", generated.quality()).bind("now", now).execute();
            return next;
        });
        String key = historyKey(callId);
        redis.client().rpush(key, json(new DialogTurn(callerText, intent.intent(), generated.reply())));
        redis.client().ltrim(key, -HISTORY_TURNS, -1);
        redis.client().expire(key, HISTORY_TTL.toSeconds());
        return seq;
    }

    /** The latest turns of a call, oldest first: from Redis, or from PostgreSQL when Redis has none. */
    public List<DialogTurn> history(String callId) {
        List<String> cached = redis.client().lrange(historyKey(callId), -HISTORY_TURNS, -1);
        if (!cached.isEmpty()) {
            List<DialogTurn> turns = new ArrayList<>();
            for (String json : cached) {
                try {
                    turns.add(Json.mapper().readValue(json, DialogTurn.class));
                } catch (JsonProcessingException e) {
                    return load(callId);
                }
            }
            return turns;
        }
        return load(callId);
    }

    /** Every turn of a call, oldest first. */
    public List<TurnReply> turns(String callId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT seq, intent, confidence, reply, provider, quality, caller_text FROM conversation_turn
                WHERE call_id = :callId ORDER BY seq""")
                .bind("callId", callId)
                .map((rs, ctx) -> new TurnReply(callId, rs.getInt(1), Intent.valueOf(rs.getString(2)), rs.getDouble(3),
                        rs.getString(4), rs.getString(5), rs.getDouble(6), false))
                .list());
    }

    /** What the caller said in each turn, oldest first. */
    public List<String> callerTexts(String callId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT caller_text FROM conversation_turn WHERE call_id = :callId ORDER BY seq")
                .bind("callId", callId).mapTo(String.class).list());
    }

    /** Ends the dialog; returns false when there is none. Its recent turns leave Redis. */
    public boolean end(String callId) {
        int updated = jdbi.withHandle(h -> h.createUpdate("UPDATE conversation SET state = 'ENDED', updated_at = :now WHERE call_id = :callId")
                .bind("callId", callId).bind("now", clock.instant()).execute());
        forgetHistory(callId);
        return updated > 0;
    }

    /** Drops the cached recent turns of a call (ended or erased). */
    void forgetHistory(String callId) {
        redis.client().del(historyKey(callId));
    }

    private List<DialogTurn> load(String callId) {
        List<DialogTurn> turns = jdbi.withHandle(h -> h.createQuery("""
                SELECT caller_text, intent, reply FROM conversation_turn WHERE call_id = :callId ORDER BY seq DESC LIMIT :n""")
                .bind("callId", callId).bind("n", HISTORY_TURNS)
                .map((rs, ctx) -> new DialogTurn(rs.getString(1), Intent.valueOf(rs.getString(2)), rs.getString(3)))
                .list());
        List<DialogTurn> oldestFirst = new ArrayList<>(turns);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private String historyKey(String callId) {
        return redis.key("dialog", callId);
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise dialog turn", e);
        }
    }
}
