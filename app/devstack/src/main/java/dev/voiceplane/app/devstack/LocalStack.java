package dev.voiceplane.app.devstack;

import dev.voiceplane.app.core.runtime.CallBudgets;
import dev.voiceplane.app.core.runtime.ServiceLauncher;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.runtime.ServiceModuleProvider;
import dev.voiceplane.app.core.runtime.ServiceRuntime;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every service found on the classpath, each started the way the manifests start it: the
 * system's database (one per system, as the manifests give it), the {@code migrate} step, then the
 * service on its catalog port with the catalog's environment. Services come up callees first and go down in reverse.
 */
public final class LocalStack implements AutoCloseable {

    /** Where a stack's services listen. */
    public enum Ports {
        /** Each service on its catalog port: the local run, where tools, curl and the README find them. */
        CATALOG,
        /**
         * Each service on a free port, its callers pointed at it: a benchmark or test that must not
         * collide with a local run (or another build) holding the catalog ports.
         */
        FREE
    }

    private final EmbeddedStores stores;
    private final List<RunningService> services;
    private final LocalTelephony telephony;
    private final Ports ports;

    private LocalStack(EmbeddedStores stores, List<RunningService> services, LocalTelephony telephony, Ports ports) {
        this.stores = stores;
        this.services = services;
        this.telephony = telephony;
        this.ports = ports;
    }

    /**
     * The services whose modules are on the classpath, by catalog name, in dependency order: a
     * service after those it calls (catalog order otherwise), so callees are up before their
     * callers and, stopped in reverse, callers drain while their callees still answer.
     */
    public static Map<String, ServiceModuleProvider> available() {
        Map<String, ServiceModuleProvider> byName = new TreeMap<>();
        ServiceLoader.load(ServiceModuleProvider.class).forEach(p -> byName.put(p.serviceName(), p));
        Map<String, ServiceModuleProvider> ordered = new java.util.LinkedHashMap<>();
        for (ServiceSpec spec : dependencyOrder()) {
            if (byName.containsKey(spec.name())) {
                ordered.put(spec.name(), byName.remove(spec.name()));
            }
        }
        if (!byName.isEmpty()) {
            throw new IllegalStateException("service modules not in the catalog: " + byName.keySet());
        }
        return ordered;
    }

    /** Every catalog service after the services it calls, otherwise in catalog order. */
    static List<ServiceSpec> dependencyOrder() {
        java.util.LinkedHashSet<ServiceSpec> ordered = new java.util.LinkedHashSet<>();
        for (ServiceSpec spec : ServiceCatalog.all()) {
            visit(spec, ordered, new HashSet<>());
        }
        return List.copyOf(ordered);
    }

    private static void visit(ServiceSpec spec, java.util.LinkedHashSet<ServiceSpec> ordered, Set<String> path) {
        if (ordered.contains(spec) || !path.add(spec.name())) {
            return; // done, or a cycle (the catalog has none): keep catalog order
        }
        for (String callee : spec.calls()) {
            visit(ServiceCatalog.get(callee), ordered, path);
        }
        ordered.add(spec);
    }

    /** Starts {@code only} (every available service when empty) against {@code stores}, each system's database fresh. */
    public static LocalStack start(EmbeddedStores stores, List<String> only) {
        return start(stores, only, false);
    }

    /**
     * Starts {@code only} (every available service when empty) against {@code stores}. With
     * {@code keepData} a system's database is created only when missing and migrated forward;
     * otherwise it is dropped and created fresh.
     */
    public static LocalStack start(EmbeddedStores stores, List<String> only, boolean keepData) {
        return start(stores, only, keepData, CallBudgets.PRODUCTION);
    }

    /**
     * The same with the network budgets {@code budgets} decides: {@link CallBudgets#PRODUCTION} for the
     * local run, the fault suite and the benchmarks (they show what a pod does); a test floor for tests.
     */
    public static LocalStack start(EmbeddedStores stores, List<String> only, boolean keepData, CallBudgets budgets) {
        return start(stores, only, keepData, budgets, Ports.CATALOG);
    }

    /** Starts {@code only} with fresh databases and production budgets, listening as {@code ports} says: a benchmark's stack. */
    public static LocalStack start(EmbeddedStores stores, List<String> only, Ports ports) {
        return start(stores, only, false, CallBudgets.PRODUCTION, ports);
    }

    /** The same, listening as {@code ports} says (a test beside other builds: {@link Ports#FREE} with a test floor). */
    public static LocalStack start(EmbeddedStores stores, List<String> only, boolean keepData, CallBudgets budgets, Ports ports) {
        List<RunningService> running = new ArrayList<>();
        Set<String> freshDatabases = new HashSet<>();
        LocalTelephony telephony = new LocalTelephony();
        try {
            for (Map.Entry<String, ServiceModuleProvider> entry : available().entrySet()) {
                if (!only.isEmpty() && !only.contains(entry.getKey())) {
                    continue;
                }
                ServiceSpec spec = ServiceCatalog.get(entry.getKey());
                Map<String, String> env = new LinkedHashMap<>(wired(spec, stores, running, ports));
                env.putAll(telephony.environment(spec));
                ServiceModule module = telephony.configure(entry.getValue().create());
                if (spec.uses(DataStore.POSTGRES)) {
                    if (freshDatabases.add(databaseName(spec)) && !(keepData && stores.databaseExists(databaseName(spec)))) {
                        stores.recreateDatabase(databaseName(spec));
                    }
                    migrateSchemaOf(spec, module, env, budgets);
                }
                running.add(new RunningService(spec, ServiceRuntime.start(spec, env, module, Clock.systemUTC(), budgets)));
            }
        } catch (RuntimeException e) {
            stopAll(running, name -> { });
            telephony.close();
            throw e;
        }
        return new LocalStack(stores, List.copyOf(running), telephony, ports);
    }

    /**
     * Runs the migrations the service's tables come from, as the init container does: its own when
     * the catalog says it {@code migrates}, otherwise those of its schema owner (bharatvoice-worker
     * uses bharatvoice-app's tables). Idempotent.
     */
    public static void migrateSchemaOf(ServiceSpec spec, ServiceModule module, Map<String, String> env) {
        migrateSchemaOf(spec, module, env, CallBudgets.PRODUCTION);
    }

    /** The same with the database waits {@code budgets} gives. */
    public static void migrateSchemaOf(ServiceSpec spec, ServiceModule module, Map<String, String> env, CallBudgets budgets) {
        if (spec.migrates() || module.schemaOwner().isPresent()) {
            ServiceLauncher.migrate(spec, env, module.schemaOwner().orElse(spec.name()), budgets);
        }
    }

    /**
     * The environment the manifests would give {@code spec}, on its catalog port, its callees on
     * theirs, with the local stores. The local run's telephony (Twilio token, ACS stand-in) is not
     * part of it: a stack adds that for the realtime-processor it starts.
     */
    public static Map<String, String> environment(ServiceSpec spec, EmbeddedStores stores) {
        return LocalEnvironment.forService(spec, stores, databaseName(spec), spec.port());
    }

    /**
     * The environment of a service that joins this stack from outside it (a benchmark's own
     * realtime-processor): as {@link #environment(ServiceSpec, EmbeddedStores)}, its callees at this
     * stack's services, and on a free port when the stack's are.
     */
    public Map<String, String> environment(ServiceSpec spec) {
        return wired(spec, stores, services, ports);
    }

    private static Map<String, String> wired(ServiceSpec spec, EmbeddedStores stores, List<RunningService> running, Ports ports) {
        Map<String, String> env = new LinkedHashMap<>(environment(spec, stores));
        if (ports == Ports.FREE) {
            env.put(Env.PORT, "0");
            for (RunningService callee : running) {
                env.computeIfPresent(Env.urlOf(callee.spec().name()), (name, catalogUrl) -> callee.url());
            }
        }
        return env;
    }

    /** One database per system, as the manifests give it (DB_NAME is set per system). */
    static String databaseName(ServiceSpec spec) {
        return spec.system().id().replace('-', '_');
    }

    public List<RunningService> services() {
        return services;
    }

    public RunningService service(String name) {
        return services.stream().filter(s -> s.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("service '" + name + "' is not running"));
    }

    public EmbeddedStores stores() {
        return stores;
    }

    @Override
    public void close() {
        close(name -> { });
    }

    /** Stops every service in reverse start order, telling {@code stopped} each name as it goes, then the telephony stand-ins. */
    public void close(java.util.function.Consumer<String> stopped) {
        stopAll(services, stopped);
        telephony.close();
    }

    private static void stopAll(List<RunningService> running, java.util.function.Consumer<String> stopped) {
        List<RunningService> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        for (RunningService service : reversed) {
            service.runtime().stop();
            stopped.accept(service.spec().name());
        }
    }
}
