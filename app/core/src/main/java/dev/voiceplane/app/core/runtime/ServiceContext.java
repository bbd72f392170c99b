package dev.voiceplane.app.core.runtime;

import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.auth.TokenRevocations;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.core.db.Database;
import dev.voiceplane.app.core.http.ServiceClient;
import dev.voiceplane.app.core.observability.Tracing;
import dev.voiceplane.app.core.redis.RedisStore;
import dev.voiceplane.app.core.ws.WebSocketAuth;
import dev.voiceplane.catalog.Env;
import io.javalin.Javalin;
import io.javalin.websocket.WsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a {@link ServiceModule} builds on: configuration, stores, security, telemetry and the
 * Javalin app to add routes to. Stores the catalog does not declare for the service are absent,
 * and asking for one is a programming error that names the store.
 */
public final class ServiceContext {

    private final ServiceConfig config;
    private final Javalin app;
    private final MeterRegistry metrics;
    private final Tracing tracing;
    private final Database database;
    private final RedisStore redis;
    private final AccessTokens tokens;
    private final Clock clock;
    private final TokenRevocations revocations;
    private final CallBudgets budgets;
    private final List<ManagedTask> tasks = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Consumer<Duration>> drainHooks = new ArrayList<>();

    ServiceContext(ServiceConfig config, Javalin app, MeterRegistry metrics, Tracing tracing, Database database,
            RedisStore redis, AccessTokens tokens, Clock clock, TokenRevocations revocations, CallBudgets budgets) {
        this.revocations = revocations;
        this.budgets = budgets;
        this.config = config;
        this.app = app;
        this.metrics = metrics;
        this.tracing = tracing;
        this.database = database;
        this.redis = redis;
        this.tokens = tokens;
        this.clock = clock;
    }

    public ServiceConfig config() {
        return config;
    }

    /** The server; register routes with roles, e.g. {@code app().get(path, handler, Role.USER)}. */
    public Javalin app() {
        return app;
    }

    /** Where business metrics go; every meter is tagged with the service name. */
    public MeterRegistry metrics() {
        return metrics;
    }

    public Tracing tracing() {
        return tracing;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        if (database == null) {
            throw new IllegalStateException("service '" + config.serviceName() + "' does not use PostgreSQL in the catalog");
        }
        return database;
    }

    public RedisStore redis() {
        if (redis == null) {
            throw new IllegalStateException("service '" + config.serviceName() + "' does not use Redis in the catalog");
        }
        return redis;
    }

    public AccessTokens tokens() {
        if (tokens == null) {
            throw new IllegalStateException("service '" + config.serviceName() + "' declares no " + Env.JWT_ACCESS_SECRET);
        }
        return tokens;
    }

    /**
     * The system's list of users whose tokens are refused from now on (erased, demoted, signed out
     * everywhere); present when the service verifies tokens and uses Redis.
     */
    public TokenRevocations revocations() {
        if (revocations == null) {
            throw new IllegalStateException("service '" + config.serviceName() + "' has no token revocation list (needs "
                    + Env.JWT_ACCESS_SECRET + " and Redis)");
        }
        return revocations;
    }

    /**
     * A client for another service this one calls, at the URL the catalog's {@code <NAME>_URL} gives,
     * bounded by {@code timeout} (the production budget; see {@link #budget}).
     */
    public ServiceClient client(String calleeName, Duration timeout) {
        return new ServiceClient(config.url(Env.urlOf(calleeName)), tokens(), config.serviceName(),
                tracing.openTelemetry(), budget(calleeName, timeout), clock);
    }

    /**
     * The budget to apply to a network call named {@code call} whose production budget is
     * {@code production}: in a pod exactly {@code production}; under app-testkit raised to its floor
     * (see {@link CallBudgets}). Every wait a module puts on a network call of its own (a cloud API
     * client's timeout, say) goes through here, named after what it calls ({@code azure-openai}).
     */
    public Duration budget(String call, Duration production) {
        return budgets.apply(call, production);
    }

    /**
     * A WebSocket endpoint that requires a valid token with one of {@code roles} (any role when
     * empty). Sessions are closed with 1001 on shutdown.
     */
    public void websocket(String path, Set<Role> roles, Consumer<WsConfig> handlers) {
        WebSocketAuth auth = new WebSocketAuth(tokens(), roles, revocations);
        app.wsBeforeUpgrade(path, auth::beforeUpgrade);
        app.ws(path, handlers::accept);
    }

    /** Runs {@code task} beside the server: started after it listens, stopped after it drains. */
    public void addTask(ManagedTask task) {
        tasks.add(task);
    }

    /** Runs {@code round} every {@code interval} beside the server, first after {@code initialDelay}; see {@link PeriodicTask}. */
    public void every(String name, Duration initialDelay, Duration interval, Runnable round) {
        addTask(new PeriodicTask(name, initialDelay, interval, round));
    }

    /**
     * Runs first on shutdown, after readiness turns 503 and before WebSocket clients are told to go
     * away: lets a service finish work in flight on its sockets (a call's current turn) within the
     * given grace, so clients are closed between messages, not in the middle of one.
     */
    public void onDrain(Consumer<Duration> hook) {
        drainHooks.add(hook);
    }

    /** Closed on shutdown after tasks stop, in reverse order of registration. */
    public void closeOnShutdown(AutoCloseable closeable) {
        closeables.add(closeable);
    }

    List<ManagedTask> tasks() {
        return List.copyOf(tasks);
    }

    List<Consumer<Duration>> drainHooks() {
        return List.copyOf(drainHooks);
    }

    List<AutoCloseable> closeables() {
        return List.copyOf(closeables);
    }
}
