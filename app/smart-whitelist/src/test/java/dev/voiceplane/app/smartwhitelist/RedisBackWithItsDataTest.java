package dev.voiceplane.app.smartwhitelist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.embedded.RedisServer;

/**
 * Issue 10 (found by the fault suite): a list written while Redis is down, and Redis then back with
 * its data (append-only file, as a cache with persistence keeps it), must be decided from at once:
 * the snapshot cached before the write is stale and may not serve the next decision.
 */
class RedisBackWithItsDataTest {

    static final FakeProfileAnalytics ANALYTICS = new FakeProfileAnalytics();
    static final int REDIS_PORT = freePort();
    static final RedisServer REDIS = persistentRedis();

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("smart-whitelist", SmartWhitelistModule::new)
            .withEnv(Map.of(Env.urlOf("profile-analytics"), ANALYTICS.url(), Env.REDIS_PORT, Integer.toString(REDIS_PORT)));

    @AfterAll
    static void stopAll() throws IOException {
        ANALYTICS.close();
        REDIS.stop();
    }

    @Test
    void aBlockWrittenWhileRedisWasDownIsDecidedFromOnceRedisIsBackWithItsOldSnapshot() throws IOException {
        String token = SERVICE.token("rosa", Role.USER);
        assertThat(SERVICE.http().post("/api/users/rosa/entries", Map.of("number", "+4930200100", "kind", "ALLOW"), token).status())
                .isEqualTo(201);
        assertThat(decide("+4930200200").text("action")).isEqualTo("AI_ANSWER"); // caches the snapshot without the block

        REDIS.stop();
        assertThat(SERVICE.http().post("/api/users/rosa/entries", Map.of("number", "+4930200200", "kind", "BLOCK"), token).status())
                .isEqualTo(201);
        REDIS.start(); // with the append-only file: the old snapshot is back

        assertThat(decide("+4930200200").text("action")).isEqualTo("BLOCK");
    }

    private static TestResponse decide(String caller) {
        return SERVICE.http().post("/api/decisions", Map.of("userId", "rosa", "callerNumber", caller),
                SERVICE.token("realtime-processor", Role.SERVICE));
    }

    private static RedisServer persistentRedis() {
        try {
            Path dir = Files.createTempDirectory("redis-back-with-data");
            dir.toFile().deleteOnExit();
            RedisServer server = RedisServer.newRedisServer().port(REDIS_PORT).bind("127.0.0.1").setting("appendonly yes")
                    .setting("appendfsync always").setting("save \"\"").setting("dir " + dir).build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
