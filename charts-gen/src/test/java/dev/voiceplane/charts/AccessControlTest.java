package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.util.List;
import java.util.Map;
import org.cdk8s.Chart;
import org.cdk8s.plus33.k8s.PolicyRule;
import org.junit.jupiter.api.Test;

class AccessControlTest {
    private final Chart chart = Testing.chart();

    @Test
    void withoutRulesThereIsOnlyAnAccountThatMountsNoToken() {
        AccessControl access = new AccessControl(chart, "access", AccessControl.Props.builder("worker", "shop").build());
        assertThat(access.name()).isEqualTo("worker");
        ObjectNode account = object(chart, "ServiceAccount", "worker");
        assertThat(account.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(account.path("automountServiceAccountToken").asBoolean()).isFalse();
        assertThat(account.at("/metadata").has("annotations")).isFalse();
        assertThat(ofKind(chart, "Role")).isEmpty();
        assertThat(ofKind(chart, "RoleBinding")).isEmpty();
    }

    @Test
    void annotationsCarryTheCloudIdentityAndRulesGetANamespacedRoleBoundToTheAccountOnly() {
        PolicyRule read = PolicyRule.builder().apiGroups(List.of("")).resources(List.of("secrets")).resourceNames(List.of("one"))
                .verbs(List.of("get")).build();
        new AccessControl(chart, "access", AccessControl.Props.builder("reader", "shop")
                .annotations(Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/r")).rules(List.of(read)).build());
        assertThat(object(chart, "ServiceAccount", "reader").at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
                .isEqualTo("arn:aws:iam::111122223333:role/r");
        ObjectNode role = object(chart, "Role", "reader");
        assertThat(role.at("/rules/0/resourceNames/0").asText()).isEqualTo("one");
        ObjectNode binding = object(chart, "RoleBinding", "reader");
        assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
        assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("reader");
        assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("shop");
        assertThat(ofKind(chart, "ClusterRole")).isEmpty();
    }
}
