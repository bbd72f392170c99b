package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InFlightTurnsTest {

    private final InFlightTurns work = new InFlightTurns();

    @Test
    void aDrainWithNothingInFlightReturnsAndRefusesNewWork() {
        assertThat(work.draining()).isFalse();
        work.drain(Duration.ofMinutes(5));
        assertThat(work.draining()).isTrue();
    }

    /** The drain must not return while a turn is in flight: the flag is set before the last turn leaves. */
    @Test
    void aDrainReturnsOnlyAfterTheLastTurnHasLeft() {
        work.enter();
        work.enter();
        AtomicBoolean lastLeft = new AtomicBoolean();
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            work.drain(Duration.ofMinutes(5));
            return lastLeft.get();
        });
        work.leave();
        lastLeft.set(true);
        work.leave();

        assertThat(drained.join()).isTrue();
        assertThat(work.count()).isZero();
    }

    @Test
    void aDrainGivesUpWhenItsGraceIsUsed() {
        work.enter();
        work.drain(Duration.ZERO);

        assertThat(work.draining()).isTrue();
        assertThat(work.count()).as("the turn is still in flight; core closes its socket anyway").isEqualTo(1);
    }
}
