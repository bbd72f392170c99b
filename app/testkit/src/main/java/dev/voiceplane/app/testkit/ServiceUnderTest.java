package dev.voiceplane.app.testkit;

import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.runtime.CallBudgets;
import dev.voiceplane.app.core.runtime.ServiceLauncher;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.runtime.ServiceRuntime;
import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs one service for a test class against the JVM's shared embedded
 * PostgreSQL and Redis: a fresh database named after the class, migrations applied the way the
 * init container applies them, the service started on a free port with the catalog's environment.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServiceUnderTest SERVICE = ServiceUnderTest.of("smart-whitelist", WhitelistModule::new);
 * }</pre>
 *
 * <p>Every network budget the service applies (callees, PostgreSQL, Redis, cloud APIs) is raised to
 * {@link #BUDGET_FLOOR}: the production budgets (300 ms for a profile, 500 ms for a pooled
 * connection) are tuned to the call path, and a test against a local stub must not fail because a
 * busy machine answered late. A test of a budget itself states it with {@link #withBudget} and lets
 * a stub that never answers ({@link StubService#hang}) take the budget path.
 */
public final class ServiceUnderTest implements BeforeAllCallback, AfterAllCallback {

    /** The least any network budget of a service under test is: far above what a loaded 2-core machine needs. */
    public static final Duration BUDGET_FLOOR = Duration.ofSeconds(10);

    private final ServiceSpec spec;
    private final Supplier<ServiceModule> module;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Supplier<Path> dataDirectory;
    private CallBudgets budgets = CallBudgets.testFloor(BUDGET_FLOOR);
    private EmbeddedStores stores;
    private Map<String, String> environment;
    private ServiceRuntime runtime;
    private TestHttp http;
    private AccessTokens tokens;

    private ServiceUnderTest(ServiceSpec spec, Supplier<ServiceModule> module) {
        this.spec = spec;
        this.module = module;
    }

    public static ServiceUnderTest of(String serviceName, Supplier<ServiceModule> module) {
        return new ServiceUnderTest(ServiceCatalog.get(serviceName), module);
    }

    /** For a spec that is not in the catalog, such as the sample service core's own tests run. */
    public static ServiceUnderTest of(ServiceSpec spec, Supplier<ServiceModule> module) {
        return new ServiceUnderTest(spec, module);
    }

    /** Sets a variable differently from the local default, e.g. a callee's URL. */
    public ServiceUnderTest withEnv(String name, String value) {
        overrides.put(name, value);
        return this;
    }

    /** Sets several variables differently from the local default, e.g. a stub's endpoint and key. */
    public ServiceUnderTest withEnv(Map<String, String> variables) {
        overrides.putAll(variables);
        return this;
    }

    /**
     * Gives the service's {@code DATA_DIR} a directory of the test class's own, read when the class
     * starts: a static JUnit {@code @TempDir} field ({@code () -> dataDir}), which JUnit fills in
     * before this extension starts the service and deletes after it stopped it. Services of one
     * class that share a volume (app and worker) are given the same one. Required for a service
     * that declares {@code DATA_DIR}: {@link LocalEnvironment#dataDirectory} is one fixed directory
     * that every build on the machine would share.
     */
    public ServiceUnderTest withDataDirectory(Supplier<Path> directory) {
        this.dataDirectory = directory;
        return this;
    }

    /**
     * Gives {@code call} (a callee's catalog name, {@link CallBudgets#POSTGRES}, {@link CallBudgets#REDIS}
     * or a module's own call name) exactly {@code budget} instead of the floor: for a test of what the
     * service does when that call runs out of time. Assert the fallback, not how long it took.
     */
    public ServiceUnderTest withBudget(String call, Duration budget) {
        budgets = budgets.exactly(call, budget);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stores = EmbeddedStores.shared();
        stores.flushRedis();
        String database = (spec.name() + "_" + context.getRequiredTestClass().getSimpleName())
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        database = database.length() > 60 ? database.substring(0, 60) : database;
        environment = new LinkedHashMap<>(LocalEnvironment.forService(spec, stores, database, 0));
        if (environment.containsKey(Env.LOG_LEVEL)) {
            environment.put(Env.LOG_LEVEL, "WARN"); // tests assert on behaviour, not on log lines
        }
        environment.putAll(overrides);
        if (environment.containsKey(Env.DATA_DIR) && !overrides.containsKey(Env.DATA_DIR)) {
            if (dataDirectory == null || dataDirectory.get() == null) {
                throw new IllegalStateException(spec.name() + " in " + context.getRequiredTestClass().getSimpleName()
                        + " writes to DATA_DIR; give it a directory of its own: withDataDirectory(() -> dataDir) with a static @TempDir Path dataDir");
            }
            environment.put(Env.DATA_DIR, dataDirectory.get().toString());
        }
        if (spec.uses(DataStore.POSTGRES)) {
            stores.recreateDatabase(database);
            ServiceLauncher.migrate(spec, environment, module.get().schemaOwner().orElse(spec.name()), budgets);
        }
        tokens = AccessTokens.forSystem(LocalEnvironment.ACCESS_SECRET, spec.system(), Clock.systemUTC());
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Stops the running instance gracefully. */
    public void stop() {
        if (runtime != null) {
            runtime.stop();
            runtime = null;
        }
    }

    /** Starts a new instance on the same database and Redis, as after a pod restart. */
    public void start() {
        runtime = ServiceRuntime.start(spec, environment, module.get(), Clock.systemUTC(), budgets);
        http = new TestHttp("http://127.0.0.1:" + runtime.port());
    }

    public void restart() {
        stop();
        start();
    }

    public ServiceRuntime runtime() {
        return runtime;
    }

    public TestHttp http() {
        return http;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + runtime.port();
    }

    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public EmbeddedStores stores() {
        return stores;
    }

    /** Issues tokens of the service's system, signed with the local secret. */
    public AccessTokens tokens() {
        return tokens;
    }

    /** A valid access token for {@code subject} with {@code roles}, signed with the local secret. */
    public String token(String subject, Role... roles) {
        return tokens.issue(new Principal(subject, Set.of(roles), ""), Duration.ofMinutes(5));
    }
}
