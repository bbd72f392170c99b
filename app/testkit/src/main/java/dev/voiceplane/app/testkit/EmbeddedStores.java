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

    private final EmbeddedPostgres postgres;
    private final RedisServer redis;
    private final int redisPort;
    private final Path dataDirectory;

    private EmbeddedStores(EmbeddedPostgres postgres, RedisServer redis, int redisPort, Path dataDirectory) {
        this.postgres = postgres;
        this.redis = redis;
        this.redisPort = redisPort;
        this.dataDirectory = dataDirectory;
    }

    /** The JVM's stores, started on the first call. */
    public static synchronized EmbeddedStores shared() {
        if (shared == null) {
            shared = start(0, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "embedded-stores-stop"));
        }
        return shared;
    }

    /** Starts a pair on the given ports (0 picks free ones). */
    public static EmbeddedStores start(int postgresPort, int redisPort) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // Throw-away data: durability settings only cost time here (initdb alone drops from ~4 s to ~1 s).
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            Path dataDirectory = PostgresDataDirectory.fresh();
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            if (postgresPort > 0) {
                builder.setPort(postgresPort);
            }
            EmbeddedPostgres postgres = builder.start();
            int port = redisPort > 0 ? redisPort : freePort();
            RedisServer redis = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    // Tests and the local run keep nothing between runs: no snapshots in the working directory.
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("dir " + System.getProperty("java.io.tmpdir"))
                    .build();
            redis.start();
            return new EmbeddedStores(postgres, redis, port, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL and Redis", e);
        }
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
        try (JedisPooled client = new JedisPooled("127.0.0.1", redisPort)) {
            client.flushAll();
        }
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
        PostgresDataDirectory.delete(dataDirectory);
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
