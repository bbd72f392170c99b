package dev.voiceplane.app.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.embedded.RedisServer;

/**
 * One real PostgreSQL and one real Redis per JVM, started on first use on free loopback ports and
 * stopped when the JVM exits. Each test class (and each service of the local run) gets a database
 * of its own in the shared PostgreSQL, so nothing leaks between them and nothing starts twice.
 */
public final class EmbeddedStores {

    public static final String DB_USER = "postgres";
    /** The embedded server trusts loopback connections; the value only has to be non-empty for the catalog. */
    public static final String DB_PASSWORD = "local";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private static EmbeddedStores shared;

    private volatile EmbeddedPostgres postgres;
    private final RedisServer redis;
    private final int redisPort;
    private final Path dataDirectory;
    private final boolean kept;

    private EmbeddedStores(EmbeddedPostgres postgres, RedisServer redis, int redisPort, Path dataDirectory, boolean kept) {
        this.postgres = postgres;
        this.redis = redis;
        this.redisPort = redisPort;
        this.dataDirectory = dataDirectory;
        this.kept = kept;
    }

    /** The JVM's stores, started on the first call. */
    public static synchronized EmbeddedStores shared() {
        if (shared == null) {
            shared = start(0, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "embedded-stores-stop"));
        }
        return shared;
    }

    /** Starts a pair on the given ports (0 picks free ones) with fresh data, deleted when they stop. */
    public static EmbeddedStores start(int postgresPort, int redisPort) {
        return start(postgresPort, redisPort, null);
    }

    /**
     * Starts a pair on the given ports (0 picks free ones). With {@code keepDataIn} set, PostgreSQL's
     * data directory ({@code <keepDataIn>/postgres}) and Redis' append-only file ({@code <keepDataIn>/redis})
     * live there and survive a stop: the next start finds them (the local run's {@code --keep-data}).
     * Otherwise the data is fresh and deleted when the stores stop.
     */
    public static EmbeddedStores start(int postgresPort, int redisPort, Path keepDataIn) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (keepDataIn == null) {
                // Throw-away data: durability settings only cost time here (initdb alone drops from ~4 s to ~1 s).
                builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            Path dataDirectory = keepDataIn == null ? PostgresDataDirectory.fresh() : PostgresDataDirectory.kept(keepDataIn.resolve("postgres"));
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            if (postgresPort > 0) {
                builder.setPort(postgresPort);
            }
            EmbeddedPostgres postgres = builder.start();
            int port = redisPort > 0 ? redisPort : freePort();
            RedisServer redis = redisServer(port, keepDataIn);
            redis.start();
            return new EmbeddedStores(postgres, redis, port, dataDirectory, keepDataIn != null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL and Redis", e);
        }
    }

    private static RedisServer redisServer(int port, Path keepDataIn) throws IOException {
        var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"");
        if (keepDataIn == null) {
            // Tests and the default local run keep nothing between runs: no snapshots anywhere.
            return builder.setting("appendonly no").setting("dir " + System.getProperty("java.io.tmpdir")).build();
        }
        Path dir = java.nio.file.Files.createDirectories(keepDataIn.resolve("redis"));
        // Every write logged and synced each second: a stopped local run comes back with its queues and caches.
        return builder.setting("appendonly yes").setting("appendfsync everysec").setting("dir " + dir).build();
    }

    /** Whether the data survives {@link #stop()}. */
    public boolean keepsData() {
        return kept;
    }

    /** Stops Redis only (the fault suite's outage); {@link #startRedis()} brings it back on the same port. */
    public synchronized void stopRedis() {
        try {
            redis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop Redis", e);
        }
    }

    public synchronized void startRedis() {
        try {
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Redis again", e);
        }
    }

    /** Whether a database exists; the local run with kept data creates a system's database only once. */
    public boolean databaseExists(String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            return statement.executeQuery().next();
        } catch (SQLException e) {
            throw new IllegalStateException("could not list databases", e);
        }
    }

    /** Stops PostgreSQL only (the fault suite's outage); {@link #startPostgres()} brings it back on the same port and data. */
    public synchronized void stopPostgres() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL", e);
        }
    }

    public synchronized void startPostgres() {
        int port = postgres.getPort();
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port)
                    .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL again", e);
        }
    }

    public Path postgresDataDirectory() {
        return dataDirectory;
    }

    public int postgresPort() {
        return postgres.getPort();
    }

    public int redisPort() {
        return redisPort;
    }

    /** Creates an empty database (dropping any left from an earlier run of this JVM). */
    public void recreateDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name '" + name + "' must match " + DATABASE_NAME);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /** Empties Redis: each test class starts without caches, counters or queues of the one before. */
    public void flushRedis() {
        try (JedisPooled client = redisClient()) {
            client.flushAll();
        }
    }

    /**
     * A client of this Redis for a test's own reads and writes. Its waits (connecting, an answer) are
     * {@link ServiceUnderTest#BUDGET_FLOOR}, not Jedis' default 2 s: a busy machine must not fail a test.
     */
    public JedisPooled redisClient() {
        int millis = (int) ServiceUnderTest.BUDGET_FLOOR.toMillis();
        return new JedisPooled(new HostAndPort("127.0.0.1", redisPort),
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(millis).socketTimeoutMillis(millis).build());
    }

    public synchronized void stop() {
        try {
            redis.stop();
        } catch (IOException e) {
            // The process is going away anyway; nothing left to release.
        }
        try {
            postgres.close();
        } catch (IOException e) {
            // Same: the data directory is temporary.
        }
        if (!kept) {
            PostgresDataDirectory.delete(dataDirectory);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
