package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.objects;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.SystemName;
import org.junit.jupiter.api.Test;

/** Who may do what in each stack: every workload its own account, nothing cluster-wide but monitoring's discovery. */
class SystemAccessTest {

    @Test
    void everyServiceRunsAsItsOwnAccountWithoutAToken() {
        for (var spec : ServiceCatalog.of(SystemName.BHARATVOICE)) {
            ObjectNode d = objects("bharatvoice-production").stream()
                    .filter(o -> o.path("kind").asText().equals("Deployment") && o.at("/metadata/name").asText().equals(spec.name()))
                    .findFirst().orElseThrow();
            assertThat(d.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo(spec.name());
            assertThat(d.at("/spec/template/spec/automountServiceAccountToken").asBoolean()).isFalse();
        }
        for (ObjectNode sa : ofKind("bharatvoice-production", "ServiceAccount")) {
            String name = sa.at("/metadata/name").asText();
            if (!name.equals("prometheus") && !name.equals("promtail")) {
                assertThat(sa.path("automountServiceAccountToken").asBoolean(true)).as(name).isFalse();
            }
        }
    }

    @Test
    void onlyTheLocalSecretReaderGetsARoleOfOurs() {
        assertThat(ofKind("local", "Role")).extracting(o -> o.at("/metadata/name").asText()).contains("ai-ninja-vault-reader");
        assertThat(ofKind("bharatvoice-production", "Role")).extracting(o -> o.at("/metadata/name").asText())
                .doesNotContain("bharatvoice-vault-reader", "bharatvoice-backup", "postgres", "redis");
    }

    @Test
    void ourConstructsGrantNothingClusterWide() {
        for (String kind : new String[] {"ClusterRole", "ClusterRoleBinding"}) {
            assertThat(ofKind("bharatvoice-production", kind)).extracting(o -> o.at("/metadata/name").asText())
                    .allMatch(n -> n.startsWith("prometheus") || n.startsWith("promtail"));
        }
    }
}
