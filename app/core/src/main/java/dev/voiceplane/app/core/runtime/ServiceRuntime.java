package dev.voiceplane.app.core.runtime;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Anyone;
import dev.voiceplane.app.core.auth.Probe;
import dev.voiceplane.app.core.auth.ClientAddress;
import dev.voiceplane.app.core.auth.RateLimiter;
import dev.voiceplane.app.core.auth.TokenRevocations;
import dev.voiceplane.app.core.auth.TrustedProxies;
import dev.voiceplane.app.core.http.BodyLimit;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.core.db.Database;
import dev.voiceplane.app.core.db.Migrations;
import dev.voiceplane.app.core.health.Health;
import dev.voiceplane.app.core.http.CorrelationId;
import dev.voiceplane.app.core.http.ErrorHandling;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.observability.HttpMetrics;
import dev.voiceplane.app.core.observability.LogLevels;
import dev.voiceplane.app.core.observability.Metrics;
import dev.voiceplane.app.core.observability.RequestTracing;
import dev.voiceplane.app.core.observability.Tracing;
import dev.voiceplane.app.core.redis.RedisStore;
import dev.voiceplane.app.core.ws.WebSocketSessions;
import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceSpec;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One running instance of a service: configuration checked, stores connected, the server listening
 * with security, health, metrics, traces and JSON errors in place, and the module's routes added.
 * {@link #stop()} shuts down gracefully: readiness turns 503, WebSocket clients are told to go
 * away, in-flight requests drain, background tasks stop, then stores close.
 */
public final class ServiceRuntime implements AutoCloseable {

    /** How long shutdown waits for in-flight requests and WebSockets; below Kubernetes' default 30 s grace. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

    private static final Duration IDLE_CONNECTION_SHUTDOWN = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);

    private final ServiceContext context;
    private final Health health;
    private final WebSocketSessions sessions;
    private final Metrics metrics;
    private final List<AutoCloseable> resources;
    private boolean stopped;

    private ServiceRuntime(ServiceContext context, Health health, WebSocketSessions sessions, Metrics metrics,
            List<AutoCloseable> resources) {
        this.context = context;
        this.health = health;
        this.sessions = sessions;
        this.metrics = metrics;
        this.resources = resources;
    }

    /** Starts {@code module} configured by {@code environment}; fails fast naming any bad variable. */
    public static ServiceRuntime start(ServiceSpec spec, Map<String, String> environment, ServiceModule module, Clock clock) {
        return start(spec, environment, module, clock, CallBudgets.PRODUCTION);
    }

    /**
     * The same with the network budgets {@code budgets} decides; {@link CallBudgets#PRODUCTION} except
     * in tests (app-testkit passes a floor so no test depends on how fast a busy machine answers).
     */
    public static ServiceRuntime start(ServiceSpec spec, Map<String, String> environment, ServiceModule module, Clock clock,
            CallBudgets budgets) {
        ServiceConfig config = ServiceConfig.load(spec, environment);
        LogLevels.apply(config.optional(Env.LOG_LEVEL));
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Metrics metrics = new Metrics(spec.name());
            resources.add(metrics);
            Tracing tracing = new Tracing(config.optional(Env.OTEL_SERVICE_NAME).orElse(spec.name()),
                    config.optional(Env.OTEL_EXPORTER_OTLP_ENDPOINT));
            resources.add(tracing);
            Health health = new Health();
            Set<DataStore> required = module.readinessRequires(spec.stores());
            Database database = null;
            if (spec.uses(DataStore.POSTGRES)) {
                database = Database.connect(config, module.databasePoolSize(), metrics.registry(), budgets);
                resources.add(database);
                Database started = database;
                Database.whileStarting(() -> new Migrations(started.dataSource(), module.schemaOwner().orElse(spec.name())).requireUpToDate());
                Database db = database;
                addCheck(health, required, DataStore.POSTGRES, module.writesToDatabase() ? db::writable : db::answers);
            }
            RedisStore redis = null;
            if (spec.uses(DataStore.REDIS)) {
                redis = RedisStore.connect(config, budgets);
                resources.add(redis);
                addCheck(health, required, DataStore.REDIS, redis::answers);
            }
            AccessTokens tokens = config.declares(Env.JWT_ACCESS_SECRET)
                    ? AccessTokens.forSystem(config.get(Env.JWT_ACCESS_SECRET), spec.system(), clock) : null;
            TokenRevocations revocations = tokens != null && redis != null ? new TokenRevocations(redis, tokens.audience(), clock) : null;
            RateLimiter limiter = redis != null && config.flag(Env.FEATURE_RATE_LIMITING_ENABLED, true)
                    ? new RateLimiter(redis, module.rateLimitPolicy(), clock, metrics.registry()) : null;
            TrustedProxies proxies = config.declares(Env.TRUSTED_PROXY_CIDRS) ? trustedProxies(config) : TrustedProxies.NONE;

            WebSocketSessions sessions = new WebSocketSessions(metrics.registry());
            HttpMetrics httpMetrics = new HttpMetrics(metrics.registry());
            RequestTracing requestTracing = new RequestTracing(tracing);
            Javalin app = Javalin.create(javalin -> {
                javalin.showJavalinBanner = false;
                javalin.startupWatcherEnabled = false;
                javalin.jetty.threadPool = new QueuedThreadPool(module.maxRequestThreads(), Math.min(8, module.maxRequestThreads()),
                        (int) Duration.ofMinutes(1).toMillis());
                javalin.jsonMapper(new JavalinJackson(Json.mapper(), false));
                // Javalin already puts a StatisticsHandler in front; a stop timeout makes Jetty wait for it to drain.
                javalin.jetty.modifyServer(server -> server.setStopTimeout(DRAIN_TIMEOUT.toMillis()));
                javalin.http.maxRequestSize = BodyLimit.DEFAULT_MAX_BYTES;
                javalin.jetty.modifyServletContextHandler(handler -> BodyLimit.install(handler, module::maxRequestBytes));
                javalin.requestLogger.http((ctx, millis) -> {
                    httpMetrics.record(ctx, millis);
                    requestTracing.finish(ctx);
                    if (ctx.statusCode() >= 500 || LOG.isDebugEnabled()) {
                        LOG.info("{} {} -> {} in {} ms", ctx.method(), HttpMetrics.route(ctx), ctx.statusCode(), Math.round(millis));
                    }
                    MDC.remove(CorrelationId.MDC_KEY);
                    MDC.remove(RequestTracing.MDC_KEY);
                });
                javalin.requestLogger.ws(sessions::track);
            });
            app.before(ctx -> {
                CorrelationId.assign(ctx);
                ClientAddress.assign(ctx, proxies);
                requestTracing.start(ctx);
            });
            AccessGuard guard = new AccessGuard(tokens, limiter, revocations, metrics.registry());
            app.beforeMatched(ctx -> {
                boolean open = ctx.routeRoles().contains(Anyone.ANYONE) || ctx.routeRoles().contains(Probe.PLATFORM);
                if (tokens == null && !open) {
                    throw new io.javalin.http.UnauthorizedResponse("this service accepts no tokens");
                }
                if (tokens != null) {
                    guard.check(ctx);
                }
            });
            ErrorHandling.install(app, metrics.registry());
            health.install(app, spec.probes());
            app.get(ServiceSpec.METRICS_PATH, ctx -> {
                // Prometheus scrapes the pod directly; a request the ingress forwarded is from the outside.
                if (proxies.trusts(ctx.ip())) {
                    throw new io.javalin.http.NotFoundResponse("no endpoint GET " + ctx.path());
                }
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
            }, Probe.PLATFORM);

            ServiceContext context = new ServiceContext(config, app, metrics.registry(), tracing, database, redis, tokens, clock,
                    revocations, budgets);
            module.install(context);
            httpMetrics.registerRoutes(app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                    .filter(route -> route.getEndpoint().getMethod().isHttpMethod())
                    .map(route -> new HttpMetrics.Route(route.getEndpoint().getMethod().name(), route.getEndpoint().getPath()))
                    .toList());
            app.start(config.httpPort());
            closeIdleConnectionsPromptlyOnShutdown(app);
            context.tasks().forEach(ManagedTask::start);
            LOG.info("service {} listening on port {}", spec.name(), app.port());
            if (!budgets.production()) {
                LOG.info("service {} runs with {}: for tests only", spec.name(), budgets);
            }
            return new ServiceRuntime(context, health, sessions, metrics, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static void addCheck(Health health, Set<DataStore> required, DataStore store, java.util.function.BooleanSupplier check) {
        if (required.contains(store)) {
            health.addCheck(store.id(), check);
        } else {
            health.addAdvisoryCheck(store.id(), check);
        }
    }

    private static TrustedProxies trustedProxies(ServiceConfig config) {
        try {
            return TrustedProxies.parse(config.optional(Env.TRUSTED_PROXY_CIDRS).orElse(""));
        } catch (IllegalArgumentException e) {
            throw new dev.voiceplane.app.core.config.ConfigException("environment variable " + Env.TRUSTED_PROXY_CIDRS + ": " + e.getMessage());
        }
    }

    public int port() {
        return context.app().port();
    }

    public ServiceContext context() {
        return context;
    }

    public Metrics metrics() {
        return metrics;
    }

    public int openWebSockets() {
        return sessions.count();
    }

    /** Graceful shutdown; safe to call twice (the SIGTERM hook and a test may both call it). */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        String name = context.config().serviceName();
        LOG.info("service {} shutting down: draining requests and WebSockets", name);
        health.startDraining();
        for (java.util.function.Consumer<Duration> hook : context.drainHooks()) {
            try {
                hook.accept(DRAIN_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("a drain hook failed: {}", e.toString());
            }
        }
        sessions.closeAll("server shutting down", DRAIN_TIMEOUT);
        context.app().stop();
        for (ManagedTask task : context.tasks()) {
            try {
                task.stop(DRAIN_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("task {} did not stop cleanly: {}", task.name(), e.toString());
            }
        }
        List<AutoCloseable> all = new ArrayList<>(resources);
        all.addAll(context.closeables());
        closeAll(all);
        LOG.info("service {} stopped", name);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Jetty waits {@code shutdownIdleTimeout} (1 s by default) before closing idle keep-alive
     * connections during a graceful stop. Requests in flight are not idle and still drain fully;
     * an idle connection has nothing to drain, so there is no reason to wait for it.
     */
    private static void closeIdleConnectionsPromptlyOnShutdown(Javalin app) {
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector jettyConnector) {
                jettyConnector.setShutdownIdleTimeout(IDLE_CONNECTION_SHUTDOWN.toMillis());
            }
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
