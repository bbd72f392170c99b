package dev.voiceplane.app.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BoundedWaitTest {

    private final BoundedWait wait = new BoundedWait();

    @Test
    void aConditionThatAlreadyHoldsNeedsNoGrace() {
        assertThat(wait.await(() -> true, Duration.ZERO)).isTrue();
    }

    @Test
    void aConditionThatDoesNotHoldWhenTheGraceIsUpIsReportedAsNotMet() {
        assertThat(wait.await(() -> false, Duration.ZERO)).isFalse();
    }

    @Test
    void aSignalAfterTheConditionChangesEndsTheWaitWithinAGraceFarLongerThanAnyMachineNeeds() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean checkedWhileNotDone = new AtomicBoolean();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> wait.await(() -> {
            boolean value = done.get();
            checkedWhileNotDone.compareAndSet(false, !value);
            return value;
        }, Duration.ofHours(1)));
        while (!checkedWhileNotDone.get()) { // the waiter has looked once and found the work unfinished
            Thread.onSpinWait();
        }
        done.set(true);
        wait.signal();
        // An hour's grace: only the signal can end this wait before a test runner gives up.
        assertThat(waiter.get(10, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void anInterruptedWaitEndsUnmetAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThat(wait.await(() -> false, Duration.ofHours(1))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
