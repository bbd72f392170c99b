package dev.voiceplane.app.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.runtime.CallBudgets;
import dev.voiceplane.app.core.runtime.ServiceLauncher;
import dev.voiceplane.app.core.runtime.ServiceModuleProvider;
import dev.voiceplane.app.core.runtime.ServiceRuntime;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract between the services and the manifests, checked for every service module on the
 * classpath: started with exactly the environment the manifests give it (every catalog variable,
 * STACK values filled as the manifests fill them), it listens on the catalog port and serves the
 * catalog's probe paths and metrics path; without any one required variable it refuses to start
 * and names that variable; and a service the catalog marks {@code migrates} has a {@code migrate}
 * step that exits 0.
 */
class CatalogContractTest {

    static Stream<String> services() {
        return LocalStack.available().keySet().stream();
    }

    static final OtlpSink COLLECTOR = new OtlpSink();

    @BeforeAll
    static void freshSystemDatabases() {
        ServiceCatalog.all().stream().filter(s -> s.uses(DataStore.POSTGRES)).map(LocalStack::databaseName).distinct()
                .forEach(EmbeddedStores.shared()::recreateDatabase);
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.close();
    }

    /** What the manifests set: the local values, plus the telemetry endpoint the cluster's collector has. */
    private static Map<String, String> manifestEnvironment(ServiceSpec spec) {
        Map<String, String> env = new HashMap<>(LocalStack.environment(spec, EmbeddedStores.shared()));
        if (spec.env().stream().anyMatch(v -> v.name().equals(Env.OTEL_EXPORTER_OTLP_ENDPOINT))) {
            env.put(Env.OTEL_EXPORTER_OTLP_ENDPOINT, COLLECTOR.endpoint());
        }
        return env;
    }

    @Test
    void everyServiceModuleIsInTheCatalog() {
        assertThat(LocalStack.available()).isNotEmpty().containsKeys("user-management", "smart-whitelist", "profile-analytics");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void startedAsTheManifestsStartItTheServiceKeepsTheCatalogContract(String name) {
        ServiceSpec spec = ServiceCatalog.get(name);
        Map<String, String> env = manifestEnvironment(spec);
        assertThat(env.keySet()).as("the manifests set only what the catalog declares")
                .isSubsetOf(spec.env().stream().map(EnvVar::name).collect(Collectors.toSet()));
        if (spec.migrates()) {
            assertThat(ServiceLauncher.run(spec, new String[] {ServiceLauncher.MIGRATE}, env, provider(name)::create))
                    .as("'" + name + "' migrate exit code").isZero();
        } else if (spec.uses(DataStore.POSTGRES)) {
            LocalStack.migrateSchemaOf(spec, provider(name).create(), env);
        }
        int exportsBefore = COLLECTOR.exports.get();
        // Started as the manifests start it, except that its network waits get the testkit's floor: readiness
        // asks PostgreSQL and Redis, and a busy machine must not make a healthy service look unready.
        ServiceRuntime runtime = ServiceRuntime.start(spec, env, provider(name).create(), Clock.systemUTC(),
                CallBudgets.testFloor(ServiceUnderTest.BUDGET_FLOOR));
        try {
            assertThat(runtime.port()).isEqualTo(spec.port());
            TestHttp http = new TestHttp("http://127.0.0.1:" + spec.port());
            assertThat(http.get(spec.probes().live(), null).status()).as("liveness").isEqualTo(200);
            assertThat(http.get(spec.probes().ready(), null).status()).as("readiness").isEqualTo(200);
            assertThat(http.get(spec.probes().startup(), null).status()).as("startup").isEqualTo(200);
            assertThat(http.get(ServiceSpec.METRICS_PATH, null).raw()).contains("service=\"" + name + "\"")
                    .contains("http_server_requests_seconds_bucket");
        } finally {
            runtime.stop();
        }
        assertThat(COLLECTOR.exports.get()).as("trace exports to OTEL_EXPORTER_OTLP_ENDPOINT (flushed on shutdown)")
                .isGreaterThan(exportsBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void withoutARequiredVariableTheServiceFailsFastNamingIt(String name) {
        ServiceSpec spec = ServiceCatalog.get(name);
        for (EnvVar variable : spec.env()) {
            if (!variable.required()) {
                continue;
            }
            Map<String, String> env = manifestEnvironment(spec);
            env.remove(variable.name());
            assertThatThrownBy(() -> ServiceRuntime.start(spec, env, provider(name).create(), Clock.systemUTC()))
                    .as("start without " + variable.name())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(variable.name());
            assertThat(ServiceLauncher.run(spec, new String[0], env, provider(name)::create))
                    .isEqualTo(ServiceLauncher.EXIT_BAD_CONFIGURATION);
        }
    }

    private static ServiceModuleProvider provider(String name) {
        return LocalStack.available().get(name);
    }
}
