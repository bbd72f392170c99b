package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.catalog.Env;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Who gets a call socket on this replica. Three limits: no new call while the replica drains; at
 * most {@code MAX_CONCURRENT_CALLS} sockets and telephony reservations together, because each
 * call holds a pipeline thread and audio buffers; at most {@code MAX_CALLS_PER_USER} sockets per
 * user token, so that one account cannot take every slot (issue 10). A telephony gateway's
 * {@code service} token carries many people's calls and an admin's is an operator's, so both are
 * bounded by the replica's capacity alone.
 *
 * <p>The limits are checked twice: at the upgrade, so that a client gets a plain 503 or 429 with
 * {@code Retry-After} before any socket opens, and again once the socket is in the
 * {@link SessionRegistry}, because two upgrades can pass the first check together; the one over
 * the limit is then closed with 1013. Every refusal is counted in
 * {@code realtime_calls_rejected_total{reason}}.
 */
final class CallAdmission {

    /** Why a call was refused; each is registered at zero so {@code rate()} sees the first refusal. */
    static final List<String> REJECT_REASONS = List.of("capacity", "draining", "user-cap");

    /**
     * An upgrade refused before the socket opens.
     *
     * @param reason            the {@link #REJECT_REASONS reason} counted
     * @param status            503 for the replica's limits (another replica may have room), 429 for the user's
     * @param retryAfterSeconds the {@code Retry-After} header: a user must end a call first, so longer
     */
    record Refusal(String reason, int status, int retryAfterSeconds, String message) {
    }

    private final SessionRegistry sessions;
    private final BooleanSupplier draining;
    private final MeterRegistry metrics;
    private final int maxCalls;
    private final int maxCallsPerUser;
    private final LongSupplier nanoTime;
    /** Telephony calls answered by a webhook whose stream has not opened yet: call id to the end of the hold (nanoTime). */
    private final Map<String, Long> reservations = new ConcurrentHashMap<>();

    CallAdmission(SessionRegistry sessions, BooleanSupplier draining, MeterRegistry metrics, int maxCalls, int maxCallsPerUser) {
        this(sessions, draining, metrics, maxCalls, maxCallsPerUser, System::nanoTime);
    }

    /** @param nanoTime the clock reservations expire by ({@link System#nanoTime()}; a test's own clock) */
    CallAdmission(SessionRegistry sessions, BooleanSupplier draining, MeterRegistry metrics, int maxCalls, int maxCallsPerUser,
            LongSupplier nanoTime) {
        this.sessions = sessions;
        this.draining = draining;
        this.metrics = metrics;
        this.maxCalls = maxCalls;
        this.maxCallsPerUser = maxCallsPerUser;
        this.nanoTime = nanoTime;
        REJECT_REASONS.forEach(reason -> metrics.counter("realtime_calls_rejected", "reason", reason));
    }

    /**
     * The first check, before the upgrade: empty when the socket may open. The replica's limits come
     * first and need no token; {@code principal} is verified only when there is room (empty: no valid
     * token, which the route's own authentication refuses).
     */
    Optional<Refusal> atUpgrade(Supplier<Optional<Principal>> principal) {
        if (draining.getAsBoolean()) {
            return Optional.of(refused(new Refusal("draining", 503, 1, "this replica is shutting down; connect again")));
        }
        if (full(0)) {
            return Optional.of(refused(new Refusal("capacity", 503, 1, "this replica is at its MAX_CONCURRENT_CALLS of " + maxCalls
                    + "; connect again")));
        }
        Optional<Principal> caller = principal.get();
        // The socket being opened is not registered yet: one below the cap is the last one allowed.
        if (caller.isPresent() && overUserCap(caller.get(), maxCallsPerUser - 1)) {
            return Optional.of(refused(new Refusal("user-cap", 429, 5, "you already hold " + maxCallsPerUser + " call sockets ("
                    + Env.MAX_CALLS_PER_USER + "); end one first")));
        }
        return Optional.empty();
    }

    /**
     * The second check, on a socket that passed authentication (the native protocol, or a telephony
     * adapter): registers it, or leaves it out and says why it must close (with 1013). A telephony
     * call's own stream takes the place its webhook {@link #reserve reserved}.
     *
     * @param reservedCallId the call a webhook reserved a place for, or null
     * @return empty when admitted; otherwise the close reason
     */
    Optional<String> admit(String sessionId, CallSession session, String reservedCallId) {
        if (reservedCallId != null) {
            reservations.remove(reservedCallId);
        }
        sessions.add(sessionId, session);
        boolean full = full(1);
        if (full || overUserCap(session.principal, maxCallsPerUser)) {
            sessions.remove(sessionId);
            metrics.counter("realtime_calls_rejected", "reason", full ? "capacity" : "user-cap").increment();
            return Optional.of(full ? "replica at capacity" : "too many calls of one user");
        }
        return Optional.empty();
    }

    /**
     * Holds a place for a call a telephony webhook is answering, until its media stream opens (at
     * most {@code hold}): false when the replica is draining or full, so the webhook refuses the call
     * (the caller hears busy, or the provider tries another replica) instead of answering a call it
     * could not serve. Synchronized so that two webhooks cannot both take the last place.
     */
    synchronized boolean reserve(String callId, Duration hold) {
        if (draining.getAsBoolean() || full(0)) {
            metrics.counter("realtime_calls_rejected", "reason", draining.getAsBoolean() ? "draining" : "capacity").increment();
            return false;
        }
        reservations.put(callId, nanoTime.getAsLong() + hold.toNanos());
        return true;
    }

    /** Gives back the place held for {@code callId} (the provider could not be told to connect it). */
    void unreserve(String callId) {
        reservations.remove(callId);
    }

    /** Whether sockets and live reservations leave no room, with {@code over} more than the limit allowed. */
    private boolean full(int over) {
        return sessions.size() + reserved() >= maxCalls + over;
    }

    /** Places held for telephony calls whose stream has not opened yet; expired holds are dropped first. */
    private int reserved() {
        long now = nanoTime.getAsLong();
        reservations.values().removeIf(until -> until - now < 0);
        return reservations.size();
    }

    private boolean overUserCap(Principal principal, long allowed) {
        return !principal.has(Role.SERVICE) && !principal.has(Role.ADMIN) && sessions.heldBy(principal.subject()) > allowed;
    }

    private Refusal refused(Refusal refusal) {
        metrics.counter("realtime_calls_rejected", "reason", refusal.reason()).increment();
        return refusal;
    }
}
