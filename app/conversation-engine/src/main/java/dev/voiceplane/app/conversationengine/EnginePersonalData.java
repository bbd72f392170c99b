package dev.voiceplane.app.conversationengine;

import dev.voiceplane.app.core.privacy.PersonalData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The dialogs of calls to a user (who called, every turn: what the caller said and what the
 * assistant answered), for GDPR export and erasure. Redis holds only the recent turns of live calls
 * under the call's id; erasure drops those too, so nothing of the user's calls stays in either store.
 */
final class EnginePersonalData implements PersonalData {

    /** The newest conversations exported; far above what the retention bound lets a user accumulate. */
    static final int EXPORT_LIMIT = 10_000;

    private final Jdbi jdbi;
    private final ConversationStore store;

    EnginePersonalData(Jdbi jdbi, ConversationStore store) {
        this.jdbi = jdbi;
        this.store = store;
    }

    /**
     * One turn as the user gets it back.
     *
     * @param seq        the turn's number in the call, from 1
     * @param callerText what the caller said
     * @param intent     what the engine took it to mean
     * @param reply      what the assistant answered
     * @param createdAt  when
     */
    record ExportedTurn(int seq, String callerText, String intent, String reply, Instant createdAt) {
    }

    @Override
    public Map<String, Object> export(String userId) {
        List<Map<String, Object>> conversations = new ArrayList<>();
        for (Conversation conversation : conversationsOf(userId)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("conversation", conversation);
            entry.put("turns", turnsOf(conversation.callId()));
            conversations.add(entry);
        }
        return Map.of("conversations", conversations);
    }

    @Override
    public Map<String, Integer> erase(String userId) {
        record Erased(List<String> calls, int turns) {
        }
        Erased erased = jdbi.inTransaction(h -> {
            int turns = h.createUpdate("""
                    DELETE FROM conversation_turn WHERE call_id IN (SELECT call_id FROM conversation WHERE user_id = :u)""")
                    .bind("u", userId).execute();
            List<String> calls = h.createQuery("DELETE FROM conversation WHERE user_id = :u RETURNING call_id")
                    .bind("u", userId).mapTo(String.class).list();
            return new Erased(calls, turns);
        });
        // The cached recent turns of a live call: the rows are gone, so its next turn is refused (404) and the cache must go too.
        erased.calls().forEach(store::forgetHistory);
        return Map.of("conversations", erased.calls().size(), "turns", erased.turns());
    }

    private List<Conversation> conversationsOf(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT call_id FROM conversation WHERE user_id = :u ORDER BY started_at DESC LIMIT :n")
                .bind("u", userId).bind("n", EXPORT_LIMIT).mapTo(String.class).list())
                .stream().flatMap(callId -> store.find(callId).stream()).toList();
    }

    private List<ExportedTurn> turnsOf(String callId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT seq, caller_text, intent, reply, created_at FROM conversation_turn WHERE call_id = :c ORDER BY seq""")
                .bind("c", callId)
                .map((rs, ctx) -> new ExportedTurn(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list());
    }
}
