package dev.voiceplane.app.realtimeprocessor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's copy of the calls it created and has not yet forgotten: state and every line
 * Redis acknowledged, so {@link CallStore} can give Redis the call back when Redis loses it.
 *
 * <p>Bounded: an entry is created only by {@link CallStore#create} (at most MAX_CONCURRENT_CALLS
 * calls run at once on a replica) and dropped when the call is deleted, which happens when the call
 * ends and the analyzer took its transcript. What stays longer are ended calls still waiting for the
 * analyzer (or refused by it), and calls whose replica never saw them end; like their Redis keys these
 * expire {@code ttl} after their last write, so at most the calls this replica started within one TTL
 * (two hours) are held, each a few kilobytes of text. Expired entries are dropped when read and,
 * all at once, whenever a call is created.
 */
final class CallMemory {

    /** One call: its state and its lines, in order; guarded by the entry itself (see {@link CallStore}). */
    static final class Entry {
        private final CallState state;
        private final List<Utterance> lines = new ArrayList<>();
        private volatile Instant written;

        private Entry(CallState state, Instant written) {
            this.state = state;
            this.written = written;
        }

        CallState state() {
            return state;
        }

        List<Utterance> lines() {
            return lines;
        }
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> calls = new ConcurrentHashMap<>();

    CallMemory(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    void remember(CallState state) {
        Instant now = clock.instant();
        calls.values().removeIf(entry -> expired(entry, now));
        calls.put(state.callId(), new Entry(state, now));
    }

    /** The live entry of {@code callId}, if this replica holds it; an expired one is dropped. */
    Optional<Entry> entry(String callId) {
        Entry entry = calls.get(callId);
        if (entry == null) {
            return Optional.empty();
        }
        if (expired(entry, clock.instant())) {
            calls.remove(callId, entry);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    Optional<CallState> state(String callId) {
        return entry(callId).map(Entry::state);
    }

    /** Adds lines Redis took; the caller holds the entry's lock. */
    void append(Entry entry, List<Utterance> lines) {
        entry.lines.addAll(lines);
        entry.written = clock.instant();
    }

    /** Replaces the lines with {@code lines}, Redis' longer list; the caller holds the entry's lock. */
    void replace(Entry entry, List<Utterance> lines) {
        entry.lines.clear();
        append(entry, lines);
    }

    void forget(String callId) {
        calls.remove(callId);
    }

    /** How many calls are held (expired ones included until dropped). */
    int size() {
        return calls.size();
    }

    private boolean expired(Entry entry, Instant now) {
        return !now.isBefore(entry.written.plus(ttl));
    }
}
