package dev.voiceplane.app.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.core.runtime.CallBudgets;
import dev.voiceplane.catalog.Env;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * The service's PostgreSQL database: a HikariCP pool with Jdbi on top. Connection settings come
 * from the catalog's {@code DB_*} variables; the password never leaves this class.
 */
public final class Database implements AutoCloseable {

    /** Pool size when a service does not ask for another; PostgreSQL is shared by many replicas. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /**
     * How long a request waits for a connection before the database counts as unavailable. Well
     * inside the call path's budget (PROCESSING_PIPELINE_TIMEOUT, 1500 ms): with the database
     * unreachable a decision must still fall back and answer in time, which a 5 s wait (Hikari's
     * usual 30 s, or the earlier 5 s equal to the whole budget) made impossible. Hikari's floor is 250 ms.
     */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(500);
    /**
     * How long the start-up schema check keeps trying when no connection comes within
     * {@link #CONNECTION_TIMEOUT} (opening the first connections on a loaded machine can take longer;
     * Hikari reads its timeout once, so the pool cannot start with a longer one and shorten it).
     */
    public static final Duration STARTUP_PATIENCE = Duration.ofSeconds(30);
    /** How long checking a pooled connection may take (Hikari's floor is 250 ms). */
    public static final Duration VALIDATION_TIMEOUT = Duration.ofMillis(400);
    /** pgjdbc's own timeouts are whole seconds: opening a socket, and a read on a dead connection. */
    static final int CONNECT_TIMEOUT_SECONDS = 1;
    static final int SOCKET_TIMEOUT_SECONDS = 30;

    /** How long readiness waits for a trivial query (whole seconds, as JDBC's isValid takes them). */
    static final Duration READINESS_TIMEOUT = Duration.ofSeconds(1);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final int readinessSeconds;

    private Database(HikariDataSource dataSource, int readinessSeconds) {
        this.dataSource = dataSource;
        this.readinessSeconds = readinessSeconds;
        this.jdbi = Jdbi.create(dataSource);
        // Failed statements end up in error logs: never with their bound values (password hashes,
        // TOTP seeds, phone numbers, transcripts). SHORT_STATEMENT, used before, lists the arguments
        // too; NONE keeps the database's message, whose quoted values LogSafe blanks.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    /** Opens a pool; fails fast (within the connection timeout) when the database does not answer. */
    public static Database connect(ServiceConfig config, int poolSize, MeterRegistry metrics) {
        return connect(config, poolSize, metrics, CallBudgets.PRODUCTION);
    }

    /** The same with the waits {@code budgets} gives {@link CallBudgets#POSTGRES} (tests raise them to a floor). */
    public static Database connect(ServiceConfig config, int poolSize, MeterRegistry metrics, CallBudgets budgets) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(config.serviceName() + "-db");
        hikari.setJdbcUrl(jdbcUrl(config, wholeSeconds(budgets.apply(CallBudgets.POSTGRES, Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS)))));
        hikari.setUsername(config.get(Env.DB_USERNAME));
        hikari.setPassword(config.get(Env.DB_PASSWORD));
        hikari.setMaximumPoolSize(poolSize);
        hikari.setConnectionTimeout(budgets.apply(CallBudgets.POSTGRES, CONNECTION_TIMEOUT).toMillis());
        hikari.setValidationTimeout(budgets.apply(CallBudgets.POSTGRES, VALIDATION_TIMEOUT).toMillis());
        // A pool that cannot reach the database at start-up should fail the start, not the first request.
        hikari.setInitializationFailTimeout(Duration.ofSeconds(10).toMillis());
        if (metrics != null) {
            hikari.setMetricRegistry(metrics);
        }
        return new Database(new HikariDataSource(hikari), wholeSeconds(budgets.apply(CallBudgets.POSTGRES, READINESS_TIMEOUT)));
    }

    private static int wholeSeconds(Duration budget) {
        return (int) Math.max(1, (budget.toMillis() + 999) / 1000);
    }

    public static String jdbcUrl(ServiceConfig config) {
        return jdbcUrl(config, CONNECT_TIMEOUT_SECONDS);
    }

    private static String jdbcUrl(ServiceConfig config, int connectTimeoutSeconds) {
        return "jdbc:postgresql://" + config.get(Env.DB_HOST) + ":" + config.port(Env.DB_PORT) + "/" + config.get(Env.DB_NAME)
                + "?ApplicationName=" + config.serviceName()
                // The server's "Detail:" lines quote row values (e.g. a duplicate key's email); keep them out of logs.
                + "&logServerErrorDetail=false"
                + "&connectTimeout=" + connectTimeoutSeconds
                // A server that vanished without closing its sockets must not hold a thread for the TCP timeout (minutes).
                + "&socketTimeout=" + SOCKET_TIMEOUT_SECONDS;
    }

    /** Runs {@code step} (the schema check), trying again while connections are not yet to be had, for {@link #STARTUP_PATIENCE}. */
    public static void whileStarting(Runnable step) {
        long deadline = System.nanoTime() + STARTUP_PATIENCE.toNanos();
        while (true) {
            try {
                step.run();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || dev.voiceplane.app.core.http.StoreOutage.of(e).isEmpty()
                        && !String.valueOf(e.getMessage()).contains("Connection is not available")) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether the database answers a trivial query within {@link #READINESS_TIMEOUT}; used by readiness. */
    public boolean answers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(readinessSeconds);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Whether the database takes writes: false on a read-only server (a replica, or a primary
     * demoted during failover). A service that writes is not ready on one: every write would fail.
     */
    public boolean writable() {
        try (Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet result = statement.executeQuery("SHOW transaction_read_only")) {
            return result.next() && "off".equals(result.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
