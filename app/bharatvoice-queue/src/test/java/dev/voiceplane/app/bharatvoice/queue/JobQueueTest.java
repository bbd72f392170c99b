package dev.voiceplane.app.bharatvoice.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.testkit.EmbeddedStores;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

class JobQueueTest {

    private static final EmbeddedStores STORES = EmbeddedStores.shared();
    private static final JedisPooled REDIS = STORES.redisClient();
    /** Every claim here finds a job ready, so BLMOVE answers at once; the bound only matters when a test is wrong. */
    private static final Duration CLAIM_WAIT = Duration.ofSeconds(10);
    private final JobQueue queue = new JobQueue(REDIS, Clock.systemUTC());

    @BeforeEach
    void emptyRedis() {
        STORES.flushRedis();
    }

    @AfterAll
    static void close() {
        REDIS.close();
    }

    @Test
    void jobsAreClaimedInTheOrderTheyWereQueued() {
        String first = queue.enqueue("k", "{}");
        String second = queue.enqueue("k", "{}");

        assertThat(queue.claim("c1", CLAIM_WAIT).orElseThrow().id()).isEqualTo(first);
        Job claimed = queue.claim("c1", CLAIM_WAIT).orElseThrow();
        assertThat(claimed.id()).isEqualTo(second);
        assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(queue.processing("c1")).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aRetryWaitsForItsDueTimeThenIsReadyAgain() {
        String id = queue.enqueue("k", "{}");
        queue.claim("c1", CLAIM_WAIT);
        queue.retry("c1", id, "boom", Clock.systemUTC().instant().minusMillis(1));

        assertThat(queue.find(id).orElseThrow().status()).isEqualTo(JobStatus.RETRYING);
        assertThat(queue.processing("c1")).isEmpty();
        assertThat(queue.promoteDue()).isEqualTo(1);
        assertThat(queue.claim("c2", CLAIM_WAIT).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void theJobsOfAConsumerWithoutHeartbeatGoBackToReady() {
        String id = queue.enqueue("k", "{}");
        queue.heartbeat("alive", Duration.ofSeconds(30));
        queue.claim("crashed", CLAIM_WAIT);

        assertThat(queue.recoverOrphans()).isEqualTo(1);
        assertThat(queue.readyCount()).isEqualTo(1);
        assertThat(queue.find(id).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void aReleasedJobIsNextAndItsAttemptIsNotCounted() {
        queue.enqueue("k", "{}");
        String id = queue.claim("c1", CLAIM_WAIT).orElseThrow().id();
        queue.enqueue("k", "{}");

        assertThat(queue.release("c1", id)).isTrue();
        Job again = queue.claim("c1", CLAIM_WAIT).orElseThrow();
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.attempts()).isEqualTo(1);
    }

    @Test
    void aPurgedJobIsGoneFromReadyDelayedAndDeadAndNeverRuns() {
        String ready = queue.enqueue("k", "{}");
        String delayed = queue.enqueue("k", "{}");
        String dead = queue.enqueue("k", "{}");
        String kept = queue.enqueue("k", "{}");
        queue.claim("c1", CLAIM_WAIT);
        queue.claim("c1", CLAIM_WAIT);
        queue.retry("c1", delayed, "boom", Clock.systemUTC().instant().minusMillis(1));
        queue.bury("c1", ready, "boom");

        assertThat(queue.purge(java.util.List.of(ready, delayed, dead, "not-a-job"))).isEqualTo(3);
        assertThat(queue.find(ready)).isEmpty();
        assertThat(queue.find(delayed)).isEmpty();
        assertThat(queue.find(dead)).isEmpty();
        assertThat(queue.deadCount()).isZero();
        assertThat(queue.promoteDue()).as("a purged retry is not promoted back").isZero();
        assertThat(queue.readyCount()).isEqualTo(1);
        assertThat(queue.claim("c2", CLAIM_WAIT).orElseThrow().id()).isEqualTo(kept);
        assertThat(queue.find(kept)).isPresent();
    }

    /** A job purged while a consumer holds it (its owner was erased meanwhile) is not written back by its outcome. */
    @Test
    void theOutcomeOfAJobPurgedWhileHeldWritesNothingBack() {
        String succeeded = queue.enqueue("k", "{}");
        String retried = queue.enqueue("k", "{}");
        String buried = queue.enqueue("k", "{}");
        for (int i = 0; i < 3; i++) {
            queue.claim("c1", CLAIM_WAIT);
        }
        queue.purge(java.util.List.of(succeeded, retried, buried));

        queue.succeed("c1", succeeded, "{\"transcript\":\"private words\"}");
        queue.retry("c1", retried, "boom", Clock.systemUTC().instant().minusMillis(1));
        queue.bury("c1", buried, "boom");

        assertThat(queue.find(succeeded)).isEmpty();
        assertThat(queue.find(retried)).isEmpty();
        assertThat(queue.find(buried)).isEmpty();
        assertThat(queue.processing("c1")).isEmpty();
        assertThat(queue.delayedCount()).isZero();
        assertThat(queue.deadCount()).isZero();
    }

    @Test
    void aDiscardedJobLeavesTheConsumerAndRedis() {
        String id = queue.enqueue("k", "{}");
        queue.claim("c1", CLAIM_WAIT);

        queue.discard("c1", id);

        assertThat(queue.processing("c1")).isEmpty();
        assertThat(queue.find(id)).isEmpty();
    }
}
