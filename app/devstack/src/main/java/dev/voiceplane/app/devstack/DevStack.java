package dev.voiceplane.app.devstack;

import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.catalog.SystemName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The local run: every service on this machine, on its catalog port, with one embedded PostgreSQL
 * and one embedded Redis — what the guide's docker-compose did, without a container engine.
 *
 * <pre>
 * mvn -B -q -pl app/devstack -am install -DskipTests &amp;&amp; mvn -B -q -pl app/devstack exec:java
 * </pre>
 *
 * Arguments: service names to start only those (default: all); {@code --keep-data} keeps
 * PostgreSQL's and Redis' data in {@link #KEPT_DATA} across runs ({@code --keep-data=DIR} elsewhere);
 * without it every run starts with empty stores and says so. PostgreSQL listens on 15432 and Redis on
 * 16379 so local tools can connect. Tokens signed with the local (non-production) key are written to
 * a file, not printed, for curl: {@code source <file>; curl -H "Authorization: Bearer $ADMIN_TOKEN" ...}.
 * Ctrl-C (or SIGTERM) stops the services first, each draining gracefully, then the stores.
 */
public final class DevStack {

    public static final int POSTGRES_PORT = 15432;
    public static final int REDIS_PORT = 16379;
    static final Duration TOKEN_TTL = Duration.ofHours(12);
    static final String KEEP_DATA = "--keep-data";
    /** Where {@code --keep-data} keeps the stores' data when no directory is given. */
    static final Path KEPT_DATA = Path.of(System.getProperty("user.home"), ".voiceplane", "devstack-data");

    private DevStack() {
    }

    /** The parsed command line: which services, and where to keep data (empty: fresh each run). */
    record Options(List<String> services, Optional<Path> keepData) {

        static Options parse(String... args) {
            List<String> services = new ArrayList<>();
            Optional<Path> keep = Optional.empty();
            for (String arg : args) {
                if (arg.equals(KEEP_DATA)) {
                    keep = Optional.of(KEPT_DATA);
                } else if (arg.startsWith(KEEP_DATA + "=")) {
                    keep = Optional.of(Path.of(arg.substring(KEEP_DATA.length() + 1)));
                } else if (arg.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option '" + arg + "'; options: " + KEEP_DATA + "[=DIR], then service names");
                } else {
                    services.add(arg);
                }
            }
            return new Options(List.copyOf(services), keep);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalRun run = LocalRun.start(POSTGRES_PORT, REDIS_PORT, options.services(), options.keepData());
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            run.close();
            stopped.countDown();
        };
        // On the signal itself, before the JVM's shutdown hooks (the embedded stores register their
        // own, which would stop PostgreSQL while services still drain); the hook covers other exits.
        for (String signal : List.of("INT", "TERM")) {
            Signal.handle(new Signal(signal), s -> new Thread(stop, "devstack-stop").start());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "devstack-stop-hook"));

        System.out.println("voiceplane local run: PostgreSQL 127.0.0.1:" + run.stores().postgresPort() + " (user postgres), Redis 127.0.0.1:"
                + run.stores().redisPort());
        System.out.println(run.keptIn().map(dir -> "Data is kept in " + dir + " across runs (" + KEEP_DATA + ").")
                .orElse("Data is fresh: PostgreSQL and Redis start empty and are deleted at exit; " + KEEP_DATA + " keeps them in "
                        + KEPT_DATA + "."));
        for (SystemName system : SystemName.values()) {
            System.out.println("  " + system.id() + " DATA_DIR " + LocalEnvironment.dataDirectory(system));
        }
        for (RunningService service : run.stack().services()) {
            System.out.printf("  %-24s %s  (%s/health/ready, %s/metrics)%n", service.spec().name(), service.url(), service.url(),
                    service.url());
        }
        System.out.println("Local tokens (valid " + TOKEN_TTL.toHours() + " h, local key only): " + writeTokens());
        System.out.println("Ctrl-C stops every service gracefully, then the stores.");
        stopped.await();
        System.out.println("stopped: " + String.join(", ", run.stopOrder()));
        System.exit(0);
    }

    /** Writes admin, user and service tokens (ai-ninja's) to an owner-only file and returns its path. */
    static Path writeTokens() {
        AccessTokens tokens = AccessTokens.forSystem(LocalEnvironment.ACCESS_SECRET, SystemName.AI_NINJA, Clock.systemUTC());
        AccessTokens bharatvoice = AccessTokens.forSystem(LocalEnvironment.ACCESS_SECRET, SystemName.BHARATVOICE, Clock.systemUTC());
        String content = "ADMIN_TOKEN=" + tokens.issue(new Principal("local-admin", Set.of(Role.ADMIN), ""), TOKEN_TTL) + "\n"
                + "USER_TOKEN=" + tokens.issue(new Principal("demo-user", Set.of(Role.USER), ""), TOKEN_TTL) + "\n"
                + "SERVICE_TOKEN=" + tokens.issue(new Principal("realtime-processor", Set.of(Role.SERVICE), ""), TOKEN_TTL) + "\n"
                + "BHARATVOICE_USER_TOKEN=" + bharatvoice.issue(new Principal("demo-user", Set.of(Role.USER), ""), TOKEN_TTL) + "\n";
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
