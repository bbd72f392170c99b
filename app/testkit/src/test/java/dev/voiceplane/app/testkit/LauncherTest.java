package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.runtime.ServiceLauncher;
import dev.voiceplane.app.core.runtime.ServiceRuntime;
import dev.voiceplane.catalog.Env;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherTest {

    private static Map<String, String> environment(String database) {
        EmbeddedStores stores = EmbeddedStores.shared();
        stores.recreateDatabase(database);
        return new HashMap<>(LocalEnvironment.forService(SampleService.SPEC, stores, database, 0));
    }

    @Test
    void migrateAppliesTheSchemaAndExitsZero() {
        Map<String, String> env = environment("launcher_migrate");
        assertThat(ServiceLauncher.run(SampleService.SPEC, new String[] {"migrate"}, env, SampleService::new)).isZero();
        assertThat(ServiceLauncher.migrate(SampleService.SPEC, env)).as("second run has nothing left to apply").isZero();
    }

    @Test
    void aServiceRefusesToStartOnASchemaThatIsBehind() {
        Map<String, String> env = environment("launcher_behind");
        assertThatThrownBy(() -> ServiceRuntime.start(SampleService.SPEC, env, new SampleService(), Clock.systemUTC()))
                .hasMessageContaining("run the image with the argument 'migrate' first");
    }

    @Test
    void aMissingRequiredVariableFailsFastNamingIt() {
        Map<String, String> env = environment("launcher_missing");
        env.remove(Env.DB_HOST);
        env.remove(Env.JWT_ACCESS_SECRET);
        assertThatThrownBy(() -> ServiceRuntime.start(SampleService.SPEC, env, new SampleService(), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DB_HOST (PostgreSQL host)")
                .hasMessageContaining("JWT_ACCESS_SECRET");
        assertThat(ServiceLauncher.run(SampleService.SPEC, new String[0], env, SampleService::new))
                .isEqualTo(ServiceLauncher.EXIT_BAD_CONFIGURATION);
    }

    @Test
    void anUnknownArgumentIsABadInvocation() {
        assertThat(ServiceLauncher.run(SampleService.SPEC, new String[] {"serve"}, Map.of(), SampleService::new))
                .isEqualTo(ServiceLauncher.EXIT_BAD_CONFIGURATION);
    }
}
