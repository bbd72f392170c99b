package dev.voiceplane.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.stack.StackConfigParser;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.App;
import org.junit.jupiter.api.Test;

/** Cloud identities bound to one hand-made service's account and pods, its neighbour left alone. */
class WorkloadIdentityBindingTest {
    private static final ServiceSpec CALLS = ServiceSpec.builder(SystemName.AI_NINJA, "calls").port(8081).build();
    private static final ServiceSpec SEARCH = ServiceSpec.builder(SystemName.AI_NINJA, "search").port(8082).build();
    private final ComponentCharts charts = new ComponentCharts(new App(), StackConfigParser.parse("test", "bare", """
            config:
              voiceplane:system: ai-ninja
              voiceplane:environment: local
              voiceplane:cloud: none
            """));
    private final Microservice calls = service(CALLS);

    private Microservice service(ServiceSpec spec) {
        return new Microservice(charts.get(Component.CORE_SERVICES), spec.name(), Microservice.Props.builder(spec, "shop", spec.name() + ":1.0")
                .stackValues(Map.of(Env.PORT, Integer.toString(spec.port()), Env.SERVICE_NAME, spec.name())).configMapName("shop-config")
                .placement(charts).build());
    }

    private JsonNode object(Component component, String kind, String name) {
        return Testing.object(charts.get(component), kind, name);
    }

    @Test
    void anAzureIdentityAnnotatesTheAccountAndLabelsOnlyThatServicesPodsForTheWebhook() {
        service(SEARCH);
        WorkloadIdentityBinding.bind(charts, calls, "calls", "cid-calls");
        assertThat(object(Component.CONFIG_SECURITY, "ServiceAccount", "calls").at("/metadata/annotations").path(WorkloadIdentityBinding.CLIENT_ID)
                .asText()).isEqualTo("cid-calls");
        assertThat(object(Component.CORE_SERVICES, "Deployment", "calls").at("/spec/template/metadata/labels").path(WorkloadIdentityBinding.USE)
                .asText()).isEqualTo("true");
        // The webhook reads the label from the pods, never from the selector, which must not change.
        assertThat(object(Component.CORE_SERVICES, "Deployment", "calls").at("/spec/selector/matchLabels").has(WorkloadIdentityBinding.USE)).isFalse();
        assertThat(object(Component.CONFIG_SECURITY, "ServiceAccount", "search").at("/metadata/annotations").has(WorkloadIdentityBinding.CLIENT_ID))
                .isFalse();
        assertThat(object(Component.CORE_SERVICES, "Deployment", "search").at("/spec/template/metadata/labels").has(WorkloadIdentityBinding.USE))
                .isFalse();
    }

    /** IRSA needs no pod label: EKS's webhook selects the pods by their account's annotation. */
    @Test
    void anIamRoleAnnotatesTheAccountOnly() {
        WorkloadIdentityBinding.bindRole(charts, calls, "calls", "arn:aws:iam::111122223333:role/calls");
        assertThat(object(Component.CONFIG_SECURITY, "ServiceAccount", "calls").at("/metadata/annotations").path(WorkloadIdentityBinding.AWS_ROLE_ARN)
                .asText()).isEqualTo("arn:aws:iam::111122223333:role/calls");
        assertThat(object(Component.CORE_SERVICES, "Deployment", "calls").at("/spec/template/metadata/labels").has(WorkloadIdentityBinding.USE))
                .isFalse();
    }

    @Test
    void anUnknownServiceAnEmptyClientIdAndSomethingNotARoleArnAreRefused() {
        assertThatThrownBy(() -> WorkloadIdentityBinding.bind(charts, null, "no-such-service", "cid"))
                .hasMessage("no service 'no-such-service' in the system to bind a workload identity to");
        assertThatThrownBy(() -> WorkloadIdentityBinding.bind(charts, calls, "calls", " "))
                .hasMessage("service 'calls': empty workload identity client id");
        assertThatThrownBy(() -> WorkloadIdentityBinding.bindRole(charts, null, "no-such-service", "arn:aws:iam::1:role/x"))
                .hasMessage("no service 'no-such-service' in the system to bind an IAM role to");
        assertThatThrownBy(() -> WorkloadIdentityBinding.bindRole(charts, calls, "calls", "calls-role"))
                .hasMessage("service 'calls': 'calls-role' is not an IAM role ARN");
    }
}
