package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.core.redis.RedisStore;
import dev.voiceplane.app.core.runtime.CallBudgets;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Issue 10, fault F3: a Redis that restarts empty under a running call loses none of its acknowledged lines. */
class CallStoreTest {

    private static final EmbeddedStores STORES = EmbeddedStores.shared();
    private static RedisStore redis;
    private static JedisPooled peek;

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-30T12:00:00Z"));
    private CallStore store;

    @BeforeAll
    static void connect() {
        ServiceSpec spec = ServiceCatalog.get("realtime-processor");
        Map<String, String> env = new HashMap<>();
        spec.env().stream().filter(EnvVar::required).forEach(v -> env.put(v.name(), "1"));
        env.put(Env.REDIS_HOST, "127.0.0.1");
        env.put(Env.REDIS_PORT, String.valueOf(STORES.redisPort()));
        redis = RedisStore.connect(ServiceConfig.load(spec, env), CallBudgets.testFloor(ServiceUnderTest.BUDGET_FLOOR));
        peek = STORES.redisClient();
    }

    @AfterAll
    static void close() {
        redis.close();
        peek.close();
    }

    @BeforeEach
    void emptyRedis() {
        STORES.flushRedis();
        store = new CallStore(redis, clock);
    }

    @Test
    void linesWrittenBeforeRedisLostEverythingAreInTheTranscriptAndRedisIsHealed() {
        store.create(call("lost-1"));
        store.append("lost-1", Utterance.caller("Hello, this is the plumber"), Utterance.assistant("Hello, how can I help?"));
        STORES.flushRedis();
        store.append("lost-1", Utterance.caller("I will come back on Monday"), Utterance.assistant("Noted."));

        List<Utterance> expected = List.of(Utterance.caller("Hello, this is the plumber"), Utterance.assistant("Hello, how can I help?"),
                Utterance.caller("I will come back on Monday"), Utterance.assistant("Noted."));
        assertThat(store.transcript("lost-1")).containsExactlyElementsOf(expected);
        // Healed in Redis itself, with its expiry: another replica (no memory of the call) reads all of it.
        assertThat(peek.lrange("realtime-processor:transcript:lost-1", 0, -1)).hasSize(4);
        assertThat(peek.ttl("realtime-processor:transcript:lost-1")).isPositive();
        assertThat(peek.ttl("realtime-processor:call:lost-1")).isPositive();
        assertThat(new CallStore(redis, clock).transcript("lost-1")).containsExactlyElementsOf(expected);
    }

    @Test
    void aTranscriptReadAfterTheLossWithoutAnotherWriteIsWhole() {
        store.create(call("lost-2"));
        store.append("lost-2", Utterance.caller("Hi"), Utterance.assistant("Hello"));
        STORES.flushRedis();

        assertThat(store.transcript("lost-2")).containsExactly(Utterance.caller("Hi"), Utterance.assistant("Hello"));
        assertThat(peek.llen("realtime-processor:transcript:lost-2")).isEqualTo(2);
    }

    @Test
    void aCallWhoseStateKeyIsGoneIsStillFoundAndWrittenBack() {
        CallState call = call("lost-3");
        store.create(call);
        peek.del("realtime-processor:call:lost-3");

        assertThat(store.find("lost-3")).contains(call);
        assertThat(peek.ttl("realtime-processor:call:lost-3")).isPositive();
        assertThat(new CallStore(redis, clock).find("lost-3")).contains(call);
    }

    @Test
    void aCallOfAnotherReplicaIsReadFromRedisAlone() {
        store.create(call("elsewhere"));
        store.append("elsewhere", Utterance.caller("Hi"), Utterance.assistant("Hello"));
        CallStore other = new CallStore(redis, clock);
        other.append("elsewhere", Utterance.caller("Still there?"), Utterance.assistant("Yes"));

        assertThat(other.transcript("elsewhere")).hasSize(4);
        STORES.flushRedis();
        assertThat(other.find("elsewhere")).isEmpty();
        assertThat(other.transcript("elsewhere")).isEmpty();
    }

    @Test
    void linesAnotherReplicaWroteWhileTheCallWasResumedThereAreKept() {
        store.create(call("moved"));
        store.append("moved", Utterance.caller("Hi"), Utterance.assistant("Hello"));
        new CallStore(redis, clock).append("moved", Utterance.caller("On the other replica"), Utterance.assistant("Yes"));
        store.append("moved", Utterance.caller("Back here"), Utterance.assistant("Fine"));

        List<Utterance> expected = List.of(Utterance.caller("Hi"), Utterance.assistant("Hello"), Utterance.caller("On the other replica"),
                Utterance.assistant("Yes"), Utterance.caller("Back here"), Utterance.assistant("Fine"));
        assertThat(store.transcript("moved")).containsExactlyElementsOf(expected);
        // And this replica's copy followed Redis: a loss now is healed with all six lines.
        STORES.flushRedis();
        assertThat(store.transcript("moved")).containsExactlyElementsOf(expected);
    }

    @Test
    void theLinesHeldHereAreThoseRedisAcknowledgedEvenAfterRedisLostThem() {
        store.create(call("held"));
        store.append("held", Utterance.caller("Hi"), Utterance.assistant("Hello"));
        STORES.flushRedis();

        assertThat(store.held("held")).containsExactly(Utterance.caller("Hi"), Utterance.assistant("Hello"));
        assertThat(store.held("never-here")).isEmpty();
    }

    @Test
    void aDeletedCallIsForgottenInMemoryToo() {
        store.create(call("done"));
        store.append("done", Utterance.caller("Bye"), Utterance.assistant("Goodbye"));
        store.delete("done");

        assertThat(store.find("done")).isEmpty();
        assertThat(store.transcript("done")).isEmpty();
        assertThat(peek.exists("realtime-processor:call:done")).isFalse();
    }

    @Test
    void aCallIsRememberedUntilTheRedisExpiryAfterItsLastWriteAndNoLonger() {
        store.create(call("old"));
        store.append("old", Utterance.caller("Hi"), Utterance.assistant("Hello"));
        clock.advance(CallStore.TTL.minusSeconds(1));
        STORES.flushRedis();
        assertThat(store.find("old")).isPresent();

        STORES.flushRedis();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.find("old")).isEmpty();
        assertThat(store.transcript("old")).isEmpty();
    }

    @Test
    void expiredCallsAreDroppedWhenANewCallStarts() {
        store.create(call("first"));
        clock.advance(CallStore.TTL);
        store.create(call("second"));

        assertThat(store.rememberedCalls()).isEqualTo(1);
    }

    private static CallState call(String callId) {
        return new CallState(callId, "user-1", "+4930600103", CallState.AI_ANSWER, "unknown-caller", false,
                Instant.parse("2026-11-30T12:00:00Z"));
    }

    /** A clock that moves only when the test says so. */
    private static final class SteppedClock extends Clock {
        private Instant now;

        SteppedClock(Instant start) {
            this.now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
