package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LocalEnvironmentTest {

    @Test
    void theServicesOfASystemShareOneDataDirectorySoTheWorkerFindsTheAppsUploads() {
        for (SystemName system : SystemName.values()) {
            Set<String> directories = ServiceCatalog.of(system).stream()
                    .filter(spec -> spec.env().stream().anyMatch(v -> v.name().equals(Env.DATA_DIR)))
                    .map(spec -> LocalEnvironment.forService(spec, EmbeddedStores.shared(), "db", 0).get(Env.DATA_DIR))
                    .collect(Collectors.toSet());
            assertThat(directories).as(system.id()).hasSizeLessThanOrEqualTo(1);
        }
        ServiceSpec app = ServiceCatalog.get("bharatvoice-app");
        assertThat(LocalEnvironment.forService(app, EmbeddedStores.shared(), "db", 0).get(Env.DATA_DIR))
                .isEqualTo(LocalEnvironment.forService(ServiceCatalog.get("bharatvoice-worker"), EmbeddedStores.shared(), "db", 0)
                        .get(Env.DATA_DIR));
    }
}
