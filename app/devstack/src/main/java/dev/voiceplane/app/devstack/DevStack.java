package dev.voiceplane.app.devstack;

import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.app.testkit.LocalEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The local run: every service on this machine, on its catalog port, with one embedded PostgreSQL
 * and one embedded Redis — what the guide's docker-compose did, without a container engine.
 *
 * <pre>
 * mvn -B -q -pl app/devstack -am install -DskipTests &amp;&amp; mvn -B -q -pl app/devstack exec:java
 * </pre>
 *
 * Arguments: service names to start only those (default: all). PostgreSQL listens on 15432 and
 * Redis on 16379 so local tools can connect. Tokens signed with the local (non-production) key
 * are written to a file, not printed, for curl: {@code source <file>; curl -H "Authorization:
 * Bearer $ADMIN_TOKEN" ...}. Ctrl-C stops everything gracefully.
 */
public final class DevStack {

    public static final int POSTGRES_PORT = 15432;
    public static final int REDIS_PORT = 16379;
    static final Duration TOKEN_TTL = Duration.ofHours(12);

    private DevStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> only = Arrays.asList(args);
        EmbeddedStores stores = EmbeddedStores.start(POSTGRES_PORT, REDIS_PORT);
        LocalStack stack;
        try {
            stack = LocalStack.start(stores, only);
        } catch (RuntimeException e) {
            stores.stop();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stores.stop();
            stopped.countDown();
        }, "devstack-stop"));

        System.out.println("voiceplane local run: PostgreSQL 127.0.0.1:" + stores.postgresPort() + " (user postgres), Redis 127.0.0.1:"
                + stores.redisPort());
        for (RunningService service : stack.services()) {
            System.out.printf("  %-24s %s  (%s/health/ready, %s/metrics)%n", service.spec().name(), service.url(), service.url(),
                    service.url());
        }
        System.out.println("Local tokens (valid " + TOKEN_TTL.toHours() + " h, local key only): " + writeTokens());
        System.out.println("Ctrl-C stops every service gracefully.");
        stopped.await();
    }

    /** Writes admin, user and service tokens to an owner-only file and returns its path. */
    static Path writeTokens() {
        AccessTokens tokens = new AccessTokens(LocalEnvironment.ACCESS_SECRET, Clock.systemUTC());
        String content = "ADMIN_TOKEN=" + tokens.issue(new Principal("local-admin", Set.of(Role.ADMIN), ""), TOKEN_TTL) + "\n"
                + "USER_TOKEN=" + tokens.issue(new Principal("demo-user", Set.of(Role.USER), ""), TOKEN_TTL) + "\n"
                + "SERVICE_TOKEN=" + tokens.issue(new Principal("realtime-processor", Set.of(Role.SERVICE), ""), TOKEN_TTL) + "\n";
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "voiceplane-devstack");
            Files.createDirectories(dir);
            Path file = dir.resolve("tokens.env");
            Files.writeString(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local token file", e);
        }
    }
}
