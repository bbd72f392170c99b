package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.health.BoundedWait;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call work under way on this replica (text frames being handled, call starts, utterances
 * queued or being answered) and the drain on shutdown that waits for it. A turn cut off by the
 * shutdown would leave a caller without a reply and the transcript without the turn, so
 * {@link #drain} returns only when the last piece of work has {@link #leave left}, or when the
 * grace is up; core then closes the sockets with 1001 and the calls stay in Redis for the client
 * to resume on another replica. Once draining, the callers of this class take no new work.
 */
final class InFlightTurns {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightTurns.class);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final BoundedWait drained = new BoundedWait();
    private volatile boolean draining;

    /** Whether the replica is shutting down: new sockets, frames and utterances are refused. */
    boolean draining() {
        return draining;
    }

    /** A piece of work begins; every {@code enter} is followed by exactly one {@link #leave}. */
    void enter() {
        inFlight.incrementAndGet();
    }

    void leave() {
        if (inFlight.decrementAndGet() == 0) {
            drained.signal();
        }
    }

    int count() {
        return inFlight.get();
    }

    /** Stops taking work and waits until none is in flight, at most {@code grace}. */
    void drain(Duration grace) {
        draining = true;
        if (!drained.await(() -> inFlight.get() == 0, grace)) {
            LOG.warn("{} call turn(s) still in flight after {}; closing anyway", inFlight.get(), grace);
        }
    }
}
